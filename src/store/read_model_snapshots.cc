#include "store/read_model_snapshots.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <vector>
#include <stdexcept>

#include "store/audit_chain.h"
#include "store/large_blocks.h"

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

}  // namespace

std::string snapshot_checksum(std::string_view bytes) {
  static const int ready = sodium_init();
  if (ready < 0) throw StoreError("libsodium cannot be initialised");
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return to_hex(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

namespace {

SnapshotRead read_parts(Db& db, const std::string& name) {
  SnapshotRead out;
  if (!table_exists(db)) {
    out.why = "none (the store has no snapshot table yet)";
    return out;
  }
  // First the parts' headers and lengths (a length is read without the
  // bytes): they must agree, and they size the blob, allocated once.
  int64_t expect = 0, parts = -1;
  std::string chain, checksum;
  StoredSnapshot& s = out.snapshot;
  std::vector<size_t> offset;  // where each part's bytes go
  size_t total = 0;
  bool whole = true;
  db.run("SELECT part, parts, format, pos, chain_hash, checksum, length(data) FROM read_model_snapshots "
         "WHERE name = ? ORDER BY part",
         {name}, [&](const Row& r) {
           if (!whole) return;
           if (r.null(6) || r.i(6) < 0) {
             whole = false;
             return;
           }
           if (expect == 0) {
             parts = r.i(1);
             s.format = r.i(2);
             s.pos = r.i(3);
             chain = r.s(4);
             checksum = r.s(5);
           } else if (r.i(1) != parts || r.i(2) != s.format || r.i(3) != s.pos || r.s(4) != chain ||
                      r.s(5) != checksum) {
             whole = false;
             return;
           }
           if (r.i(0) != expect++) {
             whole = false;
             return;
           }
           offset.push_back(total);
           total += static_cast<size_t>(r.i(6));
         });
  if (expect == 0) {
    out.why = "none";
    return out;
  }
  if (!whole || expect != parts) {
    out.why = "its parts do not agree or one is missing";
    return out;
  }
  // Then the bytes, each part copied once into its place and hashed while
  // it is still in the cache. A part whose length changed, or a part that
  // appeared, fails the read (the reader's transaction makes both
  // impossible short of a broken store).
  s.blob.resize(total);
  // SQLite reads the blob's pages through its page cache: a cache as large
  // as the store's (cache_size, store/sqlite_db.cc) allocates a new page
  // for each of them, tens of thousands of allocations and page faults for
  // a national store. A small cache for this one read recycles its pages.
  struct SmallCache {
    Db& db;
    std::string before;
    explicit SmallCache(Db& d) : db(d) {
      if (db.dialect() != Dialect::sqlite) return;
      if (auto r = db.one("PRAGMA cache_size")) before = r->s(0);
      db.exec("PRAGMA cache_size=-1024");
    }
    ~SmallCache() {
      if (before.empty()) return;
      try {
        db.exec("PRAGMA cache_size=" + std::to_string(std::stoll(before)));
      } catch (...) {  // the cache's size is not the store's state: nothing to undo
      }
    }
  } small_cache(db);
  crypto_generichash_state hash;
  crypto_generichash_init(&hash, nullptr, 0, crypto_generichash_BYTES);
  int64_t got = 0;
  db.run_bytes("SELECT part, data FROM read_model_snapshots WHERE name = ? ORDER BY part",
               {name}, [&](const Row& r, std::string_view bytes) {
                 if (!whole) return;
                 const int64_t k = r.i(0);
                 if (k != got++ || k >= parts || r.null(1)) {
                   whole = false;
                   return;
                 }
                 const size_t at = offset[static_cast<size_t>(k)];
                 const size_t len = (k + 1 < parts ? offset[static_cast<size_t>(k) + 1] : total) - at;
                 char* dest = s.blob.data() + at;
                 if (bytes.size() == len) {
                   std::memcpy(dest, bytes.data(), len);
                 } else {
                   whole = false;
                 }
                 if (whole)
                   crypto_generichash_update(&hash, reinterpret_cast<const unsigned char*>(dest), len);
               });
  if (!whole || got != parts) {
    out.why = "its parts do not agree or one is missing";
    return out;
  }
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash_final(&hash, h, sizeof h);
  if (to_hex(std::string_view(reinterpret_cast<const char*>(h), sizeof h)) != checksum) {
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

}  // namespace

SnapshotRead read_snapshot(Db& db, const std::string& name) {
  try {
    return read_parts(db, name);
  } catch (const std::logic_error&) {  // a number column holding text: not a snapshot this build wrote
    SnapshotRead out;
    out.why = "its parts do not agree or one is missing";
    return out;
  }
}

SnapshotRead read_snapshot(Db& db, const std::string& name, int64_t format) {
  SnapshotRead r = read_snapshot(db, name);
  if (r.ok && r.snapshot.format != format) {
    r.ok = false;
    r.why = "its format " + std::to_string(r.snapshot.format) + " is not " + std::to_string(format);
  }
  return r;
}

bool write_snapshot(Db& db, const std::string& name, int64_t format, int64_t pos, std::string_view blob) {
  db.begin_write();
  try {
    const std::string chain = chain_hash_at(db, pos);
    if (chain.empty() || pos > head_position(db)) {
      db.rollback();
      return false;
    }
    const std::string checksum = snapshot_checksum(blob);
    db.run("DELETE FROM read_model_snapshots WHERE name = ?", {name});
    const bool pg = db.dialect() == Dialect::postgres;
    const std::string sql = std::string(
                                "INSERT INTO read_model_snapshots (name, part, parts, format, pos, chain_hash, "
                                "checksum, data) VALUES (?, ?, ?, ?, ?, ?, ?, ") +
                            (pg ? "decode(?, 'hex'))" : "CAST(? AS BLOB))");
    const size_t n = blob.empty() ? 1 : (blob.size() + kSnapshotPartBytes - 1) / kSnapshotPartBytes;
    for (size_t k = 0; k < n; ++k) {
      const std::string_view part = blob.substr(std::min(blob.size(), k * kSnapshotPartBytes), kSnapshotPartBytes);
      db.run(sql, {name, static_cast<int64_t>(k), static_cast<int64_t>(n), format, pos, chain, checksum,
                   pg ? to_hex(part) : std::string(part)});
    }
    db.commit();
    return true;
  } catch (...) {
    db.rollback();
    throw;
  }
}

std::optional<SavedSnapshotHeader> saved_snapshot_header(Db& db, const std::string& name) {
  if (!table_exists(db)) return std::nullopt;
  auto r = db.one("SELECT format, pos FROM read_model_snapshots WHERE name = ? AND part = 0", {name});
  if (!r || r->null(0) || r->null(1)) return std::nullopt;
  try {
    return SavedSnapshotHeader{r->i(0), r->i(1)};
  } catch (const std::logic_error&) {  // a number column holding text: not a snapshot this build wrote
    return std::nullopt;
  }
}

bool move_snapshot(Db& db, const std::string& name, int64_t from, int64_t to) {
  if (to <= from) return false;
  db.begin_write();
  try {
    const std::string chain = chain_hash_at(db, to);
    auto at_from = db.one("SELECT count(*) FROM read_model_snapshots WHERE name = ? AND pos = ?", {name, from});
    auto parts = db.one("SELECT count(*) FROM read_model_snapshots WHERE name = ?", {name});
    if (chain.empty() || to > head_position(db) || !at_from || !parts || at_from->i(0) == 0 ||
        at_from->i(0) != parts->i(0)) {
      db.rollback();
      return false;
    }
    db.run("UPDATE read_model_snapshots SET pos = ?, chain_hash = ? WHERE name = ?", {to, chain, name});
    db.commit();
    return true;
  } catch (...) {
    db.rollback();
    throw;
  }
}

void delete_snapshots(Db& db) { db.run("DELETE FROM read_model_snapshots", {}); }

}  // namespace thads
