// The accountability module over HTTP (issue 15): the work queue's items of
// inspections lead to the inspection's own page; the procuracy's review of
// the cases classified without conditions, on its page and in the API, with
// the way to its protest from each case; the JSON API of the records, with
// its stable codes and the rights checked in the use cases; corrections.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"

namespace thads::testing {
namespace {

const char* kInspection =
    R"J({"kind":"inspection","id":"HN-KT-2025-0001","seq":1,"type":"opened","date":"2025-03-03","agency":"HN-KV1","by":"HN","mode":"planned","subject":"Kiểm tra công tác THADS"}
{"kind":"inspection","id":"HN-KT-2025-0001","seq":2,"type":"finding","date":"2025-03-05","rule":"Luật THADS Điều 44(1)","text":"Chậm xác minh","case":"HN-1","officer":"HN-CHV-1"}
{"kind":"inspection","id":"HN-KT-2025-0001","seq":3,"type":"remedy_ordered","date":"2025-03-10","finding":2,"due":"2025-04-10","text":"Xác minh lại"}
)J";

TEST(HttpAccountability, QueueItemsOfAnInspectionLinkToItsPage) {
  TestServer server(web_seed() + kInspection);
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto queue = head.get("/queue?today=2025-04-15");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_NE(queue.body.find("href=\"/accountability/HN-KT-2025-0001\""), std::string::npos) << queue.body;
  EXPECT_EQ(queue.body.find("href=\"/oversight/HN-KT-2025-0001\""), std::string::npos);
  auto page = head.get("/accountability/HN-KT-2025-0001");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Xác minh lại"), std::string::npos);
  // The dashboard's inspections block counts it overdue, links to it and to the review.
  auto dash = head.get("/dashboard?today=2025-04-15");
  ASSERT_EQ(dash.status, 200);
  const size_t at = dash.body.find("id=\"inspections\"");
  ASSERT_NE(at, std::string::npos);
  const std::string block = dash.body.substr(at, dash.body.find("</section>", at) - at);
  EXPECT_NE(block.find("data-key=\"remedies_overdue\"><th>Yêu cầu khắc phục sau kiểm tra đã quá hạn</th><td class=\"num\"><a href=\"/accountability?kind=inspection&amp;agency=HN-KV1\">1</a>"),
            std::string::npos)
      << block;
  EXPECT_NE(block.find("href=\"/accountability/HN-KT-2025-0001\""), std::string::npos);
  EXPECT_NE(block.find("href=\"/accountability/review?agency=HN-KV1\""), std::string::npos);

  // The inspections report on screen, each figure linking to its records, and as xlsx.
  const std::string period = "from=2024-10-01&to=2025-09-30&agency=HN-KV1";
  auto report = head.get("/reports/inspections?" + period);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_NE(report.body.find("<tr data-key=\"inspections\"><td>Số cuộc kiểm tra</td><td class=\"num\"><a href=\"/accountability?kind=inspection&amp;agency=HN-KV1\">1</a>"),
            std::string::npos)
      << report.body;
  EXPECT_NE(report.body.find("<tr data-key=\"violations\"><td>Số công chức vi phạm</td><td class=\"num\"><a href=\"/accountability?kind=violation&amp;agency=HN-KV1\">0</a>"),
            std::string::npos);
  auto xlsx = head.get("/reports/inspections?" + period + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(head.get("/api/v1/reports/inspections?" + period).json()["columns"]["remedies_overdue"], 1);
  Client vks = server.client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  auto seen = vks.get("/reports/inspections?" + period);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("kind=violation"), std::string::npos);  // the procuracy reads no violation record
  EXPECT_EQ(head.get("/reports/inspections?from=2024-10-01&to=2025-09-30&agency=HCM").status, 403);
}

TEST(HttpAccountability, TheProcuracyReviewsCasesWithoutConditionsAndProtestsFromThere) {
  // HN-3 (HN-KV2) classified on 01/03/2025 without a verification record, resumed on 01/04.
  TestServer server(web_seed() +
                    R"({"kind":"event","case":"HN-3","seq":3,"type":"resumed","date":"2025-04-01"}
)");
  Client vks = server.client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  const std::string period = "from=2024-10-01&to=2025-09-30&today=2025-04-15";
  auto api = vks.get("/api/v1/accountability/review?" + period);
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = api.json();
  EXPECT_EQ(j["agency"], "HN");
  ASSERT_EQ(j["cases"].size(), 1u) << api.body;
  EXPECT_EQ(j["cases"][0]["case"], "HN-3");
  EXPECT_EQ(j["cases"][0]["unable_date"], "2025-03-01");
  EXPECT_EQ(j["cases"][0]["resumed"], "2025-04-01");
  EXPECT_EQ(j["cases"][0]["verifications"].size(), 0u);
  EXPECT_EQ(j["sent"]["not_sent"], 3);  // opened, classified, resumed: none sent (Art. 38)
  EXPECT_EQ(vks.get("/api/v1/accountability/review?" + period + "&agency=HCM").status, 404);
  auto bad = vks.get("/api/v1/accountability/review?from=2025-05-01&to=2025-04-01");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["code"], "bad_field");

  auto page = vks.get("/accountability/review?" + period);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Chưa có biên bản xác minh"), std::string::npos);
  EXPECT_NE(page.body.find("01/04/2025"), std::string::npos);
  const std::string protest = "/oversight/new?kind=procuracy&case=HN-3&agency=HN-KV2&type=protest";
  EXPECT_NE(page.body.find("href=\"/oversight/new?kind=procuracy&amp;case=HN-3&amp;agency=HN-KV2&amp;type=protest\""),
            std::string::npos)
      << page.body;
  auto form = vks.get(protest);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("value=\"HN-3\""), std::string::npos);

  // A clerk does not review; a head of the agency does, without the procuracy's links.
  Client clerk = server.client();
  ASSERT_EQ(clerk.login("clerk1"), 200);
  EXPECT_EQ(clerk.get("/api/v1/accountability/review?" + period).status, 403);
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto own = head.get("/accountability/review?" + period);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body.find("HN-3"), std::string::npos);  // HN-KV2 is not head1's
  EXPECT_EQ(own.body.find("rv-protest"), std::string::npos);
}

TEST(HttpAccountability, TheApiOpensRecordsCorrectsThemAndSendsDecisions) {
  TestServer server(web_seed());
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto opened = head.post_json("/api/v1/accountability", {{"kind", "inspection"}, {"type", "opened"}, {"date", "2025-03-03"},
                                                          {"agency", "HN-KV1"}, {"by", "HN-KV1"}, {"mode", "planned"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = opened.json()["id"];
  const std::string acts = "/api/v1/accountability/" + id + "/acts";
  auto finding = head.post_json(acts, {{"type", "finding"}, {"date", "2025-03-04"}, {"rule", "Điều 44"}, {"text", "Chậm xác minh"},
                                       {"case", "HN-1"}, {"expected_seq", 1}});
  ASSERT_EQ(finding.status, 201) << finding.body;
  auto stale = head.post_json(acts, {{"type", "concluded"}, {"date", "2025-03-05"}, {"expected_seq", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["code"], "version_conflict");
  auto unknown = head.post_json(acts, {{"type", "finding"}, {"date", "2025-03-05"}, {"rule", "x"}, {"text", "y"},
                                       {"case", "HN-404"}, {"expected_seq", 2}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["error"]["code"], "unknown_case");
  EXPECT_EQ(head.post_json("/api/v1/accountability", {{"kind", "audit"}}).json()["error"]["code"], "unknown_kind");
  auto voided = head.post_json(acts, {{"type", "voided"}, {"date", "2025-03-05"}, {"voids", 2}, {"reason", "ghi nhầm"},
                                      {"expected_seq", 2}});
  ASSERT_EQ(voided.status, 201) << voided.body;
  auto read = head.get("/api/v1/accountability/" + id + "?today=2025-03-10");
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["summary"]["findings"], 0);
  EXPECT_EQ(read.json()["acts"].size(), 3u);
  EXPECT_EQ(read.json()["acts"][2]["actor"], "head1");
  auto list = head.get("/api/v1/accountability?kind=inspection");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["total"], 1);
  EXPECT_EQ(head.get("/api/v1/accountability/NOPE").json()["error"]["code"], "not_found");

  // The procuracy reads inspections but records none, and reads no violation.
  Client vks = server.client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  EXPECT_EQ(vks.get("/api/v1/accountability/" + id).status, 200);
  auto refused = vks.post_json(acts, {{"type", "concluded"}, {"date", "2025-03-06"}, {"expected_seq", 3}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");
  EXPECT_EQ(vks.get("/api/v1/accountability?kind=violation").status, 403);
  Client officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  EXPECT_EQ(officer.get("/api/v1/accountability/" + id).status, 403);

  // A decision of HN-1 (the decision to enforce, #1) sent to the procuracy; #2 is not a decision.
  Client clerk = server.client();
  ASSERT_EQ(clerk.login("clerk1"), 200);
  auto sent = clerk.post_json("/api/v1/accountability/deliveries", {{"case", "HN-1"}, {"decision", 1}, {"date", "2024-11-07"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto again = clerk.post_json("/api/v1/accountability/deliveries", {{"case", "HN-1"}, {"decision", 1}, {"date", "2024-11-08"}});
  EXPECT_EQ(again.json()["error"]["code"], "seq_conflict");
  EXPECT_EQ(clerk.post_json("/api/v1/accountability/deliveries", {{"case", "HN-1"}, {"decision", 2}, {"date", "2024-11-08"}})
                .json()["error"]["code"],
            "bad_field");
  EXPECT_EQ(clerk.post_json("/api/v1/accountability/deliveries", {{"case", "HCM-1"}, {"decision", 1}, {"date", "2025-01-12"}})
                .status,
            404);
  auto seen = vks.get("/api/v1/accountability/deliveries?case=HN-1");
  ASSERT_EQ(seen.status, 200) << seen.body;
  ASSERT_EQ(seen.json()["items"].size(), 1u);
  EXPECT_EQ(seen.json()["items"][0]["date"], "2024-11-07");
  EXPECT_EQ(officer.get("/api/v1/accountability/deliveries?case=HN-1").status, 403);

  // The page offers the correction of what counts, and marks what was voided.
  auto page = head.get("/accountability/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"form-voided\""), std::string::npos);
  EXPECT_NE(page.body.find("(đã hủy bỏ)"), std::string::npos);
}

// The case page's section of decisions sent to the procuracy (Art. 38): the
// clerk records a sending (day, how), a second sending is refused with the
// form kept and a Vietnamese reason, the sending is voided with a reason;
// the procuracy reads the section without forms, an officer does not see it.
TEST(HttpAccountability, TheClerkRecordsAndVoidsADeliveryOnTheCasePage) {
  TestServer server;
  Client clerk = server.client();
  ASSERT_EQ(clerk.login("clerk1"), 200);
  auto section = [&](Client& c) {
    auto page = c.get("/cases/HN-1");
    EXPECT_EQ(page.status, 200);
    const size_t at = page.body.find("<section id=\"deliveries\"");
    return at == std::string::npos ? std::string() : page.body.substr(at, page.body.find("</section>", at) - at);
  };
  std::string s = section(clerk);
  ASSERT_NE(s.find("<tr data-decision=\"1\" data-status=\"overdue\""), std::string::npos) << s;
  EXPECT_NE(s.find("Hạn gửi"), std::string::npos);
  EXPECT_NE(s.find("<td>08/11/2024</td>"), std::string::npos);  // 05/11/2024 + 3 working days
  EXPECT_NE(s.find("Ghi nhận đã gửi"), std::string::npos);
  auto r = clerk.post_form("/cases/HN-1/deliveries", {{"type", "sent"}, {"decision", "1"}, {"date", "07/11/2024"}, {"how", "post"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/cases/HN-1?ok=recorded#deliveries");
  s = section(clerk);
  EXPECT_NE(s.find("<tr data-decision=\"1\" data-status=\"on_time\""), std::string::npos) << s;
  EXPECT_NE(s.find("07/11/2024 — Bưu chính"), std::string::npos) << s;
  EXPECT_NE(s.find("Hủy lần gửi này"), std::string::npos);
  // Sent twice: refused, the form keeps what was typed.
  r = clerk.post_form("/cases/HN-1/deliveries", {{"type", "sent"}, {"decision", "1"}, {"date", "08/11/2024"}, {"how", "hand"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("data-code=\"seq_conflict\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("đã được ghi nhận là đã gửi Viện kiểm sát"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"08/11/2024\""), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"hand\" selected>"), std::string::npos);
  // Voided without a reason, then with one: the decision is unsent again.
  r = clerk.post_form("/cases/HN-1/deliveries", {{"type", "voided"}, {"decision", "1"}, {"date", "09/11/2024"}, {"reason", ""}});
  ASSERT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Lý do hủy: chưa nhập"), std::string::npos) << r.body;
  r = clerk.post_form("/cases/HN-1/deliveries", {{"type", "voided"}, {"decision", "1"}, {"date", "09/11/2024"}, {"reason", "Ghi nhầm ngày gửi"}});
  ASSERT_EQ(r.status, 303) << r.body;
  s = section(clerk);
  EXPECT_NE(s.find("<tr data-decision=\"1\" data-status=\"overdue\""), std::string::npos) << s;
  EXPECT_EQ(clerk.get("/api/v1/accountability/deliveries?case=HN-1").json()["items"].size(), 0u);
  // A date before the decision: refused in Vietnamese.
  r = clerk.post_form("/cases/HN-1/deliveries", {{"type", "sent"}, {"decision", "1"}, {"date", "01/11/2024"}});
  EXPECT_NE(r.body.find("Ngày gửi không được trước ngày ra quyết định"), std::string::npos) << r.body;
  // The procuracy reads it without forms; an officer does not see it and cannot record.
  Client vks = server.client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  s = section(vks);
  EXPECT_NE(s.find("data-decision=\"1\""), std::string::npos);
  EXPECT_EQ(s.find("<form"), std::string::npos);
  Client officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  EXPECT_EQ(section(officer), "");
  EXPECT_EQ(officer.post_form("/cases/HN-1/deliveries", {{"type", "sent"}, {"decision", "1"}, {"date", "07/11/2024"}}).status, 403);
}

}  // namespace
}  // namespace thads::testing
