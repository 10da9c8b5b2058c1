// The store's layout version (meta.schema_version, store/schema.h):
// - a store written by the first release (tests/fixtures/store-v1.sql, a
//   SQLite dump kept as it was written) opens with this build, is brought to
//   kSchemaVersion, keeps its audit chain, and holds what a fresh import of
//   the same file holds;
// - a store of a newer layout is refused, and not one byte of it changes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include "app/import.h"
#include "store/case_queries.h"
#include "store/schema.h"
#include "../support/backends.h"
#include "../support/temp_store.h"

namespace {

using thads::Store;
using thads::StoreError;
using namespace thads::testing;

const std::string kFixtureDir = std::string(THADS_SOURCE_DIR) + "/tests/fixtures";

// A SQLite file made from a dump (the SQL text sqlite3's .dump writes).
std::string sqlite_from_dump(const std::string& dump_path) {
  const std::string file = temp_dir() + "/old.db";
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const std::string sql = read_file(dump_path);
  EXPECT_FALSE(sql.empty()) << dump_path;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
  return file;
}

TEST(StoreLayout, AStoreOfTheFirstReleaseOpensAndHoldsWhatAFreshImportHolds) {
  const std::string old_file = sqlite_from_dump(kFixtureDir + "/store-v1.sql");
  auto old_store = Store::open(old_file);
  EXPECT_EQ(old_store->schema_version(), thads::kSchemaVersion);
  const auto audit = old_store->verify_audit();
  EXPECT_TRUE(audit.ok) << audit.problem;
  EXPECT_GT(audit.checked, 0);

  // The same interchange file, imported by this build into a new store.
  auto fresh = Store::open(fresh_location("sqlite"));
  std::ifstream in(kFixtureDir + "/store-v1.jsonl");
  ASSERT_TRUE(in.good());
  thads::ImportOptions opt;
  opt.now_unix = static_cast<int64_t>(std::time(nullptr));
  const auto res = thads::import_jsonl(*fresh, in, opt);
  ASSERT_TRUE(res.refusals.empty()) << res.refusals.front().refusal.message;

  const auto ids = fresh->case_ids();
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(old_store->case_ids(), ids);
  for (const auto& id : ids) {
    const auto a = thads::case_summary(old_store->db(), id);
    const auto b = thads::case_summary(fresh->db(), id);
    ASSERT_TRUE(a && b) << id;
    EXPECT_EQ(a->status, b->status) << id;
    EXPECT_EQ(a->remaining, b->remaining) << id;
    EXPECT_EQ(a->collected, b->collected) << id;
    EXPECT_EQ(old_store->load_stream(id).size(), fresh->load_stream(id).size()) << id;
  }
  EXPECT_EQ(old_store->journal_size(), fresh->journal_size());
}

class StoreLayoutOnBackends : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreLayoutOnBackends, ANewerLayoutIsRefusedAndLeftUntouched) {
  THADS_REQUIRE_BACKEND(GetParam());
  const std::string loc = fresh_location(GetParam());
  {
    auto s = Store::open(loc);
    EXPECT_EQ(s->schema_version(), thads::kSchemaVersion);
    s->db().run("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                {std::to_string(thads::kSchemaVersion + 1)});
  }
  const std::string before = GetParam() == "sqlite" ? read_file(loc) : "";
  try {
    Store::open(loc);
    FAIL() << "a newer layout was opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer thads"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Store::open_read_only(loc), StoreError);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(read_file(loc), before);
  }
}

TEST_P(StoreLayoutOnBackends, AnUnreadableLayoutVersionIsAnErrorNotAGuess) {
  THADS_REQUIRE_BACKEND(GetParam());
  const std::string loc = fresh_location(GetParam());
  Store::open(loc)->db().run("UPDATE meta SET value = 'two' WHERE key = 'schema_version'", {});
  EXPECT_THROW(Store::open(loc), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreLayoutOnBackends, ::testing::Values("sqlite", "postgres"));

}  // namespace
