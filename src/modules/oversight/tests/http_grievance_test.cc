// Issue 15 over HTTP: the clerk registers a complaint on the form and its
// page tells at once the resolver (Art. 142) and the time limit (Art. 140);
// the API carries the same intake; the complaints report and form
// 04/TKLN-THADS answer in JSON, on screen with each figure linking to its
// files, and as xlsx; denunciations are listed only to those who read them.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"

namespace thads::testing {
namespace {

const char* kRecords =
    R"({"kind":"complaint","id":"KN-1","seq":1,"type":"lodged","date":"2025-04-02","agency":"HN-KV1","case":"HN-1","complainant":{"name":"Lê Thị Cúc"},"against":"officer","act":"coercion","act_known_date":"2025-03-20","level":1}
{"kind":"complaint","id":"KN-1","seq":2,"type":"admitted","date":"2025-04-03"}
{"kind":"complaint","id":"KN-1","seq":3,"type":"resolved","date":"2025-04-20","outcome":"partly_upheld"}
{"kind":"complaint","id":"KN-2","seq":1,"type":"lodged","date":"2025-05-02","agency":"HN-KV1","complainant":{"name":"Trần Văn Hải"},"against":"head","act":"before_measures","act_known_date":"2025-04-01","level":1}
{"kind":"denunciation","id":"TC-1","seq":1,"type":"lodged","date":"2025-05-05","agency":"HN-KV1","denouncer":{"name":"Người tố cáo X"},"against":"officer"}
{"kind":"procuracy","id":"VKS-1","seq":1,"type":"protest","date":"2025-04-01","agency":"HN-KV1","procuracy":"VKSND thành phố Hà Nội","number":"01/QĐ-VKS","level":"superior","act_known_date":"2025-03-20"}
{"kind":"procuracy","id":"VKS-1","seq":2,"type":"replied","date":"2025-04-10","accepted":true}
{"kind":"procuracy","id":"VKS-1","seq":3,"type":"remedied","date":"2025-04-14"}
{"kind":"procuracy","id":"VKS-2","seq":1,"type":"recommendation","date":"2025-05-01","agency":"HN-KV1","procuracy":"VKSND thành phố Hà Nội","number":"02/KN-VKS"}
)";

TEST(HttpGrievance, TheComplaintPageNamesTheResolverAndTheTimeLimit) {
  TestServer server(web_seed() + kRecords);
  Client clerk = server.client();
  ASSERT_EQ(clerk.login("clerk1"), 200);
  auto r = clerk.post_form("/oversight", {{"kind", "complaint"}, {"type", "lodged"}, {"date", "02/05/2025"},
                                          {"agency", "HN-KV1"}, {"case", "HN-1"}, {"complainant.name", "Lê Thị Cúc"},
                                          {"against", "officer"}, {"act", "account_freeze"},
                                          {"act_known_date", "21/04/2025"}, {"level", "2"}, {"first", "KN-1"},
                                          {"channel", "post"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string loc = r.header("location");
  auto page = clerk.get(loc);
  ASSERT_EQ(page.status, 200);
  // Level 2 against a regional officer: the provincial head (Art. 142(2)); 15 days from 21/04: within.
  EXPECT_NE(page.body.find("Thủ trưởng Thi hành án dân sự thành phố Hà Nội (HN)"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("data-within=\"yes\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/oversight/KN-1\""), std::string::npos);
  // The first complaint's page lists the second.
  const std::string id = loc.substr(std::string("/oversight/").size(), loc.find('?') - std::string("/oversight/").size());
  auto first = clerk.get("/oversight/KN-1");
  EXPECT_NE(first.body.find("href=\"/oversight/" + id + "\""), std::string::npos);
  // A complaint against the head, lodged after 15 days: out of time, resolved above.
  auto api = clerk.get("/api/v1/oversight/KN-2?today=2025-05-10");
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = api.json();
  EXPECT_EQ(j["intake"]["resolver"]["agency"], "HN");
  EXPECT_EQ(j["intake"]["lodge"]["within"], false);
  EXPECT_EQ(j["intake"]["lodge"]["due"], "2025-04-16");
}

// Issue 15 item 2: the decision sent, with to whom and how (TT 13/2021/TT-BTP
// Art. 14), from the complaint's form; the complaint's page and the API say
// who still lacks it, and the case page lists the case's complaints and
// procuracy acts (never its denunciations) with the same facts.
TEST(HttpGrievance, TheDecisionSentToWhomAndHowShowsOnTheComplaintAndTheCase) {
  TestServer server(web_seed() + kRecords +
                    R"({"kind":"denunciation","id":"TC-2","seq":1,"type":"lodged","date":"2025-05-06","agency":"HN-KV1","case":"HN-1","denouncer":{"name":"Người tố cáo Y"},"against":"officer"})"
                    "\n");
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto r = head.post_form("/oversight/KN-1/acts", {{"type", "decision_sent"}, {"date", "22/04/2025"},
                                                   {"sent_to_parties", "1"}, {"how", "post"}, {"expected_seq", "3"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = head.get("/oversight/KN-1");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-missing=\"superior procuracy\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("qua đường bưu chính"), std::string::npos);
  auto api = head.get("/api/v1/oversight/KN-1");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.json()["intake"]["decision_sending"]["missing"], nlohmann::json({"superior", "procuracy"}));
  EXPECT_EQ(api.json()["intake"]["decision_sending"]["how"], "post");

  auto kase = head.get("/cases/HN-1");
  ASSERT_EQ(kase.status, 200);
  const auto at = kase.body.find("id=\"grievances-of-case\"");
  ASSERT_NE(at, std::string::npos) << kase.body;
  const std::string section = kase.body.substr(at, kase.body.find("</section>", at) - at);
  EXPECT_NE(section.find("href=\"/oversight/KN-1\""), std::string::npos);
  EXPECT_NE(section.find("Chưa gửi cho:"), std::string::npos);
  EXPECT_EQ(section.find("TC-2"), std::string::npos) << "no denunciation on the case page";

  // The rest sent without naming recipients: the contract's act, all three.
  r = head.post_form("/oversight/KN-1/acts", {{"type", "decision_sent"}, {"date", "23/04/2025"}, {"expected_seq", "4"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(head.get("/api/v1/oversight/KN-1").json()["intake"]["decision_sending"]["missing"], nlohmann::json::array());
  kase = head.get("/cases/HN-1");
  EXPECT_EQ(kase.body.find("Chưa gửi cho:"), std::string::npos);
  // A recipient outside the list is refused in Vietnamese and nothing is written.
  r = head.post_form("/oversight/KN-1/acts", {{"type", "decision_sent"}, {"date", "24/04/2025"}, {"how", "pigeon"},
                                              {"expected_seq", "5"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(head.get("/api/v1/oversight/KN-1").json()["summary"]["version"], 5);
}

TEST(HttpGrievance, ReportsInJsonOnScreenAndXlsx) {
  TestServer server(web_seed() + kRecords);
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  const std::string period = "from=2024-10-01&to=2025-09-30&agency=HN-KV1";
  auto api = head.get("/api/v1/reports/complaints?" + period);
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = api.json();
  EXPECT_EQ(j["complaints"]["received"], 2);
  EXPECT_EQ(j["complaints"]["resolved_on_time"], 1);
  EXPECT_EQ(j["complaints"]["partly_upheld"], 1);
  EXPECT_EQ(j["complaints"]["awaiting_admission"], 1);
  EXPECT_EQ(j["denunciations"]["received"], 1);
  auto form = head.get("/api/v1/reports/procuracy-supervision?" + period);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.json()["protests"]["remedied"], 1);
  EXPECT_EQ(form.json()["recommendations"]["pending"], 1);
  EXPECT_EQ(form.json()["total"]["received"], 2);
  EXPECT_EQ(head.get("/api/v1/reports/complaints?from=2024-10-01&to=2025-09-30&agency=HCM").status, 403);

  auto page = head.get("/reports/complaints?" + period + "&kind=complaint&show=awaiting_admission");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("href=\"/oversight/KN-2\""), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"/oversight/KN-1\""), std::string::npos);
  EXPECT_NE(page.body.find("kind=denunciation&amp;show=received"), std::string::npos);
  auto xlsx = head.get("/reports/procuracy-supervision?" + period + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto sheet = head.get("/api/v1/reports/complaints?" + period + "&format=xlsx");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK");

  // The procuracy reads the figures, but no list of denunciations.
  Client vks = server.client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  auto seen = vks.get("/reports/complaints?" + period + "&kind=denunciation&show=received");
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("TC-1"), std::string::npos);
  EXPECT_EQ(seen.body.find("kind=denunciation"), std::string::npos);
  auto procuracy_list = vks.get("/reports/procuracy-supervision?" + period + "&kind=procuracy&show=pending");
  EXPECT_NE(procuracy_list.body.find("href=\"/oversight/VKS-2\""), std::string::npos);
}

// Issue 15 item 7: the head (the resolver) and the procuracy see the
// complaints and the procuracy's acts due and overdue with their files; the
// supervisor also by agency; the steering role the figures only; officers
// have no dashboard. KN-2 (lodged 02/05, not admitted: 5 wd, Art. 148) and
// VKS-2 (received 01/05, not answered: 15 days, Art. 161) are overdue on 01/06.
TEST(HttpGrievance, DashboardBlockShowsComplaintsAndProcuracyActsDue) {
  TestServer server(web_seed() + kRecords);
  auto block_of = [&](const char* login) {
    Client c = server.client();
    EXPECT_EQ(c.login(login), 200);
    auto page = c.get("/dashboard?today=2025-06-01");
    EXPECT_EQ(page.status, 200) << page.body;
    const size_t at = page.body.find("id=\"grievances\"");
    if (at == std::string::npos) return std::string();
    return page.body.substr(at, page.body.find("</section>", at) - at);
  };
  const std::string head = block_of("head1");
  ASSERT_FALSE(head.empty());
  EXPECT_NE(head.find("data-key=\"complaints_overdue\""), std::string::npos);
  EXPECT_NE(head.find("href=\"/oversight/KN-2\""), std::string::npos) << head;
  EXPECT_NE(head.find("href=\"/oversight/VKS-2\""), std::string::npos) << head;
  EXPECT_EQ(head.find("TC-1"), std::string::npos);  // denunciations are not counted here
  const std::string vks = block_of("procuracy1");
  EXPECT_NE(vks.find("href=\"/oversight/VKS-2\""), std::string::npos) << vks;
  const std::string supervisor = block_of("supervisor1");
  EXPECT_NE(supervisor.find("href=\"/oversight?kind=complaint&amp;state=open&amp;agency=HN-KV1\""), std::string::npos)
      << supervisor;
  const std::string steering = block_of("steering1");
  ASSERT_FALSE(steering.empty());
  EXPECT_EQ(steering.find("/oversight/"), std::string::npos) << steering;
  EXPECT_EQ(steering.find("href="), std::string::npos);
}

}  // namespace
}  // namespace thads::testing
