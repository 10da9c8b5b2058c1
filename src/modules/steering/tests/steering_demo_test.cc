// The steering demo data: imports after the case and oversight demo with
// nothing refused, has directives (one replacing another), a committee with
// meetings, key cases and late tasks, and is the same bytes for the same seed.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/temp_store.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/steering_demo.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {
namespace {

std::string demo_text(uint64_t seed) {
  const testing::DemoCases cases = testing::demo_cases(2000, seed, *Date::parse("2026-11-20"));
  std::ostringstream out;
  oversight::write_demo(cases.world, seed, out);
  write_demo(cases.world, seed, out);
  return cases.text + out.str();
}

TEST(SteeringDemo, ImportsWholeWithLateTasksAndKeyCases) {
  const std::string text = demo_text(11);
  EXPECT_EQ(text, demo_text(11));
  auto store = Store::open(testing::temp_dir() + "/demo.db");
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  ImportResult r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  Db& db = store->db();
  EXPECT_EQ(count_rows(db, "steering_directives"), 4);  // two provinces, an old and a new directive each
  EXPECT_EQ(count_rows(db, "steering_committees"), 2);
  EXPECT_EQ(count_rows(db, "steering_meetings"), 6);
  EXPECT_GE(count_rows(db, "steering_key_cases"), 6);
  Ledger l = load_ledger(db);
  int64_t cells = 0, late = 0;
  for (const auto& [key, t] : l.tasks())
    for (const std::string& b : t.bodies)
      for (const Cell& c : l.cells(t, b, *Date::parse("2026-11-20"))) ++cells, late += c.overdue;
  EXPECT_GT(late, 0);
  EXPECT_LT(late * 2, cells);  // most bodies report on time
  int64_t replaced = 0;
  for (const auto& [id, d] : l.directives()) replaced += l.replaced_by(id).has_value();
  EXPECT_EQ(replaced, 2);
  // After the import, `thads demo` issues a six-month report and a re-issue (register_after_demo).
  const std::vector<std::string> ids = issue_demo_reports(*store, o.now_unix);
  ASSERT_EQ(ids.size(), 1u);
  const Ledger after = load_ledger(db);
  const auto it = after.periodic_reports().find(ids[0]);
  ASSERT_NE(it, after.periodic_reports().end());
  ASSERT_EQ(it->second.size(), 2u);
  EXPECT_EQ(it->second[0].text("period"), "2026-6M");
  EXPECT_EQ(it->second[1].integer("replaces"), 1);
  EXPECT_FALSE(it->second[1].text("reason").empty());
  EXPECT_EQ(it->second[1].actor, "demo");
}

// The demo's six months: the last that have ended (TTLT 12/2021 Art. 6: 1 October – 31 March).
TEST(SteeringDemo, TheDemoReportIsOfTheLastSixMonthsThatHaveEnded) {
  EXPECT_EQ(last_ended_six_months(*Date::parse("2026-12-04")), "2026-6M");
  EXPECT_EQ(last_ended_six_months(*Date::parse("2026-03-31")), "2025-6M");
  EXPECT_EQ(last_ended_six_months(*Date::parse("2026-04-01")), "2026-6M");
  EXPECT_EQ(last_ended_six_months(*Date::parse("2026-10-02")), "2026-6M");
}

}  // namespace
}  // namespace thads::steering
