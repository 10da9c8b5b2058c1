// The oversight demo data: imports after the case demo with nothing refused,
// holds every kind of stream with plausible proportions, and is the same
// bytes for the same seed.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/temp_store.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads {
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
  EXPECT_EQ(world.cases.size(), 3000u);
  std::ostringstream out;
  oversight::write_demo(world, seed, out);
  return cases.str() + out.str();
}

TEST(OversightDemo, ImportsWholeWithEveryKindInPlausibleProportions) {
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
  for (const char* kind : {"admin_judgment", "complaint", "procuracy", "request"})
    EXPECT_GT(oversight::count_streams(db, kind, ""), 5) << kind;
  const int64_t files = oversight::count_streams(db, "admin_judgment", "");
  EXPECT_GE(files, 34 * 2);  // a few per province
  const int64_t ended = oversight::count_streams(db, "admin_judgment", "ended");
  EXPECT_GT(ended * 100, files * 30);
  EXPECT_LT(ended * 100, files * 80);
  EXPECT_GT(oversight::public_non_compliance_count(db, {}), 0);
  EXPECT_GT(static_cast<int64_t>(oversight::bodies(db).size()), 34 * 4);
}

}  // namespace
}  // namespace thads
