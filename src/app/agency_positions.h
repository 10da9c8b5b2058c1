// Agency positions: for each agency, the journal position of the last entry
// that can change an answer scoped to its subtree (issue 15 "Speed": a work
// queue held for one agency outlives the writes of every other agency).
//
// An answer held for the subtree of agency A (AnswerCache, answer_cache.h)
// at of(A) is still true while of(A) has not moved. What moves of(A):
//   - a case event of a case of A or of an agency below it (a case's agency
//     is fixed when it is opened: store/journal_touches.h);
//   - a module entry whose module names the agencies of its streams
//     (Module::agencies_of, app/modules.h) when one of them is A or below A;
//   - anything that cannot be placed: reference data (agencies, officers,
//     holidays, targets), a module that names no agencies, a case the read
//     model does not hold, more than kMaxTail entries at once, and the
//     journal as it stood when the positions were first asked for. These
//     move every agency's position.
// Accounts and the settings applied change no scoped answer and move none.
// A position only grows, and an entry is counted at the journal head at
// which it was first seen (at or after its own position), so an answer
// computed after reading of(A) is at least as new as of(A).
//
// The same reading of the tail also says where reference data last changed
// (kind_position): for each journal kind, the head at which an entry of that
// kind was last seen (a reference_change counts under "reference_change:" and
// the record it changes, e.g. "reference_change:agency"). A copy of reference
// data (the agency tree, a module's register) loaded at head H is still true
// while kind_position of its kinds is at most H: held copies are reloaded when
// their own records change, not after every write.
//
// Thread-safe: one mutex; reading the journal's tail happens under it (one
// thread reads, the others wait for its result).
#pragma once

#include <cstdint>
#include <mutex>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/agency_tree.h"
#include "store/store.h"

namespace thads {

class AgencyPositions {
 public:
  // of(A) at journal head `head` (the caller's current position, read before
  // the answer is computed); `tree` is the agency tree at that head. An
  // agency the tree does not know, or "", gets `head`.
  int64_t of(Store& store, int64_t head, const AgencyTree& tree, const std::string& agency);

  // The largest position at which an entry of one of `kinds` was counted,
  // at journal head `head` (as of()): at least the head at which the
  // positions were first asked for or a tail too long to read was skipped
  // (then every kind may have changed). `tree` as for of().
  int64_t kind_position(Store& store, int64_t head, const AgencyTree& tree, std::initializer_list<std::string_view> kinds);

  // The key kind_position counts a journal entry under.
  static std::string kind_key(const std::string& kind, const std::string& stream);

  static constexpr int64_t kMaxTail = 10000;

 private:
  void apply(Store& store, int64_t head, const AgencyTree& tree);  // under mu_
  void touch(const AgencyTree& tree, const std::string& agency, int64_t at);

  std::mutex mu_;
  int64_t seen_ = -1;    // the entries up to this position are counted
  int64_t global_ = 0;   // the last position that moved every agency
  std::unordered_map<std::string, int64_t> last_;  // agency -> its subtree's last position
  int64_t all_kinds_ = 0;                           // the last position that moved every kind
  std::unordered_map<std::string, int64_t> kinds_;  // kind_key -> the last position it was seen at
};

}  // namespace thads
