// The case state machine: evolve (state + event -> state) and decide (may
// this event be appended to this stream? -> accept, duplicate, or a refusal).
//
// Contract: pure. A CaseStream owns one case's events in seq order, the
// `voided` corrections included, and the state folded from its effective
// history (voided targets removed). decide() applies the checks of
// interchange.md "Transitions" and "Refusals" that depend on the stream, in
// the order that decides which code is reported: seq_conflict, unknown_case,
// seq_gap, date_before_previous, case_ended, unknown_agency, not_in_force,
// void_target, bad_transition, over_collection, not_settled (then
// over_payout, a thads extension). `reversed` and `reversal_approved`
// (docs/formats/reversal.md) are checked at the void_target step.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/event.h"
#include "domain/refusal.h"

namespace thads {

// A `collected` or `paid_out` entry and its reversal (docs/formats/reversal.md).
struct MoneyEntry {
  int64_t seq = 0;
  EventType type = EventType::collected;
  Money amount = 0;
  int64_t reversal = 0;   // seq of the `reversed` event naming it, 0 when none
  bool reversed = false;  // that reversal is approved: the entry no longer counts
};

struct CaseState {
  bool opened = false;
  bool withdrawn = false;  // case_opened voided (thu hồi quyết định)
  bool ended = false;
  std::shared_ptr<const CaseOpened> info;
  Date opened_date;
  Status status = Status::active;
  EventType end_type = EventType::completed;  // valid when ended
  Date end_date;
  Money opened_amount = 0;
  Money collected = 0;
  Money reduced = 0;
  Money written_off = 0;  // remaining written off by `terminated`
  Money paid_out = 0;
  std::string officer;    // latest officer_assigned
  Date last_unable_date;  // latest unable_decided
  std::string last_unable_reason;
  bool last_unable_prisoner = false;
  std::vector<MoneyEntry> money_entries;  // collected and paid_out, seq order

  Money remaining() const { return opened_amount - collected - reduced - written_off; }
  Money undistributed() const { return collected - paid_out; }
  const MoneyEntry* money_entry(int64_t seq) const;
  // The entry a `reversed` event (by its seq) names, while it awaits approval.
  const MoneyEntry* pending_reversal(int64_t reversed_seq) const;
  bool reversal_pending() const;
};

// One step of the fold. Does not check anything (decide() does).
void evolve(CaseState& s, const Event& e);

// Events of the stream that count: not voided, not `voided` events, and
// accepted by `keep` (a `voided` event rejected by `keep` voids nothing).
std::vector<const Event*> effective_history(std::span<const Event> stream,
                                            const std::function<bool(const Event&)>& keep = {});

// The event numbered `seq` of a stream in seq order (seq n is element n-1),
// or nullptr when the stream has none.
inline const Event* event_numbered(std::span<const Event> stream, int64_t seq) {
  return seq >= 1 && seq <= static_cast<int64_t>(stream.size()) ? &stream[static_cast<size_t>(seq - 1)] : nullptr;
}

// Folds a whole stream (voids applied).
CaseState fold(std::span<const Event> stream, const std::function<bool(const Event&)>& keep = {});

struct Decision {
  enum Kind { accept, duplicate, refuse } kind = accept;
  Refusal refusal;
};

// What decide() reads of the agency tree: the codes stored or standing
// earlier in the file, and each one's parent ("" for a root or an unknown code).
struct AgencyRefs {
  std::function<bool(const std::string&)> known;
  std::function<std::string(const std::string&)> parent;
  // True when `upper` is a strict ancestor of `agency` (parents followed at
  // most 64 steps, so a malformed cycle cannot hang a check).
  bool above(const std::string& upper, const std::string& agency) const;
};

class CaseStream {
 public:
  CaseStream() = default;
  explicit CaseStream(std::vector<Event> events);

  const std::vector<Event>& events() const { return events_; }
  const CaseState& state() const { return state_; }
  bool exists() const { return !events_.empty(); }
  int64_t version() const { return static_cast<int64_t>(events_.size()); }  // last seq

  // `agencies` resolves agency codes and parents (stored or earlier in the file).
  Decision decide(const Event& e, const AgencyRefs& agencies) const;
  // Appends an accepted event (decide() said accept).
  void append(Event e);

 private:
  std::optional<Refusal> check_void(const Event& e) const;
  std::optional<Refusal> check_reversal(const Event& e) const;
  std::vector<Event> events_;
  CaseState state_;
};

// Transition rule alone (status, ending, money), for a state: nullopt when allowed.
std::optional<Refusal> check_transition(const CaseState& s, const Event& e);
// The part of check_transition that depends on the act's type alone, not on
// its fields: whether a case in this state can take such an act at all
// (which forms the case page offers).
std::optional<Refusal> check_status(const CaseState& s, EventType t);

// Date from which `request_sent_back` exists (L.106/2025/QH15 Art. 38(4);
// NĐ 152/2026 Art. 22(2)): the law in force from 01/07/2026.
Date request_sent_back_in_force();

}  // namespace thads
