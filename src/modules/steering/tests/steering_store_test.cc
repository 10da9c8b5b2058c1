// The steering records through the module registry on both stores: import
// (all or nothing, refusals with their line), export and re-import,
// rebuild of the read models from the journal.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "domain/interchange.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {
namespace {

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy","type":"other","agency":"HN"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND khu vực 1","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}],"request_date":"2025-01-06"}
)";

const char* kSteering = R"({"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo công tác thi hành án","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Nghe báo cáo hằng quý","bodies":["HN"],"owner":"BNC-HN","periodicity":"quarterly"}
{"kind":"directive_task","directive":"CT-05","number":"2","text":"Hỗ trợ cưỡng chế","bodies":["CA-HN","HN"],"owner":"BNC-HN","periodicity":"six_monthly"}
{"kind":"directive_task","directive":"CT-05","number":"2.1","text":"Bố trí lực lượng","bodies":["CA-HN"],"owner":"BNC-HN","deadline":"2025-03-31"}
{"kind":"task_report","task":"CT-05/1","body":"HN","period":"2025-Q1","seq":1,"date":"2024-12-28","status":"done","text":"Đã báo cáo","recorded_at":"2024-12-28T09:00:00+07:00","actor":"head1"}
{"kind":"task_report","task":"CT-05/2.1","body":"CA-HN","period":"once","seq":1,"date":"2025-02-01","status":"in_progress","text":"Đang bố trí"}
{"kind":"committee","id":"BCD-HN","name":"Ban Chỉ đạo THADS thành phố","level":"province","agency":"HN","valid_from":"2016-07-05"}
{"kind":"committee_member","committee":"BCD-HN","person":"Nguyễn Văn A","body":"HN","role":"deputy","from":"2021-06-01"}
{"kind":"meeting","id":"BCD-HN/2025-1","committee":"BCD-HN","date":"2025-01-20","agenda":["Kết quả 3 tháng"],"conclusions":["Tập trung các vụ việc trọng điểm"]}
{"kind":"directive_task","meeting":"BCD-HN/2025-1","number":"1","text":"Rà soát vụ việc","bodies":["HN"],"owner":"BNC-HN","deadline":"2025-02-28"}
{"kind":"key_case","id":"TD-1","seq":1,"type":"proposed","date":"2025-01-10","case":"HN-1","agency":"HN","reasons":["large_amount"]}
{"kind":"key_case","id":"TD-1","seq":2,"type":"accepted","date":"2025-01-20","committee":"BCD-HN","meeting":"BCD-HN/2025-1"}
{"kind":"key_case","id":"TD-1","seq":3,"type":"step","date":"2025-01-20","step":1,"text":"Xác minh tài sản","owner":"CA-HN","deadline":"2025-03-01"}
)";

class SteeringStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(testing::fresh_location(GetParam()));
    auto r = load(*store, kSeed);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  }
  ImportResult load(Store& s, const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = now;
    o.actor = "admin";
    return import_jsonl(s, in, o);
  }
  std::vector<int64_t> counts(Store& s) {
    std::vector<int64_t> out;
    for (const std::string& t : kReadModelTables) out.push_back(count_rows(s.db(), t));
    return out;
  }
  std::unique_ptr<Store> store;
  int64_t now = *parse_rfc3339("2025-06-15T03:00:00Z");
};

TEST_P(SteeringStore, ImportExportRebuild) {
  auto r = load(*store, kSteering);
  ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << " " << r.refusals.front().refusal.message;
  EXPECT_EQ(r.references_added, 8);
  EXPECT_EQ(r.events_added, 5);
  const std::vector<int64_t> expected{1, 4, 2, 1, 1, 1, 1, 1};
  EXPECT_EQ(counts(*store), expected);
  // Idempotent: the same file again adds nothing.
  auto again = load(*store, kSteering);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.duplicates, 13);
  EXPECT_EQ(counts(*store), expected);
  auto dirs = list_directives(store->db(), {"HN"});
  ASSERT_EQ(dirs.size(), 1u);
  EXPECT_EQ(dirs[0].tasks, 3);
  // The ledger read back from the journal knows the overdue cells.
  Ledger l = load_ledger(store->db());
  EXPECT_TRUE(l.cells(l.tasks().at("CT-05/2.1"), "CA-HN", *Date::parse("2025-04-01"))[0].overdue);
  EXPECT_EQ(l.key_cases().at("TD-1").steps.size(), 1u);

  // Export, then import into a fresh store: the same read models.
  std::ostringstream out;
  export_jsonl(*store, out);
  EXPECT_NE(out.str().find(R"("kind":"key_case")"), std::string::npos);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  auto rc = load(*copy, out.str());
  ASSERT_TRUE(rc.ok()) << rc.refusals.front().refusal.message;
  EXPECT_EQ(counts(*copy), expected);

  // Rebuild projects the journal again into read models emptied through
  // the store (the test writes no SQL of its own).
  {
    WriteTx tx(*store);
    tx.clear_read_models({"steering_key_case_steps"});
    tx.commit();
  }
  EXPECT_EQ(count_rows(store->db(), "steering_key_case_steps"), 0);
  rebuild(*store);
  EXPECT_EQ(counts(*store), expected);
}

TEST_P(SteeringStore, ARefusedLineWritesNothing) {
  std::string text = kSteering;
  text += R"({"kind":"task_report","task":"CT-05/2.1","body":"HN","period":"once","seq":1,"date":"2025-02-01","status":"done","text":"x"})";
  text += "\n";
  auto r = load(*store, text);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].refusal.code, "bad_transition");  // 2.1 is the police's task only
  EXPECT_EQ(r.refusals[0].line, 14);
  EXPECT_EQ(count_rows(store->db(), "steering_directives"), 0);
  EXPECT_EQ(count_rows(store->db(), "steering_task_reports"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, SteeringStore, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::steering
