// Bad days for the `thads` command (issue 12): a full disk, a
// store the user may only read, another program's SQLite file, a directory
// given as the file to import, a journal row altered to hold text, import
// lines nested without end or without end of line. Each is a clear message
// and a stated exit status, never an abort. (`thads serve`: http_bad_days_test.)
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "../support/builders.h"
#include "../support/run_command.h"
#include "../support/temp_store.h"
#include "domain/json_limits.h"

namespace thads {
namespace {

using testing::output_of;

const std::string kThads = THADS_BINARY;

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A store with two agencies and one case, made by `thads import`.
std::string seeded_store(const std::string& dir) {
  const std::string db = dir + "/s.db", lines = dir + "/seed.jsonl";
  write_file(lines, testing::agency_lines() + testing::opened_line("S1", "2025-01-02", "HN", 5'000'000) + "\n");
  int rc = -1;
  const std::string out = output_of(kThads + " import --db " + db + " " + lines, &rc);
  EXPECT_EQ(rc, 0) << out;
  return db;
}

TEST(CliBadDays, ExportOnAFullDiskFails) {
  const std::string db = seeded_store(testing::temp_dir());
  int rc = -1;
  const std::string out = output_of(kThads + " export --db " + db + " --out /dev/full", &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("cannot write /dev/full"), std::string::npos) << out;
  output_of(kThads + " export --db " + db + " > /dev/full", &rc);
  EXPECT_EQ(rc, 2);
  const std::string ok = output_of(kThads + " export --db " + db + " --out " + testing::temp_dir() + "/e.jsonl", &rc);
  EXPECT_EQ(rc, 0) << ok;
}

TEST(CliBadDays, ImportOfADirectoryIsRefused) {
  const std::string dir = testing::temp_dir();
  int rc = -1;
  const std::string out = output_of(kThads + " import --db " + dir + "/d.db " + dir, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("is a directory"), std::string::npos) << out;
}

TEST(CliBadDays, ImportRefusesDeepAndEndlessLines) {
  const std::string dir = testing::temp_dir();
  const std::string file = dir + "/bad.jsonl";
  // Line 2 an event with a field nested 65,000 deep (it crashed the import);
  // line 3 two megabytes without an end of line until the file ends (the
  // reader keeps only what it needs to refuse it).
  write_file(file, testing::agency_lines().substr(0, testing::agency_lines().find('\n') + 1) +
                       R"({"kind":"event","case":"A","seq":1,"type":"notified","date":"2025-01-01","x":)" +
                       std::string(65'000, '[') + std::string(65'000, ']') + "}\n" + std::string(2'000'000, '{'));
  int rc = -1;
  const std::string out = output_of(kThads + " import --db " + dir + "/d.db " + file, &rc);
  EXPECT_EQ(rc, 1) << out.substr(0, 400);
  EXPECT_NE(out.find("line 2: bad_field: the line is JSON nested deeper than " + std::to_string(kMaxJsonDepth)),
            std::string::npos)
      << out.substr(0, 400);
  EXPECT_NE(out.find("line 3: bad_field: line longer than " + std::to_string(kMaxLineBytes) + " bytes"),
            std::string::npos)
      << out.substr(0, 400);
}

TEST(CliBadDays, AnotherProgramsSqliteFileIsLeftAlone) {
  const std::string db = testing::temp_dir() + "/other.db";
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  const std::string before = testing::read_file(db);
  for (const std::string cmd : {" init", " report cases --from 2025-01-01 --to 2025-12-31 --format json", " export",
                                " verify-audit"}) {
    int rc = -1;
    const std::string out = output_of(kThads + cmd + " --db " + db, &rc);
    EXPECT_EQ(rc, 2) << cmd << ": " << out;
    EXPECT_NE(out.find("is not a thads store"), std::string::npos) << cmd << ": " << out;
    EXPECT_NE(out.find("invoices"), std::string::npos) << out;
  }
  EXPECT_TRUE(testing::read_file(db) == before);  // not a byte changed: no thads table, no WAL mode
}

TEST(CliBadDays, AReadOnlyStoreServesEveryReadingCommand) {
  // setpriv is util-linux's (Essential on Debian): root drops to nobody with it.
  ASSERT_TRUE(geteuid() != 0 || std::system("command -v setpriv >/dev/null") == 0) << "setpriv is needed to drop root";
  const std::string dir = testing::temp_dir();
  // The audit chain's keys (docs/security/audit-chain.md): the reader
  // verifying the chain is one who may read them.
  const std::string keys = testing::temp_dir() + "/keys";
  ::setenv("THADS_KEYS", keys.c_str(), 1);
  const std::string db = seeded_store(dir);
  if (geteuid() == 0) {
    ASSERT_EQ(std::system(("chown -R 65534:65534 " + keys).c_str()), 0);
  }
  ASSERT_EQ(::chmod(db.c_str(), 0444), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0555), 0);  // no -wal or -shm file can be made beside it
  // Root may write anything: run as nobody, for whom the store is read-only.
  const std::string as_reader = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  for (const std::string cmd :
       {" report cases --from 2025-01-01 --to 2025-12-31 --format json", " export", " verify-audit",
        " deadlines --case S1 --today 2025-02-01 --format json"}) {
    int rc = -1;
    const std::string out = output_of(as_reader + kThads + cmd + " --db " + db, &rc);
    EXPECT_EQ(rc, 0) << cmd << ": " << out;
  }
  int rc = -1;
  const std::string out = output_of(as_reader + kThads + " export --db " + db, &rc);
  EXPECT_NE(out.find("\"case\":\"S1\""), std::string::npos) << out;
  ::chmod(dir.c_str(), 0755);
}

TEST(CliBadDays, VerifyAuditReportsATextRecordedAt) {
  const std::string db = seeded_store(testing::temp_dir());
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  // The entries' own table: journal_data in a store of journal layout 2
  // (the view `journal` reads through thads' SQL functions, which a bare
  // connection does not have), journal in one of layout 1.
  ASSERT_EQ(sqlite3_exec(h, "UPDATE journal_data SET recorded_at = '2025-01-02T10:00:00Z' WHERE pos = 2", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  int rc = -1;
  const std::string out = output_of(kThads + " verify-audit --db " + db, &rc);
  EXPECT_EQ(rc, 1) << out;  // a finding, not "error: stoll"
  EXPECT_NE(out.find("audit chain BROKEN"), std::string::npos) << out;
  EXPECT_NE(out.find("recorded_at that is not a whole number"), std::string::npos) << out;
  EXPECT_NE(out.find("first tampered entry: pos 2"), std::string::npos) << out;
}

}  // namespace
}  // namespace thads
