// Bad days on PostgreSQL: a `thads import` killed with SIGKILL leaves all of
// the file stored or none of it (the server rolls back the transaction of a
// connection that died), and the audit chain verifies. The SQLite twin is
// Crash.KilledImportLeavesAllOrNothing (crash_test.cc). The kills are spread
// over the time an undisturbed import of the same file takes here, so they
// fall before, during and around its commit whatever the machine's speed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

// Runs `thads import` into `db`; kills it after `kill_after` (never when
// nullopt) and returns how long it ran.
std::chrono::milliseconds run_import(const std::string& db, const std::string& file,
                                     std::optional<std::chrono::milliseconds> kill_after) {
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(THADS_BINARY, THADS_BINARY, "import", "--db", db.c_str(), file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (kill_after) {
    std::this_thread::sleep_for(*kill_after);
    kill(pid, SIGKILL);
  }
  waitpid(pid, &status, 0);
  if (!kill_after) {
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the undisturbed import failed";
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
}

TEST(CrashOnPostgres, KilledImportLeavesAllOrNothing) {
  THADS_REQUIRE_BACKEND(std::string("postgres"));
  const std::string file = testing::temp_dir() + "/big.jsonl";
  constexpr int kCases = 3000;
  testing::write_kill_import_file(file, kCases);
  // The undisturbed import stores everything, and tells how long it takes.
  const std::string complete = testing::fresh_location("postgres");
  const auto whole = run_import(complete, file, std::nullopt);
  ASSERT_EQ(Store::open(complete)->case_ids().size(), static_cast<size_t>(kCases));
  int all = 0, none = 0;
  for (const double at : {0.1, 0.5, 0.85, 0.95, 1.0}) {
    const std::string db = testing::fresh_location("postgres");
    const auto after = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(whole.count()) * at));
    run_import(db, file, after);
    auto store = Store::open(db);
    const size_t n = store->case_ids().size();
    EXPECT_TRUE(n == 0 || n == static_cast<size_t>(kCases)) << "killed after " << after.count() << " ms: " << n
                                                            << " cases stored";
    (n == 0 ? none : all) += 1;
    const AuditResult a = store->verify_audit();
    EXPECT_TRUE(a.ok) << "killed after " << after.count() << " ms: " << a.problem;
  }
  // The early kills stop the import before its commit.
  EXPECT_GT(none, 0);
  std::printf("killed imports on PostgreSQL (whole import %lld ms): %d stored nothing, %d stored everything\n",
              static_cast<long long>(whole.count()), none, all);
}

}  // namespace
}  // namespace thads
