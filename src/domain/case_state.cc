#include "domain/case_state.h"

#include <unordered_set>

#include "domain/interchange.h"
#include "domain/voided.h"

namespace thads {
namespace {

Refusal refuse(const char* code, std::string msg, std::string article = "") {
  return {code, std::move(msg), std::move(article)};
}

bool voidable(EventType t) {
  switch (t) {
    case EventType::notified:
    case EventType::officer_assigned:
    case EventType::verified:
    case EventType::unable_decided:
    case EventType::resumed:
    case EventType::postponed:
    case EventType::suspended:
      return true;
    default:
      return false;
  }
}

MoneyEntry money_entry_of(const Event& e) {
  MoneyEntry m;
  m.seq = e.seq;
  m.type = e.type;
  m.amount = amount_of(e);
  return m;
}

}  // namespace

Date request_sent_back_in_force() { return Date::from_ymd(2026, 7, 1); }

const MoneyEntry* CaseState::money_entry(int64_t seq) const {
  for (const MoneyEntry& m : money_entries)
    if (m.seq == seq) return &m;
  return nullptr;
}

const MoneyEntry* CaseState::pending_reversal(int64_t reversed_seq) const {
  if (reversed_seq <= 0) return nullptr;
  for (const MoneyEntry& m : money_entries)
    if (m.reversal == reversed_seq && !m.reversed) return &m;
  return nullptr;
}

bool CaseState::reversal_pending() const {
  for (const MoneyEntry& m : money_entries)
    if (m.reversal != 0 && !m.reversed) return true;
  return false;
}

void evolve(CaseState& s, const Event& e) {
  switch (e.type) {
    case EventType::case_opened:
      s.opened = true;
      s.info = e.opened();
      s.opened_date = e.date;
      s.opened_amount = s.info ? s.info->opened_amount() : 0;
      break;
    case EventType::officer_assigned: s.officer = e.as<OfficerAssigned>().officer; break;
    case EventType::unable_decided:
      // "chưa có điều kiện thi hành án" — L.THADS Art. 44a.
      s.status = Status::unable;
      s.last_unable_date = e.date;
      s.last_unable_reason = e.as<UnableDecided>().reason;
      s.last_unable_prisoner = e.as<UnableDecided>().prisoner;
      break;
    case EventType::postponed:
      // Art. 48(1)(c): postponement the parties agreed counts as có điều kiện.
      s.status = e.as<Postponed>().ground == "48.1.c" ? Status::postponed_agreed : Status::postponed_suspended;
      break;
    case EventType::suspended: s.status = Status::postponed_suspended; break;
    case EventType::resumed: s.status = Status::active; break;
    case EventType::collected:
      s.collected += e.as<Collected>().amount;
      s.money_entries.push_back(money_entry_of(e));
      break;
    case EventType::reduced: s.reduced += e.as<Reduced>().amount; break;
    case EventType::paid_out:
      s.paid_out += e.as<PaidOut>().amount;
      s.money_entries.push_back(money_entry_of(e));
      break;
    case EventType::reversed:
      for (MoneyEntry& m : s.money_entries)
        if (m.seq == e.as<Reversed>().reverses && m.reversal == 0) m.reversal = e.seq;
      break;
    case EventType::reversal_approved:
      // The entry stops counting from the approval's date (docs/formats/reversal.md).
      for (MoneyEntry& m : s.money_entries) {
        if (m.reversal == 0 || m.reversal != e.as<ReversalApproved>().approves || m.reversed) continue;
        m.reversed = true;
        (m.type == EventType::collected ? s.collected : s.paid_out) -= m.amount;
      }
      break;
    case EventType::terminated:
      // Art. 50: đình chỉ writes off what remains.
      s.written_off += s.remaining();
      [[fallthrough]];
    case EventType::completed:
    case EventType::entrusted_out:
    case EventType::pulled_up:
    case EventType::request_sent_back:
    case EventType::moved_to_separate_register:
      if (!s.ended) {
        s.ended = true;
        s.end_type = e.type;
        s.end_date = e.date;
      }
      break;
    default: break;
  }
}

std::vector<const Event*> effective_history(std::span<const Event> stream,
                                            const std::function<bool(const Event&)>& keep) {
  const SeqSet voided = voided_seqs(stream, keep);
  std::vector<const Event*> out;
  out.reserve(stream.size());
  for (const Event& e : stream) {
    if (e.type == EventType::voided || voided.count(e.seq) || (keep && !keep(e))) continue;
    out.push_back(&e);
  }
  return out;
}

CaseState fold(std::span<const Event> stream, const std::function<bool(const Event&)>& keep) {
  CaseState s;
  bool opened_voided = false;
  for (const Event& e : stream)
    if (e.type == EventType::voided && e.as<Voided>().voids == 1 && (!keep || keep(e))) opened_voided = true;
  for (const Event* e : effective_history(stream, keep)) evolve(s, *e);
  if (opened_voided) {
    s.withdrawn = true;
    s.ended = true;  // later events on a withdrawn case are case_ended
  }
  return s;
}

std::optional<Refusal> check_status(const CaseState& s, EventType t) {
  switch (t) {
    case EventType::case_opened:
      return refuse("bad_transition", "case_opened needs seq 1");
    case EventType::postponed:
    case EventType::suspended:
      // Art. 48–49: only an active case can be postponed or suspended.
      if (s.status != Status::active)
        return refuse("bad_transition", std::string(to_string(t)) + " needs status active, the case is " +
                                            std::string(to_string(s.status)),
                      t == EventType::postponed ? "Luật THADS 2008, Điều 48" : "Luật THADS 2008, Điều 49");
      break;
    case EventType::unable_decided:
      if (s.status == Status::unable)
        return refuse("bad_transition", "the case is already not enforceable (unable)", "Luật THADS 2008, Điều 44a");
      break;
    case EventType::resumed:
      if (s.status == Status::active) return refuse("bad_transition", "resumed needs a postponed, suspended or unable case");
      break;
    case EventType::moved_to_separate_register:
      // NĐ 62/2015 Art. 9(5): only cases without conditions go to the separate register.
      if (s.status != Status::unable)
        return refuse("bad_transition", "moved_to_separate_register needs status unable", "NĐ 62/2015/NĐ-CP, Điều 9 khoản 5");
      break;
    case EventType::reversed: {
      bool any = false;
      for (const MoneyEntry& m : s.money_entries) any = any || (m.reversal == 0 && !m.reversed);
      if (!any) return refuse("bad_transition", "no collected or paid_out entry can be reversed");
      break;
    }
    case EventType::reversal_approved:
      if (!s.reversal_pending()) return refuse("bad_transition", "no reversal awaits approval");
      break;
    case EventType::request_sent_back:
      // L.106/2025 Art. 38(4); NĐ 152/2026 Art. 22(2): on-request cases without conditions.
      if (s.status != Status::unable)
        return refuse("bad_transition", "request_sent_back needs status unable", "NĐ 152/2026/NĐ-CP, Điều 22 khoản 2");
      if (!s.info || s.info->mode != Mode::on_request)
        return refuse("bad_transition", "request_sent_back is only for on_request cases", "NĐ 152/2026/NĐ-CP, Điều 22 khoản 2");
      break;
    default: break;
  }
  // A case does not end while a reversal of its money awaits the head's
  // approval: the ledger would be left neither corrected nor final (thads rule).
  if (is_ending(t) && s.reversal_pending())
    return refuse("bad_transition", std::string(to_string(t)) + " while a reversal awaits approval");
  return std::nullopt;
}

std::optional<Refusal> check_transition(const CaseState& s, const Event& e) {
  if (auto r = check_status(s, e.type)) return r;
  if ((e.type == EventType::entrusted_out || e.type == EventType::pulled_up) && s.info && to_agency_of(e) == s.info->agency)
    return refuse("bad_transition", "a case cannot be handed to its own agency", "Luật THADS 2008, Điều 55–57");
  if (e.type == EventType::collected || e.type == EventType::reduced) {
    if (amount_of(e) > s.remaining())
      return refuse("over_collection", std::string(to_string(e.type)) + " " + std::to_string(amount_of(e)) +
                                           " exceeds the remaining amount " + std::to_string(s.remaining()));
  }
  if (e.type == EventType::completed && s.remaining() > 0)
    return refuse("not_settled", "completed while " + std::to_string(s.remaining()) + " đồng remain");
  if (e.type == EventType::paid_out && amount_of(e) > s.undistributed())
    return refuse("over_payout", "paid_out " + std::to_string(amount_of(e)) + " exceeds the money collected and not yet paid out (" +
                                     std::to_string(s.undistributed()) + ")",
                  "Luật THADS 2008, Điều 47");
  return std::nullopt;
}

CaseStream::CaseStream(std::vector<Event> events) : events_(std::move(events)) { state_ = fold(events_); }

std::optional<Refusal> CaseStream::check_void(const Event& e) const {
  const int64_t voids = e.as<Voided>().voids;
  if (voids >= e.seq || voids > version())
    return refuse("void_target", "voids seq " + std::to_string(voids) + ", which does not exist");
  const Event& target = events_[static_cast<size_t>(voids - 1)];
  for (const Event& x : events_)
    if (x.type == EventType::voided && x.as<Voided>().voids == voids)
      return refuse("void_target", "seq " + std::to_string(voids) + " is already voided");
  if (target.type == EventType::case_opened) {
    for (const Event* x : effective_history(events_))
      if (x->seq != 1) return refuse("void_target", "case_opened can be voided only when no other event of the case counts");
    return std::nullopt;
  }
  if (target.type == EventType::reversed) {
    // A reversal not yet approved may be withdrawn; an approved one stands
    // (money entries are corrected by a new entry, not voided).
    for (const Event& x : events_)
      if (x.type == EventType::reversal_approved && x.as<ReversalApproved>().approves == voids)
        return refuse("void_target", "the reversal seq " + std::to_string(voids) + " is approved");
    return std::nullopt;
  }
  if (!voidable(target.type))
    return refuse("void_target", std::string(to_string(target.type)) + " events cannot be voided in v1");
  return std::nullopt;
}

// docs/formats/reversal.md "Refusals": the target of `reversed` is a counting
// collected / paid_out entry of this case, not already reversed or awaiting a
// reversal; the target of `reversal_approved` is a reversal awaiting approval.
// Reversing a collection whose money was paid out would leave paid_out above
// collected: over_payout (the payout is reversed first).
std::optional<Refusal> CaseStream::check_reversal(const Event& e) const {
  const CaseState& s = state_;
  const MoneyEntry* m = nullptr;
  if (e.type == EventType::reversed) {
    const int64_t reverses = e.as<Reversed>().reverses;
    const std::string what = "reverses seq " + std::to_string(reverses);
    if (reverses >= e.seq || reverses > version()) return refuse("void_target", what + ", which does not exist");
    m = s.money_entry(reverses);
    if (!m) {
      const Event& target = events_[static_cast<size_t>(reverses - 1)];
      return refuse("void_target", what + ", a " + std::string(to_string(target.type)) +
                                       " event: only collected and paid_out entries that count can be reversed");
    }
    if (m->reversed) return refuse("void_target", what + ", which is already reversed");
    if (m->reversal) return refuse("void_target", what + ", whose reversal seq " + std::to_string(m->reversal) +
                                                      " awaits approval");
  } else {
    const int64_t approves = e.as<ReversalApproved>().approves;
    const std::string what = "approves seq " + std::to_string(approves);
    if (approves >= e.seq || approves > version()) return refuse("void_target", what + ", which does not exist");
    m = s.pending_reversal(approves);
    if (!m) return refuse("void_target", what + ", which is not a reversal awaiting approval");
  }
  if (m->type == EventType::collected && m->amount > s.undistributed())
    return refuse("over_payout", "reversing the collection seq " + std::to_string(m->seq) + " of " +
                                     std::to_string(m->amount) + " would leave paid_out (" + std::to_string(s.paid_out) +
                                     ") above collected (" + std::to_string(s.collected - m->amount) +
                                     "); reverse the payout first",
                  "Luật THADS 2008, Điều 47");
  return std::nullopt;
}

bool AgencyRefs::above(const std::string& upper, const std::string& agency) const {
  std::string at = agency;
  for (int steps = 0; steps < 64; ++steps) {
    std::string up = parent ? parent(at) : std::string();
    if (up.empty() || up == at) return false;
    if (up == upper) return true;
    at = std::move(up);
  }
  return false;
}

Decision CaseStream::decide(const Event& e, const AgencyRefs& agencies) const {
  const auto& agency_known = agencies.known;
  auto no = [](Refusal r) { return Decision{Decision::refuse, std::move(r)}; };
  if (e.seq <= version()) {
    const Event& old = events_[static_cast<size_t>(e.seq - 1)];
    if (same_record(old.raw, e.raw)) return Decision{Decision::duplicate, {}};
    return no(refuse("seq_conflict", "seq " + std::to_string(e.seq) + " of case " + e.case_id +
                                         " is already recorded with different content"));
  }
  if (!exists() && e.type != EventType::case_opened)
    return no(refuse("unknown_case", "case " + e.case_id + " has not been opened"));
  if (exists() && e.seq != version() + 1)
    return no(refuse("seq_gap", "expected seq " + std::to_string(version() + 1) + ", got " + std::to_string(e.seq)));
  if (exists() && e.date < events_.back().date)
    return no(refuse("date_before_previous", "date " + e.date.iso() + " is before the previous event's " +
                                                 events_.back().date.iso()));
  if (state_.ended && e.type != EventType::voided)
    return no(refuse("case_ended", state_.withdrawn ? "the case was withdrawn" : "the case has ended (" +
                                                          std::string(to_string(state_.end_type)) + ")"));
  if (e.type == EventType::case_opened && !agency_known(e.opened()->agency))
    return no(refuse("unknown_agency", "agency " + e.opened()->agency + " is not known"));
  if ((e.type == EventType::entrusted_out || e.type == EventType::pulled_up) && !agency_known(to_agency_of(e)))
    return no(refuse("unknown_agency", "agency " + to_agency_of(e) + " is not known"));
  if (e.type == EventType::request_sent_back && e.date < request_sent_back_in_force())
    return no(refuse("not_in_force", "request_sent_back exists only from 2026-07-01",
                     "Luật THADS 2025 (106/2025/QH15); NĐ 152/2026/NĐ-CP, Điều 22"));
  if (e.type == EventType::case_opened) {
    if (e.seq != 1) return no(refuse("bad_transition", "case_opened needs seq 1"));
    return Decision{};
  }
  if (e.type == EventType::voided) {
    if (auto r = check_void(e)) return no(*r);
    // The history without the target must still obey the transition rules.
    std::vector<Event> rest;
    rest.reserve(events_.size());
    for (const Event& x : events_)
      if (x.seq != e.as<Voided>().voids) rest.push_back(x);
    CaseState s;
    for (const Event* x : effective_history(rest)) {
      if (x->type != EventType::case_opened) {
        if (auto r = check_transition(s, *x)) {
          return no(refuse("bad_transition", "voiding seq " + std::to_string(e.as<Voided>().voids) + " would leave seq " +
                                                 std::to_string(x->seq) + " unlawful: " + r->message));
        }
      }
      evolve(s, *x);
    }
    return Decision{};
  }
  if (e.type == EventType::reversed || e.type == EventType::reversal_approved) {
    if (auto r = check_reversal(e)) {
      if (r->code == "void_target") return no(*r);
      if (auto t = check_transition(state_, e)) return no(*t);  // bad_transition before over_payout
      return no(*r);
    }
  }
  if (auto r = check_transition(state_, e)) return no(*r);
  // interchange.md "Transitions": rút hồ sơ (register 12 of TT 04/2023) hands
  // the file to a superior agency, whose head takes over a case of the level
  // below (Luật THADS 2008, Điều 23 khoản 2), so `pulled_up` names an
  // ancestor of the case's own agency. Held here, for import, API and pages.
  if (e.type == EventType::pulled_up && state_.info && !agencies.above(to_agency_of(e), state_.info->agency))
    return no(refuse("bad_transition",
                     "pulled_up names " + to_agency_of(e) + ", which is not above the case's agency " + state_.info->agency,
                     "Luật THADS 2008, Điều 23 khoản 2"));
  return Decision{};
}

void CaseStream::append(Event e) {
  events_.push_back(std::move(e));
  const Event& last = events_.back();
  if (last.type == EventType::voided)
    state_ = fold(events_);
  else
    evolve(state_, last);
}

}  // namespace thads
