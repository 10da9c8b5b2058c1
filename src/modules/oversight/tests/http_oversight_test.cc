// The oversight pages and API over HTTP (SQLite, the web harness): a clerk
// registers a judgment, the head assigns it, the officer sends the notice,
// records the compel order and publishes; refusals come back in Vietnamese on
// the same form; the API answers as the case API does; the work queue lists
// the files' deadlines next to the cases'; every route keeps to the rights
// of oversight_access.h; and what the UI recorded is exactly the records of
// oversight.md (exported, imported into an empty store, exported again).
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "app/maintenance.h"
#include "domain/interchange.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"})" "\n";
}

std::string year_now() { return vn_date_of(std::time(nullptr)).iso().substr(0, 4); }

std::string exported(const std::string& db) {
  auto store = Store::open(db);
  std::ostringstream out;
  export_jsonl(*store, out);
  return out.str();
}

// The lines of an export of one kind, parsed.
std::vector<json> lines_of(const std::string& text, const std::string& kind) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line, nullptr, false);
    if (j.is_object() && j.value("kind", "") == kind) out.push_back(j);
  }
  return out;
}

std::map<std::string, std::string> received_form() {
  return {{"kind", "admin_judgment"},
          {"type", "received"},
          {"date", "07/04/2025"},
          {"agency", "HN-KV1"},
          {"judgment.number", "4/2025/HC-ST"},
          {"judgment.court", "Tòa án nhân dân thành phố Hà Nội"},
          {"judgment.date", "10/02/2025"},
          {"judgment.effective_date", "20/03/2025"},
          {"ruling", "annul_decision"},
          {"debtor.name", "Ủy ban nhân dân tỉnh X"},
          {"debtor.address", "Số 1 Lê Lai"},
          {"debtor.level", "province"},
          {"creditor.name", "Trần Thị Lan"},
          {"obligation", "Hủy Quyết định số 215/QĐ-UBND"}};
}

TEST(HttpOversight, AJudgmentFromTheRegisterToItsPublicationThroughThePages) {
  TestServer server(seed());
  const std::string id = "HN-KV1-HC-" + year_now() + "-0001";
  Client clerk = server.client(), head = server.client(), officer = server.client();
  ASSERT_EQ(clerk.login("clerk1"), 200);
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);

  // The clerk registers the judgment in the receipt register; the page
  // suggests the officer with the lightest monitoring load.
  auto form = clerk.get("/oversight/new?kind=admin_judgment");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("id=\"officer-suggestion\""), std::string::npos);
  EXPECT_NE(form.body.find("Nguyễn Văn An"), std::string::npos);
  auto opened = clerk.post_form("/oversight", received_form());
  ASSERT_EQ(opened.status, 303) << opened.body;
  EXPECT_EQ(opened.header("location"), "/oversight/" + id + "?ok=opened");
  // Nobody assigned, no notice: on the list of unmonitored files.
  auto unmonitored = head.get("/oversight/unmonitored");
  ASSERT_EQ(unmonitored.status, 200);
  EXPECT_NE(unmonitored.body.find("data-id=\"" + id + "\""), std::string::npos);
  EXPECT_NE(unmonitored.body.find("Chưa phân công chấp hành viên"), std::string::npos);

  // The clerk is offered no act on it; the head assigns.
  auto page = clerk.get("/oversight/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Tiếp nhận bản án, quyết định (vào sổ nhận)"), std::string::npos);
  EXPECT_NE(page.body.find("07/04/2025"), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"form-officer_assigned\""), std::string::npos);
  page = head.get("/oversight/" + id);
  EXPECT_NE(page.body.find("id=\"form-officer_assigned\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"form-published\""), std::string::npos);  // no compel order yet
  EXPECT_EQ(page.body.find("id=\"form-unpublished\""), std::string::npos);
  auto r = head.post_form("/oversight/" + id + "/acts",
                          {{"type", "officer_assigned"}, {"date", "08/04/2025"}, {"officer", "HN-CHV-1"}, {"expected_seq", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;

  // The officer sends the notice, the compel order arrives, the officer publishes.
  page = officer.get("/oversight/" + id);
  EXPECT_NE(page.body.find("id=\"form-notice_sent\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"form-officer_assigned\""), std::string::npos);
  ASSERT_EQ(officer.post_form("/oversight/" + id + "/acts", {{"type", "notice_sent"}, {"date", "09/04/2025"}, {"expected_seq", "2"}}).status, 303);
  ASSERT_EQ(officer.post_form("/oversight/" + id + "/acts",
                              {{"type", "compel_order"}, {"date", "02/06/2025"}, {"number", "03/2025/QĐ-BTHA"},
                               {"court", "Tòa án nhân dân thành phố Hà Nội"}, {"order_date", "28/05/2025"}, {"expected_seq", "3"}})
                .status,
            303);
  // A refusal is shown in plain Vietnamese on the same form, nothing recorded.
  r = officer.post_form("/oversight/" + id + "/acts", {{"type", "debtor_met"}, {"date", "01/06/2025"}, {"expected_seq", "4"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("<code id=\"refusal-code\">date_before_previous</code>"), std::string::npos);
  EXPECT_NE(r.body.find("Ngày của sự kiện sớm hơn sự kiện trước đó"), std::string::npos);
  EXPECT_NE(r.body.find("<details id=\"form-debtor_met\" open>"), std::string::npos);
  r = officer.post_form("/oversight/" + id + "/acts", {{"type", "debtor_met"}, {"date", "03/06/2025"}, {"expected_seq", "3"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("version_conflict"), std::string::npos);
  r = officer.post_form("/oversight/" + id + "/acts",
                        {{"type", "published"}, {"date", "05/06/2025"}, {"portals_province", "1"}, {"expected_seq", "4"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = officer.get("/oversight/" + id);
  // A provincial debtor: the law requires three portals; one is done.
  EXPECT_NE(page.body.find("Cổng thông tin điện tử Chính phủ — chưa đăng tải"), std::string::npos);
  EXPECT_NE(page.body.find("<li class=\"on\">Cổng thông tin điện tử cấp tỉnh — đã đăng tải"), std::string::npos);
  EXPECT_NE(page.body.find("data-action=\"meet_debtor\""), std::string::npos);
  EXPECT_NE(page.body.find("NĐ 71/2016/NĐ-CP Điều 30(1)"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"form-unpublished\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"form-compel_order\""), std::string::npos);  // at most one
  // The file's documents (NĐ 71/2016 Art. 14): what is in it, what is missing.
  EXPECT_NE(page.body.find("<tr class=\"doc-present\" data-doc=\"compel_order\"><td>Quyết định buộc thi hành án hành chính</td><td>Đã có</td><td>02/06/2025</td>"),
            std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<tr class=\"doc-missing\" data-doc=\"debtor_met\">"), std::string::npos);
  EXPECT_NE(page.body.find("<tr class=\"doc-missing\" data-doc=\"superior_instructed\">"), std::string::npos);
  EXPECT_NE(page.body.find("<tr class=\"doc-present\" data-doc=\"published\">"), std::string::npos);
  // A correction strikes the act through.
  ASSERT_EQ(officer.post_form("/oversight/" + id + "/acts",
                              {{"type", "voided"}, {"date", "05/06/2025"}, {"voids", "5"}, {"reason", "Ghi nhầm"}, {"expected_seq", "5"}})
                .status,
            303);
  page = officer.get("/oversight/" + id);
  EXPECT_NE(page.body.find("<li class=\"event voided\" data-seq=\"5\""), std::string::npos);
  EXPECT_NE(page.body.find("<s>Đăng tải công khai việc không chấp hành</s>"), std::string::npos);
  ASSERT_EQ(officer.post_form("/oversight/" + id + "/acts",
                              {{"type", "published"}, {"date", "05/06/2025"}, {"portals_province", "1"},
                               {"portals_national", "1"}, {"portals_government", "1"}, {"expected_seq", "6"}})
                .status,
            303);

  // The list: the tab counts the file; the officer's queue lists its deadline.
  auto list = head.get("/oversight?kind=admin_judgment&state=open");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("data-id=\"" + id + "\""), std::string::npos);
  EXPECT_NE(list.body.find("Theo dõi THAHC <span class=\"count\">(1)</span>"), std::string::npos);
  auto q = officer.get("/api/v1/deadlines?today=2025-06-10");
  ASSERT_EQ(q.status, 200);
  bool listed = false;
  const json queue_items = q.json()["items"];
  for (const auto& i : queue_items)
    if (i["case"] == id && i["action"] == "meet_debtor") {
      listed = true;
      EXPECT_EQ(i["kind"], "admin_judgment");
      // 3 working days from 02/06/2025, not met (NĐ 71/2016 Art. 14).
      EXPECT_EQ(i["status"], "overdue");
      EXPECT_EQ(i["article"], "NĐ 71/2016/NĐ-CP Điều 14");
    }
  EXPECT_TRUE(listed) << q.body;
  auto queue = officer.get("/queue?today=10/06/2025");
  EXPECT_NE(queue.body.find("href=\"/oversight/" + id + "\""), std::string::npos);

  // Exactly the records of oversight.md, and the same after a round trip.
  const std::string text = exported(server.db());
  const auto acts = lines_of(text, "admin_judgment");
  ASSERT_EQ(acts.size(), 7u);
  json first = acts[0];
  EXPECT_EQ(first["actor"], "clerk1");
  first.erase("recorded_at");
  EXPECT_EQ(first, json::parse(R"({"kind":"admin_judgment","id":")" + id + R"(","seq":1,"type":"received","date":"2025-04-07","actor":"clerk1",
    "agency":"HN-KV1","judgment":{"number":"4/2025/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội","date":"2025-02-10","effective_date":"2025-03-20"},
    "ruling":"annul_decision","debtor":{"name":"Ủy ban nhân dân tỉnh X","address":"Số 1 Lê Lai","level":"province"},
    "creditor":{"name":"Trần Thị Lan"},"obligation":"Hủy Quyết định số 215/QĐ-UBND"})"));
  json pub = acts[6];
  pub.erase("recorded_at");
  EXPECT_EQ(pub, json::parse(R"({"kind":"admin_judgment","id":")" + id + R"(","seq":7,"type":"published","date":"2025-06-05","actor":"officer1","portals":["province","national","government"]})"));
  json voided = acts[5];
  voided.erase("recorded_at");
  EXPECT_EQ(voided, json::parse(R"({"kind":"admin_judgment","id":")" + id + R"(","seq":6,"type":"voided","date":"2025-06-05","actor":"officer1","voids":5,"reason":"Ghi nhầm"})"));
  const std::string copy = temp_dir() + "/copy.db";
  {
    auto store = Store::open(copy);
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = server.now();
    auto res = import_jsonl(*store, in, o);
    ASSERT_TRUE(res.ok()) << res.refusals.front().refusal.message;
  }
  EXPECT_EQ(exported(copy), text);
}

TEST(HttpOversight, TheApiOpensRecordsReadsAndListsAsTheCaseApiDoes) {
  TestServer server(seed());
  Client officer = server.client(), clerk = server.client(), vks = server.client(), sup = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(clerk.login("clerk1"), 200);
  ASSERT_EQ(vks.login("procuracy1"), 200);
  ASSERT_EQ(sup.login("supervisor1"), 200);
  const json sent{{"kind", "request"},   {"id", "HN-YC-1"},         {"type", "sent"},
                  {"date", "2025-05-05"}, {"agency", "HN-KV1"},       {"case", "HN-1"},
                  {"body", "HN-NH-1"},    {"purpose", "freeze_account"}, {"amount", 30000000},
                  {"subject", {{"name", "Nguyễn Văn Bình"}, {"id_number", "001085012345"}}}};
  EXPECT_EQ(clerk.post_json("/api/v1/oversight", sent).status, 403);
  EXPECT_EQ(officer.post_json("/api/v1/oversight", sent, false).status, 403);  // no CSRF token
  auto r = officer.post_json("/api/v1/oversight", sent);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["id"], "HN-YC-1");
  EXPECT_EQ(r.json()["version"], 1);
  // The freeze budget: 30 + 25 million exceed the 50 million owed.
  json more = sent;
  more["id"] = "HN-YC-2";
  more["amount"] = 25000000;
  r = officer.post_json("/api/v1/oversight", more);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["code"], "over_freeze");
  EXPECT_NE(r.json()["error"]["message_vi"].get<std::string>().find("phong tỏa"), std::string::npos);
  r = officer.post_json("/api/v1/oversight", sent);
  EXPECT_EQ(r.status, 422);  // the id names a stream already
  EXPECT_EQ(r.json()["error"]["code"], "bad_field");
  // Acts: expected_seq is the version read.
  r = officer.post_json("/api/v1/oversight/HN-YC-1/acts", {{"type", "answered"}, {"date", "2025-05-05"}, {"result", "done"}, {"expected_seq", 0}});
  EXPECT_EQ(r.status, 409);
  r = officer.post_json("/api/v1/oversight/HN-YC-1/acts", {{"type", "answered"}, {"date", "2025-05-05"}, {"result", "done"}});
  EXPECT_EQ(r.status, 422);
  r = officer.post_json("/api/v1/oversight/HN-YC-1/acts", {{"type", "answered"}, {"date", "2025-05-05"}, {"result", "done"}, {"expected_seq", 1}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(officer.post_json("/api/v1/oversight/NOPE/acts", {{"type", "answered"}, {"date", "2025-05-05"}, {"expected_seq", 1}}).status, 404);
  // Reading: the acts as records, the deadlines with their articles.
  r = sup.get("/api/v1/oversight/HN-YC-1?today=2025-05-20");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["kind"], "request");
  ASSERT_EQ(j["acts"].size(), 2u);
  EXPECT_EQ(j["acts"][0]["purpose"], "freeze_account");
  EXPECT_EQ(j["acts"][1]["actor"], "officer1");
  EXPECT_EQ(j["summary"]["state"], "open");
  bool after_freeze = false;
  for (const auto& d : j["deadlines"])
    if (d["action"] == "after_freeze") {
      after_freeze = true;
      EXPECT_EQ(d["due"], "2025-05-15");
      EXPECT_EQ(d["status"], "missed");
      EXPECT_EQ(d["article"], "Luật THADS Điều 67(3)");
    }
  EXPECT_TRUE(after_freeze) << r.body;
  // The procuracy records its own protest; the head's answer is not its own.
  r = vks.post_json("/api/v1/oversight", {{"kind", "procuracy"}, {"type", "protest"}, {"date", "2025-05-02"},
                                          {"agency", "HN-KV1"}, {"procuracy", "VKSND TP Hà Nội"}, {"number", "12/QĐ-VKS"},
                                          {"level", "same"}, {"act_known_date", "2025-04-28"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string protest = r.json()["id"];
  EXPECT_EQ(protest, "HN-KV1-VKS-" + year_now() + "-0001");
  EXPECT_EQ(vks.post_json("/api/v1/oversight/" + protest + "/acts",
                          {{"type", "replied"}, {"date", "2025-05-05"}, {"accepted", true}, {"expected_seq", 1}})
                .status,
            403);
  EXPECT_EQ(vks.post_json("/api/v1/oversight", {{"kind", "procuracy"}, {"type", "protest"}, {"date", "2025-05-02"},
                                                {"agency", "HCM"}, {"procuracy", "VKSND"}, {"number", "1"},
                                                {"level", "same"}, {"act_known_date", "2025-04-28"}})
                .status,
            404);
  // Lists: per kind with counts, the subtree only.
  r = sup.get("/api/v1/oversight?kind=request");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["total"], 1);
  EXPECT_EQ(r.json()["items"][0]["id"], "HN-YC-1");
  EXPECT_EQ(r.json()["counts"]["procuracy"], 1);
  EXPECT_EQ(sup.get("/api/v1/oversight?kind=nope").status, 422);
  EXPECT_EQ(sup.get("/api/v1/oversight?agency=HCM").status, 404);
}

TEST(HttpOversight, EveryRouteKeepsToTheRights) {
  TestServer server(seed());
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto r = head.post_json("/api/v1/oversight", {{"kind", "denunciation"}, {"id", "HN-TC-1"}, {"type", "lodged"},
                                                {"date", "2025-05-02"}, {"agency", "HN-KV1"},
                                                {"denouncer", {{"name", "Người tố cáo"}}}, {"against", "officer"}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = head.post_json("/api/v1/oversight", {{"kind", "complaint"}, {"id", "HN-KN-1"}, {"type", "lodged"},
                                           {"date", "2025-05-02"}, {"agency", "HN-KV1"}, {"case", "HN-1"},
                                           {"complainant", {{"name", "Nguyễn Văn Bình"}}}, {"against", "officer"},
                                           {"act", "coercion"}, {"act_known_date", "2025-04-20"}, {"level", 1}});
  ASSERT_EQ(r.status, 201) << r.body;
  struct Expect {
    const char* login;
    int list, complaint, denunciation, page_denunciation, new_complaint;
  };
  const Expect table[] = {
      {"officer1", 200, 200, 403, 403, 403},   {"clerk1", 200, 200, 403, 403, 200},
      {"head1", 200, 200, 200, 200, 200},      {"supervisor1", 200, 200, 200, 200, 403},
      {"procuracy1", 200, 200, 403, 403, 403}, {"steering1", 200, 200, 403, 403, 403},
      {"admin1", 403, 403, 403, 403, 403},
  };
  for (const Expect& e : table) {
    Client c = server.client();
    ASSERT_EQ(c.login(e.login), 200);
    EXPECT_EQ(c.get("/api/v1/oversight").status, e.list) << e.login;
    EXPECT_EQ(c.get("/api/v1/oversight/HN-KN-1").status, e.complaint) << e.login;
    EXPECT_EQ(c.get("/api/v1/oversight/HN-TC-1").status, e.denunciation) << e.login;
    EXPECT_EQ(c.get("/oversight/HN-TC-1").status, e.page_denunciation) << e.login;
    EXPECT_EQ(c.get("/oversight/new?kind=complaint").status, e.new_complaint) << e.login;
    const auto page = c.get("/oversight/HN-KN-1");
    if (e.complaint == 200) {
      // Only the head is offered the complaint's acts (admission …).
      EXPECT_EQ(page.body.find("id=\"form-admitted\"") != std::string::npos, std::string(e.login) == "head1") << e.login;
    }
    if (std::string(e.login) != "head1") {
      EXPECT_EQ(c.post_json("/api/v1/oversight/HN-KN-1/acts", {{"type", "admitted"}, {"date", "2025-05-03"}, {"expected_seq", 1}}).status,
                403)
          << e.login;
    }
    // The menu shows the section to every role that reads it.
    EXPECT_EQ(c.get("/oversight").body.find("id=\"nav-oversight\"") != std::string::npos, e.list == 200) << e.login;
  }
  // Outside the subtree: hidden.
  Client anon = server.client();
  EXPECT_EQ(anon.get("/api/v1/oversight").status, 401);
  EXPECT_EQ(head.post_json("/api/v1/oversight/HN-KN-1/acts", {{"type", "admitted"}, {"date", "2025-05-03"}, {"expected_seq", 1}}).status, 201);
}

}  // namespace
}  // namespace thads::testing
