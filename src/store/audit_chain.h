// The audit chain: every journal entry carries
//   hash = BLAKE2b-256(prev_hash ‖ kind ‖ stream ‖ seq ‖ recorded_at ‖ actor ‖ body)
// (fields separated by a 0x1F unit separator, lengths implied by it being
// absent from hex and JSON text), so editing, inserting or deleting any entry
// changes every later hash. The genesis predecessor is 64 zeros. The chain
// head (last pos and hash) is kept in `meta`, so truncating the tail is seen.
#pragma once

#include <cstdint>
#include <string>

namespace thads {

std::string genesis_hash();
std::string chain_hash(const std::string& prev_hash, const std::string& kind, const std::string& stream, int64_t seq,
                       int64_t recorded_at, const std::string& actor, const std::string& body);

}  // namespace thads
