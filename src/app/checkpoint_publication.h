// The published checkpoints of the audit chain (issue 12 item 4,
// docs/security/audit-chain.md "Published"): the installation's public key,
// the store's id and its signed checkpoints of the chain head, for anyone
// to keep and later check a store against (`thads verify-audit
// --checkpoint FILE`). No case data: a checkpoint names a position and a
// hash only. Read by `GET /api/v1/audit/checkpoints` and the page
// `/kiem-chung` (no login), and printed by `thads checkpoint`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace thads {

// A checkpoint in its published JSON form, the one `thads checkpoint`
// prints and `thads verify-audit --checkpoint FILE` reads:
// {"store_id","pos","hash","keyed_from","signed_at","signature","public_key"}.
nlohmann::json checkpoint_json(const Checkpoint& c, const std::string& public_hex);
// Reads that form back (under the JSON limits of docs/limits.md); nullopt,
// with the reason in *error, when the text is not one. `public_hex`, when
// given, receives the "public_key" member if present.
std::optional<Checkpoint> checkpoint_from_json(std::string_view text, std::string* public_hex, std::string* error);

// One page of the store's checkpoints, newest first.
struct PublishedCheckpoints {
  std::string public_key;  // hex, 64 digits: the installation's Ed25519 public key
  std::string store_id;    // "" for a store never written since chain version 2
  std::vector<Checkpoint> items;
  int64_t total = 0;       // checkpoints the store holds
  int64_t next_before = 0; // the `before` of the next (older) page; 0 when this is the last
};
inline constexpr int64_t kCheckpointsPageMax = 200;
// `limit` is clamped to 1..kCheckpointsPageMax; `before` 0 starts at the newest.
PublishedCheckpoints published_checkpoints(Store& store, int64_t limit, int64_t before);

}  // namespace thads
