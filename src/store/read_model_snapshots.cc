#include "store/read_model_snapshots.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "store/audit_chain.h"

namespace thads {
namespace {

bool table_exists(Db& db) {
  const std::string sql =
      db.dialect() == Dialect::sqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'read_model_snapshots'"
          : "SELECT count(*) FROM information_schema.tables WHERE table_name = 'read_model_snapshots' "
            "AND table_schema = current_schema()";
  auto r = db.one(sql);
  return r && r->i(0) > 0;
}

// The chain hash of the journal entry at `pos` (the genesis hash for 0);
// empty when the journal holds no such entry.
std::string chain_hash_at(Db& db, int64_t pos) {
  if (pos == 0) return genesis_hash();
  auto r = db.one("SELECT hash FROM journal WHERE pos = ?", {pos});
  return r ? r->s(0) : std::string();
}

int64_t head_position(Db& db) {
  auto r = db.one("SELECT value FROM meta WHERE key = 'chain_head'");
  if (!r) return 0;
  const std::string v = r->s(0);
  try {
    return std::stoll(v.substr(0, v.find(' ')));
  } catch (const std::exception&) {
    return -1;
  }
}

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

bool from_hex(const std::string& hex, std::string& out) {
  const size_t start = out.size();
  out.resize(start + hex.size() / 2);
  size_t len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data() + start), hex.size() / 2, hex.data(), hex.size(),
                     nullptr, &len, nullptr) != 0 ||
      len != hex.size() / 2) {
    out.resize(start);
    return false;
  }
  return true;
}

}  // namespace

std::string snapshot_checksum(std::string_view bytes) {
  static const int ready = sodium_init();
  if (ready < 0) throw StoreError("libsodium cannot be initialised");
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return to_hex(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

SnapshotRead read_snapshot(Db& db, const std::string& name) {
  SnapshotRead out;
  if (!table_exists(db)) {
    out.why = "none (the store has no snapshot table yet)";
    return out;
  }
  const bool pg = db.dialect() == Dialect::postgres;
  size_t bytes_total = 0;
  const std::string sql = std::string("SELECT part, parts, format, pos, chain_hash, checksum, ") +
                          (pg ? "encode(data, 'hex')" : "data") +
                          " FROM read_model_snapshots WHERE name = ? ORDER BY part";
  // The blob's memory at once, of the size the parts really have (a length
  // is read without the bytes).
  if (auto n = db.one("SELECT coalesce(sum(length(data)), 0) FROM read_model_snapshots WHERE name = ?", {name}))
    if (n->i(0) > 0) bytes_total = static_cast<size_t>(n->i(0));
  int64_t expect = 0, parts = -1;
  std::string chain, checksum;
  StoredSnapshot& s = out.snapshot;
  s.blob.reserve(bytes_total);
  bool whole = true;
  db.run(sql, {name}, [&](const Row& r) {
    if (!whole) return;
    if (r.null(0) || r.null(6)) {
      whole = false;
      return;
    }
    if (expect == 0) {
      parts = r.i(1);
      s.format = r.i(2);
      s.pos = r.i(3);
      chain = r.s(4);
      checksum = r.s(5);
    } else if (r.i(1) != parts || r.i(2) != s.format || r.i(3) != s.pos || r.s(4) != chain || r.s(5) != checksum) {
      whole = false;
      return;
    }
    if (r.i(0) != expect++) {
      whole = false;
      return;
    }
    if (pg) {
      if (!from_hex(r.s(6), s.blob)) whole = false;
    } else if (const auto* bytes = std::get_if<std::string>(&r.cols[6])) {
      s.blob += *bytes;
    } else {
      whole = false;
    }
  });
  if (expect == 0) {
    out.why = "none";
    return out;
  }
  if (!whole || expect != parts) {
    out.why = "its parts do not agree or one is missing";
    return out;
  }
  if (snapshot_checksum(s.blob) != checksum) {
    out.why = "its checksum does not match its content";
    return out;
  }
  const int64_t head = head_position(db);
  if (s.pos < 0 || s.pos > head) {
    out.why = "its position " + std::to_string(s.pos) + " is past the journal's head " + std::to_string(head);
    return out;
  }
  if (chain_hash_at(db, s.pos) != chain) {
    out.why = "the journal entry at its position " + std::to_string(s.pos) + " is not the one it was made from";
    return out;
  }
  out.ok = true;
  return out;
}

SnapshotRead read_snapshot(Db& db, const std::string& name, int64_t format) {
  SnapshotRead r = read_snapshot(db, name);
  if (r.ok && r.snapshot.format != format) {
    r.ok = false;
    r.why = "its format " + std::to_string(r.snapshot.format) + " is not " + std::to_string(format);
  }
  return r;
}

bool write_snapshot(Db& db, const std::string& name, const StoredSnapshot& s) {
  db.begin_write();
  try {
    const std::string chain = chain_hash_at(db, s.pos);
    if (chain.empty() || s.pos > head_position(db)) {
      db.rollback();
      return false;
    }
    const std::string checksum = snapshot_checksum(s.blob);
    db.run("DELETE FROM read_model_snapshots WHERE name = ?", {name});
    const bool pg = db.dialect() == Dialect::postgres;
    const std::string sql = std::string(
                                "INSERT INTO read_model_snapshots (name, part, parts, format, pos, chain_hash, "
                                "checksum, data) VALUES (?, ?, ?, ?, ?, ?, ?, ") +
                            (pg ? "decode(?, 'hex'))" : "CAST(? AS BLOB))");
    const size_t n = s.blob.empty() ? 1 : (s.blob.size() + kSnapshotPartBytes - 1) / kSnapshotPartBytes;
    for (size_t k = 0; k < n; ++k) {
      const std::string_view part = std::string_view(s.blob).substr(std::min(s.blob.size(), k * kSnapshotPartBytes),
                                                                    kSnapshotPartBytes);
      db.run(sql, {name, static_cast<int64_t>(k), static_cast<int64_t>(n), s.format, s.pos, chain, checksum,
                   pg ? to_hex(part) : std::string(part)});
    }
    db.commit();
    return true;
  } catch (...) {
    db.rollback();
    throw;
  }
}

void delete_snapshots(Db& db) { db.run("DELETE FROM read_model_snapshots", {}); }

}  // namespace thads
