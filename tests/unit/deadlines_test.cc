// The deadline engine: the shared scenario (shared/scenarios/deadlines), the
// ended-case rules, each deadline and each warning, on the official calendar.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>

#include "domain/case_state.h"
#include "domain/deadlines.h"

namespace thads {
namespace {

Date D(const char* s) { return Date::parse(s).value(); }

// One case's history, built event by event (seq follows the order of add()).
class History {
 public:
  History& open(const char* date, Mode mode = Mode::proactive, const char* request_date = nullptr,
                const char* creditor_kind = "person") {
    auto o = std::make_shared<CaseOpened>();
    o->agency = "HP";
    o->mode = mode;
    o->judgment_kind = "civil";
    o->creditor.kind = creditor_kind;
    if (request_date) o->request_date = D(request_date);
    opened_ = o;
    add(EventType::case_opened, date).payload = std::shared_ptr<const CaseOpened>(o);
    return *this;
  }
  CaseOpened& opened() { return *opened_; }
  Event& add(EventType t, const char* date) {
    Event e;
    e.case_id = "T";
    e.seq = static_cast<int64_t>(events_.size()) + 1;
    e.set_type(t);
    e.date = D(date);
    events_.push_back(std::move(e));
    return events_.back();
  }
  Event& unable(const char* date, const char* reason, bool prisoner = false) {
    Event& e = add(EventType::unable_decided, date);
    e.as<UnableDecided>().reason = reason;
    e.as<UnableDecided>().prisoner = prisoner;
    return e;
  }
  Event& money(EventType t, const char* date, Money amount, const char* method = "voluntary") {
    Event& e = add(t, date);
    if (t == EventType::collected) e.as<Collected>() = Collected{amount, method};
    if (t == EventType::paid_out) e.as<PaidOut>().amount = amount;
    if (t == EventType::reduced) e.as<Reduced>().amount = amount;
    return e;
  }
  Event& coercion(const char* date, const char* scheduled, bool mobilised) {
    Event& e = add(EventType::coercion_planned, date);
    e.as<CoercionPlanned>() = CoercionPlanned{D(scheduled), "seize_assets", mobilised};
    return e;
  }
  const std::vector<Event>& events() const { return events_; }
  DeadlineReport report(const char* today, const LegalSettings& s = LegalSettings::defaults()) const {
    return compute_deadlines(events_, D(today), Calendar::official(), s);
  }

 private:
  std::vector<Event> events_;
  std::shared_ptr<CaseOpened> opened_;
};

const Deadline* find(const DeadlineReport& r, std::string_view action) {
  for (const Deadline& d : r.deadlines)
    if (d.action == action) return &d;
  return nullptr;
}

void expect(const DeadlineReport& r, std::string_view action, const char* due, Deadline::State st, int late) {
  const Deadline* d = find(r, action);
  ASSERT_NE(d, nullptr) << action << " missing";
  EXPECT_EQ(d->due, D(due)) << action;
  EXPECT_EQ(d->state, st) << action;
  EXPECT_EQ(d->days_late, late) << action;
  EXPECT_FALSE(d->label_vi.empty()) << action;
  EXPECT_FALSE(d->article.empty()) << action;
}

std::vector<std::string> warning_codes(const DeadlineReport& r) {
  std::vector<std::string> out;
  for (const Warning& w : r.warnings) out.push_back(w.code);
  return out;
}

constexpr auto met = Deadline::State::met;
constexpr auto missed = Deadline::State::missed;
constexpr auto open = Deadline::State::open;

// ---- shared/scenarios/deadlines (events.jsonl, deadlines.json) ----

History case_d1() {
  History h;
  h.open("2025-02-05", Mode::on_request, "2025-01-22");
  h.add(EventType::notified, "2025-02-12");
  h.add(EventType::verified, "2025-03-05").as<Verified>().result = "unable";
  h.unable("2025-03-10", "no_income_or_assets");
  return h;
}

TEST(DeadlinesScenario, D1OnRequestNotifiedLateUnable) {
  const DeadlineReport r = case_d1().report("2025-09-15");
  expect(r, "issue_decision", "2025-02-05", met, 0);
  expect(r, "notify", "2025-02-10", missed, 2);
  expect(r, "verify", "2025-03-06", met, 0);
  expect(r, "reverify", "2025-09-10", missed, 5);
  EXPECT_EQ(find(r, "notify")->article, "Luật THADS 2008, Điều 39 khoản 2");
  EXPECT_EQ(find(r, "notify")->met_on, D("2025-02-12"));
  EXPECT_EQ(find(r, "issue_decision")->article, "Luật THADS 2008, Điều 36 khoản 1");
  EXPECT_EQ(find(r, "reverify")->met_on, std::nullopt);
}

TEST(DeadlinesScenario, D2ProactiveNotifiedNotVerified) {
  History h;
  h.open("2025-04-28", Mode::proactive, nullptr, "state");
  h.add(EventType::notified, "2025-05-06");
  const DeadlineReport r = h.report("2025-05-20");
  expect(r, "notify", "2025-05-06", met, 0);
  expect(r, "verify", "2025-05-26", open, 0);
  EXPECT_EQ(find(r, "issue_decision"), nullptr);  // no judgment.received_date
  EXPECT_EQ(find(r, "reverify"), nullptr);
  EXPECT_EQ(find(r, "verify")->met_on, std::nullopt);
}

TEST(DeadlinesScenario, D3AddressUnknownReverifiesYearly) {
  History h;
  h.open("2025-01-06", Mode::proactive, nullptr, "state");
  h.add(EventType::notified, "2025-01-07");
  h.add(EventType::verified, "2025-01-20").as<Verified>().result = "unable";
  h.unable("2025-02-03", "address_unknown");
  h.add(EventType::verified, "2025-08-01").as<Verified>().result = "unable";
  const DeadlineReport r = h.report("2026-01-05");
  expect(r, "notify", "2025-01-09", met, 0);
  expect(r, "verify", "2025-02-03", met, 0);  // Tết 27/01 moves the end to 03/02
  expect(r, "reverify", "2026-08-03", open, 0);  // from the later verification; Sat → Mon
}

TEST(Deadlines, EachActionAtMostOnce) {
  History h = case_d1();
  h.money(EventType::collected, "2025-04-01", 1'000'000);
  h.money(EventType::collected, "2025-04-02", 1'000'000);
  h.add(EventType::resumed, "2025-04-03");
  h.add(EventType::postponed, "2025-04-08").as<Postponed>().grounds_date = D("2025-04-04");
  h.add(EventType::resumed, "2025-04-20");
  h.add(EventType::postponed, "2025-05-08").as<Postponed>().grounds_date = D("2025-05-05");
  h.add(EventType::resumed, "2025-05-20");
  h.unable("2025-06-02", "item_gone").as<UnableDecided>().grounds_date = D("2025-05-30");
  const DeadlineReport r = h.report("2025-09-15");
  std::set<std::string> seen;
  for (const Deadline& d : r.deadlines) EXPECT_TRUE(seen.insert(d.action).second) << d.action << " twice";
  // issue_decision, notify, verify, reverify, decide_postponement, decide_unable, publish_unable, payout
  EXPECT_EQ(seen.size(), 8u);
}

TEST(Deadlines, EmptyOrUnopenedHistoryHasNothing) {
  EXPECT_TRUE(compute_deadlines({}, D("2025-01-01"), Calendar::official()).deadlines.empty());
  History h;
  h.add(EventType::notified, "2025-01-02");
  EXPECT_TRUE(h.report("2025-06-01").deadlines.empty());
}

TEST(Deadlines, StateNames) {
  EXPECT_EQ(to_string(met), "met");
  EXPECT_EQ(to_string(missed), "missed");
  EXPECT_EQ(to_string(open), "open");
}

// ---- ended cases ----

TEST(DeadlinesEndedCase, DeadlineFallingDueAfterTheEndIsNotListed) {
  History h;
  h.open("2025-03-03");
  h.add(EventType::completed, "2025-03-04");
  EXPECT_EQ(find(h.report("2025-06-01"), "notify"), nullptr);  // due 06/03, ended 04/03
}

TEST(DeadlinesEndedCase, UnmetDeadlineDueBeforeTheEndIsMissed) {
  History h;
  h.open("2025-03-03");
  h.add(EventType::completed, "2025-03-20");
  const DeadlineReport r = h.report("2025-06-01");
  expect(r, "notify", "2025-03-06", missed, D("2025-06-01") - D("2025-03-06"));
  EXPECT_EQ(find(r, "verify"), nullptr);
}

TEST(DeadlinesEndedCase, MetDeadlinesStayAndNothingIsOpen) {
  History h;
  h.open("2025-03-03");
  h.add(EventType::notified, "2025-03-04");
  h.add(EventType::verified, "2025-03-05").as<Verified>().result = "unable";
  h.unable("2025-03-05", "no_income_or_assets");
  h.add(EventType::moved_to_separate_register, "2025-03-06");
  const DeadlineReport r = h.report("2025-03-07");
  expect(r, "notify", "2025-03-06", met, 0);
  expect(r, "verify", "2025-03-24", met, 0);
  EXPECT_EQ(find(r, "reverify"), nullptr);  // ended, though the status was unable
  for (const Deadline& d : r.deadlines) EXPECT_NE(d.state, open) << d.action;
}

TEST(DeadlinesEndedCase, NotVerifiedBeforeTheEndIsDropped) {
  History h;
  h.open("2025-03-03");
  h.add(EventType::notified, "2025-03-04");
  h.add(EventType::completed, "2025-03-10");
  const DeadlineReport r = h.report("2025-12-01");
  EXPECT_EQ(find(r, "verify"), nullptr);  // due 24/03, after the end
  EXPECT_EQ(r.deadlines.size(), 1u);
}

// ---- reverify ----

DeadlineReport unable_case(const char* reason, bool prisoner, const char* today) {
  History h;
  h.open("2025-01-06");
  h.add(EventType::notified, "2025-01-07");
  h.add(EventType::verified, "2025-01-20").as<Verified>().result = "unable";
  h.unable("2025-02-03", reason, prisoner);
  return h.report(today);
}

TEST(Reverify, SixMonthsByDefault) {
  expect(unable_case("no_income_or_assets", false, "2025-03-01"), "reverify", "2025-08-04", open, 0);  // Sun → Mon
  expect(unable_case("item_gone", false, "2025-08-14"), "reverify", "2025-08-04", missed, 10);
}

TEST(Reverify, TwelveMonthsForUnknownAddressOrPrisoner) {
  expect(unable_case("address_unknown", false, "2025-03-01"), "reverify", "2026-02-03", open, 0);
  expect(unable_case("no_income_or_assets", true, "2025-03-01"), "reverify", "2026-02-03", open, 0);
}

TEST(Reverify, MonthEndClampsThenMovesOffADayOff) {
  History h;
  h.open("2025-08-01");
  h.unable("2025-08-31", "no_income_or_assets");
  expect(h.report("2025-09-01"), "reverify", "2026-03-02", open, 0);  // 28/02/2026 is a Saturday
}

TEST(Reverify, OnlyWhileUnable) {
  History h;
  h.open("2025-01-06");
  h.unable("2025-02-03", "no_income_or_assets");
  h.add(EventType::resumed, "2025-03-03");
  EXPECT_EQ(find(h.report("2025-12-01"), "reverify"), nullptr);
  h.unable("2025-04-01", "address_unknown");  // the latest decision decides the period
  expect(h.report("2025-12-01"), "reverify", "2026-04-01", open, 0);
}

TEST(Reverify, NewLawPeriodsAreSettings) {
  History h;
  h.open("2026-07-01");
  h.unable("2026-07-15", "no_income_or_assets");
  LegalSettings s;
  s.reverify_months_2025 = 3;
  const DeadlineReport r = h.report("2026-08-01", s);
  expect(r, "reverify", "2026-10-15", open, 0);
  EXPECT_EQ(find(r, "reverify")->article, "Luật THADS 2025, Điều 38 khoản 3");
  expect(h.report("2026-08-01"), "reverify", "2027-01-15", open, 0);
}

// ---- issue_decision, decisions on status, publication ----

TEST(IssueDecision, ProactiveFromReceivingTheJudgment) {
  History h;
  h.open("2025-05-07");
  h.opened().judgment.received_date = D("2025-04-25");
  const DeadlineReport r = h.report("2025-06-01");
  expect(r, "issue_decision", "2025-05-06", missed, 1);  // make-up Sat 26/04 counts; 30/04–02/05 do not
  EXPECT_EQ(find(r, "issue_decision")->article, "Luật THADS 2008, Điều 36 khoản 2");
  h.opened().judgment_kind = "bankruptcy";  // 3 wd (Art. 36(2))
  expect(h.report("2025-06-01"), "issue_decision", "2025-04-29", missed, 8);
}

TEST(IssueDecision, RegimeByTheDayThePeriodStarts) {
  History before;
  before.open("2026-07-06", Mode::on_request, "2026-06-30");
  EXPECT_EQ(find(before.report("2026-08-01"), "issue_decision")->article, "Luật THADS 2008, Điều 36 khoản 1");
  History after;
  after.open("2026-07-06", Mode::on_request, "2026-07-01");
  const DeadlineReport r = after.report("2026-08-01");
  expect(r, "issue_decision", "2026-07-08", met, 0);
  EXPECT_EQ(find(r, "issue_decision")->article, "Luật THADS 2025, Điều 33");
  LegalSettings s;
  s.issue_decision_wd_2025 = 7;
  expect(after.report("2026-08-01", s), "issue_decision", "2026-07-10", met, 0);
  s.notify_wd_2025 = 5;
  expect(after.report("2026-08-01", s), "notify", "2026-07-13", missed, 19);
}

TEST(StatusDecisions, PostponementWithinFiveWorkingDaysOfTheGrounds) {
  History h;
  h.open("2025-02-03");
  Postponed& p = h.add(EventType::postponed, "2025-03-12").as<Postponed>();
  p.ground = "48.1.a";
  p.grounds_date = D("2025-03-03");
  const DeadlineReport r = h.report("2025-04-01");
  expect(r, "decide_postponement", "2025-03-10", missed, 2);
  EXPECT_EQ(find(r, "decide_postponement")->article, "Luật THADS 2008, Điều 48 khoản 3");
  EXPECT_EQ(find(r, "decide_postponement")->met_on, D("2025-03-12"));
}

TEST(StatusDecisions, WorstOfSeveralPostponementsIsShown) {
  History h;
  h.open("2025-02-03");
  h.add(EventType::postponed, "2025-03-05").as<Postponed>().grounds_date = D("2025-03-03");
  h.add(EventType::resumed, "2025-03-20");
  h.add(EventType::postponed, "2025-04-15").as<Postponed>().grounds_date = D("2025-04-01");
  h.add(EventType::resumed, "2025-04-20");
  h.add(EventType::postponed, "2025-05-06").as<Postponed>().grounds_date = D("2025-05-05");
  expect(h.report("2025-06-01"), "decide_postponement", "2025-04-09", missed, 6);  // Giỗ Tổ 07/04 skipped
}

TEST(StatusDecisions, ProtestRequestMeansAtOnceAndNoGroundsMeansNoDeadline) {
  History h;
  h.open("2025-02-03");
  Postponed& p = h.add(EventType::postponed, "2025-03-04").as<Postponed>();
  p.ground = "48.2";
  p.grounds_date = D("2025-03-03");
  expect(h.report("2025-04-01"), "decide_postponement", "2025-03-03", missed, 1);
  History none;
  none.open("2025-02-03");
  none.add(EventType::postponed, "2025-03-04").as<Postponed>().ground = "48.1.c";
  EXPECT_EQ(find(none.report("2025-04-01"), "decide_postponement"), nullptr);
}

TEST(StatusDecisions, SuspensionOnlyForBankruptcy) {
  History h;
  h.open("2025-02-03");
  Suspended& s = h.add(EventType::suspended, "2025-03-07").as<Suspended>();
  s.ground = "bankruptcy";
  s.grounds_date = D("2025-03-03");
  expect(h.report("2025-04-01"), "decide_suspension", "2025-03-10", met, 0);
  History protest;
  protest.open("2025-02-03");
  Suspended& q = protest.add(EventType::suspended, "2025-03-07").as<Suspended>();
  q.ground = "protest";
  q.grounds_date = D("2025-03-03");
  EXPECT_EQ(find(protest.report("2025-04-01"), "decide_suspension"), nullptr);
}

TEST(StatusDecisions, TerminationIsListedAfterTheCaseEnds) {
  History h;
  h.open("2025-02-03");
  Terminated& t = h.add(EventType::terminated, "2025-06-05").as<Terminated>();
  t.ground = "50.1.c";
  t.grounds_date = D("2025-06-02");
  const DeadlineReport r = h.report("2025-07-01");
  expect(r, "decide_termination", "2025-06-09", met, 0);
  EXPECT_EQ(find(r, "decide_termination")->article, "Luật THADS 2008, Điều 50");
}

TEST(StatusDecisions, UnableDecisionAndItsPublication) {
  History h;
  h.open("2025-02-03");
  h.unable("2025-03-11", "no_income_or_assets").as<UnableDecided>().grounds_date = D("2025-03-03");
  const DeadlineReport r = h.report("2025-04-01");
  expect(r, "decide_unable", "2025-03-10", missed, 1);
  EXPECT_EQ(find(r, "decide_unable")->article, "Luật THADS 2008, Điều 44a; Nghị định 62/2015/NĐ-CP, Điều 9 khoản 4");
  expect(r, "publish_unable", "2025-03-18", met, 0);  // thads publishes when it records
  EXPECT_EQ(find(r, "publish_unable")->met_on, D("2025-03-11"));
  EXPECT_EQ(find(r, "publish_unable")->article, "Nghị định 62/2015/NĐ-CP, Điều 11 khoản 1");
}

// ---- payout (Art. 47(5)), FIFO over collections ----

History two_collections() {
  History h;
  h.open("2025-02-03");
  h.money(EventType::collected, "2025-03-03", 5'000'000);
  h.money(EventType::collected, "2025-03-10", 5'000'000, "coerced");
  return h;
}

TEST(PayoutDeadline, FirstUncoveredCollectionIsShown) {
  History h = two_collections();
  h.money(EventType::paid_out, "2025-03-12", 5'000'000);
  const DeadlineReport r = h.report("2025-03-25");
  expect(r, "payout", "2025-03-20", missed, 5);
  EXPECT_EQ(find(r, "payout")->met_on, std::nullopt);
  EXPECT_NE(find(r, "payout")->note.find("10/03/2025"), std::string::npos);
  expect(h.report("2025-03-18"), "payout", "2025-03-20", open, 0);
}

TEST(PayoutDeadline, PartialPaymentDoesNotCover) {
  History h = two_collections();
  h.money(EventType::paid_out, "2025-03-05", 3'000'000);
  expect(h.report("2025-03-20"), "payout", "2025-03-13", missed, 7);
}

TEST(PayoutDeadline, AllCoveredShowsTheLatestPaid) {
  History h = two_collections();
  h.money(EventType::paid_out, "2025-03-12", 5'000'000);
  h.money(EventType::paid_out, "2025-03-28", 5'000'000);
  const DeadlineReport r = h.report("2025-03-30");
  expect(r, "payout", "2025-03-20", missed, 8);
  EXPECT_EQ(find(r, "payout")->met_on, D("2025-03-28"));
  History once = two_collections();
  once.money(EventType::paid_out, "2025-03-12", 10'000'000);
  expect(once.report("2025-03-30"), "payout", "2025-03-20", met, 0);
}

TEST(PayoutDeadline, NotForTheStateNorForSettledMoney) {
  History state;
  state.open("2025-02-03", Mode::proactive, nullptr, "state");
  state.money(EventType::collected, "2025-03-03", 5'000'000);
  EXPECT_EQ(find(state.report("2025-06-01"), "payout"), nullptr);
  History settled;
  settled.open("2025-02-03");
  settled.money(EventType::collected, "2025-03-03", 5'000'000, "settled");
  EXPECT_EQ(find(settled.report("2025-06-01"), "payout"), nullptr);
}

// ---- warnings ----

TEST(DeadlineWarnings, CoercionOnADayOff) {
  History h;
  h.open("2025-02-03");
  h.coercion("2025-04-01", "2025-04-26", false);  // make-up Saturday: a working day
  h.coercion("2025-08-20", "2025-09-02", false);  // Quốc khánh
  h.coercion("2025-08-20", "2025-09-06", false);  // Saturday
  h.coercion("2025-08-20", "2025-09-03", false);
  const DeadlineReport r = h.report("2025-08-25");
  ASSERT_EQ(warning_codes(r), (std::vector<std::string>{"coercion_on_day_off", "coercion_on_day_off"}));
  EXPECT_EQ(r.warnings[0].date, D("2025-09-02"));
  EXPECT_NE(r.warnings[0].message_vi.find("Quốc khánh"), std::string::npos);
  EXPECT_NE(r.warnings[1].message_vi.find("thứ Bảy"), std::string::npos);
  EXPECT_EQ(r.warnings[0].article, "Luật THADS 2008, Điều 46 khoản 2");
  LegalSettings strict;
  strict.makeup_days_are_working_days = false;
  EXPECT_EQ(h.report("2025-08-25", strict).warnings.size(), 3u);
}

TEST(DeadlineWarnings, MobilisedCoercionNearTet) {
  History h;
  h.open("2025-02-03");
  h.coercion("2026-01-10", "2026-02-02", true);   // 12 days before the 2026 break
  h.coercion("2026-01-10", "2026-02-03", false);  // no forces mobilised
  h.coercion("2026-01-10", "2026-03-10", true);   // 16 days after the break
  const DeadlineReport r = h.report("2026-01-12");
  ASSERT_EQ(warning_codes(r), std::vector<std::string>{"coercion_near_tet"});
  EXPECT_EQ(r.warnings[0].date, D("2026-02-02"));
  EXPECT_EQ(r.warnings[0].article, "Luật THADS 2008, Điều 46 khoản 2; Nghị định 62/2015/NĐ-CP, Điều 13 khoản 2");
  LegalSettings narrow;
  narrow.tet_window_days = 0;
  EXPECT_TRUE(h.report("2026-01-12", narrow).warnings.empty());
  History later;
  later.open("2026-09-01");
  later.coercion("2027-01-04", "2027-01-25", true);  // mùng 1 06/02/2027, not yet announced
  const DeadlineReport r2 = later.report("2027-01-05");
  ASSERT_EQ(warning_codes(r2), std::vector<std::string>{"coercion_near_tet"});
  EXPECT_EQ(r2.warnings[0].article, "Nghị định 152/2026/NĐ-CP, Điều 42 khoản 2");
}

TEST(DeadlineWarnings, SeparateRegisterConditionsUnderTheOldLaw) {
  History h;
  h.open("2024-01-02");
  h.add(EventType::verified, "2024-02-20").as<Verified>().result = "unable";  // before the decision: not counted
  h.unable("2024-03-01", "no_income_or_assets");
  h.add(EventType::verified, "2024-09-02").as<Verified>().result = "unable";
  EXPECT_TRUE(h.report("2025-04-01").warnings.empty());  // one verification since the decision
  h.add(EventType::verified, "2025-03-03").as<Verified>().result = "unable";
  const DeadlineReport r = h.report("2025-04-01");
  ASSERT_EQ(warning_codes(r), std::vector<std::string>{"separate_register_conditions"});
  EXPECT_EQ(r.warnings[0].date, D("2025-03-03"));
  EXPECT_EQ(r.warnings[0].article, "Nghị định 62/2015/NĐ-CP, Điều 9 khoản 5");
  EXPECT_NE(r.warnings[0].message_vi.find("sổ theo dõi riêng"), std::string::npos);
}

TEST(DeadlineWarnings, SeparateRegisterWaitsAYearAfterTheDecision) {
  History h;
  h.open("2024-01-02", Mode::on_request, "2023-12-26");  // no sending back before 01/07/2026
  h.unable("2024-03-01", "no_income_or_assets");
  h.add(EventType::verified, "2024-04-01").as<Verified>().result = "unable";
  h.add(EventType::verified, "2024-05-02").as<Verified>().result = "unable";
  EXPECT_TRUE(h.report("2025-02-28").warnings.empty());
  const DeadlineReport r = h.report("2025-03-01");
  ASSERT_EQ(warning_codes(r), std::vector<std::string>{"separate_register_conditions"});
  EXPECT_EQ(r.warnings[0].date, D("2025-03-01"));
  EXPECT_NE(r.warnings[0].message_vi.find("sổ theo dõi riêng"), std::string::npos);
  h.add(EventType::resumed, "2025-03-01");
  EXPECT_TRUE(h.report("2025-03-01").warnings.empty());  // no longer unable
}

TEST(DeadlineWarnings, SeparateRegisterNeedsTwoYearsForUnknownAddress) {
  History h;
  h.open("2024-01-02");
  h.unable("2024-03-01", "address_unknown");
  h.add(EventType::verified, "2024-09-02").as<Verified>().result = "unable";
  h.add(EventType::verified, "2025-03-03").as<Verified>().result = "unable";
  EXPECT_TRUE(h.report("2025-04-01").warnings.empty());
  EXPECT_EQ(warning_codes(h.report("2026-03-02")), std::vector<std::string>{"separate_register_conditions"});
}

TEST(DeadlineWarnings, RequestSentBackUnderTheNewLaw) {
  History h;
  h.open("2024-06-03", Mode::on_request, "2024-05-27");
  h.unable("2024-07-15", "no_income_or_assets");
  EXPECT_TRUE(h.report("2026-07-14").warnings.empty());
  const DeadlineReport r = h.report("2026-08-01");
  ASSERT_EQ(warning_codes(r), std::vector<std::string>{"separate_register_conditions"});
  EXPECT_EQ(r.warnings[0].date, D("2026-07-15"));
  EXPECT_EQ(r.warnings[0].article, "Nghị định 152/2026/NĐ-CP, Điều 22");
  EXPECT_NE(r.warnings[0].message_vi.find("gửi lại yêu cầu"), std::string::npos);
}

// ---- a second notification (docs/legal-rules.md §5 "A second notification") ----

// Notifying again is lawful (Art. 39(2), 42(3), 43), but the voluntary period
// runs from the first valid notification (Art. 45(1)): a later `notified`
// moves neither the notify nor the verify deadline.
TEST(NotifiedAgain, DoesNotRestartTheVoluntaryPeriodOrTheDeadlines) {
  History once;
  once.open("2025-03-03");
  once.add(EventType::notified, "2025-03-04");
  History twice = once;
  twice.add(EventType::notified, "2025-03-20");
  for (const char* today : {"2025-03-21", "2025-04-30"}) {
    const DeadlineReport a = once.report(today), b = twice.report(today);
    for (const char* action : {"notify", "verify"}) {
      const Deadline* x = find(a, action);
      const Deadline* y = find(b, action);
      ASSERT_NE(x, nullptr);
      ASSERT_NE(y, nullptr);
      EXPECT_EQ(x->due, y->due) << action << " " << today;
      EXPECT_EQ(x->state, y->state) << action << " " << today;
      EXPECT_EQ(x->met_on, y->met_on) << action << " " << today;
    }
  }
  // Voluntary period: 10 days from 04/03 end on 14/03; verify 10 days later.
  expect(twice.report("2025-04-30"), "verify", "2025-03-24", missed, 37);
}

// When the first notification was invalid it is voided, and the next one is
// the first that counts.
TEST(NotifiedAgain, AVoidedFirstNotificationLetsTheNextOneCount) {
  History h;
  h.open("2025-03-03");
  h.add(EventType::notified, "2025-03-04");
  h.add(EventType::notified, "2025-03-20");
  h.add(EventType::voided, "2025-03-20").as<Voided>().voids = 2;
  std::vector<Event> effective;
  for (const Event* e : effective_history(h.events())) effective.push_back(*e);
  const DeadlineReport r = compute_deadlines(effective, D("2025-04-30"), Calendar::official());
  // 10 days from 20/03 end on 30/03 (a Sunday): moved to 31/03; verify 10 days later.
  expect(r, "verify", "2025-04-10", missed, 20);
  expect(r, "notify", "2025-03-06", missed, 14);
}

}  // namespace
}  // namespace thads
