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
#include "../../../../tests/support/test_users.h"
#include "app/import.h"
#include "app/maintenance.h"
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

using testing::user;  // tests/support/test_users.h

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

// A delivery reads the one event it names, wherever it is: in the import's
// window, or already written by this import and gone from the window (a
// window of one case here), or stored by an earlier import (the seed).
TEST_P(Accountability, ADeliveryFindsItsDecisionInTheWindowInTheTransactionAndInTheStore) {
  std::istringstream in(R"({"kind":"event","case":"HN-2","seq":1,"type":"case_opened","date":"2025-03-03","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"2","court":"T","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Trần D","kind":"person"},"creditor":{"name":"E","kind":"person"},"obligations":[{"category":"other_money","amount":1000000}]}
{"kind":"event","case":"HN-3","seq":1,"type":"case_opened","date":"2025-03-04","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"3","court":"T","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Lê G","kind":"person"},"creditor":{"name":"H","kind":"person"},"obligations":[{"category":"other_money","amount":2000000}]}
{"kind":"delivery","case":"HN-2","decision":1,"date":"2025-03-05"}
{"kind":"delivery","case":"HN-3","decision":1,"date":"2025-03-05"}
{"kind":"delivery","case":"HN-1","decision":2,"date":"2025-02-21"}
{"kind":"delivery","case":"HN-2","decision":2,"date":"2025-03-06"})");
  ImportOptions o;
  o.now_unix = now;
  o.window = 1;
  auto r = import_jsonl(*store, in, o);
  // Lines 3 and 4 are accepted (HN-2 read back from the transaction, HN-3
  // from the window); line 5 names HN-1's stored verification; HN-2 has no
  // event #2.
  ASSERT_EQ(r.refusals.size(), 2u) << r.refusals.front().line << ": " << r.refusals.front().refusal.message;
  EXPECT_EQ(r.refusals[0].line, 5);
  EXPECT_NE(r.refusals[0].refusal.message.find("is not a decision"), std::string::npos);
  EXPECT_EQ(r.refusals[1].line, 6);
  EXPECT_NE(r.refusals[1].refusal.message.find("has no event #2"), std::string::npos);
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":2,"date":"2025-02-21"})"), "bad_field");
}

TEST_P(Accountability, ImportRefusesWhatTheFormatRefuses) {
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":2,"date":"2025-02-20"})"), "bad_field");  // a verification
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-9","decision":1,"date":"2025-02-20"})"), "unknown_case");
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":1,"date":"2025-01-09"})"), "seq_conflict");
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":1,"date":"2025-01-08"})"), "");  // the same: duplicate
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":9,"date":"2025-02-20"})"), "bad_field");  // no event #9
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":3,"date":"2025-02-11","seq":2})"),
            "bad_field");  // sent before the decision's date (checked before whether it was sent already)
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
  const nlohmann::json second{{"decision", 2}, {"date", "2025-02-20"}};
  EXPECT_EQ(code(record_delivery_act(*store, vks, "HN-1", second, now)), "forbidden");
  EXPECT_EQ(code(record_delivery_act(*store, clerk, "HN-1", second, now)), "bad_field");
}

// Corrections (oversight.md "Corrections", docs/formats/accountability.md):
// a voided act never counts; the targets a `voided` may not take.
TEST_P(Accountability, VoidedCorrectsAnActThatThenNeverCounts) {
  const std::string kt = R"({"kind":"inspection","id":"KT-9","seq":1,"type":"opened","date":"2025-03-03","agency":"HN-KV1","by":"HN","mode":"planned"}
{"kind":"inspection","id":"KT-9","seq":2,"type":"finding","date":"2025-03-04","rule":"Điều 44","text":"Chậm xác minh"}
{"kind":"inspection","id":"KT-9","seq":3,"type":"remedy_ordered","date":"2025-03-05","finding":2,"due":"2025-04-01","text":"Xác minh lại"}
)";
  ASSERT_EQ(import(kt), "");
  auto line = [](int seq, const std::string& rest) {
    return R"({"kind":"inspection","id":"KT-9","seq":)" + std::to_string(seq) + R"(,"date":"2025-03-06",)" + rest + "}";
  };
  EXPECT_EQ(import(line(4, R"("type":"voided","voids":2,"reason":"ghi nhầm")")), "bad_transition");  // its remedy needs it
  EXPECT_EQ(import(line(4, R"("type":"voided","voids":1,"reason":"ghi nhầm")")), "void_target");   // others count
  EXPECT_EQ(import(line(4, R"("type":"voided","voids":7,"reason":"ghi nhầm")")), "void_target");   // no such act
  EXPECT_EQ(import(line(4, R"("type":"voided","voids":3)")), "bad_field");                         // no reason
  ASSERT_EQ(import(line(4, R"("type":"voided","voids":3,"reason":"ghi nhầm")")), "");
  EXPECT_EQ(import(line(5, R"("type":"voided","voids":3,"reason":"lần nữa")")), "void_target");    // already voided
  EXPECT_EQ(import(line(5, R"("type":"voided","voids":4,"reason":"x")")), "void_target");          // a correction
  const User head_hn = user("headhn", Role::head, "HN");
  auto v = read_record(*store, head_hn, "KT-9", *Date::parse("2025-04-10"));
  ASSERT_EQ(v.index(), 0u);
  EXPECT_TRUE(std::get<View>(v).deadlines.empty());  // the remedy voided is no longer due
  EXPECT_EQ(std::get<View>(v).row.remedies, 0);
  // The finding may now go too, through the use case; then the opening, which withdraws the record.
  auto code = [](const auto& r) { return r.index() == 1 ? std::get<1>(r).code : std::string(); };
  ASSERT_EQ(code(record_act(*store, head_hn, "KT-9", {{"type", "voided"}, {"date", "2025-03-07"}, {"voids", 2}, {"reason", "trùng"}}, 4, now)), "");
  ASSERT_EQ(code(record_act(*store, head_hn, "KT-9", {{"type", "voided"}, {"date", "2025-03-07"}, {"voids", 1}, {"reason", "mở nhầm"}}, 5, now)), "");
  EXPECT_EQ(code(record_act(*store, head_hn, "KT-9", {{"type", "finding"}, {"date", "2025-03-08"}, {"rule", "x"}, {"text", "y"}}, 6, now)), "case_ended");
  auto listed = list_records(*store, head_hn, "inspection", "withdrawn", "", 10, 0);
  ASSERT_EQ(listed.index(), 0u);
  ASSERT_EQ(std::get<ListResult>(listed).rows.size(), 1u);
  EXPECT_EQ(std::get<ListResult>(listed).rows[0].id, "KT-9");
  // An ending act is not voided; a voided is allowed after it.
  ASSERT_EQ(import(R"({"kind":"violation","id":"VP-9","seq":1,"type":"recorded","date":"2025-03-20","agency":"HN-KV1","officer":"HN-CHV-1","rule":"Điều 44","text":"x"}
{"kind":"violation","id":"VP-9","seq":2,"type":"measure","date":"2025-03-25","measure":"warning"}
{"kind":"violation","id":"VP-9","seq":3,"type":"closed","date":"2025-03-26"})"),
            "");
  EXPECT_EQ(import(R"({"kind":"violation","id":"VP-9","seq":4,"type":"voided","date":"2025-03-27","voids":3,"reason":"x"})"), "void_target");
  ASSERT_EQ(import(R"({"kind":"violation","id":"VP-9","seq":4,"type":"voided","date":"2025-03-27","voids":2,"reason":"sai biện pháp"})"), "");
  auto vp = read_record(*store, head_hn, "VP-9", *Date::parse("2025-04-10"));
  ASSERT_EQ(vp.index(), 0u);
  EXPECT_EQ(std::get<View>(vp).row.measure, "");
  EXPECT_EQ(std::get<View>(vp).row.state, "ended");
  // What the use cases recorded exports as records of the format, which an empty store takes whole.
  std::ostringstream out;
  export_jsonl(*store, out);
  EXPECT_NE(out.str().find(R"("type":"voided")"), std::string::npos);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  std::istringstream in(out.str());
  ImportOptions o;
  o.now_unix = now;
  ASSERT_TRUE(import_jsonl(*copy, in, o).ok());
  auto again = list_records(*copy, head_hn, "inspection", "withdrawn", "", 10, 0);
  ASSERT_EQ(again.index(), 0u);
  ASSERT_EQ(std::get<ListResult>(again).rows.size(), 1u);
  auto vp2 = read_record(*copy, head_hn, "VP-9", *Date::parse("2025-04-10"));
  ASSERT_EQ(vp2.index(), 0u);
  EXPECT_EQ(std::get<View>(vp2).row.measure, "");
}

// A delivery to the procuracy is corrected by `voided` (docs/formats/
// accountability.md "delivery"): the sending no longer counts (the review
// shows the decision unsent), a new sending may follow; refusals as the
// format says; export and re-import keep the whole history.
TEST_P(Accountability, AVoidedDeliveryNoLongerCountsAndMayBeSentAgain) {
  auto line = [](int seq, const std::string& rest) {
    return R"({"kind":"delivery","case":"HN-1","decision":3,"seq":)" + std::to_string(seq) + "," + rest + "}";
  };
  EXPECT_EQ(import(line(2, R"("type":"voided","date":"2025-02-21")")), "bad_field");                           // no reason
  EXPECT_EQ(import(line(3, R"("type":"voided","date":"2025-02-21","reason":"x")")), "seq_gap");
  EXPECT_EQ(import(line(2, R"("type":"voided","date":"2025-02-19","reason":"x")")), "bad_transition");         // before the sending
  EXPECT_EQ(import(line(2, R"("date":"2025-02-21")")), "seq_conflict");                                         // already sent
  EXPECT_EQ(import(line(2, R"("type":"recalled","date":"2025-02-21")")), "unknown_type");
  EXPECT_EQ(import(R"({"kind":"delivery","case":"HN-1","decision":1,"seq":1,"type":"voided","date":"2025-02-21","reason":"x"})"),
            "seq_conflict");  // seq 1 is the stored sending
  const std::string voided = line(2, R"("type":"voided","date":"2025-02-21","reason":"Ghi nhầm ngày gửi")");
  ASSERT_EQ(import(voided), "");
  EXPECT_EQ(import(voided), "");  // the same again: a duplicate
  EXPECT_EQ(import(line(3, R"("type":"voided","date":"2025-02-22","reason":"x")")), "void_target");  // already voided
  const User vks = user("vks", Role::procuracy, "HN"), clerk = user("clerk1", Role::clerk, "HN-KV1");
  auto decision3 = [&](Store& s) {
    auto rv = procuracy_review(s, vks, "HN-KV1", *Date::parse("2025-01-01"), *Date::parse("2025-06-30"), *Date::parse("2025-04-01"));
    EXPECT_EQ(rv.index(), 0u);
    for (const ReviewDecision& d : std::get<Review>(rv).cases.at(0).decisions)
      if (d.seq == 3) return d;
    return ReviewDecision{};
  };
  EXPECT_EQ(decision3(*store).status, "overdue");  // the voided sending does not count
  // The clerk sends it again through the use case, then cannot send it twice.
  auto code = [](const auto& r) { return r.index() == 1 ? std::get<1>(r).code : std::string(); };
  const nlohmann::json again{{"decision", 3}, {"date", "2025-02-24"}, {"how", "post"}};
  ASSERT_EQ(code(record_delivery_act(*store, clerk, "HN-1", again, now)), "");
  EXPECT_EQ(code(record_delivery_act(*store, clerk, "HN-1", again, now)), "seq_conflict");
  EXPECT_EQ(code(record_delivery_act(*store, user("o", Role::officer, "HN-KV1", "HN-CHV-1"), "HN-1",
                                     {{"decision", 3}, {"type", "voided"}, {"date", "2025-02-25"}, {"reason", "x"}}, now)),
            "forbidden");
  EXPECT_EQ(decision3(*store).status, "late");  // 24/02 is past 3 working days after 12/02
  auto rows = read_deliveries(*store, clerk, "HN-1");
  ASSERT_EQ(rows.index(), 0u);
  ASSERT_EQ(std::get<0>(rows).size(), 2u);
  EXPECT_EQ(std::get<0>(rows)[1].how, "post");
  EXPECT_EQ(std::get<0>(rows)[1].seq, 3);
  // Export, import into an empty store, and rebuild: the same state.
  std::ostringstream out;
  export_jsonl(*store, out);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  std::istringstream in(out.str());
  ImportOptions o;
  o.now_unix = now;
  ASSERT_TRUE(import_jsonl(*copy, in, o).ok());
  EXPECT_EQ(decision3(*copy).status, "late");
  rebuild(*copy);
  EXPECT_EQ(decision3(*copy).status, "late");
  std::istringstream in2(out.str());
  auto re = import_jsonl(*copy, in2, o);  // idempotent
  ASSERT_TRUE(re.ok());
}

// A case classified without conditions in the period and resumed since
// stays in the review (NĐ 62/2015 Art. 9(4): the resumption does not undo the
// classification the procuracy supervises); one classified before the period
// and resumed in it does not enter it.
TEST_P(Accountability, TheReviewKeepsCasesResumedAfterTheirClassification) {
  const std::string open2 = R"({"kind":"event","case":"HN-2","seq":1,"type":"case_opened","date":"2024-03-04","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"2","court":"T","date":"2024-01-01","effective_date":"2024-02-01"},"debtor":{"name":"Trần D","kind":"person"},"creditor":{"name":"C","kind":"person"},"obligations":[{"category":"other_money","amount":7000000}]})";
  const std::string open3 = R"({"kind":"event","case":"HN-3","seq":1,"type":"case_opened","date":"2024-03-04","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"3","court":"T","date":"2024-01-01","effective_date":"2024-02-01"},"debtor":{"name":"Lê E","kind":"person"},"creditor":{"name":"C","kind":"person"},"obligations":[{"category":"other_money","amount":9000000}]})";
  ASSERT_EQ(import(open2 + "\n" +
                   R"({"kind":"event","case":"HN-2","seq":2,"type":"verified","date":"2025-03-03","result":"unable"}
{"kind":"event","case":"HN-2","seq":3,"type":"unable_decided","date":"2025-03-05","reason":"address_unknown"}
{"kind":"event","case":"HN-2","seq":4,"type":"resumed","date":"2025-04-02"}
)" + open3 + "\n" +
                   R"({"kind":"event","case":"HN-3","seq":2,"type":"verified","date":"2024-05-03","result":"unable"}
{"kind":"event","case":"HN-3","seq":3,"type":"unable_decided","date":"2024-05-06","reason":"no_income_or_assets"}
{"kind":"event","case":"HN-3","seq":4,"type":"resumed","date":"2025-03-10"}
)"),
            "");
  const User vks = user("vks", Role::procuracy, "HN");
  auto rv = procuracy_review(*store, vks, "HN-KV1", *Date::parse("2025-01-01"), *Date::parse("2025-06-30"),
                             *Date::parse("2025-04-03"));
  ASSERT_EQ(rv.index(), 0u);
  const Review& review = std::get<Review>(rv);
  ASSERT_EQ(review.cases.size(), 2u);
  EXPECT_EQ(review.cases[0].case_id, "HN-1");
  EXPECT_FALSE(review.cases[0].resumed);
  EXPECT_EQ(review.cases[1].case_id, "HN-2");
  EXPECT_EQ(review.cases[1].unable_date.iso(), "2025-03-05");
  EXPECT_EQ(review.cases[1].reason, "address_unknown");
  ASSERT_TRUE(review.cases[1].resumed);
  EXPECT_EQ(review.cases[1].resumed->iso(), "2025-04-02");
  EXPECT_EQ(review.cases[1].verifications.size(), 1u);
  // Its two decisions in the period (unable_decided, resumed), never sent: one overdue, one pending.
  ASSERT_EQ(review.cases[1].decisions.size(), 2u);
  EXPECT_EQ(review.cases[1].decisions[0].status, "overdue");
  EXPECT_EQ(review.cases[1].decisions[1].status, "pending");
  // A period that ends before HN-2's classification does not list it.
  auto early = procuracy_review(*store, vks, "HN-KV1", *Date::parse("2025-01-01"), *Date::parse("2025-03-04"),
                                *Date::parse("2025-04-10"));
  ASSERT_EQ(early.index(), 0u);
  ASSERT_EQ(std::get<Review>(early).cases.size(), 1u);
  EXPECT_EQ(std::get<Review>(early).cases[0].case_id, "HN-1");
}

INSTANTIATE_TEST_SUITE_P(Backends, Accountability, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::accountability
