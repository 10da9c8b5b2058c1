#include "store/audit_keys.h"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "store/db.h"

namespace thads {
namespace fs = std::filesystem;

namespace {

std::string hex(const std::string& bin) {
  std::string out(bin.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size());
  out.pop_back();
  return out;
}

std::optional<std::string> unhex(const std::string& text, size_t bytes) {
  std::string out(bytes, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), bytes, text.data(), text.size(), " \n\r\t", &len,
                     &end) != 0 ||
      len != bytes || end != text.data() + text.size())
    return std::nullopt;
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written whole to a temporary file, then renamed: a crash leaves the old
// file or the new one.
// Written whole or not at all: a temporary file of this process and write,
// then renamed over `p` (several processes of one installation share the directory).
void write_private(const fs::path& p, const std::string& text) {
  static std::atomic<uint64_t> n{0};
  const fs::path tmp = p.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(n++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw StoreError("cannot write " + tmp.string());
  }
  ::chmod(tmp.c_str(), 0600);
  fs::rename(tmp, p);
}

std::string read_key(const fs::path& p, size_t bytes) {
  auto k = unhex(slurp(p), bytes);
  if (!k) throw StoreError("audit key file " + p.string() + " is malformed (expected " + std::to_string(bytes * 2) +
                           " hex digits); restore it from the backup of the keys");
  return *k;
}

AuditKeys load_or_create(const std::string& dir) {
  if (sodium_init() < 0) throw StoreError("libsodium failed to initialise");
  AuditKeys k;
  k.dir = dir;
  const fs::path d(dir), ck = d / "chain.key", sk = d / "sign.key", pk = d / "sign.pub";
  std::error_code ec;
  fs::create_directories(d / "anchors", ec);
  if (ec) throw StoreError("cannot create the audit key directory " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  if (!fs::exists(ck)) {
    std::string key(crypto_generichash_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    write_private(ck, hex(key) + "\n");
  }
  if (!fs::exists(sk)) {
    std::string pub(crypto_sign_PUBLICKEYBYTES, '\0'), sec(crypto_sign_SECRETKEYBYTES, '\0');
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pub.data()), reinterpret_cast<unsigned char*>(sec.data()));
    write_private(sk, hex(sec) + "\n");
    write_private(pk, hex(pub) + "\n");
  }
  k.chain_key = read_key(ck, crypto_generichash_KEYBYTES);
  k.sign_secret = read_key(sk, crypto_sign_SECRETKEYBYTES);
  k.sign_public = k.sign_secret.substr(crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES);
  return k;
}

}  // namespace

std::string AuditKeys::chain_key_id() const {
  unsigned char out[8];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(chain_key.data()), chain_key.size(),
                     nullptr, 0);
  return hex(std::string(reinterpret_cast<const char*>(out), sizeof out));
}

std::string AuditKeys::public_hex() const { return hex(sign_public); }

std::string default_audit_key_dir() {
  if (const char* e = std::getenv("THADS_KEYS"); e && *e) return e;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/thads/keys";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/thads/keys";
  return "thads-keys";
}

const AuditKeys& audit_keys(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<AuditKeys>> cache;
  const std::string d = dir.empty() ? default_audit_key_dir() : dir;
  std::lock_guard lock(mu);
  auto& slot = cache[d];
  if (!slot) slot = std::make_unique<AuditKeys>(load_or_create(d));
  return *slot;
}

// `<pos> <hash>` in the file `sub`/STORE_ID of the key directory.
static std::optional<Anchor> read_position(const AuditKeys& k, const char* sub, const std::string& store_id) {
  const fs::path p = fs::path(k.dir) / sub / store_id;
  if (store_id.empty() || store_id.find('/') != std::string::npos || !fs::exists(p)) return std::nullopt;
  std::istringstream in(slurp(p));
  Anchor a;
  if (!(in >> a.pos >> a.hash)) return std::nullopt;
  return a;
}

std::optional<Anchor> read_anchor(const AuditKeys& k, const std::string& store_id) {
  return read_position(k, "anchors", store_id);
}

void write_anchor(const AuditKeys& k, const std::string& store_id, const Anchor& a) {
  if (store_id.empty() || store_id.find('/') != std::string::npos) return;
  write_private(fs::path(k.dir) / "anchors" / store_id, std::to_string(a.pos) + " " + a.hash + "\n");
}

std::optional<Anchor> read_verified(const AuditKeys& k, const std::string& store_id) {
  return read_position(k, "verified", store_id);
}

void write_verified(const AuditKeys& k, const std::string& store_id, const Anchor& a) {
  if (store_id.empty() || store_id.find('/') != std::string::npos) return;
  const fs::path dir = fs::path(k.dir) / "verified";
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0700);
  write_private(dir / store_id, std::to_string(a.pos) + " " + a.hash + "\n");
}

}  // namespace thads
