#include "store/audit_chain.h"

#include <sodium.h>

#include <stdexcept>

namespace thads {

std::string genesis_hash() { return std::string(64, '0'); }

std::string chain_hash(const std::string& prev_hash, const std::string& kind, const std::string& stream, int64_t seq,
                       int64_t recorded_at, const std::string& actor, const std::string& body) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
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

}  // namespace thads
