// The machine of the accountability streams (inspection, violation): may a
// record be appended, and what is due (docs/formats/accountability.md).
//
// Contract: pure. decide() applies, in the precedence of interchange.md:
// seq_conflict (or duplicate), unknown_case (no opening), seq_gap,
// date_before_previous, case_ended, unknown_agency, unknown_case (a `case`
// field), bad_field (an unknown officer), bad_transition. Transitions:
// - inspection: `by` is the inspected agency itself (tự kiểm tra) or an
//   agency above it (kiểm tra của cấp trên); `remedy_ordered` names an
//   earlier `finding`; `remedy_done` names an earlier `remedy_ordered` not
//   yet done; after `concluded` only `remedy_done` (the follow-up) is allowed.
// - violation: `measure` at most once; after `closed` nothing.
// Deadlines: every remedy ordered is due on its `due` date, met by its
// `remedy_done` (status rule of domain/deadlines.h settle()).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/deadlines.h"
#include "modules/accountability/domain/records.h"

namespace thads::accountability {

struct Refs {
  std::function<bool(const std::string&)> agency_known;
  // True when `upper` is `agency` or lies above it.
  std::function<bool(const std::string& agency, const std::string& upper)> at_or_above;
  std::function<bool(const std::string&)> case_known;
  std::function<bool(const std::string&)> officer_known;
};

struct Decision {
  enum Kind { accept, duplicate, refuse } kind = accept;
  Refusal refusal;
};

class AccStream {
 public:
  AccStream() = default;
  explicit AccStream(std::vector<Rec> recs) : recs_(std::move(recs)) {}
  const std::vector<Rec>& recs() const { return recs_; }
  bool exists() const { return !recs_.empty(); }
  int64_t version() const { return static_cast<int64_t>(recs_.size()); }
  const Rec* ending() const;
  Decision decide(const Rec& r, const Refs& refs) const;
  void append(Rec r) { recs_.push_back(std::move(r)); }

 private:
  std::vector<Rec> recs_;
};

// The remedies of an inspection as deadlines, as of `today` (acts dated
// after it ignored). Action "remedy", label the remedy's text, note its seq.
std::vector<Deadline> remedy_deadlines(const AccStream& s, Date today);

// The summary of a stream for lists.
struct Summary {
  std::string id, kind, agency, by, opened, state, end_date, officer, title, mode, measure;
  int64_t version = 0, findings = 0, remedies = 0, remedies_done = 0;
};
Summary summary_of(const AccStream& s);

}  // namespace thads::accountability
