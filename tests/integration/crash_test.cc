// Bad days: a `thads import` killed with SIGKILL at any moment leaves all of
// the file stored or none of it, and the audit chain stays intact.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/reports.h"

namespace thads {
namespace {

int64_t accepted(const std::string& db) {
  auto s = Store::open(db);
  ReportQuery q{Form::cases, {Date::from_ymd(2000, 1, 1), Date::from_ymd(2100, 1, 1)}, "CQL", "", {}};
  auto r = run_report(*s, q);
  if (auto* rep = std::get_if<Report>(&r)) return rep->columns.accepted;
  return 0;  // nothing stored yet: the root agency is unknown
}

TEST(Crash, KilledImportLeavesAllOrNothing) {
  const std::string dir = testing::temp_dir();
  const std::string file = dir + "/big.jsonl";
  constexpr int kCases = 30000;
  testing::write_kill_import_file(file, kCases);
  int all = 0, none = 0;
  for (int delay_ms : {30, 120, 300, 600, 1000, 1600, 2500, 4000}) {
    const std::string db = dir + "/k" + std::to_string(delay_ms) + ".db";
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      execl(THADS_BINARY, THADS_BINARY, "import", "--db", db.c_str(), file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!std::filesystem::exists(db)) {
      ++none;
      continue;
    }
    const int64_t n = accepted(db);
    EXPECT_TRUE(n == 0 || n == kCases) << "killed after " << delay_ms << " ms: " << n << " cases stored";
    (n == 0 ? none : all) += 1;
    EXPECT_TRUE(Store::open(db)->verify_audit().ok) << delay_ms;
  }
  // At least the early kills must have stopped the import before its commit.
  EXPECT_GT(none, 0);
  // And the same import, left alone, stores everything.
  const std::string db = dir + "/complete.db";
  const std::string cmd = std::string(THADS_BINARY) + " import --db " + db + " " + file + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(accepted(db), kCases);
  std::printf("killed imports: %d stored nothing, %d stored everything\n", none, all);
}

}  // namespace
}  // namespace thads
