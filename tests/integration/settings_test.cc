// Deployment settings are real (docs/settings.md): a settings file given to
// the `thads` command with --settings or $THADS_SETTINGS changes a [B] value,
// and the deadline it governs moves; a bad file is refused with exit 2.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>

#include "../support/builders.h"
#include "../support/run_command.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

using testing::due_of;
using testing::output_of;

TEST(Settings, AChangedPeriodMovesTheDeadline) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/s.db", events = dir + "/e.jsonl", settings = dir + "/settings.json";
  {
    // Opened on Monday 03/08/2026, under the 2025 law whose notify period is a [B] value.
    std::ofstream out(events);
    out << testing::agency_lines() << testing::opened_line("S1", "2026-08-03", "HN", 5'000'000) << "\n";
  }
  {
    std::ofstream out(settings);
    out << R"({"notify_wd_2025": 7})";
  }
  const std::string thads = THADS_BINARY;
  int rc = -1;
  output_of(thads + " import --db " + db + " " + events, &rc);
  ASSERT_EQ(rc, 0);
  const std::string query = " deadlines --db " + db + " --case S1 --today 2026-08-04 --format json";
  const std::string by_default = output_of(thads + query, &rc);
  ASSERT_EQ(rc, 0) << by_default;
  EXPECT_EQ(due_of(by_default, "notify"), "2026-08-06");  // 3 working days
  const std::string with_file = output_of(thads + query + " --settings " + settings, &rc);
  ASSERT_EQ(rc, 0) << with_file;
  EXPECT_EQ(due_of(with_file, "notify"), "2026-08-12");  // 7 working days
  const std::string with_env = output_of("THADS_SETTINGS=" + settings + " " + thads + query, &rc);
  EXPECT_EQ(due_of(with_env, "notify"), "2026-08-12");

  std::ofstream(dir + "/bad.json") << R"({"notify_wd_2025": "seven"})";
  const std::string bad = output_of(thads + query + " --settings " + dir + "/bad.json", &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(bad.find("notify_wd_2025 must be an integer"), std::string::npos) << bad;
  output_of(thads + query + " --settings " + dir + "/missing.json", &rc);
  EXPECT_EQ(rc, 2);
}

}  // namespace
}  // namespace thads
