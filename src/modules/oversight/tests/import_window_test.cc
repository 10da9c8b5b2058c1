// The import's window (ImportOptions::window): the cases and the oversight
// streams kept in memory at once. Whatever its size, an import writes the
// same journal and the same read models, and refuses the same lines
// leaving the store as it was: a stream dropped from the window is read back
// from the journal (with what this import appended) when a later line needs
// it.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/store_state.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "app/modules.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads {
namespace {

const Date kToday = *Date::parse("2026-11-20");

// The case demo, the oversight demo and the benchmarks' scale records
// (requests with account freezes among them, so the freeze budget reads its
// cases and their other requests), split in two files: the second continues
// streams of the first.
std::pair<std::string, std::string> data() {
  const testing::DemoCases cases = testing::demo_cases(600, 5, kToday);
  std::ostringstream demo, scale;
  oversight::write_demo(cases.world, 5, demo);
  oversight::write_scale(cases.world, 5, oversight::ScaleCounts{60, 60, 30, 1500}, scale);
  // Every act of a stream after its first two goes to the second file.
  std::istringstream lines(demo.str() + scale.str());
  std::string first = cases.text, second, line;
  std::map<std::string, int> seen;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    const bool later = j.contains("seq") && j.contains("id") && ++seen[j["id"].get<std::string>()] > 2;
    (later ? second : first) += line + "\n";
  }
  return {first, second};
}

ImportResult import_with(Store& store, const std::string& text, size_t window, int64_t lookups_before_listing = 4096) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(kToday.days()) + 1) * 86400;
  o.window = window;
  o.lookups_before_listing = lookups_before_listing;
  return import_jsonl(store, in, o);
}

// The journal and every read model (not the store's own keys and signed
// checkpoints, which differ from store to store).
std::string journal_and_read_models(Store& store) {
  std::vector<std::string> tables{"journal", "cases", "pending_deadlines", "case_terms"};
  for (const Module& m : modules())
    for (const std::string& t : m.read_model_tables) tables.push_back(t);
  return testing::tables_state(store, tables);
}

class ImportWindow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { THADS_REQUIRE_BACKEND(GetParam()); }
};

// Also whether the stored stream ids are listed at once (lookups 0: every
// later lookup goes through the hashes of app/stored_ids.h, the second file's
// continuations and, with a window of 2, the streams this import wrote and
// dropped) or each id is asked of the journal; or listed after 50 lookups,
// in the middle of the file (the cases too: app/import.cc flags(), with the
// cases this import already wrote known before the listing).
TEST_P(ImportWindow, AnyWindowWritesTheSameJournalAndReadModels) {
  const auto [first, second] = data();
  ASSERT_GT(second.size(), 10'000u);
  std::vector<std::string> dumps;
  for (auto [window, lookups] :
       {std::pair<size_t, int64_t>{4096, 4096}, {64, 4096}, {2, 4096}, {2, 0}, {64, 0}, {2, 50}}) {
    auto store = Store::open(testing::fresh_location(GetParam()));
    for (const std::string* text : {&first, &second}) {
      ImportResult r = import_with(*store, *text, window, lookups);
      ASSERT_TRUE(r.ok()) << "window " << window << ", line " << r.refusals.front().line << ": "
                          << r.refusals.front().refusal.code << " " << r.refusals.front().refusal.message;
    }
    EXPECT_GT(oversight::count_streams(store->db(), "request", ""), 1500);
    dumps.push_back(journal_and_read_models(*store));
  }
  EXPECT_GT(dumps[0].size(), 1'000'000u);
  EXPECT_TRUE(dumps[1] == dumps[0]) << "window 64: " << testing::first_difference(dumps[0], dumps[1]);
  EXPECT_TRUE(dumps[2] == dumps[0]) << "window 2: " << testing::first_difference(dumps[0], dumps[2]);
  EXPECT_TRUE(dumps[3] == dumps[0]) << "window 2, ids listed: " << testing::first_difference(dumps[0], dumps[3]);
  EXPECT_TRUE(dumps[4] == dumps[0]) << "window 64, ids listed: " << testing::first_difference(dumps[0], dumps[4]);
  EXPECT_TRUE(dumps[5] == dumps[0]) << "window 2, listed after 50: " << testing::first_difference(dumps[0], dumps[5]);
}

// A refusal at the end of the file, after many streams left the window and
// had their read models written: nothing of the file is kept, and the lines
// refused are the same whatever the window.
TEST_P(ImportWindow, ARefusalAtTheEndLeavesTheStoreAsItWasWhateverTheWindow) {
  const auto [first, second] = data();
  // A second `received` of a file opened in the first half: out of order.
  std::string bad_line;
  std::istringstream lines(first);
  std::string line;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j.value("kind", "") == "admin_judgment" && j.value("seq", 0) == 1) {
      auto again = j;
      again["seq"] = 99;
      bad_line = again.dump() + "\n";
      break;
    }
  }
  ASSERT_FALSE(bad_line.empty());
  std::vector<std::string> refusals;
  for (auto [window, lookups] : {std::pair<size_t, int64_t>{4096, 4096}, {2, 4096}, {2, 0}}) {
    auto store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_TRUE(import_with(*store, first, window, lookups).ok());
    const std::string before = testing::store_state(*store);
    ImportResult r = import_with(*store, second + bad_line, window, lookups);
    ASSERT_FALSE(r.ok());
    std::string seen;
    for (const LineRefusal& x : r.refusals) seen += std::to_string(x.line) + " " + x.refusal.code + "\n";
    refusals.push_back(seen);
    const std::string after = testing::store_state(*store);
    EXPECT_TRUE(after == before) << "window " << window << ": " << testing::first_difference(before, after);
  }
  EXPECT_EQ(refusals[1], refusals[0]);
  EXPECT_EQ(refusals[2], refusals[0]);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportWindow, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
