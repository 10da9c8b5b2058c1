// Changes to reference records (docs/formats/reference-change.md) on both
// stores: renaming an agency, moving, promoting and retiring an officer,
// revising a target, correcting a calendar day; their refusals; the read
// models equal to rebuild; an export imported again is a no-op and imported
// into an empty store gives the same read models.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/record_as.h"
#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/case_commands.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "domain/reference_change.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

const std::string kRef = testing::agency_lines() +
    R"({"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"})" "\n"
    R"({"kind":"agency","code":"HN-KV2","name":"Phòng THADS khu vực 2","level":"region","parent":"HN"})" "\n"
    R"({"kind":"officer","id":"CHV-1","name":"Nguyễn Văn An","agency":"HN-KV1","role":"enforcement_officer"})" "\n"
    R"({"kind":"officer","id":"CHV-2","name":"Trần Thị Bình","agency":"HN-KV1","role":"enforcement_officer"})" "\n"
    R"({"kind":"target","agency":"HN","fiscal_year":2026,"cases_rate":80,"money_rate":45})" "\n"
    R"({"kind":"holiday","date":"2025-01-06","type":"day_off","name":"Nhập nhầm"})" "\n";

std::string change(const std::string& record, const std::string& key, int seq, const std::string& fields) {
  return R"({"kind":"reference_change","record":")" + record + R"(","key":")" + key + R"(","seq":)" +
         std::to_string(seq) + "," + fields + R"(,"reason":"Quyết định số 1/QĐ"})";
}

std::string cell(const Value& v) {
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  return "NULL";
}

std::string read_models(Store& s) {
  std::string out;
  for (const char* q : {"SELECT * FROM agencies ORDER BY code", "SELECT * FROM officers ORDER BY id",
                        "SELECT * FROM officer_inactive ORDER BY id", "SELECT * FROM targets ORDER BY agency, fiscal_year",
                        "SELECT * FROM holidays ORDER BY date", "SELECT * FROM cases ORDER BY case_id",
                        "SELECT * FROM pending_deadlines ORDER BY case_id, action"}) {
    out += std::string(q) + "\n";
    s.db().run(q, {}, [&](const Row& r) {
      for (const Value& v : r.cols) out += cell(v) + "|";
      out += "\n";
    });
  }
  return out;
}

class ReferenceChanges : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store_ = Store::open(testing::fresh_location(GetParam()));
    ASSERT_TRUE(import(kRef).ok());
  }
  ImportResult import(const std::string& text, Store* into = nullptr) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    o.actor = "admin1";
    return import_jsonl(into ? *into : *store_, in, o);
  }
  std::string first_code(const ImportResult& r) { return r.refusals.empty() ? "" : r.refusals.front().refusal.code; }
  std::string due(const std::string& case_id) {
    std::string out;
    store_->db().run("SELECT action, due FROM pending_deadlines WHERE case_id = ? ORDER BY action", {case_id},
                     [&](const Row& r) { out += r.s(0) + "=" + r.s(1) + ";"; });
    return out;
  }
  std::unique_ptr<Store> store_;
};

TEST_P(ReferenceChanges, EachRecordTakesItsChangedFieldsAndKeepsItsFirstVersion) {
  const std::string changes = change("agency", "HN-KV1", 1, R"("name":"Phòng Thi hành án dân sự khu vực 1 - Hà Nội")") + "\n" +
                              change("officer", "CHV-1", 1, R"("agency":"HN-KV2","role":"head")") + "\n" +
                              change("officer", "CHV-2", 1, R"("active":false)") + "\n" +
                              change("target", "HN/2026", 1, R"("cases_rate":85.5,"money_rate":52)") + "\n" +
                              change("officer", "CHV-1", 2, R"("name":"Nguyễn Văn Ân")") + "\n";
  const ImportResult r = import(changes);
  ASSERT_TRUE(r.ok()) << first_code(r);
  EXPECT_EQ(r.references_added, 5);
  std::map<std::string, AgencyRecord> agencies;
  for (auto& a : store_->agencies()) agencies[a.code] = a;
  EXPECT_EQ(agencies["HN-KV1"].name, "Phòng Thi hành án dân sự khu vực 1 - Hà Nội");
  EXPECT_EQ(agencies["HN-KV1"].level, "region");
  std::map<std::string, OfficerRecord> officers;
  for (auto& o : store_->officers()) officers[o.id] = o;
  EXPECT_EQ(officers["CHV-1"].agency, "HN-KV2");
  EXPECT_EQ(officers["CHV-1"].role, "head");
  EXPECT_EQ(officers["CHV-1"].name, "Nguyễn Văn Ân");
  EXPECT_EQ(store_->inactive_officers(), (std::set<std::string>{"CHV-2"}));
  EXPECT_EQ(store_->targets().front().cases_rate_x100, 8550);
  EXPECT_EQ(store_->targets().front().money_rate_x100, 5200);
  // The same changes again, and the original records again: nothing added.
  const ImportResult again = import(kRef + changes);
  ASSERT_TRUE(again.ok()) << first_code(again);
  EXPECT_EQ(again.references_added, 0);
  EXPECT_EQ(again.duplicates, 13);
  // Rebuild derives the same read models; the export carries the changes.
  const std::string imported = read_models(*store_);
  rebuild(*store_);
  EXPECT_EQ(imported, read_models(*store_));
  EXPECT_TRUE(store_->verify_audit().ok);
  std::ostringstream out;
  export_jsonl(*store_, out);
  EXPECT_NE(out.str().find(R"("kind":"reference_change")"), std::string::npos);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  ASSERT_TRUE(import(out.str(), copy.get()).ok());
  EXPECT_EQ(read_models(*copy), imported);
  const ImportResult reimport = import(out.str());
  EXPECT_TRUE(reimport.ok());
  EXPECT_EQ(reimport.references_added, 0);
}

TEST_P(ReferenceChanges, RefusalsNameTheProblemAndStoreNothing) {
  const int64_t before = store_->journal_size();
  EXPECT_EQ(first_code(import(change("officer", "CHV-9", 1, R"("name":"X")"))), "unknown_reference");
  EXPECT_EQ(first_code(import(change("target", "HN/2027", 1, R"("cases_rate":90)"))), "unknown_reference");
  EXPECT_EQ(first_code(import(change("holiday", "2025-01-09", 1, R"("type":"working_day")"))), "unknown_reference");
  EXPECT_EQ(first_code(import(change("officer", "CHV-1", 2, R"("name":"X")"))), "seq_gap");
  EXPECT_EQ(first_code(import(change("agency", "HN", 1, R"("level":"national")"))), "bad_field");
  EXPECT_EQ(first_code(import(change("officer", "CHV-1", 1, R"("id":"CHV-7")"))), "bad_field");
  EXPECT_EQ(first_code(import(R"({"kind":"reference_change","record":"officer","key":"CHV-1","seq":1,"reason":"x"})")),
            "bad_field");
  EXPECT_EQ(first_code(import(R"({"kind":"reference_change","record":"officer","key":"CHV-1","seq":1,"name":"Y"})")),
            "bad_field");  // no reason
  EXPECT_EQ(first_code(import(change("target", "HN-2026", 1, R"("cases_rate":90)"))), "bad_field");
  EXPECT_EQ(first_code(import(change("officer", "CHV-1", 1, R"("agency":"HCM")"))), "unknown_agency");
  // A second, different change with the same number: seq_conflict; a whole
  // file with one bad line stores nothing.
  ASSERT_TRUE(import(change("officer", "CHV-1", 1, R"("name":"Nguyễn Văn Ân")")).ok());
  const int64_t after_one = store_->journal_size();
  EXPECT_EQ(after_one, before + 1);
  EXPECT_EQ(first_code(import(change("officer", "CHV-1", 1, R"("name":"Nguyễn Văn Ẩn")"))), "seq_conflict");
  EXPECT_FALSE(import(change("agency", "HN-KV1", 1, R"("name":"Mới")") + "\n" + change("officer", "CHV-1", 3, R"("name":"Z")")).ok());
  EXPECT_EQ(store_->journal_size(), after_one);
  for (auto& a : store_->agencies())
    if (a.code == "HN-KV1") {
      EXPECT_EQ(a.name, "Phòng THADS khu vực 1");
    }
}

TEST_P(ReferenceChanges, AnOfficerWithOpenCasesMovesOnlyOnceTheyAreReassigned) {
  ASSERT_TRUE(import(opened_line("C1", "2025-01-02", "HN-KV1", 1000) + "\n" +
                     ev_line("C1", 2, "officer_assigned", "2025-01-02", R"("officer":"CHV-1")"))
                  .ok());
  const ImportResult move = import(change("officer", "CHV-1", 1, R"("agency":"HN-KV2")"));
  ASSERT_EQ(first_code(move), "bad_transition");
  EXPECT_EQ(move.refusals.front().refusal.article, "Điều 36(2), Điều 23 Luật THADS");
  ASSERT_TRUE(import(ev_line("C1", 3, "officer_assigned", "2025-01-03", R"("officer":"CHV-2")")).ok());
  EXPECT_TRUE(import(change("officer", "CHV-1", 1, R"("agency":"HN-KV2")")).ok());
}

TEST_P(ReferenceChanges, ARetiredOfficerTakesNoNewCase) {
  ASSERT_TRUE(import(opened_line("C1", "2025-01-02", "HN-KV1", 1000)).ok());
  ASSERT_TRUE(import(change("officer", "CHV-2", 1, R"("active":false)")).ok());
  auto r = record_as_head(*store_, "C1", 1, {{"type", "officer_assigned"}, {"date", "2025-01-03"}, {"officer", "CHV-2"}},
                        "head1", 1'760'000'000);
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_EQ(std::get<Refusal>(r).code, "inactive_officer");
  ASSERT_TRUE(import(change("officer", "CHV-2", 2, R"("active":true)")).ok());
  r = record_as_head(*store_, "C1", 1, {{"type", "officer_assigned"}, {"date", "2025-01-03"}, {"officer", "CHV-2"}},
                   "head1", 1'760'000'000);
  EXPECT_TRUE(std::holds_alternative<Recorded>(r));
}

// A day off typed on the wrong date, corrected to a working day: the
// deadlines that counted it move back, as after a new holiday record.
TEST_P(ReferenceChanges, ACorrectedCalendarDayMovesTheDeadlinesBack) {
  ASSERT_TRUE(import(opened_line("C1", "2025-01-02", "HN", 1000)).ok());
  const std::string with_day_off = due("C1");
  ASSERT_FALSE(with_day_off.empty());
  ASSERT_TRUE(import(change("holiday", "2025-01-06", 1, R"("type":"working_day","name":"Ngày làm việc")")).ok());
  const std::string corrected = due("C1");
  EXPECT_NE(corrected, with_day_off);
  // The same as a store that never had the day off.
  auto plain = Store::open(testing::fresh_location(GetParam()));
  std::string ref = kRef;
  ref.erase(ref.find(R"({"kind":"holiday")"));
  ASSERT_TRUE(import(ref + opened_line("C1", "2025-01-02", "HN", 1000) + "\n", plain.get()).ok());
  std::string expected;
  plain->db().run("SELECT action, due FROM pending_deadlines WHERE case_id = 'C1' ORDER BY action", {},
                  [&](const Row& r) { expected += r.s(0) + "=" + r.s(1) + ";"; });
  EXPECT_EQ(corrected, expected);
  const std::string imported = read_models(*store_);
  rebuild(*store_);
  EXPECT_EQ(imported, read_models(*store_));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferenceChanges, ::testing::Values("sqlite", "postgres"));

TEST(ReferenceChangeParse, TargetKeysSplitAtTheLastSlash) {
  EXPECT_EQ(target_key("HN-KV1/2027").agency, "HN-KV1");
  EXPECT_EQ(target_key("HN-KV1/2027").fiscal_year, 2027);
  EXPECT_EQ(target_key("A/B/2027").agency, "A/B");
  EXPECT_EQ(target_key("HN2027").fiscal_year, 0);
  EXPECT_EQ(target_key("HN/20x7").fiscal_year, 0);
}

}  // namespace
}  // namespace thads
