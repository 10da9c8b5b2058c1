#include "domain/deadlines.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace thads {
namespace {

// What one pass over the (already effective) history establishes.
struct Facts {
  const Event* opened = nullptr;
  const Event* first_notified = nullptr;
  const Event* first_verified = nullptr;
  std::optional<Date> latest_verified;
  const Event* latest_unable = nullptr;
  Status status = Status::active;
  std::optional<Date> end;  // date of the first ending event
  std::vector<Date> verifications;
  std::vector<const Event*> unable_decisions, postponements, suspensions, terminations;
  std::vector<const Event*> collections, payouts, coercion_plans;
};

// Money entries whose reversal the head approved (docs/formats/reversal.md):
// money that was never really collected or paid out moves no deadline.
std::unordered_set<int64_t> reversed_entries(std::span<const Event> history) {
  std::unordered_map<int64_t, int64_t> requests;  // `reversed` seq -> entry seq
  std::unordered_set<int64_t> out;
  for (const Event& e : history) {
    if (const auto* rv = e.if_is<Reversed>()) requests[e.seq] = rv->reverses;
    if (const auto* ap = e.if_is<ReversalApproved>())
      if (auto r = requests.find(ap->approves); r != requests.end()) out.insert(r->second);
  }
  return out;
}

Facts gather(std::span<const Event> history) {
  Facts f;
  const std::unordered_set<int64_t> reversed = reversed_entries(history);
  for (const Event& e : history) {
    if ((e.type == EventType::collected || e.type == EventType::paid_out) && reversed.count(e.seq)) continue;
    if (f.end) break;  // only `voided` may follow an ending event (interchange.md)
    switch (e.type) {
      case EventType::case_opened:
        if (!f.opened) f.opened = &e;
        break;
      case EventType::notified:
        if (!f.first_notified) f.first_notified = &e;
        break;
      case EventType::verified:
        if (!f.first_verified) f.first_verified = &e;
        f.latest_verified = e.date;
        f.verifications.push_back(e.date);
        break;
      case EventType::unable_decided:  // statistics.md "Case states over time"
        f.status = Status::unable;
        f.latest_unable = &e;
        f.unable_decisions.push_back(&e);
        break;
      case EventType::resumed:
        f.status = Status::active;
        break;
      case EventType::postponed:
        f.status = e.as<Postponed>().ground == "48.1.c" ? Status::postponed_agreed : Status::postponed_suspended;
        f.postponements.push_back(&e);
        break;
      case EventType::suspended:
        f.status = Status::postponed_suspended;
        f.suspensions.push_back(&e);
        break;
      case EventType::terminated: f.terminations.push_back(&e); break;
      case EventType::collected: f.collections.push_back(&e); break;
      case EventType::paid_out: f.payouts.push_back(&e); break;
      case EventType::coercion_planned: f.coercion_plans.push_back(&e); break;
      default: break;
    }
    if (is_ending(e.type)) f.end = e.date;
  }
  return f;
}

struct Ctx {
  Date today;
  const Calendar& cal;
  const LegalSettings& s;
  std::optional<Date> end;
  DeadlineReport& out;
  RegimePeriods periods(Date start) const { return s.periods(regime_on(start)); }
};

// A deadline for an act done on `done` (nullopt: not done), or nothing when
// the case ended before it fell due (interchange.md: an ended case lists an
// unmet deadline only when it fell due before the end, and nothing open).
std::optional<Deadline> make(const Ctx& c, std::string_view action, std::string_view label, Date due,
                             std::string_view article, std::optional<Date> done, std::string note = {}) {
  Deadline d;
  d.action = action;
  d.label_vi = label;
  d.due = due;
  d.article = article;
  d.note = std::move(note);
  if (!done && c.end && !(due < *c.end)) return std::nullopt;
  settle(d, done, c.today);
  return d;
}

void add(const Ctx& c, std::optional<Deadline> d) {
  if (d) c.out.deadlines.push_back(std::move(*d));
}

// One action, several occurrences: the earliest not done; else the one done
// latest (most days late), the most recent on a tie.
void add_worst(const Ctx& c, std::vector<Deadline> candidates) {
  if (candidates.empty()) return;
  add(c, *std::min_element(candidates.begin(), candidates.end(), [](const Deadline& a, const Deadline& b) {
    if (a.met_on.has_value() != b.met_on.has_value()) return !a.met_on.has_value();
    if (!a.met_on) return a.due < b.due;
    if (a.days_late != b.days_late) return a.days_late > b.days_late;
    return a.due > b.due;
  }));
}

void issue_decision(const Ctx& c, const Facts& f) {
  if (!f.opened->opened()) return;
  const CaseOpened& o = *f.opened->opened();
  const bool on_request = o.mode == Mode::on_request;
  // On request: 5 wd from the request (Art. 36(1)). Proactive items (a)–(d):
  // 5 wd from receiving the judgment; bankruptcy decisions: 3 wd (Art. 36(2)).
  const std::optional<Date> from = on_request ? o.request_date : o.judgment.received_date;
  if (!from) return;
  const Regime r = regime_on(*from);
  const int wd = !on_request && o.judgment_kind == "bankruptcy" ? 3 : c.s.periods(r).issue_decision_wd;
  const LegalRule rule = on_request ? LegalRule::issue_decision_on_request : LegalRule::issue_decision_proactive;
  add(c, make(c, "issue_decision", "Ra quyết định thi hành án", c.cal.add_working_days(*from, wd), article(rule, r),
              f.opened->date));
}

void notify(const Ctx& c, const Facts& f) {
  // Art. 39(2): notify within 3 wd of the decision; met by the first `notified`.
  const Date start = f.opened->date;
  const Date due = c.cal.add_working_days(start, c.periods(start).notify_wd);
  std::optional<Date> done;
  if (f.first_notified) done = f.first_notified->date;
  add(c, make(c, "notify", "Thông báo quyết định thi hành án", due, article(LegalRule::notify, regime_on(start)),
              done));
}

// Art. 45(1) on a calendar already chosen for counting (see compute_deadlines).
Date voluntary_end_on(const Calendar& counting, const RegimePeriods& p, Date notified) {
  return counting.end_of_days(notified, p.voluntary_days);
}

void verify(const Ctx& c, const Facts& f) {
  if (!f.first_notified) return;  // listed only once the case is notified
  const Date start = f.first_notified->date;
  const RegimePeriods p = c.periods(start);
  // Art. 45(1): the voluntary period (thời hạn tự nguyện) is 10 days from
  // valid notification. Its end is moved off a day off (BLDS Art. 148(5))
  // before the 10-day verification period of Art. 44(1) is counted from it.
  const Date voluntary_end = voluntary_end_on(c.cal, p, start);
  const Date due = c.cal.end_of_days(voluntary_end, p.verify_days);
  std::optional<Date> done;
  if (f.first_verified) done = f.first_verified->date;
  add(c, make(c, "verify", "Xác minh điều kiện thi hành án", due, article(LegalRule::verify, regime_on(start)), done,
              "Hết thời hạn tự nguyện ngày " + voluntary_end.vn()));
}

bool long_reverify_period(const Event& unable) {
  // Art. 44(2): once a year for a prisoner with 2 years or more left to
  // serve, or when the debtor's address is unknown.
  const UnableDecided& u = unable.as<UnableDecided>();
  return u.reason == "address_unknown" || u.prisoner;
}

void reverify(const Ctx& c, const Facts& f) {
  if (c.end || f.status != Status::unable || !f.latest_unable) return;
  // Art. 44(2): re-verify at least every 6 months (12 for the cases above),
  // counted from the later of the decision and the latest verification.
  const Date start = std::max(f.latest_unable->date, f.latest_verified.value_or(f.latest_unable->date));
  const RegimePeriods p = c.periods(start);
  const int months = long_reverify_period(*f.latest_unable) ? p.reverify_months_long : p.reverify_months;
  // It always names the next verification, so it is never met.
  add(c, make(c, "reverify", "Xác minh lại điều kiện thi hành án", c.cal.end_of_months(start, months),
              article(LegalRule::reverify, regime_on(start)), std::nullopt,
              "Xác minh định kỳ " + std::to_string(months) + " tháng một lần"));
}

// Decisions due within a number of working days of their grounds_date; met
// by the decision itself. `working_days` gives nullopt when no period applies.
template <class Period>
void decisions(const Ctx& c, const std::vector<const Event*>& events, std::string_view action,
               std::string_view label, LegalRule rule, Period working_days) {
  std::vector<Deadline> candidates;
  for (const Event* e : events) {
    const std::optional<Date> grounds = grounds_date_of(*e);
    if (!grounds) continue;
    const Date start = *grounds;
    const std::optional<int> wd = working_days(*e, c.periods(start));
    if (!wd) continue;
    if (auto d = make(c, action, label, c.cal.add_working_days(start, *wd), article(rule, regime_on(start)), e->date,
                      "Căn cứ phát sinh ngày " + start.vn()))
      candidates.push_back(std::move(*d));
  }
  add_worst(c, std::move(candidates));
}

void status_decisions(const Ctx& c, const Facts& f) {
  // Art. 48(3): hoãn within 5 wd of the grounds; at once (same day) when a
  // person with power to protest asks for it (Art. 48(2)).
  decisions(c, f.postponements, "decide_postponement", "Ra quyết định hoãn thi hành án",
            LegalRule::decide_postponement, [](const Event& e, const RegimePeriods& p) -> std::optional<int> {
              return e.as<Postponed>().ground == "48.2" ? 0 : p.status_decision_wd;
            });
  // Art. 49(2): tạm đình chỉ on a bankruptcy petition within 5 wd of the
  // court's notice. A protest (Art. 49(1)) is only notified: no period.
  decisions(c, f.suspensions, "decide_suspension", "Ra quyết định tạm đình chỉ thi hành án",
            LegalRule::decide_suspension, [](const Event& e, const RegimePeriods& p) -> std::optional<int> {
              if (e.as<Suspended>().ground != "bankruptcy") return std::nullopt;
              return p.status_decision_wd;
            });
  // Art. 50: đình chỉ within 5 wd of the grounds.
  decisions(c, f.terminations, "decide_termination", "Ra quyết định đình chỉ thi hành án",
            LegalRule::decide_termination,
            [](const Event&, const RegimePeriods& p) -> std::optional<int> { return p.status_decision_wd; });
  // Art. 44a; NĐ62 Art. 9(4): the decision that the case is "chưa có điều
  // kiện thi hành án" within 5 wd of establishing the grounds.
  decisions(c, f.unable_decisions, "decide_unable", "Ra quyết định về việc chưa có điều kiện thi hành án",
            LegalRule::decide_unable,
            [](const Event&, const RegimePeriods& p) -> std::optional<int> { return p.status_decision_wd; });
}

void publish_unable(const Ctx& c, const Facts& f) {
  // NĐ62 Art. 11(1) (NĐ152/26 Art. 23): publish the debtor's name, address
  // and obligation within 5 wd of the decision. thads publishes a decision
  // as it records it, so the publication is met on the decision's date.
  std::vector<Deadline> candidates;
  for (const Event* e : f.unable_decisions) {
    const Date due = c.cal.add_working_days(e->date, c.periods(e->date).publish_wd);
    if (auto d = make(c, "publish_unable", "Công khai thông tin người phải thi hành án chưa có điều kiện thi hành",
                      due, article(LegalRule::publish_unable, regime_on(e->date)), e->date,
                      "Công khai khi ghi nhận quyết định ngày " + e->date.vn()))
      candidates.push_back(std::move(*d));
  }
  add_worst(c, std::move(candidates));
}

void payout(const Ctx& c, const Facts& f) {
  // Art. 47(5): pay the creditor within 10 days of collecting. Money owed to
  // the State goes to the budget, not to a creditor, and money the parties
  // settled between themselves never passes through the agency.
  if (!f.opened->opened() || f.opened->opened()->creditor.kind == "state") return;
  std::vector<Deadline> candidates;
  Money collected = 0, paid = 0;
  size_t next_payout = 0;
  std::optional<Date> last_paid;
  for (const Event* e : f.collections) {
    const Collected& in = e->as<Collected>();
    if (in.method == "settled") continue;
    collected += in.amount;
    // FIFO: this collection is paid out once cumulative payouts reach the
    // cumulative collections up to it.
    while (paid < collected && next_payout < f.payouts.size()) {
      paid += f.payouts[next_payout]->as<PaidOut>().amount;
      last_paid = f.payouts[next_payout]->date;
      ++next_payout;
    }
    std::optional<Date> done;
    if (paid >= collected && last_paid) done = std::max(*last_paid, e->date);
    const Date due = c.cal.end_of_days(e->date, c.periods(e->date).payout_days);
    if (auto d = make(c, "payout", "Chi trả tiền cho người được thi hành án", due,
                      article(LegalRule::payout, regime_on(e->date)), done,
                      "Khoản thu ngày " + e->date.vn() + ": " + format_vnd(in.amount)))
      candidates.push_back(std::move(*d));
  }
  add_worst(c, std::move(candidates));
}

void coercion_warnings(const Ctx& c, const Facts& f) {
  for (const Event* e : f.coercion_plans) {
    const CoercionPlanned& plan = e->as<CoercionPlanned>();
    const Date d = plan.scheduled_date;
    const Regime r = regime_on(d);
    // Art. 46(2) (NĐ152/26 Art. 42(2)): no coercion on days off and holidays.
    if (c.cal.is_day_off(d)) {
      const std::string what = d.is_weekend() ? (d.weekday() == 5 ? "thứ Bảy" : "Chủ nhật")
                                              : c.cal.name_of(d).value_or("ngày nghỉ");
      c.out.warnings.push_back({"coercion_on_day_off",
                                "Ngày cưỡng chế dự kiến " + d.vn() + " là ngày nghỉ (" + what +
                                    "): không được tổ chức cưỡng chế vào ngày nghỉ, ngày lễ.",
                                std::string(article(LegalRule::coercion_day_off, r)), d});
    }
    // Art. 46(2); NĐ62 Art. 13(2); NĐ152/26 Art. 42(2): no coercion that
    // mobilises forces within 15 days before and after Tết Nguyên đán.
    if (plan.mobilised_forces && c.cal.in_tet_window(d, c.s.tet_window_days)) {
      c.out.warnings.push_back({"coercion_near_tet",
                                "Cưỡng chế có huy động lực lượng dự kiến ngày " + d.vn() + " nằm trong thời gian " +
                                    std::to_string(c.s.tet_window_days) +
                                    " ngày trước và sau Tết Nguyên đán: không được tổ chức cưỡng chế có huy động lực lượng.",
                                std::string(article(LegalRule::coercion_near_tet, r)), d});
    }
  }
}

void separate_register_warning(const Ctx& c, const Facts& f) {
  if (c.end || f.status != Status::unable || !f.latest_unable) return;
  const Event& u = *f.latest_unable;
  const Regime r = regime_on(c.today);  // the move would be made now
  Date ready;
  if (r == Regime::law_2008) {
    // NĐ62 Art. 9(5): 1 year after the decision (2 years for the cases of
    // Art. 44(2)), at least 2 verifications since it, and no new information.
    ready = u.date.plus_months(long_reverify_period(u) ? 24 : 12);
    std::vector<Date> since;
    for (Date v : f.verifications)
      if (v > u.date) since.push_back(v);
    if (since.size() < 2) return;
    ready = std::max(ready, since[1]);
  } else {
    // NĐ152/26 Art. 22: 2 years after the decision with no new information.
    ready = u.date.plus_months(24);
  }
  if (ready > c.today) return;
  const bool send_back =
      r == Regime::law_2025 && f.opened->opened() && f.opened->opened()->mode == Mode::on_request;
  c.out.warnings.push_back(
      {"separate_register_conditions",
       std::string("Việc chưa có điều kiện thi hành án từ ngày ") + u.date.vn() + " đã đủ thời gian để " +
           (send_back ? "gửi lại yêu cầu thi hành án" : "chuyển sang sổ theo dõi riêng") +
           " nếu không có thông tin mới về điều kiện thi hành án của người phải thi hành án.",
       std::string(article(LegalRule::separate_register, r)), ready});
}

}  // namespace

Date voluntary_period_end(Date notified, const Calendar& cal, const LegalSettings& s) {
  const RegimePeriods p = s.periods(regime_on(notified));
  if (s.makeup_days_are_working_days) return voluntary_end_on(cal, p, notified);
  return voluntary_end_on(cal.without_working_day_swaps(), p, notified);
}

std::string_view to_string(Deadline::State st) {
  switch (st) {
    case Deadline::State::met: return "met";
    case Deadline::State::missed: return "missed";
    case Deadline::State::open: return "open";
  }
  return "";
}

void settle(Deadline& d, std::optional<Date> done, Date today) {
  d.met_on = done;
  if (done) {
    d.state = *done <= d.due ? Deadline::State::met : Deadline::State::missed;
    d.days_late = std::max(0, *done - d.due);
  } else {
    d.state = d.due < today ? Deadline::State::missed : Deadline::State::open;
    d.days_late = d.due < today ? today - d.due : 0;
  }
}

DeadlineReport compute_deadlines(std::span<const Event> history, Date today, const Calendar& cal,
                                 const LegalSettings& s) {
  DeadlineReport out;
  const Facts f = gather(history);
  if (!f.opened) return out;
  const Calendar no_swaps = s.makeup_days_are_working_days ? Calendar{} : cal.without_working_day_swaps();
  const Ctx c{today, s.makeup_days_are_working_days ? cal : no_swaps, s, f.end, out};
  issue_decision(c, f);
  notify(c, f);
  verify(c, f);
  reverify(c, f);
  status_decisions(c, f);
  publish_unable(c, f);
  payout(c, f);
  coercion_warnings(c, f);
  separate_register_warning(c, f);
  return out;
}

}  // namespace thads
