// Bad days: the disk fills up in the middle of an import. The import fails
// with an error, nothing of it is stored, what was stored before is intact and
// the audit chain still verifies. SQLite's max_page_count makes "the disk" full
// deterministically.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/reports.h"

namespace thads {
namespace {

ImportResult import_text(Store& s, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = 1'760'000'000;
  return import_jsonl(s, in, o);
}

TEST(DiskFull, ImportFailsCleanlyAndKeepsWhatWasStored) {
  const std::string db = testing::temp_dir() + "/full.db";
  auto store = Store::open(db);
  std::string base =
      R"({"kind":"agency","code":"CQL","name":"Cục Quản lý","level":"national","parent":null})" "\n"
      R"({"kind":"agency","code":"HN","name":"Hà Nội","level":"province","parent":"CQL"})" "\n" +
      testing::opened_line("A", "2025-01-02", "HN", 1000) + "\n";
  ASSERT_TRUE(import_text(*store, base).ok());
  const int64_t before = store->journal_size();

  // Allow only a little more room than the store uses now.
  auto pages = store->db().one("PRAGMA page_count");
  ASSERT_TRUE(pages.has_value());
  store->db().exec("PRAGMA max_page_count = " + std::to_string(pages->i(0) + 8));
  std::string big;
  for (int i = 0; i < 5000; ++i)
    big += testing::opened_line("B" + std::to_string(i), "2025-01-02", "HN", 1000 + i) + "\n";
  EXPECT_THROW(import_text(*store, big), StoreError);

  store.reset();
  auto again = Store::open(db);
  EXPECT_EQ(again->journal_size(), before);
  EXPECT_EQ(again->load_stream("A").size(), 1u);
  EXPECT_TRUE(again->load_stream("B0").empty());
  EXPECT_TRUE(again->verify_audit().ok);
  // With room again, the same import succeeds in full.
  EXPECT_TRUE(import_text(*again, big).ok());
  EXPECT_EQ(again->journal_size(), before + 5000);
}

}  // namespace
}  // namespace thads
