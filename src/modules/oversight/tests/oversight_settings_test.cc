// The oversight module's [B] values are deployment settings: the settings
// file's "oversight" section changes them for `thads deadlines --id`, next to
// the legal settings; a bad section is refused with exit 2.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../../../../tests/support/run_command.h"
#include "../../../../tests/support/temp_store.h"

namespace thads {
namespace {

using testing::due_of;
using testing::output_of;

TEST(OversightSettings, TheSettingsFileChangesTheRemoteComplaintPeriod) {
  const std::string dir = testing::temp_dir();
  const std::string db = dir + "/s.db", good = dir + "/good.json", bad = dir + "/bad.json";
  std::ofstream(good) << R"({"notify_wd_2025": 3, "oversight": {"remote_extra_days": 0}})";
  std::ofstream(bad) << R"({"oversight": {"remote_extra_days": "thirty"}})";
  const std::string thads = THADS_BINARY;
  const std::string events =
      (std::filesystem::path(THADS_SHARED_DIR) / "scenarios-oversight" / "oversight-deadlines" / "events.jsonl").string();
  int rc = -1;
  output_of(thads + " import --db " + db + " " + events, &rc);
  ASSERT_EQ(rc, 0);
  // HN-KN-2025-003: a remote level-1 complaint admitted on 08/09/2025 (Art. 146(5)).
  const std::string query = " deadlines --db " + db + " --id HN-KN-2025-003 --today 2025-09-10 --format json";
  const std::string by_default = output_of(thads + query, &rc);
  ASSERT_EQ(rc, 0) << by_default;
  EXPECT_EQ(due_of(by_default, "resolve"), "2025-10-23");  // 15 + 30 days
  const std::string with_file = output_of(thads + " --settings " + good + query, &rc);
  ASSERT_EQ(rc, 0) << with_file;
  EXPECT_EQ(due_of(with_file, "resolve"), "2025-09-23");  // 15 days
  const std::string refused = output_of(thads + " --settings " + bad + query, &rc);
  EXPECT_EQ(rc, 2) << refused;
  EXPECT_NE(refused.find("remote_extra_days"), std::string::npos) << refused;
}

}  // namespace
}  // namespace thads
