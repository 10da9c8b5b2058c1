// Reversal of a money entry through the API and the pages
// (docs/formats/reversal.md): the officer mistypes a collection and records
// its reversal; neither the officer nor a clerk may approve it; the head
// approves it on the case page; the ledger, the timeline and the API show it.
#include "http_test_support.h"

namespace thads::testing {
namespace {

int version_of(Client& c, const std::string& id) { return c.get("/api/v1/cases/" + id).json()["version"]; }

HttpResponse record(Client& c, const std::string& id, const nlohmann::json& event) {
  return c.post_json("/api/v1/cases/" + id + "/events", {{"expected_version", version_of(c, id)}, {"event", event}});
}

TEST(HttpReversal, OfficerRecordsHeadApprovesLedgerAndTimelineShowIt) {
  TestServer server;
  Client officer = server.client(), clerk = server.client(), head = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(clerk.login("clerk1"), 200);
  ASSERT_EQ(head.login("head1"), 200);

  // "1.500.000" typed as 15.000.000 (seq 4).
  auto typo = record(officer, "HN-1", {{"type", "collected"}, {"date", "2025-01-15"}, {"amount", 15000000}, {"method", "voluntary"}});
  ASSERT_EQ(typo.status, 201) << typo.body;
  // Not a money entry: refused with a stable code.
  auto wrong = record(officer, "HN-1", {{"type", "reversed"}, {"date", "2025-01-16"}, {"reverses", 3}, {"reason", "x"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["error"]["code"], "void_target");

  // The officer records the reversal through the page form (seq 5).
  auto rec = officer.post_form("/cases/HN-1/events", {{"type", "reversed"}, {"date", "16/01/2025"}, {"reverses", "4"},
                                                       {"reason", "Nhập nhầm: 15.000.000 thay vì 1.500.000"},
                                                       {"expected_version", "4"}});
  ASSERT_EQ(rec.status, 303) << rec.body;
  auto pending = officer.get("/api/v1/cases/HN-1").json();
  EXPECT_EQ(pending["collected"], 15000000);  // counts until approved
  ASSERT_EQ(pending["ledger"]["reversals"].size(), 1u);
  EXPECT_EQ(pending["ledger"]["reversals"][0]["approved"], false);
  EXPECT_EQ(pending["ledger"]["reversals"][0]["recorded_by"], "officer1");

  // Only the head approves: the officer and the clerk are refused, and are not offered the form.
  const nlohmann::json approval{{"type", "reversal_approved"}, {"date", "2025-01-17"}, {"approves", 5}};
  EXPECT_EQ(record(officer, "HN-1", approval).status, 403);
  EXPECT_EQ(record(clerk, "HN-1", approval).status, 403);
  EXPECT_EQ(officer.get("/cases/HN-1").body.find("id=\"form-reversal_approved\""), std::string::npos);
  const auto head_page = head.get("/cases/HN-1");
  EXPECT_NE(head_page.body.find("id=\"form-reversal_approved\""), std::string::npos);
  EXPECT_NE(head_page.body.find("Chờ thủ trưởng duyệt"), std::string::npos);
  // While it waits, the case cannot end.
  EXPECT_EQ(officer.get("/cases/HN-1").body.find("id=\"form-terminated\""), std::string::npos);

  auto ok = head.post_form("/cases/HN-1/events", {{"type", "reversal_approved"}, {"date", "17/01/2025"}, {"approves", "5"},
                                                   {"expected_version", "5"}});
  ASSERT_EQ(ok.status, 303) << ok.body;

  auto j = officer.get("/api/v1/cases/HN-1").json();
  EXPECT_EQ(j["collected"], 0);
  EXPECT_EQ(j["remaining"], 50000000);
  EXPECT_EQ(j["ledger"]["collected"], 0);
  EXPECT_EQ(j["ledger"]["collections"][0]["reversed"], true);
  EXPECT_EQ(j["ledger"]["collections"][0]["fee"], 0);
  EXPECT_EQ(j["ledger"]["reversals"][0]["approved"], true);
  EXPECT_EQ(j["ledger"]["reversals"][0]["approved_by"], "head1");
  EXPECT_EQ(j["ledger"]["reversals"][0]["approved_on"], "2025-01-17");
  EXPECT_EQ(j["events"][3]["reversed"], true);
  EXPECT_EQ(j["events"][4]["type"], "reversed");
  EXPECT_EQ(j["events"][4]["actor"], "officer1");
  EXPECT_EQ(j["events"][5]["type"], "reversal_approved");
  EXPECT_EQ(j["events"][5]["actor"], "head1");

  const auto page = officer.get("/cases/HN-1");
  EXPECT_NE(page.body.find("id=\"reversals\""), std::string::npos);
  EXPECT_NE(page.body.find("Đã duyệt ngày 17/01/2025 bởi head1"), std::string::npos);
  EXPECT_NE(page.body.find("(đã ghi đảo)"), std::string::npos);
  EXPECT_NE(page.body.find("Nhập nhầm: 15.000.000 thay vì 1.500.000"), std::string::npos);

  // Reversed once is reversed for good; the right amount is collected afresh.
  auto again = record(officer, "HN-1", {{"type", "reversed"}, {"date", "2025-01-18"}, {"reverses", 4}, {"reason", "x"}});
  EXPECT_EQ(again.json()["error"]["code"], "void_target");
  EXPECT_EQ(record(officer, "HN-1", {{"type", "collected"}, {"date", "2025-01-18"}, {"amount", 1500000}, {"method", "voluntary"}}).status,
            201);
  EXPECT_EQ(officer.get("/api/v1/cases/HN-1").json()["remaining"], 48500000);
}

}  // namespace
}  // namespace thads::testing
