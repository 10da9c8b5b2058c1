// Demo cases: the history of one case, written event by event.
//
// History keeps the case's state as it writes (status, remaining amount,
// money collected and paid out) and checks every act against the rules of
// interchange.md before writing it; a violation is a generator bug and throws.
// Acts are planned forward from the opening date; the first act that would
// fall after `today` stops the case there, so every prefix written is a
// lawful history of a case still under way.
#include <stdexcept>

#include "app/demo_case.h"
#include "app/demo_flows.h"

namespace thads::demo {

History::History(Out& out, Rng& r, const World& w, const CaseSpec& c)
    : out_(out), r_(r), w_(w), c_(c), cal_(*w.cal), remaining_(c.total()) {}

[[noreturn]] void History::fail(const char* why) const {
  throw std::logic_error(std::string("demo generator: ") + why + " (case " + c_.id + ")");
}

bool History::begin(Date& d, const char* type, bool ending) {
  if (stopped_) return false;
  if (ended_) fail("an act after the case ended");
  if (d < last_) d = last_;
  // Money collected is paid out within days (NĐ 62/2015 Art. 49), before
  // the case ends at the latest.
  if (pending_ > 0 && std::string_view(type) != "paid_out") {
    if (pending_due_ <= d) pay_out(pending_due_);
    else if (ending) pay_out(d);
    if (stopped_) return false;
  }
  if (d > w_.today) {
    stopped_ = true;
    return false;
  }
  ++seq_;
  last_ = d;
  // Recorded a little after the act, never before the previous record and
  // never after the morning of `today`.
  const double k = r_.uniform();
  Date rd = cal_.add_working(d, k < 0.7 ? 0 : k < 0.9 ? 1 : static_cast<int>(r_.range(2, 5)));
  int rm = 450 + static_cast<int>(r_.range(0, 600));
  if (rd < rec_day_ || (rd == rec_day_ && rm < rec_min_)) {
    rd = rec_day_;
    rm = rec_min_;
  }
  if (rd > w_.today || (rd == w_.today && rm > 420)) {
    rd = w_.today;
    rm = 420;
  }
  rec_day_ = rd;
  rec_min_ = rm;
  out_.raw("{\"kind\":\"event\",\"case\":").str(c_.id).raw(",\"seq\":").num(seq_);
  out_.raw(",\"type\":\"").raw(type).raw("\",\"date\":").date(d).raw(",\"recorded_at\":").time(rd, rm);
  return true;
}

void History::finish() {
  out_.raw("}");
  out_.end_line();
}

void History::pay_out(Date d) {
  const int64_t amount = pending_;
  if (amount > collected_ - paid_) fail("paid_out over the money held");
  if (!begin(d, "paid_out", false)) return;
  out_.raw(",\"amount\":").num(amount).raw(",\"to\":").str(c_.creditor_name);
  finish();
  paid_ += amount;
  pending_ = 0;
}

void History::flush_payouts() {
  if (pending_ > 0 && !stopped_ && !ended_) pay_out(pending_due_);
}

bool History::opened() {
  Date d = c_.opened;
  if (!begin(d, "case_opened", false)) return false;
  const Unit& u = w_.units[static_cast<size_t>(c_.unit)];
  out_.raw(",\"agency\":").str(u.code).raw(",\"mode\":\"").raw(c_.proactive ? "proactive" : "on_request");
  out_.raw("\",\"judgment_kind\":\"").raw(c_.kind).raw("\",\"judgment\":{\"number\":").str(c_.judgment_number);
  out_.raw(",\"court\":").str(c_.court).raw(",\"date\":").date(c_.judgment_date);
  out_.raw(",\"effective_date\":").date(c_.effective_date);
  if (c_.proactive) out_.raw(",\"received_date\":").date(c_.received_date);
  out_.raw("},\"debtor\":{\"name\":").str(c_.debtor_name).raw(",\"kind\":\"").raw(c_.debtor_org ? "organization" : "person");
  out_.raw("\"");
  if (!c_.debtor_id.empty()) out_.raw(",\"id_number\":").str(c_.debtor_id);
  if (!c_.debtor_address.empty()) out_.raw(",\"address\":").str(c_.debtor_address);
  out_.raw("},\"creditor\":{\"name\":").str(c_.creditor_name).raw(",\"kind\":\"").raw(c_.creditor_kind);
  out_.raw("\"},\"obligations\":[");
  for (int i = 0; i < c_.n_obligations; ++i) {
    const Obligation& o = c_.obligations[static_cast<size_t>(i)];
    out_.raw(i ? ",{\"category\":\"" : "{\"category\":\"").raw(o.category).raw("\"");
    if (o.amount > 0) out_.raw(",\"amount\":").num(o.amount);
    out_.raw("}");
  }
  out_.raw("]");
  if (c_.credit_institution) out_.raw(",\"flags\":[\"credit_institution\"]");
  if (c_.corruption) out_.raw(",\"flags\":[\"corruption_economic\"]");
  if (!c_.proactive) out_.raw(",\"request_date\":").date(c_.request_date);
  if (!c_.from_agency.empty())
    out_.raw(",\"entrusted_from\":{\"agency\":").str(c_.from_agency).raw(",\"case\":").str(c_.from_case).raw("}");
  finish();
  return true;
}

int History::assign(Date d, const std::string& officer) {
  if (!begin(d, "officer_assigned", false)) return 0;
  out_.raw(",\"officer\":").str(officer);
  finish();
  return seq_;
}

int History::notified(Date d) {
  if (!begin(d, "notified", false)) return 0;
  finish();
  return seq_;
}

bool History::verified(Date d, bool able, const char* reason) {
  if (!begin(d, "verified", false)) return false;
  out_.raw(able ? ",\"result\":\"able\"" : ",\"result\":\"unable\"");
  if (reason) out_.raw(",\"reason\":\"").raw(reason).raw("\"");
  finish();
  return true;
}

bool History::unable_decided(Date d, const char* reason, bool prisoner, Date grounds) {
  if (st_ == St::unable) fail("unable_decided on an unable case");
  if (!begin(d, "unable_decided", false)) return false;
  out_.raw(",\"reason\":\"").raw(reason).raw("\"");
  if (prisoner) out_.raw(",\"prisoner\":true");
  out_.raw(",\"grounds_date\":").date(grounds < d ? grounds : d);
  finish();
  st_ = St::unable;
  return true;
}

bool History::resumed(Date d) {
  if (st_ == St::active) fail("resumed on an active case");
  if (!begin(d, "resumed", false)) return false;
  finish();
  st_ = St::active;
  return true;
}

bool History::postponed(Date d, const char* ground, Date grounds) {
  if (st_ != St::active) fail("postponed on a case that is not active");
  if (!begin(d, "postponed", false)) return false;
  out_.raw(",\"ground\":\"").raw(ground).raw("\",\"grounds_date\":").date(grounds < d ? grounds : d);
  finish();
  st_ = std::string_view(ground) == "48.1.c" ? St::agreed : St::postponed;
  return true;
}

bool History::suspended(Date d, const char* ground, Date grounds) {
  if (st_ != St::active) fail("suspended on a case that is not active");
  if (!begin(d, "suspended", false)) return false;
  out_.raw(",\"ground\":\"").raw(ground).raw("\",\"grounds_date\":").date(grounds < d ? grounds : d);
  finish();
  st_ = St::postponed;
  return true;
}

bool History::collect(Date d, int64_t amount, const char* method) {
  if (amount <= 0 || amount > remaining_) fail("collected outside (0, remaining]");
  if (!begin(d, "collected", false)) return false;
  out_.raw(",\"amount\":").num(amount).raw(",\"method\":\"").raw(method).raw("\"");
  finish();
  remaining_ -= amount;
  collected_ += amount;
  if (r_.chance(0.93)) {
    if (pending_ == 0) pending_due_ = cal_.add_days(d, static_cast<int>(r_.range(2, 10)));
    pending_ += amount;
  }
  return true;
}

bool History::reduce(Date d, int64_t amount) {
  if (amount <= 0 || amount > remaining_) fail("reduced outside (0, remaining]");
  if (!begin(d, "reduced", false)) return false;
  out_.raw(",\"amount\":").num(amount);
  finish();
  remaining_ -= amount;
  return true;
}

bool History::terminate(Date d, const char* ground, Date grounds) {
  if (!begin(d, "terminated", true)) return false;
  out_.raw(",\"ground\":\"").raw(ground).raw("\",\"grounds_date\":").date(grounds < d ? grounds : d);
  finish();
  remaining_ = 0;
  ended_ = true;
  return true;
}

bool History::complete(Date d) {
  if (remaining_ != 0) fail("completed with money remaining");
  if (!begin(d, "completed", true)) return false;
  finish();
  ended_ = true;
  return true;
}

bool History::hand_over(Date d, const char* type, int to_unit) {
  const std::string& to = w_.units[static_cast<size_t>(to_unit)].code;
  if (to == w_.units[static_cast<size_t>(c_.unit)].code) fail("handed over to its own agency");
  const int64_t left = remaining_;
  if (!begin(d, type, true)) return false;
  out_.raw(",\"to_agency\":").str(to);
  finish();
  ended_ = true;
  if (type[0] == 'e' && (left > 0 || c_.total() == 0)) handoff_ = Handoff{c_, to_unit, d, left};
  return true;
}

bool History::close(Date d, const char* type) {
  if (st_ != St::unable) fail("closed without conditions on a case that is not unable");
  const bool sent_back = type[0] == 'r';
  if (sent_back && (c_.proactive || d < Date::from_ymd(2026, 7, 1))) fail("request_sent_back not allowed");
  if (!begin(d, type, true)) return false;
  finish();
  ended_ = true;
  return true;
}

bool History::coercion(Date d, Date scheduled, const char* measure, bool forces, bool executed) {
  if (!begin(d, "coercion_planned", false)) return false;
  out_.raw(",\"scheduled_date\":").date(scheduled).raw(",\"measure\":").str(measure);
  out_.raw(forces ? ",\"mobilised_forces\":true" : ",\"mobilised_forces\":false");
  finish();
  if (!executed) return true;
  if (!begin(scheduled, "coercion_executed", false)) return false;
  out_.raw(",\"measure\":").str(measure);
  finish();
  return true;
}

bool History::voided(Date d, int target, const char* reason) {
  if (target <= 0 || target >= seq_ + 1) fail("voided names no earlier event");
  if (!begin(d, "voided", false)) return false;
  out_.raw(",\"voids\":").num(target).raw(",\"reason\":").str(reason);
  finish();
  return true;
}

std::optional<Handoff> write_history(Out& out, Rng& r, const World& w, const CaseSpec& c) {
  History h(out, r, w, c);
  h.run();
  return h.handoff();
}

}  // namespace thads::demo
