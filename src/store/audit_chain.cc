#include "store/audit_chain.h"

#include <sodium.h>

#include <stdexcept>

namespace thads {

namespace {
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

std::string genesis_hash() { return std::string(64, '0'); }

std::string chain_hash(const std::string& prev_hash, const std::string& kind, const std::string& stream, int64_t seq,
                       int64_t recorded_at, const std::string& actor, const std::string& body,
                       const std::string& key) {
  ensure_sodium();
  crypto_generichash_state st;
  crypto_generichash_init(&st, key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                          crypto_generichash_BYTES);
  auto put = [&](const std::string& s) {
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    const unsigned char sep = 0x1F;
    crypto_generichash_update(&st, &sep, 1);
  };
  put(prev_hash);
  put(kind);
  put(stream);
  put(std::to_string(seq));
  put(std::to_string(recorded_at));
  put(actor);
  put(body);
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex);
}

std::string Checkpoint::message() const {
  const char sep = 0x1F;
  return std::string("thads-checkpoint/1") + sep + store_id + sep + std::to_string(pos) + sep + hash + sep +
         std::to_string(keyed_from) + sep + std::to_string(signed_at);
}

std::string sign_checkpoint(const Checkpoint& c, const std::string& secret_key) {
  ensure_sodium();
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) throw std::runtime_error("bad signing key");
  const std::string m = c.message();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  char hex[crypto_sign_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
  return hex;
}

bool checkpoint_signature_ok(const Checkpoint& c, const std::string& public_key) {
  ensure_sodium();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  unsigned char sig[crypto_sign_BYTES];
  size_t len = 0;
  if (sodium_hex2bin(sig, sizeof sig, c.signature.data(), c.signature.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof sig)
    return false;
  const std::string m = c.message();
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace thads
