// Backup and restore (issue 12 item 7) on both stores: the restored store's
// export is byte-identical to the original's and its audit chain verifies;
// a restore never writes over a store; a damaged backup restores nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/run_command.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "store/backup.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

const std::string kThads = THADS_BINARY;

std::string export_of(Store& s) {
  std::ostringstream out;
  export_jsonl(s, out);
  return out.str();
}

class Backup : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    dir_ = testing::temp_dir();
    location_ = testing::fresh_location(GetParam());
    auto s = Store::open(location_);
    std::istringstream in(testing::agency_lines() + opened_line("A", "2024-11-02", "HN", 5000000) + "\n" +
                          ev_line("A", 2, "collected", "2025-01-03", R"("amount":40,"method":"voluntary")") + "\n");
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    ASSERT_TRUE(import_jsonl(*s, in, o).ok());
    before_ = export_of(*s);
  }
  std::string dir_, location_, before_;
};

TEST_P(Backup, ARestoredStoreExportsTheSameAndItsChainVerifies) {
  const std::string file = dir_ + "/thads.backup";
  backup_store(location_, file);
  EXPECT_FALSE(std::filesystem::exists(file + ".tmp"));
  const std::string target = testing::fresh_location(GetParam());
  if (GetParam() == "postgres") {  // fresh_location made the schema there: restore wants an empty database
    auto s = Store::open(target);
    s->db().exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  }
  restore_store(file, target);
  auto restored = Store::open(target);
  EXPECT_EQ(export_of(*restored), before_);
  const AuditResult r = restored->verify_audit();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_GE(r.checkpoints, 1);
}

TEST_P(Backup, ARestoreNeverWritesOverAStore) {
  const std::string file = dir_ + "/thads.backup";
  backup_store(location_, file);
  EXPECT_THROW(restore_store(file, location_), StoreError);
  auto s = Store::open(location_);
  EXPECT_EQ(export_of(*s), before_);
}

TEST_P(Backup, ADamagedBackupRestoresNothing) {
  const std::string file = dir_ + "/bad.backup";
  std::ofstream(file) << "not a backup";
  const std::string target = GetParam() == "sqlite" ? dir_ + "/target.db" : location_ + "_none";
  EXPECT_THROW(restore_store(file, target), StoreError);
  if (GetParam() == "sqlite") {
    EXPECT_FALSE(std::filesystem::exists(target));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Backup, ::testing::Values("sqlite", "postgres"));

// The commands, end to end on SQLite: backup, restore into a new path,
// verify-audit on the restored store.
TEST(BackupCommands, BackupRestoreAndVerify) {
  const std::string dir = testing::temp_dir(), db = dir + "/a.db", lines = dir + "/a.jsonl";
  std::ofstream(lines) << testing::agency_lines() << opened_line("A", "2024-11-02", "HN", 5000000) << "\n";
  int rc = -1;
  std::string out = testing::output_of(kThads + " import --db " + db + " " + lines, &rc);
  ASSERT_EQ(rc, 0) << out;
  out = testing::output_of(kThads + " backup --db " + db + " --out " + dir + "/a.backup", &rc);
  ASSERT_EQ(rc, 0) << out;
  out = testing::output_of(kThads + " restore --db " + dir + "/b.db " + dir + "/a.backup", &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("audit chain intact"), std::string::npos) << out;
  out = testing::output_of(kThads + " restore --db " + dir + "/b.db " + dir + "/a.backup", &rc);
  EXPECT_EQ(rc, 2) << out;  // never over a store
  EXPECT_NE(out.find("already holds a store"), std::string::npos) << out;
  const std::string a = testing::output_of(kThads + " export --db " + db, &rc);
  const std::string b = testing::output_of(kThads + " export --db " + dir + "/b.db", &rc);
  EXPECT_EQ(a, b);
  out = testing::output_of(kThads + " verify-audit --db " + dir + "/b.db", &rc);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace thads
