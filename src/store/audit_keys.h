// The secrets of the audit chain, held outside the store (docs/security/audit-chain.md):
// - chain.key: 32 random bytes, the key of the keyed BLAKE2b entry hashes, so
//   that no one who can write the database but not read this file can
//   recompute the chain after an edit;
// - sign.key / sign.pub: an Ed25519 pair (libsodium crypto_sign) signing the
//   checkpoints of the chain head; the public key is what outsiders verify
//   published checkpoints with;
// - anchors/STORE_ID: the last checkpoint this installation signed for a
//   store (position and hash), so that a store whose tail or checkpoints were
//   cut off is seen even when the store itself looks whole.
//
// The directory is $THADS_KEYS, else $XDG_DATA_HOME/thads/keys, else
// ~/.local/share/thads/keys; created (mode 0700, files 0600) on first use.
// One directory per installation: every store of the installation shares it.
//
// Contract: load once per process (thread-safe); a malformed key file is a
// StoreError naming the file, never a silently new key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace thads {

struct AuditKeys {
  std::string dir;
  std::string chain_key;   // 32 bytes
  std::string sign_secret; // 64 bytes (libsodium's secret key: seed ‖ public)
  std::string sign_public; // 32 bytes
  // A short public name of the chain key: BLAKE2b-64 of the key, hex. Kept
  // in the store, so that a store verified with another installation's key
  // says so instead of "broken at entry 1".
  std::string chain_key_id() const;
  std::string public_hex() const;
};

std::string default_audit_key_dir();
// The keys of `dir` (default_audit_key_dir() when empty), created when the
// directory holds none. Cached per directory.
const AuditKeys& audit_keys(const std::string& dir = "");

struct Anchor {
  int64_t pos = 0;
  std::string hash;
};
std::optional<Anchor> read_anchor(const AuditKeys& k, const std::string& store_id);
void write_anchor(const AuditKeys& k, const std::string& store_id, const Anchor& a);
// verified/STORE_ID: the last journal entry (position and hash) up to which
// this installation verified the store's whole chain, so that the next start
// of a server verifies only the entries after it (Store::verify_audit_since_verified).
std::optional<Anchor> read_verified(const AuditKeys& k, const std::string& store_id);
void write_verified(const AuditKeys& k, const std::string& store_id, const Anchor& a);

}  // namespace thads
