// The oversight stream machine: may this act be appended to this stream?
//
// Contract: pure. A Stream owns one stream's acts in seq order, the `voided`
// corrections included. decide() applies the checks of oversight.md that
// depend on the stream and on what the caller resolves (agencies, cases,
// bodies), in the precedence of interchange.md: seq_conflict, unknown_case,
// seq_gap, date_before_previous, case_ended, unknown_agency, unknown_body,
// void_target, bad_transition. The freeze budget (over_freeze, last) spans
// several streams and a case: freeze_budget.h.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

// What decide() asks of the world outside the stream.
struct Refs {
  std::function<bool(const std::string&)> agency_known;
  std::function<bool(const std::string&)> case_known;
  std::function<bool(const std::string&)> body_known;
};

struct Decision {
  enum Kind { accept, duplicate, refuse } kind = accept;
  Refusal refusal;
};

class Stream {
 public:
  Stream() = default;
  explicit Stream(std::vector<Act> acts);

  const std::vector<Act>& acts() const { return acts_; }
  bool exists() const { return !acts_.empty(); }
  int64_t version() const { return static_cast<int64_t>(acts_.size()); }

  Decision decide(const Act& a, const Refs& refs) const;
  void append(Act a);  // after decide() said accept

  // The acts that count: not voided, not `voided` records, and accepted by
  // `keep` (a `voided` record rejected by `keep` voids nothing).
  std::vector<const Act*> effective(const std::function<bool(const Act&)>& keep = {}) const;
  // The opening act was voided: the stream is withdrawn.
  bool withdrawn() const;

 private:
  std::vector<Act> acts_;
};

// Stream::effective and Stream::withdrawn over acts in seq order that no
// Stream holds (the deadlines of stored acts are computed without copying them).
std::vector<const Act*> effective_acts(std::span<const Act> acts, const std::function<bool(const Act&)>& keep = {});
bool withdrawn_acts(std::span<const Act> acts);

// The first act of `history` that ends the stream, or nullptr.
const Act* ending_of(const std::vector<const Act*>& history);

// The transition rule of oversight.md for `a` after `history` (the acts that
// count, in order): an empty string when allowed, else the reason.
std::string transition_error(const std::vector<const Act*>& history, const Act& a);

}  // namespace thads::oversight
