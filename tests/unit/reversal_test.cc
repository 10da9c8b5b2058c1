// Reversal of money entries (docs/formats/reversal.md): the officer records a
// `reversed` entry naming a collected / paid_out entry, the head approves it
// with `reversal_approved`; from the approval's date the entry no longer
// counts. Refusals, effects on the case, the statistics and the deadlines.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "../support/builders.h"
#include "domain/case_state.h"
#include "domain/deadlines.h"
#include "domain/statistics.h"
#include "domain/stats_table.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::must_event;
using testing::opened_line;

const AgencyRefs known{[](const std::string& code) { return code == "HN" || code == "CQL"; },
                       [](const std::string& code) { return code == "HN" ? std::string("CQL") : std::string(); }};

// Appends lines in order; the code of the first refusal, "ok" when all were accepted.
std::string run(const std::vector<std::string>& lines, CaseStream* out = nullptr) {
  CaseStream s;
  for (const auto& l : lines) {
    Event e = must_event(l);
    Decision d = s.decide(e, known);
    if (d.kind == Decision::refuse) return d.refusal.code;
    if (d.kind == Decision::accept) s.append(e);
  }
  if (out) *out = s;
  return "ok";
}

const std::string kOpen = opened_line("A", "2025-03-03", "HN", 10'000'000);
std::string collect(int seq, const char* date, long long amount) {
  return ev_line("A", seq, "collected", date, R"("amount":)" + std::to_string(amount) + R"(,"method":"voluntary")");
}
std::string pay(int seq, const char* date, long long amount) {
  return ev_line("A", seq, "paid_out", date, R"("amount":)" + std::to_string(amount) + R"(,"to":"Nguyễn Văn An")");
}
std::string reverse(int seq, const char* date, int target) {
  return ev_line("A", seq, "reversed", date, R"("reverses":)" + std::to_string(target) + R"(,"reason":"Nhập nhầm số tiền")");
}
std::string approve(int seq, const char* date, int reversal) {
  return ev_line("A", seq, "reversal_approved", date, R"("approves":)" + std::to_string(reversal));
}

TEST(Reversal, CollectionCountsUntilTheHeadApproves) {
  CaseStream s;
  ASSERT_EQ(run({kOpen, collect(2, "2025-03-10", 4'000'000), reverse(3, "2025-03-11", 2)}, &s), "ok");
  EXPECT_EQ(s.state().collected, 4'000'000);  // pending: still counts
  EXPECT_TRUE(s.state().reversal_pending());
  ASSERT_EQ(run({kOpen, collect(2, "2025-03-10", 4'000'000), reverse(3, "2025-03-11", 2), approve(4, "2025-03-12", 3),
                 collect(5, "2025-03-13", 400'000)},
                &s),
            "ok");
  EXPECT_EQ(s.state().collected, 400'000);
  EXPECT_EQ(s.state().remaining(), 9'600'000);
  EXPECT_FALSE(s.state().reversal_pending());
  ASSERT_NE(s.state().money_entry(2), nullptr);
  EXPECT_TRUE(s.state().money_entry(2)->reversed);
  // The whole amount can be collected again once the typo is reversed.
  EXPECT_EQ(run({kOpen, collect(2, "2025-03-10", 10'000'000), reverse(3, "2025-03-11", 2), approve(4, "2025-03-11", 3),
                 collect(5, "2025-03-12", 10'000'000), ev_line("A", 6, "completed", "2025-03-12")}),
            "ok");
}

TEST(Reversal, PayoutReversalRestoresTheUndistributedMoney) {
  CaseStream s;
  ASSERT_EQ(run({kOpen, collect(2, "2025-03-10", 4'000'000), pay(3, "2025-03-11", 4'000'000), reverse(4, "2025-03-12", 3),
                 approve(5, "2025-03-12", 4)},
                &s),
            "ok");
  EXPECT_EQ(s.state().paid_out, 0);
  EXPECT_EQ(s.state().collected, 4'000'000);
  EXPECT_EQ(s.state().undistributed(), 4'000'000);
}

TEST(Reversal, RefusesANonMoneyOrMissingTarget) {
  const auto base = std::vector<std::string>{kOpen, ev_line("A", 2, "notified", "2025-03-04"),
                                             collect(3, "2025-03-10", 1'000'000)};
  auto with = [&](std::string last) {
    auto v = base;
    v.push_back(std::move(last));
    return run(v);
  };
  EXPECT_EQ(with(reverse(4, "2025-03-11", 1)), "void_target");  // case_opened
  EXPECT_EQ(with(reverse(4, "2025-03-11", 2)), "void_target");  // notified
  EXPECT_EQ(with(reverse(4, "2025-03-11", 9)), "void_target");  // no such seq
  EXPECT_EQ(with(reverse(4, "2025-03-11", 4)), "void_target");  // itself
  EXPECT_EQ(with(ev_line("A", 4, "reduced", "2025-03-11", R"("amount":5)")), "ok");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "reduced", "2025-03-11", R"("amount":5)"), reverse(3, "2025-03-12", 2)}),
            "void_target");  // a reduction is not a money entry of the agency's accounts
  EXPECT_EQ(with(reverse(4, "2025-03-11", 3)), "ok");
}

TEST(Reversal, RefusesAnEntryAlreadyReversedOrAwaitingApproval) {
  const std::vector<std::string> pending{kOpen, collect(2, "2025-03-10", 1'000'000), reverse(3, "2025-03-11", 2)};
  auto then = [](std::vector<std::string> v, std::string last) {
    v.push_back(std::move(last));
    return run(v);
  };
  EXPECT_EQ(then(pending, reverse(4, "2025-03-11", 2)), "void_target");
  auto approved = pending;
  approved.push_back(approve(4, "2025-03-12", 3));
  EXPECT_EQ(then(approved, reverse(5, "2025-03-12", 2)), "void_target");
  EXPECT_EQ(then(approved, approve(5, "2025-03-12", 3)), "void_target");  // approved twice
}

TEST(Reversal, ApprovalNamesAReversalAwaitingIt) {
  const std::vector<std::string> base{kOpen, collect(2, "2025-03-10", 1'000'000)};
  auto then = [&](std::string last) {
    auto v = base;
    v.push_back(std::move(last));
    return run(v);
  };
  EXPECT_EQ(then(approve(3, "2025-03-11", 2)), "void_target");  // a collection, not a reversal
  EXPECT_EQ(then(approve(3, "2025-03-11", 7)), "void_target");  // no such seq
}

// Reversing a collection whose money was paid out would leave paid_out above
// collected: refused until the payout is reversed first.
TEST(Reversal, RefusesReversingACollectionAlreadyPaidOut) {
  const std::vector<std::string> paid{kOpen, collect(2, "2025-03-10", 4'000'000), pay(3, "2025-03-11", 3'000'000)};
  auto then = [](std::vector<std::string> v, std::vector<std::string> more) {
    v.insert(v.end(), more.begin(), more.end());
    return run(v);
  };
  EXPECT_EQ(then(paid, {reverse(4, "2025-03-12", 2)}), "over_payout");
  EXPECT_EQ(then(paid, {reverse(4, "2025-03-12", 3), approve(5, "2025-03-12", 4), reverse(6, "2025-03-12", 2),
                        approve(7, "2025-03-12", 6)}),
            "ok");
  // The money paid out after the request is checked again at approval.
  EXPECT_EQ(then({kOpen, collect(2, "2025-03-10", 4'000'000)},
                 {reverse(3, "2025-03-11", 2), pay(4, "2025-03-11", 4'000'000), approve(5, "2025-03-12", 3)}),
            "over_payout");
}

TEST(Reversal, APendingReversalCanBeWithdrawnAnApprovedOneCannot) {
  const std::vector<std::string> pending{kOpen, collect(2, "2025-03-10", 1'000'000), reverse(3, "2025-03-11", 2)};
  auto then = [](std::vector<std::string> v, std::vector<std::string> more) {
    v.insert(v.end(), more.begin(), more.end());
    return run(v);
  };
  const std::string withdraw = ev_line("A", 4, "voided", "2025-03-11", R"("voids":3,"reason":"Đề nghị nhầm")");
  EXPECT_EQ(then(pending, {withdraw, reverse(5, "2025-03-12", 2), approve(6, "2025-03-12", 5)}), "ok");
  EXPECT_EQ(then(pending, {withdraw, approve(5, "2025-03-12", 3)}), "void_target");
  EXPECT_EQ(then(pending, {approve(4, "2025-03-12", 3),
                           ev_line("A", 5, "voided", "2025-03-12", R"("voids":3,"reason":"x")")}),
            "void_target");
  EXPECT_EQ(then(pending, {approve(4, "2025-03-12", 3),
                           ev_line("A", 5, "voided", "2025-03-12", R"("voids":4,"reason":"x")")}),
            "void_target");
}

TEST(Reversal, NoEndingWhileAReversalAwaitsApprovalAndNoneAfterTheEnd) {
  const std::string open4 = opened_line("A", "2025-03-03", "HN", 4'000'000);
  EXPECT_EQ(run({open4, collect(2, "2025-03-10", 4'000'000), reverse(3, "2025-03-11", 2),
                 ev_line("A", 4, "terminated", "2025-03-12", R"("ground":"50.1.c")")}),
            "bad_transition");
  EXPECT_EQ(run({open4, collect(2, "2025-03-10", 4'000'000), ev_line("A", 3, "completed", "2025-03-11"),
                 reverse(4, "2025-03-12", 2)}),
            "case_ended");
}

TEST(Reversal, BadFields) {
  auto code = [](const std::string& line) {
    Record r = parse_line(line, testing::kLateNow);
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    return std::string("accepted");
  };
  EXPECT_EQ(code(reverse(4, "2025-03-11", 2)), "accepted");
  EXPECT_EQ(code(ev_line("A", 4, "reversed", "2025-03-11", R"("reverses":2)")), "bad_field");
  EXPECT_EQ(code(ev_line("A", 4, "reversed", "2025-03-11", R"("reverses":2,"reason":"  ")")), "bad_field");
  EXPECT_EQ(code(ev_line("A", 4, "reversed", "2025-03-11", R"("reverses":"2","reason":"x")")), "bad_field");
  EXPECT_EQ(code(ev_line("A", 4, "reversed", "2025-03-11", R"("reverses":0,"reason":"x")")), "bad_field");
  EXPECT_EQ(code(ev_line("A", 4, "reversed", "2025-03-11", R"("reverses":2,"reason":")" + std::string(2001, 'r') + "\"")),
            "bad_field");
  EXPECT_EQ(code(ev_line("A", 4, "reversal_approved", "2025-03-11")), "bad_field");
}

// ---- statistics (statistics.md, a fold over events by date) ----

Columns money_of(const std::vector<Event>& stream, const char* from, const char* to,
                 const std::function<bool(const Event&)>& keep = {}) {
  Columns c;
  accumulate(build_timeline(stream, keep), Form::money, {*Date::parse(from), *Date::parse(to)}, c);
  c.derive(Form::money);
  return c;
}

std::vector<Event> events_of(const std::vector<std::string>& lines) {
  CaseStream s;
  EXPECT_EQ(run(lines, &s), "ok");
  return s.events();
}

bool same(const Columns& a, const Columns& b) {
  return a.carried_over == b.carried_over && a.new_ == b.new_ && a.entrusted_out == b.entrusted_out &&
         a.completed == b.completed && a.reduced == b.reduced && a.terminated == b.terminated &&
         a.in_progress == b.in_progress && a.postponed_suspended == b.postponed_suspended &&
         a.without_conditions == b.without_conditions && a.closed_unenforced == b.closed_unenforced &&
         a.carried_to_next == b.carried_to_next && a.completion_rate_x100 == b.completion_rate_x100;
}

// A collection of FY2025 reversed in FY2026: FY2025 stays as it was; the
// amount is counted out from the approval's date (TTLT 12/2021 Art. 8–10:
// corrections go into a later period, never into one already reported).
TEST(Reversal, StatisticsCountTheAmountOutFromTheApprovalDate) {
  const std::string open = opened_line("A", "2024-11-01", "HN", 10'000'000);
  const std::vector<std::string> before{open, collect(2, "2025-03-10", 4'000'000)};
  std::vector<std::string> after = before;
  after.push_back(reverse(3, "2025-10-05", 2));
  after.push_back(approve(4, "2025-10-06", 3));
  const auto plain = events_of(before), corrected = events_of(after);

  const std::vector<std::pair<const char*, const char*>> closed{
      {"2024-10-01", "2025-09-30"}, {"2025-03-01", "2025-03-31"}, {"2025-10-01", "2025-10-05"}};
  for (const auto& [from, to] : closed) {
    EXPECT_TRUE(same(money_of(plain, from, to), money_of(corrected, from, to))) << from << ".." << to;
  }
  const Columns fy25 = money_of(corrected, "2024-10-01", "2025-09-30");
  EXPECT_EQ(fy25.completed, 4'000'000);
  EXPECT_EQ(fy25.in_progress, 6'000'000);

  const Columns fy26 = money_of(corrected, "2025-10-01", "2026-09-30");
  EXPECT_EQ(fy26.carried_over, 6'000'000);  // = FY2025's carried_to_next
  EXPECT_EQ(fy26.carried_over, fy25.carried_to_next);
  EXPECT_EQ(fy26.completed, -4'000'000);
  EXPECT_EQ(fy26.in_progress, 10'000'000);
  EXPECT_EQ(fy26.carried_to_next, 10'000'000);
  EXPECT_EQ(fy26.to_enforce, fy26.with_conditions + fy26.postponed_suspended + fy26.without_conditions);
  const Columns later = money_of(corrected, "2025-10-07", "2025-12-31");
  EXPECT_EQ(later.carried_over, 10'000'000);
  EXPECT_EQ(later.completed, 0);

  // Whole FY2025 + FY2026 in one period: the collection and its reversal net out.
  const Columns both = money_of(corrected, "2024-10-01", "2026-09-30");
  EXPECT_EQ(both.completed, 0);
  EXPECT_EQ(both.in_progress, 10'000'000);

  // As known before the approval was recorded (--as-known-at), nothing changed.
  const auto keep = [](const Event& e) { return e.type != EventType::reversal_approved; };
  EXPECT_TRUE(same(money_of(plain, "2025-10-01", "2026-09-30"), money_of(corrected, "2025-10-01", "2026-09-30", keep)));

  // A pending reversal moves no statistic.
  auto pending = before;
  pending.push_back(reverse(3, "2025-10-05", 2));
  EXPECT_TRUE(same(money_of(plain, "2025-10-01", "2026-09-30"), money_of(events_of(pending), "2025-10-01", "2026-09-30")));

  // The columnar fold agrees.
  StatsTable table;
  table.add(build_timeline(corrected), 0);
  FoldPlan plan;
  plan.agency_row = {-2};
  const FoldResult r = table.fold({*Date::parse("2025-10-01"), *Date::parse("2026-09-30")}, plan);
  EXPECT_EQ(r.money.completed, -4'000'000);
  EXPECT_EQ(r.money.in_progress, 10'000'000);
}

// A case whose only collection was reversed collected nothing: terminated
// later, it counts as đình chỉ, not as xong một phần.
TEST(Reversal, AReversedCollectionIsNotMoneyEverCollected) {
  const std::string open = opened_line("A", "2024-11-01", "HN", 10'000'000);
  const auto ev = events_of({open, collect(2, "2025-03-10", 4'000'000), reverse(3, "2025-03-11", 2),
                             approve(4, "2025-03-12", 3), ev_line("A", 5, "terminated", "2025-04-01", R"("ground":"50.1.c")")});
  Columns c;
  accumulate(build_timeline(ev), Form::cases, {*Date::parse("2024-10-01"), *Date::parse("2025-09-30")}, c);
  EXPECT_EQ(c.terminated, 1);
  EXPECT_EQ(c.completed, 0);
  Columns m;
  accumulate(build_timeline(ev), Form::money, {*Date::parse("2024-10-01"), *Date::parse("2025-09-30")}, m);
  EXPECT_EQ(m.completed, 0);
  EXPECT_EQ(m.terminated, 10'000'000);
}

// For random lawful histories and a reversal of one of their collections
// approved on day R: every period ending before R is exactly as without it;
// a period containing R counts the amount out of `completed` and into what
// remains; a period after R carries it over. Both forms, every column.
TEST(ReversalProperties, EveryPeriodBeforeStaysExactAndLaterOnesCountItOut) {
  const bool ok = rc::check("reversal moves only periods at or after its date", [] {
    const Money opened = *rc::gen::inRange<int64_t>(2, 2'000'000'000);
    const Date d0 = Date::from_ymd(2024, 2, 1).plus_days(*rc::gen::inRange(0, 365 * 3));  // after opened_line's judgment
    CaseStream s;
    s.append(must_event(opened_line("A", d0.iso(), "HN", opened)));
    Date d = d0;
    const int n = *rc::gen::inRange(1, 8);
    for (int i = 0; i < n; ++i) {
      d = d.plus_days(*rc::gen::inRange(0, 90));
      const Money rem = s.state().remaining();
      if (rem <= 0) break;
      const int kind = *rc::gen::inRange(0, 3);
      std::string line;
      if (kind == 2) line = ev_line("A", static_cast<int>(s.version() + 1), "reduced", d.iso(),
                                    R"("amount":)" + std::to_string(*rc::gen::inRange<int64_t>(1, rem / 4 + 2)));
      else line = collect(static_cast<int>(s.version() + 1), d.iso().c_str(), *rc::gen::inRange<int64_t>(1, rem + 1));
      Event e = must_event(line);
      if (s.decide(e, known).kind == Decision::accept) s.append(e);
    }
    std::vector<int64_t> collections;
    for (const MoneyEntry& m : s.state().money_entries) collections.push_back(m.seq);
    RC_PRE(!collections.empty());
    const int64_t target = *rc::gen::elementOf(collections);
    const Money amount = s.state().money_entry(target)->amount;
    const std::vector<Event> plain = s.events();
    const Date rq = d.plus_days(*rc::gen::inRange(0, 200));
    const Date r = rq.plus_days(*rc::gen::inRange(0, 30));
    const int rseq = static_cast<int>(s.version() + 1);
    for (const std::string& line : {reverse(rseq, rq.iso().c_str(), static_cast<int>(target)),
                                    approve(rseq + 1, r.iso().c_str(), rseq)}) {
      Event e = must_event(line);
      RC_ASSERT(s.decide(e, known).kind == Decision::accept);
      s.append(e);
    }
    const CaseTimeline without = build_timeline(plain), with = build_timeline(s.events());
    for (int k = 0; k < 12; ++k) {
      const Date from = d0.plus_days(*rc::gen::inRange(-60, 900));
      const Date to = from.plus_days(*rc::gen::inRange(0, 400));
      for (Form f : {Form::cases, Form::money}) {
        Columns a, b;
        accumulate(without, f, {from, to}, a);
        accumulate(with, f, {from, to}, b);
        a.derive(f);
        b.derive(f);
        if (f == Form::cases || to < r || to < d0) {
          RC_ASSERT(same(a, b));
          continue;
        }
        Columns expect = a;
        if (from <= r) {
          expect.completed -= amount;
          expect.in_progress += amount;
        } else {
          expect.carried_over += amount;
          expect.in_progress += amount;
        }
        expect.derive(f);
        RC_ASSERT(same(expect, b));
      }
    }
  });
  EXPECT_TRUE(ok);
}

// ---- deadlines ----

// Money that was never really collected owes no payout (Art. 47(5)).
TEST(Reversal, AReversedCollectionOwesNoPayout) {
  std::string open = opened_line("A", "2025-03-03", "HN", 10'000'000);
  open.replace(open.find(R"("kind":"state")"), 14, R"("kind":"person")");
  const auto with_typo = events_of({open, collect(2, "2025-03-10", 4'000'000)});
  const auto corrected = events_of({open, collect(2, "2025-03-10", 4'000'000), reverse(3, "2025-03-11", 2),
                                    approve(4, "2025-03-11", 3)});
  auto payout = [](const std::vector<Event>& ev) {
    const DeadlineReport r = compute_deadlines(ev, *Date::parse("2025-05-01"), Calendar::official());
    for (const Deadline& d : r.deadlines)
      if (d.action == "payout") return true;
    return false;
  };
  EXPECT_TRUE(payout(with_typo));
  EXPECT_FALSE(payout(corrected));
}

}  // namespace
}  // namespace thads
