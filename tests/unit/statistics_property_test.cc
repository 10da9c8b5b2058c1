// Property tests: for random valid histories, every identity of
// statistics.md holds, and carried_over of a period equals carried_to_next of
// the period before.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "domain/case_state.h"
#include "domain/statistics.h"
#include "domain/stats_table.h"

namespace thads {
namespace {

Event make(const std::string& id, int64_t seq, EventType t, Date d) {
  Event e;
  e.case_id = id;
  e.seq = seq;
  e.set_type(t);
  e.date = d;
  e.raw = id + std::to_string(seq);
  return e;
}

// A random history obeying the transition rules: candidates the state
// machine refuses are dropped, so only lawful streams are produced.
std::vector<Event> random_history(const std::string& id) {
  std::vector<Event> out;
  Date d = Date::from_ymd(2021, 1, 1).plus_days(*rc::gen::inRange(0, 365 * 5));
  auto open = make(id, 1, EventType::case_opened, d);
  auto info = std::make_shared<CaseOpened>();
  info->agency = "A";
  info->mode = *rc::gen::element(Mode::proactive, Mode::on_request);
  info->judgment_kind = *rc::gen::element<std::string>("civil", "criminal");
  if (*rc::gen::inRange(0, 5) == 0) info->flags.push_back("credit_institution");
  info->obligations.push_back({"other_money", *rc::gen::inRange<int64_t>(1, 2'000'000'000)});
  open.payload = std::shared_ptr<const CaseOpened>(info);
  CaseStream s;
  s.append(open);
  const int steps = *rc::gen::inRange(0, 12);
  // Every agency is known and lies below "B", so a pull-up to "B" is lawful.
  const AgencyRefs known{[](const std::string&) { return true; },
                         [](const std::string& code) { return code == "B" ? std::string() : std::string("B"); }};
  for (int i = 0; i < steps; ++i) {
    d = d.plus_days(*rc::gen::inRange(0, 120));
    const auto t = static_cast<EventType>(*rc::gen::inRange(1, kEventTypeCount));
    Event e = make(id, s.version() + 1, t, d);
    const Money rem = s.state().remaining();
    switch (t) {
      case EventType::collected:
      case EventType::reduced:
        if (rem <= 0) continue;
        if (t == EventType::collected) e.as<Collected>() = Collected{*rc::gen::inRange<int64_t>(1, rem + 1), "voluntary"};
        else e.as<Reduced>().amount = *rc::gen::inRange<int64_t>(1, rem + 1);
        break;
      case EventType::paid_out:
        if (s.state().undistributed() <= 0) continue;
        e.as<PaidOut>().amount = s.state().undistributed();
        break;
      case EventType::postponed: e.as<Postponed>().ground = *rc::gen::element<std::string>("48.1.a", "48.1.c"); break;
      case EventType::suspended: e.as<Suspended>().ground = "protest"; break;
      case EventType::unable_decided: e.as<UnableDecided>().reason = "no_income_or_assets"; break;
      case EventType::terminated: e.as<Terminated>().ground = "50.1.c"; break;
      case EventType::entrusted_out: e.as<EntrustedOut>().to_agency = "B"; break;
      case EventType::pulled_up: e.as<PulledUp>().to_agency = "B"; break;
      case EventType::request_sent_back: e.date = std::max(d, Date::from_ymd(2026, 7, 1)); break;
      case EventType::voided: e.as<Voided>().voids = *rc::gen::inRange<int64_t>(1, s.version() + 1); break;
      case EventType::reversed:  // docs/formats/reversal.md
        if (s.state().money_entries.empty()) continue;
        e.as<Reversed>() = Reversed{s.state().money_entries[*rc::gen::inRange<size_t>(0, s.state().money_entries.size())].seq,
                                    "typo"};
        break;
      case EventType::reversal_approved:
        for (const MoneyEntry& m : s.state().money_entries)
          if (m.reversal && !m.reversed) e.as<ReversalApproved>().approves = m.reversal;
        break;
      case EventType::completed:
        if (rem > 0 && s.state().opened && !s.state().ended) {
          Event c = make(id, s.version() + 1, EventType::collected, d);
          c.as<Collected>().amount = rem;
          if (s.decide(c, known).kind == Decision::accept) s.append(c);
          e.seq = s.version() + 1;
        }
        break;
      default: break;
    }
    if (s.decide(e, known).kind == Decision::accept) {
      d = e.date;
      s.append(e);
    }
  }
  return s.events();
}

void check_identities(const Columns& c, Form f, bool reversals) {
  RC_ASSERT(c.accepted == c.carried_over + c.new_);
  RC_ASSERT(c.to_enforce == c.accepted - c.entrusted_out);
  RC_ASSERT(c.to_enforce == c.with_conditions + c.postponed_suspended + c.without_conditions);
  const int64_t done = c.completed + c.terminated + (f == Form::money ? c.reduced : 0);
  RC_ASSERT(c.with_conditions == done + c.in_progress);
  RC_ASSERT(c.carried_to_next == c.to_enforce - done - c.closed_unenforced);
  RC_ASSERT(c.without_conditions >= c.closed_unenforced);
  for (int64_t v : {c.carried_over, c.new_, c.entrusted_out, c.reduced, c.terminated, c.in_progress,
                    c.postponed_suspended, c.without_conditions, c.closed_unenforced})
    RC_ASSERT(v >= 0);
  // Money `completed` is negative in a period where an approved reversal
  // counts out more than was collected in it (docs/formats/reversal.md).
  if (f == Form::cases || !reversals) {
    RC_ASSERT(c.completed >= 0);
    if (c.completion_rate_x100) RC_ASSERT(*c.completion_rate_x100 >= 0 && *c.completion_rate_x100 <= 10000);
  }
}

TEST(StatisticsProperties, IdentitiesAndContinuity) {
  const bool ok = rc::check("identities hold and periods chain", [] {
    const int n = *rc::gen::inRange(1, 40);
    std::vector<CaseTimeline> tls;
    bool reversals = false;
    for (int i = 0; i < n; ++i) {
      auto h = random_history("C" + std::to_string(i));
      for (const Event& e : h) reversals = reversals || e.type == EventType::reversal_approved;
      tls.push_back(build_timeline(h));
    }
    Date from = Date::from_ymd(2021, 1, 1).plus_days(*rc::gen::inRange(0, 365 * 5));
    for (Form f : {Form::cases, Form::money}) {
      Date a = from;
      std::optional<int64_t> carried;
      for (int k = 0; k < 4; ++k) {
        const Date b = a.plus_days(*rc::gen::inRange(0, 400));
        Columns c;
        for (const auto& t : tls) accumulate(t, f, {a, b}, c);
        c.derive(f);
        check_identities(c, f, reversals);
        if (carried) RC_ASSERT(c.carried_over == *carried);
        carried = c.carried_to_next;
        a = b.plus_days(1);
      }
    }
  });
  EXPECT_TRUE(ok);
}

bool same(const Columns& a, const Columns& b) {
  return a.carried_over == b.carried_over && a.new_ == b.new_ && a.entrusted_out == b.entrusted_out &&
         a.completed == b.completed && a.reduced == b.reduced && a.terminated == b.terminated &&
         a.in_progress == b.in_progress && a.postponed_suspended == b.postponed_suspended &&
         a.without_conditions == b.without_conditions && a.closed_unenforced == b.closed_unenforced;
}

// The columnar fold of StatsTable adds exactly what accumulate() adds, for
// every breakdown and both forms, with agencies inside and outside the scope.
TEST(StatisticsProperties, StatsTableFoldEqualsAccumulate) {
  const bool ok = rc::check("StatsTable::fold == accumulate", [] {
    const int n = *rc::gen::inRange(1, 40);
    std::vector<CaseTimeline> tls;
    std::vector<int> agency;
    StatsTable table;
    for (int i = 0; i < n; ++i) {
      CaseTimeline t = build_timeline(random_history("C" + std::to_string(i)));
      t.judgment_kind = judgment_kind_keys()[static_cast<size_t>(*rc::gen::inRange(0, 9))];
      t.flags.clear();
      if (*rc::gen::inRange(0, 3) == 0) t.flags.push_back("credit_institution");
      if (*rc::gen::inRange(0, 3) == 0) t.flags.push_back("corruption_economic");
      const int a = *rc::gen::inRange(-1, 4);  // -1: an unknown agency
      tls.push_back(t);
      agency.push_back(a);
      table.add(t, a);
    }
    // Replacing a case's timeline leaves the table as if it had been added so.
    if (n > 1) {
      const size_t k = static_cast<size_t>(*rc::gen::inRange(0, n));
      const size_t j = static_cast<size_t>(*rc::gen::inRange(0, n));
      tls[k] = tls[j];
      table.replace(k, tls[k], agency[k]);
    }
    const Date from = Date::from_ymd(2021, 1, 1).plus_days(*rc::gen::inRange(0, 365 * 6));
    const Period p{from, from.plus_days(*rc::gen::inRange(0, 500))};
    // Agencies 0..3; scope = {0, 1, 2}; rows: agency 1 -> row 0, agency 2 -> row 1, agency 0 in no row.
    FoldPlan plan;
    plan.agency_row = {-2, 0, 1, -1};
    for (Breakdown by : {Breakdown::none, Breakdown::agency, Breakdown::mode, Breakdown::judgment_kind, Breakdown::flag}) {
      plan.by = by;
      plan.rows = by == Breakdown::agency ? 2 : by == Breakdown::mode ? 2 : by == Breakdown::judgment_kind ? 9
                : by == Breakdown::flag ? 3 : 0;
      const FoldResult r = table.fold(p, plan);
      for (Form f : {Form::cases, Form::money}) {
        Columns total;
        std::vector<Columns> rows(plan.rows);
        for (size_t i = 0; i < tls.size(); ++i) {
          const int a = agency[i];
          if (a < 0 || a > 2) continue;
          Columns one;
          accumulate(tls[i], f, p, one);
          total += one;
          const CaseTimeline& t = tls[i];
          if (by == Breakdown::agency && a > 0) rows[static_cast<size_t>(a - 1)] += one;
          if (by == Breakdown::mode) rows[static_cast<size_t>(t.mode)] += one;
          if (by == Breakdown::judgment_kind)
            for (size_t k = 0; k < 9; ++k)
              if (judgment_kind_keys()[k] == t.judgment_kind) rows[k] += one;
          if (by == Breakdown::flag) {
            if (t.flags.empty()) rows[2] += one;
            for (const auto& fl : t.flags) rows[fl == "credit_institution" ? 0 : 1] += one;
          }
        }
        RC_ASSERT(same(total, f == Form::cases ? r.cases : r.money));
        for (size_t k = 0; k < plan.rows; ++k)
          RC_ASSERT(same(rows[k], f == Form::cases ? r.cases_rows[k] : r.money_rows[k]));
      }
    }
  });
  EXPECT_TRUE(ok);
}

TEST(Statistics, RateRoundsHalfUp) {
  EXPECT_EQ(*rate_x100(3, 7), 4286);     // 42.857… -> 42.86
  EXPECT_EQ(*rate_x100(1, 3), 3333);
  EXPECT_EQ(*rate_x100(1, 8), 1250);     // 12.5 exactly
  EXPECT_EQ(*rate_x100(1, 20000), 1);    // 0.005% exactly -> 0.01 (half up)
  EXPECT_EQ(*rate_x100(1, 20001), 0);    // just below the half -> 0.00
  EXPECT_EQ(*rate_x100(2'000'000'000'000'000, 3'000'000'000'000'000), 6667);  // money-sized, no overflow
  EXPECT_FALSE(rate_x100(5, 0).has_value());
  // Negative (money completed after a reversal): still half up, i.e. floor(x + 0.5).
  EXPECT_EQ(*rate_x100(-4'000'000, 6'000'000), -6667);  // -66.666… -> -66.67
  EXPECT_EQ(*rate_x100(-1, 8), -1250);                  // -12.5 exactly
  EXPECT_EQ(*rate_x100(-1, 20000), 0);                  // -0.005 -> 0.00 (half up)
}

}  // namespace
}  // namespace thads
