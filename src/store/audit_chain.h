// The audit chain: every journal entry carries
//   hash = BLAKE2b-256[key](prev_hash ‖ kind ‖ stream ‖ seq ‖ recorded_at ‖ actor ‖ body)
// (fields separated by a 0x1F unit separator, lengths implied by it being
// absent from hex and JSON text), so editing, inserting or deleting any entry
// changes every later hash. The genesis predecessor is 64 zeros. The chain
// head (last pos and hash) is kept in `meta`, so truncating the tail is seen.
//
// Chain version 2 (docs/security/audit-chain.md): entries from position
// `keyed_from` on are hashed with the installation's chain key
// (audit_keys.h), so that only a holder of the key can recompute them.
// Entries of a store written before version 2 (positions below keyed_from)
// keep their unkeyed hash (key empty) and stay verifiable. Signed
// checkpoints (Ed25519) of the chain head anchor the chain: whoever holds
// the public key and an earlier checkpoint sees any recomputation, deletion
// or truncation since.
#pragma once

#include <cstdint>
#include <string>

namespace thads {

std::string genesis_hash();
// `key` empty: the unkeyed hash of version 1.
std::string chain_hash(const std::string& prev_hash, const std::string& kind, const std::string& stream, int64_t seq,
                       int64_t recorded_at, const std::string& actor, const std::string& body,
                       const std::string& key = "");

// A checkpoint: the chain of store `store_id` had `hash` at position `pos`
// (keyed from `keyed_from`), signed at `signed_at` (unix seconds).
struct Checkpoint {
  std::string store_id;
  int64_t pos = 0;
  std::string hash;
  int64_t keyed_from = 1;
  int64_t signed_at = 0;
  std::string signature;  // hex, Ed25519 over message()
  std::string message() const;
};

// Signs with libsodium's 64-byte secret key; verifies with the 32-byte public key.
std::string sign_checkpoint(const Checkpoint& c, const std::string& secret_key);
bool checkpoint_signature_ok(const Checkpoint& c, const std::string& public_key);

}  // namespace thads
