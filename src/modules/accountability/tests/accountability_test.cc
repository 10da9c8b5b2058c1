// The accountability module on both stores: its records import (all or
// nothing, idempotent) with the refusals of docs/formats/accountability.md;
// rights are checked in the use cases (a head records inspections of its
// subtree, an officer reads none, the inspected agency's head cannot record
// its superior's findings); remedies are deadlines; the procuracy's review
// lists the case classified without conditions with its verification and
// when each decision reached it (Art. 38), and the agency's overdue answers.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "modules/accountability/app/acc_use_cases.h"
#include "modules/accountability/app/procuracy_review.h"

namespace thads::accountability {
namespace {

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"KV1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"HCM","level":"province","parent":"CQL"}
{"kind":"officer","id":"HN-CHV-1","name":"A","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1","court":"T","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn B","kind":"person"},"creditor":{"name":"C","kind":"person"},"obligations":[{"category":"other_money","amount":5000000}]}
{"kind":"event","case":"HN-1","seq":2,"type":"verified","date":"2025-02-10","result":"unable"}
{"kind":"event","case":"HN-1","seq":3,"type":"unable_decided","date":"2025-02-12","reason":"no_income_or_assets"}
{"kind":"delivery","case":"HN-1","decision":1,"date":"2025-01-08"}
{"kind":"delivery","case":"HN-1","decision":3,"date":"2025-02-20"}
{"kind":"procuracy","id":"VKS-1","seq":1,"type":"protest","date":"2025-03-01","agency":"HN-KV1","procuracy":"VKS HN","number":"1/KN","level":"same","act_known_date":"2025-02-25"}
)";

User user(const char* login, Role role, const char* agency, const char* officer = "") {
  User u;
  u.login = login, u.role = role, u.agency = agency, u.officer = officer;
  return u;
}

class Accountability : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_EQ(import(kSeed), "");
  }
  std::string import(const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = now;
    auto r = import_jsonl(*store, in, o);
    return r.ok() ? "" : r.refusals.front().refusal.code;
  }
  std::unique_ptr<Store> store;
  int64_t now = std::time(nullptr);
};

TEST_P(Accountability, ImportRefusesWhatTheFormatRefuses) {
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":2,"date":"2025-02-20"})"), "bad_field");  // a verification
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-9","decision":1,"date":"2025-02-20"})"), "unknown_case");
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":1,"date":"2025-01-09"})"), "seq_conflict");
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":1,"date":"2025-01-08"})"), "");  // the same: duplicate
  EXPECT_EQ(import(R"({"kind":"inspection","id":"KT-2","seq":1,"type":"opened","date":"2025-03-03","agency":"HN","by":"HN-KV1","mode":"planned"})"),
            "bad_transition");  // a lower agency does not inspect its superior
  const std::string open = R"({"kind":"inspection","id":"KT-1","seq":1,"type":"opened","date":"2025-03-03","agency":"HN-KV1","by":"HN","mode":"planned"})" "\n";
  EXPECT_EQ(import(open + R"({"kind":"inspection","id":"KT-1","seq":2,"type":"remedy_ordered","date":"2025-03-05","finding":1,"due":"2025-04-01","text":"x"})"),
            "bad_transition");  // #1 is not a finding
  EXPECT_EQ(import(open + R"({"kind":"inspection","id":"KT-1","seq":2,"type":"finding","date":"2025-03-05","rule":"Điều 44","text":"x","officer":"NOBODY"})"),
            "bad_field");
  EXPECT_EQ(import(R"({"kind":"violation","id":"VP-1","seq":1,"type":"recorded","date":"2025-03-20","agency":"HN-KV1","officer":"HN-CHV-1","rule":"Điều 44","text":"x"}
{"kind":"violation","id":"VP-1","seq":2,"type":"measure","date":"2025-03-25","measure":"reminder"}
{"kind":"violation","id":"VP-1","seq":3,"type":"measure","date":"2025-03-26","measure":"warning"})"),
            "bad_transition");  // one measure
}

TEST_P(Accountability, RightsRemediesAndTheProcuracysReview) {
  const User head_hn = user("headhn", Role::head, "HN"), head_kv1 = user("head1", Role::head, "HN-KV1");
  const User officer = user("officer1", Role::officer, "HN-KV1", "HN-CHV-1"), vks = user("vks", Role::procuracy, "HN");
  const User vks_hcm = user("vkshcm", Role::procuracy, "HCM"), clerk = user("clerk1", Role::clerk, "HN-KV1");
  const nlohmann::json opened{{"type", "opened"}, {"date", "2025-03-03"}, {"agency", "HN-KV1"}, {"by", "HN"}, {"mode", "ad_hoc"}};
  auto code = [](const auto& r) { return r.index() == 1 ? std::get<1>(r).code : std::string(); };
  EXPECT_EQ(code(open_record(*store, head_kv1, Kind::inspection, "", opened, now)), "forbidden");  // `by` is above it
  EXPECT_EQ(code(open_record(*store, officer, Kind::inspection, "", opened, now)), "forbidden");
  auto r = open_record(*store, head_hn, Kind::inspection, "", opened, now);
  ASSERT_EQ(code(r), "");
  const std::string id = std::get<Recorded>(r).id;
  ASSERT_EQ(code(record_act(*store, head_hn, id, {{"type", "finding"}, {"date", "2025-03-04"}, {"rule", "Luật THADS Điều 44"}, {"text", "Chậm xác minh"}, {"case", "HN-1"}}, 1, now)), "");
  EXPECT_EQ(code(record_act(*store, head_kv1, id, {{"type", "finding"}, {"date", "2025-03-04"}, {"rule", "x"}, {"text", "y"}}, 2, now)), "forbidden");
  ASSERT_EQ(code(record_act(*store, head_hn, id, {{"type", "remedy_ordered"}, {"date", "2025-03-05"}, {"finding", 2}, {"due", "2025-04-01"}, {"text", "Xác minh lại"}}, 2, now)), "");
  EXPECT_EQ(code(read_record(*store, officer, id, *Date::parse("2025-04-10"))), "forbidden");
  EXPECT_EQ(code(read_record(*store, vks_hcm, id, *Date::parse("2025-04-10"))), "not_found");
  auto v = read_record(*store, vks, id, *Date::parse("2025-04-10"));
  ASSERT_EQ(code(v), "");
  ASSERT_EQ(std::get<View>(v).deadlines.size(), 1u);
  EXPECT_EQ(std::get<View>(v).deadlines[0].state, Deadline::State::missed);
  QueueQuery q;
  q.today = *Date::parse("2025-04-10");
  auto items = queue_items(*store, q, {"HN-KV1"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].bucket, "overdue");

  // The review: HN-1 classified on 12/02, verified on 10/02; decision #1 sent in 2 wd, #3 late (Art. 38).
  EXPECT_EQ(code(procuracy_review(*store, clerk, "", *Date::parse("2025-01-01"), *Date::parse("2025-06-30"), *Date::parse("2025-04-10"))), "forbidden");
  auto rv = procuracy_review(*store, vks, "", *Date::parse("2025-01-01"), *Date::parse("2025-06-30"), *Date::parse("2025-04-10"));
  ASSERT_EQ(code(rv), "");
  const Review& review = std::get<Review>(rv);
  ASSERT_EQ(review.cases.size(), 1u);
  EXPECT_EQ(review.cases[0].verifications.size(), 1u);
  ASSERT_EQ(review.cases[0].decisions.size(), 2u);
  EXPECT_EQ(review.cases[0].decisions[0].status, "on_time");
  EXPECT_EQ(review.cases[0].decisions[1].status, "late");
  EXPECT_EQ(review.sent_late, 1);
  // The protest of 01/03 unanswered: its reply (15 days, Art. 161(1)) is overdue.
  ASSERT_EQ(review.overdue.size(), 1u);
  EXPECT_EQ(review.overdue[0].action, "reply");
  // Sending a decision from the use case: a clerk of the subtree may, the procuracy may not.
  EXPECT_EQ(code(send_to_procuracy(*store, vks, "HN-1", 2, *Date::parse("2025-02-20"), now)), "forbidden");
  EXPECT_EQ(code(send_to_procuracy(*store, clerk, "HN-1", 2, *Date::parse("2025-02-20"), now)), "bad_field");
}

INSTANTIATE_TEST_SUITE_P(Backends, Accountability, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::accountability
