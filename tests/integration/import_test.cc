// Import paths on both stores: new and existing cases, cases that leave the
// in-memory window and come back, holidays after events, refusals late in a
// file. The read models an import writes must equal what rebuild() derives
// from the journal.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

const std::string kRef = testing::agency_lines();

std::string cell(const Value& v) {
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  return "NULL";
}

// Every read-model row, in key order, as text.
std::string read_models(Store& s) {
  std::string out;
  for (const char* q : {"SELECT * FROM cases ORDER BY case_id", "SELECT term, case_id FROM case_terms ORDER BY term, case_id",
                        "SELECT * FROM pending_deadlines ORDER BY case_id, action", "SELECT * FROM agencies ORDER BY code",
                        "SELECT * FROM holidays ORDER BY date"}) {
    out += std::string(q) + "\n";
    s.db().run(q, {}, [&](const Row& r) {
      for (const Value& v : r.cols) out += cell(v) + "|";
      out += "\n";
    });
  }
  return out;
}

std::string opened(int i) { return opened_line("C" + std::to_string(i), "2025-01-02", "HN", 1000 + i); }

class Import : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store_ = Store::open(testing::fresh_location(GetParam()));
  }
  ImportResult import(const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    o.actor = "import";
    return import_jsonl(*store_, in, o);
  }
  // The read models now, then after a rebuild from the journal: equal.
  void expect_same_as_rebuild() {
    const std::string imported = read_models(*store_);
    rebuild(*store_);
    EXPECT_EQ(imported, read_models(*store_));
    EXPECT_TRUE(store_->verify_audit().ok);
  }
  std::unique_ptr<Store> store_;
};

TEST_P(Import, IntoAStoreWithSomeCasesGivesTheReadModelsOfRebuild) {
  std::string first = kRef;
  for (int i = 0; i < 20; ++i) first += opened(i) + "\n";
  first += ev_line("C3", 2, "notified", "2025-01-03") + "\n";
  ASSERT_TRUE(import(first).ok());
  // Existing cases get more events (and duplicates), new cases appear among them.
  std::string second;
  for (int i = 0; i < 40; i += 2) {
    second += opened(i) + "\n";  // duplicate for i < 20, new case otherwise
    second += ev_line("C" + std::to_string(i), 2, "notified", "2025-01-06") + "\n";
    second += ev_line("C" + std::to_string(i), 3, "collected", "2025-01-07", R"("amount":500,"method":"voluntary")") + "\n";
  }
  ImportResult r = import(second);
  ASSERT_TRUE(r.ok()) << r.refusals[0].refusal.message;
  EXPECT_EQ(r.duplicates, 10);
  EXPECT_EQ(r.events_added, 10 * 2 + 10 * 3);
  EXPECT_EQ(r.cases_touched, 20);
  expect_same_as_rebuild();
}

TEST_P(Import, ReimportOfTheSameFileIsAllDuplicates) {
  std::string data = kRef + R"({"kind":"holiday","date":"2025-01-27","type":"day_off","name":"Tết Nguyên đán"})" "\n";
  for (int i = 0; i < 30; ++i)
    data += opened(i) + "\n" + ev_line("C" + std::to_string(i), 2, "notified", "2025-01-03") + "\n";
  ImportResult first = import(data);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.events_added, 60);
  EXPECT_EQ(first.references_added, 3);
  const int64_t size = store_->journal_size();
  const std::string models = read_models(*store_);
  ImportResult again = import(data);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.events_added, 0);
  EXPECT_EQ(again.references_added, 0);
  EXPECT_EQ(again.cases_touched, 0);
  EXPECT_EQ(again.duplicates, 63);
  EXPECT_EQ(store_->journal_size(), size);
  EXPECT_EQ(read_models(*store_), models);
}

// More cases than the importer keeps in memory, each named again after all
// the others: every case leaves the window and is read back from the
// journal of the open transaction.
constexpr int kMany = 5000;

TEST_P(Import, CasesThatLeaveTheWindowAndComeBack) {
  std::string data = kRef;
  for (int i = 0; i < kMany; ++i) data += opened(i) + "\n";
  for (int i = 0; i < kMany; ++i) data += ev_line("C" + std::to_string(i), 2, "notified", "2025-01-03") + "\n";
  for (int i = 0; i < kMany; i += 7) data += opened(i) + "\n";  // duplicates, after eviction
  for (int i = 0; i < kMany; i += 3)
    data += ev_line("C" + std::to_string(i), 3, "collected", "2025-01-08", R"("amount":300,"method":"voluntary")") + "\n";
  ImportResult r = import(data);
  ASSERT_TRUE(r.ok()) << r.refusals[0].refusal.message;
  EXPECT_EQ(r.events_added, 2 * kMany + (kMany + 2) / 3);
  EXPECT_EQ(r.cases_touched, kMany);
  EXPECT_EQ(r.duplicates, (kMany + 6) / 7);
  expect_same_as_rebuild();
}

TEST_P(Import, RefusalsLateInTheFileKeepTheirOrderAndStoreNothing) {
  ASSERT_TRUE(import(kRef).ok());
  const int64_t size = store_->journal_size();
  std::string data;
  int64_t line = 0;
  for (int i = 0; i < kMany; ++i) data += opened(i) + "\n", ++line;
  data += ev_line("C0", 3, "notified", "2025-01-03") + "\n";  // C0 left the window: seq_gap
  const int64_t gap_line = ++line;
  data += ev_line("C0", 2, "notified", "2025-01-03") + "\n";  // same case, after a refusal: not checked
  ++line;
  for (int i = 1; i < kMany; ++i) data += ev_line("C" + std::to_string(i), 2, "notified", "2025-01-03") + "\n", ++line;
  data += ev_line("C1", 3, "collected", "2025-01-08", R"("amount":999999,"method":"voluntary")") + "\n";
  const int64_t over_line = ++line;
  data += ev_line("NOPE", 2, "notified", "2025-01-03") + "\n";
  const int64_t unknown_line = ++line;
  ImportResult r = import(data);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.refusals.size(), 3u);
  EXPECT_EQ(r.refusals[0].line, gap_line);
  EXPECT_EQ(r.refusals[0].refusal.code, "seq_gap");
  EXPECT_EQ(r.refusals[1].line, over_line);
  EXPECT_EQ(r.refusals[1].refusal.code, "over_collection");
  EXPECT_EQ(r.refusals[2].line, unknown_line);
  EXPECT_EQ(r.refusals[2].refusal.code, "unknown_case");
  EXPECT_EQ(r.events_added, 0);
  EXPECT_EQ(store_->journal_size(), size);
  EXPECT_TRUE(store_->load_stream("C1").empty());
  auto n = store_->db().one("SELECT COUNT(*) FROM cases");
  EXPECT_EQ(n->i(0), 0);
  EXPECT_TRUE(store_->verify_audit().ok);
}

// A holiday record after the events changes the calendar of the cases
// already projected: they must end up as rebuild() derives them.
// Holidays imported later, on their own, move the deadlines of the cases
// already in the store (the work queues read pending_deadlines).
TEST_P(Import, HolidaysImportedLaterReprojectTheStoredCases) {
  std::string data = kRef;
  for (int i = 0; i < kMany; ++i) data += opened(i) + "\n";
  ASSERT_TRUE(import(data).ok());
  auto due = [&] {
    std::string out;
    store_->db().run("SELECT case_id, action, due FROM pending_deadlines ORDER BY case_id, action", {},
                     [&](const Row& r) { out += r.s(0) + r.s(1) + r.s(2) + "\n"; });
    return out;
  };
  const std::string before = due();
  std::string holidays;
  for (int d = 6; d <= 31; ++d)
    holidays += R"({"kind":"holiday","date":"2025-01-)" + std::string(d < 10 ? "0" : "") + std::to_string(d) +
                R"(","type":"day_off","name":"Nghỉ"})" "\n";
  ASSERT_TRUE(import(holidays).ok());
  EXPECT_NE(due(), before);
  expect_same_as_rebuild();
}

TEST_P(Import, HolidayAfterTheEventsReprojectsTheCases) {
  std::string data = kRef;
  for (int i = 0; i < kMany; ++i) data += opened(i) + "\n";
  for (int d = 6; d <= 31; ++d)
    data += R"({"kind":"holiday","date":"2025-01-)" + std::string(d < 10 ? "0" : "") + std::to_string(d) +
            R"(","type":"day_off","name":"Nghỉ"})" "\n";
  ASSERT_TRUE(import(data).ok());
  const std::string imported = read_models(*store_);
  // The holidays moved some deadline: without them the dues differ.
  auto plain = Store::open(testing::fresh_location(GetParam()));
  {
    std::string without = kRef;
    for (int i = 0; i < kMany; ++i) without += opened(i) + "\n";
    std::istringstream in(without);
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    ASSERT_TRUE(import_jsonl(*plain, in, o).ok());
  }
  auto due = [](Store& s) {
    std::string out;
    s.db().run("SELECT case_id, action, due FROM pending_deadlines ORDER BY case_id, action", {},
               [&](const Row& r) { out += r.s(0) + r.s(1) + r.s(2) + "\n"; });
    return out;
  };
  EXPECT_NE(due(*store_), due(*plain));
  expect_same_as_rebuild();
}

INSTANTIATE_TEST_SUITE_P(Backends, Import, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
