// The coordination demo data: imports after the case and oversight demo with
// nothing refused, is the same bytes for the same seed, and shows where
// coordination fails: answers on time, late and missing, and a closed bank
// branch that is no longer offered; one coercion plan with its requests.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/temp_store.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "modules/coordination/app/coordination_demo.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_demo.h"

namespace thads::coordination {
namespace {

std::string demo_text(uint64_t seed) {
  DemoOptions o;
  o.cases = 3000;
  o.seed = seed;
  o.today = *Date::parse("2026-11-20");
  std::stringstream cases;
  generate_demo(cases, o);
  std::istringstream scan(cases.str());
  const DemoWorld world = scan_demo(scan, o.today, 1);
  std::ostringstream out;
  oversight::write_demo(world, seed, out);
  write_demo(world, seed, out);
  return cases.str() + out.str();
}

TEST(CoordinationDemo, ImportsWholeWithLateAndMissingAnswersAndAClosedBranch) {
  const std::string text = demo_text(7);
  EXPECT_EQ(text, demo_text(7));
  auto store = Store::open(testing::temp_dir() + "/demo.db");
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  ImportResult r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  Db& db = store->db();
  LedgerFilter all;
  all.as_of = "2026-11-20";
  const int64_t total = ledger_count(db, all);
  auto count = [&](const char* status) {
    LedgerFilter f = all;
    f.status = status;
    return ledger_count(db, f);
  };
  EXPECT_GT(total, 50);
  EXPECT_GT(count("on_time"), count("late"));
  EXPECT_GT(count("late"), 0);
  EXPECT_GT(count("overdue"), 0);
  int64_t closed = 0, social = 0;
  for (const BodyEntry& e : body_entries(db)) {
    closed += !e.active;
    social += e.body.type == "social_insurance";
  }
  EXPECT_GT(closed, 0);
  EXPECT_EQ(closed, social);  // one closed branch per province with a social-insurance office
  // One mobilised coercion plan with its three requests (Art. 72(2)), accepted by the import's ban checks.
  EXPECT_NE(text.find(R"({"kind":"coercion_plan")"), std::string::npos);
  LedgerFilter protection = all;
  protection.purpose = "protection";
  EXPECT_GE(ledger_count(db, protection), 1);
}

}  // namespace
}  // namespace thads::coordination
