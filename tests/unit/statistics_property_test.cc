// Property tests: for random valid histories, every identity of
// statistics.md holds, and carried_over of a period equals carried_to_next of
// the period before.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "domain/case_state.h"
#include "domain/statistics.h"

namespace thads {
namespace {

Event make(const std::string& id, int64_t seq, EventType t, Date d) {
  Event e;
  e.case_id = id;
  e.seq = seq;
  e.type = t;
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
  open.opened = info;
  CaseStream s;
  s.append(open);
  const int steps = *rc::gen::inRange(0, 12);
  auto known = [](const std::string&) { return true; };
  for (int i = 0; i < steps; ++i) {
    d = d.plus_days(*rc::gen::inRange(0, 120));
    const auto t = static_cast<EventType>(*rc::gen::inRange(1, kEventTypeCount));
    Event e = make(id, s.version() + 1, t, d);
    const Money rem = s.state().remaining();
    switch (t) {
      case EventType::collected:
      case EventType::reduced:
        if (rem <= 0) continue;
        e.amount = *rc::gen::inRange<int64_t>(1, rem + 1);
        e.code = "voluntary";
        break;
      case EventType::paid_out:
        if (s.state().undistributed() <= 0) continue;
        e.amount = s.state().undistributed();
        break;
      case EventType::postponed: e.code = *rc::gen::element<std::string>("48.1.a", "48.1.c"); break;
      case EventType::suspended: e.code = "protest"; break;
      case EventType::unable_decided: e.code = "no_income_or_assets"; break;
      case EventType::terminated: e.code = "50.1.c"; break;
      case EventType::entrusted_out:
      case EventType::pulled_up: e.target = "B"; break;
      case EventType::request_sent_back: e.date = std::max(d, Date::from_ymd(2026, 7, 1)); break;
      case EventType::voided: e.voids = *rc::gen::inRange<int64_t>(1, s.version() + 1); break;
      case EventType::completed:
        if (rem > 0 && s.state().opened && !s.state().ended) {
          Event c = make(id, s.version() + 1, EventType::collected, d);
          c.amount = rem;
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

void check_identities(const Columns& c, Form f) {
  RC_ASSERT(c.accepted == c.carried_over + c.new_);
  RC_ASSERT(c.to_enforce == c.accepted - c.entrusted_out);
  RC_ASSERT(c.to_enforce == c.with_conditions + c.postponed_suspended + c.without_conditions);
  const int64_t done = c.completed + c.terminated + (f == Form::money ? c.reduced : 0);
  RC_ASSERT(c.with_conditions == done + c.in_progress);
  RC_ASSERT(c.carried_to_next == c.to_enforce - done - c.closed_unenforced);
  RC_ASSERT(c.without_conditions >= c.closed_unenforced);
  for (int64_t v : {c.carried_over, c.new_, c.entrusted_out, c.completed, c.reduced, c.terminated, c.in_progress,
                    c.postponed_suspended, c.without_conditions, c.closed_unenforced})
    RC_ASSERT(v >= 0);
  if (c.completion_rate_x100) RC_ASSERT(*c.completion_rate_x100 >= 0 && *c.completion_rate_x100 <= 10000);
}

TEST(StatisticsProperties, IdentitiesAndContinuity) {
  const bool ok = rc::check("identities hold and periods chain", [] {
    const int n = *rc::gen::inRange(1, 40);
    std::vector<CaseTimeline> tls;
    for (int i = 0; i < n; ++i) {
      auto h = random_history("C" + std::to_string(i));
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
        check_identities(c, f);
        if (carried) RC_ASSERT(c.carried_over == *carried);
        carried = c.carried_to_next;
        a = b.plus_days(1);
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
}

}  // namespace
}  // namespace thads
