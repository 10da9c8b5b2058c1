// The steering forms and pages added for issue 17's remaining items, over
// HTTP (SQLite, the web harness): members, meetings and committees entered
// in the UI, the committee's acts on a key case, the periodic report's page
// and API, and the dashboard's steering block. A refused form comes back
// with the refusal in Vietnamese and what was typed.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy Hà Nội","type":"other","agency":"HN"}
{"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo công tác thi hành án","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Bố trí lực lượng bảo vệ cưỡng chế","bodies":["CA-HN"],"owner":"BNC-HN","deadline":"2025-01-31"}
{"kind":"committee","id":"BCD-HN","name":"Ban Chỉ đạo THADS thành phố Hà Nội","level":"province","agency":"HN","valid_from":"2016-07-05"}
)";
}

TEST(HttpSteeringForms, MembersAndMeetingsAreEnteredAndARefusalKeepsTheForm) {
  TestServer server(seed());
  Client steering = server.client();
  ASSERT_EQ(steering.login("steering1"), 200);
  const std::map<std::string, std::string> member{{"form", "member"},   {"committee", "BCD-HN"},
                                                  {"person", "Nguyễn Văn Hùng"}, {"body", "KHONG-CO"},
                                                  {"role", "deputy"},   {"from", "01/02/2025"},
                                                  {"back", "/steering/committees"}};
  auto refused = steering.post_form("/steering/records", member);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("id=\"steering-error\""), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Nguyễn Văn Hùng\""), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"deputy\" selected"), std::string::npos);
  auto fixed = member;
  fixed["body"] = "CA-HN";
  auto ok = steering.post_form("/steering/records", fixed);
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto meeting = steering.post_form("/steering/records", {{"form", "meeting"}, {"committee", "BCD-HN"},
                                                          {"id", "BCD-HN-PH1"}, {"date", "10/03/2025"},
                                                          {"agenda", "Kết quả 6 tháng\r\nVụ việc trọng điểm"},
                                                          {"conclusions", "Tập trung cưỡng chế"}});
  ASSERT_EQ(meeting.status, 303) << meeting.body;
  auto page = steering.get("/steering/committees");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nguyễn Văn Hùng"), std::string::npos);
  EXPECT_NE(page.body.find("Vụ việc trọng điểm; "), std::string::npos);
  // A district committee from 01/07/2026 is refused (NĐ 152/2026 Art. 103), the form kept.
  auto district = steering.post_form("/steering/records", {{"form", "committee"}, {"id", "BCD-Q1"},
                                                           {"name", "Ban Chỉ đạo quận 1"}, {"level", "district"},
                                                           {"agency", "HN-KV1"}, {"valid_from", "02/07/2026"}});
  EXPECT_EQ(district.status, 422) << district.body;
  EXPECT_NE(district.body.find("value=\"Ban Chỉ đạo quận 1\""), std::string::npos);
}

TEST(HttpSteeringForms, TheCommitteeActsOnAKeyCaseThroughThePage) {
  TestServer server(seed());
  Client head = server.client(), steering = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);
  const std::string today = vn_date_of(server.now()).iso();
  auto proposed = head.post_json("/api/v1/steering/records",
                                 {{"kind", "key_case"}, {"type", "proposed"}, {"date", today}, {"case", "HN-1"},
                                  {"agency", "HN-KV1"}, {"reasons", {"security_sensitive"}}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(json::parse(proposed.body)["key"], "TD-HN-1");
  auto accepted = steering.post_form("/steering/records", {{"form", "key_case_act"}, {"id", "TD-HN-1"},
                                                           {"type", "accepted"}, {"committee", "BCD-HN"},
                                                           {"back", "/steering/key-cases"}});
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  auto step = steering.post_form("/steering/records", {{"form", "key_case_act"}, {"id", "TD-HN-1"}, {"type", "step"},
                                                       {"step", "1"}, {"text", "Xác minh tài sản"}, {"owner", ""},
                                                       {"deadline", "31/12/2030"}});
  EXPECT_EQ(step.status, 422) << step.body;
  EXPECT_NE(step.body.find("value=\"Xác minh tài sản\""), std::string::npos);
  step = steering.post_form("/steering/records", {{"form", "key_case_act"}, {"id", "TD-HN-1"}, {"type", "step"},
                                                  {"step", "1"}, {"text", "Xác minh tài sản"}, {"owner", "CA-HN"},
                                                  {"deadline", "31/12/2030"}});
  ASSERT_EQ(step.status, 303) << step.body;
  auto list = json::parse(steering.get("/api/v1/steering/key-cases").body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["state"], "accepted");
  EXPECT_EQ(list["items"][0]["steps"].size(), 1u);
  // The dashboard's steering block: the overdue task and the followed case.
  auto dash = steering.get("/dashboard");
  ASSERT_EQ(dash.status, 200) << dash.body;
  EXPECT_NE(dash.body.find("id=\"steering-block\""), std::string::npos);
  EXPECT_NE(dash.body.find("Lượt nhiệm vụ theo chỉ thị quá hạn</th><td class=\"num\"><a href=\"/steering/matrix\">1<"),
            std::string::npos);
  EXPECT_NE(dash.body.find("Vụ việc trọng điểm Ban Chỉ đạo theo dõi</th><td class=\"num\"><a href=\"/steering/key-cases\">1<"),
            std::string::npos);
  Client officer = server.client();
  ASSERT_EQ(officer.login("supervisor1"), 200);
  EXPECT_EQ(officer.get("/dashboard").body.find("id=\"steering-block\""), std::string::npos);
}

TEST(HttpSteeringForms, ThePeriodicReportIsDraftedIssuedAndDownloaded) {
  TestServer server(seed());
  Client steering = server.client(), head = server.client();
  ASSERT_EQ(steering.login("steering1"), 200);
  ASSERT_EQ(head.login("head1"), 200);
  auto draft = steering.get("/steering/reports?agency=HN&period=2025-6M");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_NE(draft.body.find("id=\"report-draft\""), std::string::npos);
  EXPECT_NE(draft.body.find("id=\"report-issue-form\""), std::string::npos);
  // No number: refused in Vietnamese, the text kept.
  auto refused = steering.post_form("/steering/reports", {{"agency", "HN"}, {"period", "2025-6M"}, {"number", ""},
                                                          {"difficulties", "Thiếu biên chế"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("Thiếu biên chế</textarea>"), std::string::npos);
  auto issued = steering.post_form("/steering/reports", {{"agency", "HN"}, {"period", "2025-6M"},
                                                         {"number", "12/BC-BCĐ"}, {"difficulties", "Thiếu biên chế"}});
  ASSERT_EQ(issued.status, 303) << issued.body;
  EXPECT_EQ(issued.header("location"), "/steering/reports/BC-HN-2025-6M?version=1&ok=1");
  auto version = steering.get("/steering/reports/BC-HN-2025-6M?version=1");
  ASSERT_EQ(version.status, 200) << version.body;
  EXPECT_NE(version.body.find("12/BC-BCĐ"), std::string::npos);
  auto pdf = steering.get("/api/v1/steering/reports/BC-HN-2025-6M?version=1&format=pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto odt = steering.get("/steering/report-file?id=BC-HN-2025-6M&version=1&format=odt");
  ASSERT_EQ(odt.status, 200);
  EXPECT_EQ(odt.body.substr(0, 2), "PK");
  auto api = json::parse(steering.get("/api/v1/steering/report-draft?agency=HN&period=2025-6M").body);
  auto stats = json::parse(steering.get("/api/v1/reports/cases?agency=HN&from=2024-10-01&to=2025-03-31").body);
  EXPECT_EQ(api["figures"]["cases"], stats);
  EXPECT_EQ(api["figures"]["cases"]["columns"]["new"], 3);  // HN-1, HN-2 and HN-3 opened in the period
  // head1 (HN-KV1) does not read the province's report; a body's user no report at all.
  EXPECT_EQ(head.get("/steering/reports/BC-HN-2025-6M").status, 404);
  EXPECT_EQ(head.get("/api/v1/steering/report-draft?agency=HN&period=2025-6M").status, 404);
  {
    auto store = Store::open(server.db());
    ASSERT_TRUE(std::holds_alternative<User>(add_user(*store, NewUser{"ca.hn", "body", "HN", "CA-HN"}, kPassword, "test", server.now())));
  }
  Client police = server.client();
  ASSERT_EQ(police.login("ca.hn"), 200);
  EXPECT_EQ(police.get("/api/v1/steering/report-draft?agency=HN&period=2025-6M").status, 403);
  EXPECT_EQ(police.get("/api/v1/steering/reports/BC-HN-2025-6M").status, 403);
  EXPECT_EQ(police.get("/steering/reports").status, 403);
}

}  // namespace
}  // namespace thads::testing
