// The steering pages and API over HTTP (SQLite, the web harness): a body's
// user sees its tasks and reports progress on them only; the follow-up
// owner sees the report in the matrix; steering users enter directives and
// never change a case; the pages render for each reading role.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"
#include "domain/interchange.h"
#include "modules/steering/domain/periods.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy Hà Nội","type":"other","agency":"HN"}
{"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo công tác thi hành án","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Bố trí lực lượng bảo vệ cưỡng chế","bodies":["CA-HN","HN"],"owner":"BNC-HN","periodicity":"quarterly"}
{"kind":"committee","id":"BCD-HN","name":"Ban Chỉ đạo THADS thành phố Hà Nội","level":"province","agency":"HN","valid_from":"2016-07-05"}
)";
}

void add_body_user(const TestServer& s, const char* login, const char* body) {
  auto store = Store::open(s.db());
  auto r = add_user(*store, NewUser{login, "body", "HN", body}, kPassword, "test", s.now());
  ASSERT_TRUE(std::holds_alternative<User>(r));
}

TEST(HttpSteering, ABodyReportsOnItsTaskAndTheFollowUpOwnerSeesIt) {
  TestServer server(seed());
  add_body_user(server, "ca.hn", "CA-HN");
  add_body_user(server, "bnc.hn", "BNC-HN");
  Client police = server.client(), follower = server.client(), steering = server.client(), head = server.client();
  ASSERT_EQ(police.login("ca.hn"), 200);
  ASSERT_EQ(follower.login("bnc.hn"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);
  ASSERT_EQ(head.login("head1"), 200);
  const std::string period =
      steering::period_containing(steering::Periodicity::quarterly, vn_date_of(server.now())).key;

  // The police's user: the directive, a report form for its own body only.
  auto list = police.get("/steering");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("05-CT/TU"), std::string::npos);
  EXPECT_NE(list.body.find("nav-steering"), std::string::npos);
  EXPECT_EQ(list.body.find("nav-cases"), std::string::npos);
  auto page = police.get("/steering/directives/CT-05");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("id=\"report-1-CA-HN\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"report-1-HN\""), std::string::npos);
  auto sent = police.post_form("/steering/records", {{"form", "report"}, {"task", "CT-05/1"}, {"body", "CA-HN"},
                                                      {"period", period}, {"status", "in_progress"},
                                                      {"text", "Đã bố trí 40 cán bộ cho đợt cưỡng chế"},
                                                      {"back", "/steering/directives/CT-05"}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.header("location"), "/steering/directives/CT-05?ok=1");
  // Not for the enforcement agency's part, not through the API either.
  auto other = police.post_form("/steering/records", {{"form", "report"}, {"task", "CT-05/1"}, {"body", "HN"},
                                                       {"period", period}, {"status", "done"}, {"text", "x"}});
  EXPECT_EQ(other.status, 403);
  auto api = police.post_json("/api/v1/steering/records", {{"kind", "task_report"}, {"task", "CT-05/1"},
                                                            {"body", "HN"}, {"period", period},
                                                            {"date", vn_date_of(server.now()).iso()},
                                                            {"status", "done"}, {"text", "x"}});
  EXPECT_EQ(api.status, 403) << api.body;
  // A body's user reads no case and no report.
  EXPECT_EQ(police.get("/api/v1/cases/HN-1").status, 403);
  EXPECT_EQ(police.get("/steering/key-cases").status, 403);

  // The follow-up owner sees the report in its matrix, and who is late.
  auto matrix = follower.get("/steering/matrix");
  ASSERT_EQ(matrix.status, 200) << matrix.body;
  EXPECT_NE(matrix.body.find("Đã bố trí 40 cán bộ cho đợt cưỡng chế"), std::string::npos);
  EXPECT_NE(matrix.body.find("id=\"matrix-late\""), std::string::npos);
  auto mj = follower.get("/api/v1/steering/matrix");
  ASSERT_EQ(mj.status, 200);
  auto m = json::parse(mj.body);
  EXPECT_EQ(m["rows"].size(), 2u);
  EXPECT_GT(m["overdue_cells"].get<int64_t>(), 0);

  // Steering enters a directive, reads the register, and never changes a case.
  auto d = steering.post_json("/api/v1/steering/records",
                              {{"kind", "directive"}, {"id", "CT-09"}, {"number", "09-CT/TU"}, {"issuer", "BTV"},
                               {"date", "2025-05-01"}, {"title", "Chỉ thị mới"}, {"agency", "HN"}});
  EXPECT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(steering.get("/steering/key-cases").status, 200);
  EXPECT_EQ(steering.get("/steering/committees").status, 200);
  auto change = steering.post_json("/api/v1/cases/HN-1/events",
                                   {{"expected_version", 3}, {"event", {{"type", "verified"}, {"date", "2025-01-10"}}}});
  EXPECT_EQ(change.status, 403) << change.body;
  // A head below the directive's agency does not see it.
  auto mine = head.post_form("/steering/records", {{"form", "report"}, {"task", "CT-05/1"}, {"body", "HN"},
                                                    {"period", period}, {"status", "done"}, {"text", "Đã báo cáo"}});
  EXPECT_EQ(mine.status, 404);  // head1 is bound to HN-KV1: the directive of HN lies outside its subtree
}

// Issue 17 item 1: a body's progress report carries documents. The police's
// user attaches a file through the page's form (multipart), the follow-up
// owner sees it in the matrix and downloads it; the API takes files in
// base64; a file the server does not accept is told in Vietnamese and
// nothing is recorded; a reader outside the subtree gets 404.
TEST(HttpSteering, AProgressReportCarriesDocuments) {
  TestServer server(seed());
  add_body_user(server, "ca.hn", "CA-HN");
  add_body_user(server, "bnc.hn", "BNC-HN");
  Client police = server.client(), follower = server.client(), head = server.client();
  ASSERT_EQ(police.login("ca.hn"), 200);
  ASSERT_EQ(follower.login("bnc.hn"), 200);
  ASSERT_EQ(head.login("head1"), 200);  // HN-KV1: the directive of HN is outside its subtree
  const std::string period =
      steering::period_containing(steering::Periodicity::quarterly, vn_date_of(server.now())).key;
  const std::map<std::string, std::string> form{{"form", "report"},   {"task", "CT-05/1"},
                                                {"body", "CA-HN"},    {"period", period},
                                                {"status", "in_progress"}, {"text", "Đã lập kế hoạch cưỡng chế"},
                                                {"back", "/steering/directives/CT-05"}};
  auto page = police.get("/steering/directives/CT-05");
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page.body.find("type=\"file\" name=\"documents\" multiple"), std::string::npos);

  // A multipart form without the session's CSRF token is refused like any other.
  auto forged = police.post_multipart("/steering/records", [&] {
    auto f = form;
    f["csrf"] = "not-the-token";
    return f;
  }(), {{"documents", "a.txt", "text/plain", "x"}});
  EXPECT_EQ(forged.status, 403) << forged.body;
  // Refused files: a program, an empty file. Nothing is recorded.
  auto bad = police.post_multipart("/steering/records", form, {{"documents", "setup.exe", "application/x-msdownload", "MZ"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("Loại tệp không được nhận"), std::string::npos);
  // Back on the directive's page: the report's form open, the refusal beside
  // it, what was typed kept, and the user told to choose the files again.
  EXPECT_NE(bad.body.find("id=\"report-1-CA-HN\" open"), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"report-error\""), std::string::npos);
  EXPECT_NE(bad.body.find(">Đã lập kế hoạch cưỡng chế</textarea>"), std::string::npos);
  EXPECT_NE(bad.body.find("hãy chọn lại tệp"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"in_progress\" selected"), std::string::npos);
  EXPECT_EQ(bad.body.find(">false<"), std::string::npos);
  bad = police.post_multipart("/steering/records", form, {{"documents", "trong.pdf", "application/pdf", ""}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("rỗng"), std::string::npos);
  EXPECT_EQ(follower.get("/steering/matrix").body.find("Đã lập kế hoạch cưỡng chế"), std::string::npos);

  const std::string pdf = "%PDF-1.4\n% Kế hoạch phối hợp cưỡng chế\n%%EOF\n";
  auto sent = police.post_multipart("/steering/records", form,
                                    {{"documents", "Kế hoạch số 12.pdf", "application/pdf", pdf},
                                     {"documents", "danh-sach.txt", "text/plain", "1. Nguyễn Văn A\n"}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  auto matrix = follower.get("/steering/matrix");
  ASSERT_EQ(matrix.status, 200);
  EXPECT_NE(matrix.body.find("Kế hoạch số 12.pdf"), std::string::npos);
  const size_t at = matrix.body.find("href=\"/steering/attachments/");
  ASSERT_NE(at, std::string::npos);
  const std::string href = matrix.body.substr(at + 6, matrix.body.find('"', at + 6) - at - 6);
  auto file = follower.get(href);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.header("content-disposition"),
            "attachment; filename=\"K_ ho_ch s_ 12.pdf\"; "
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2012.pdf");
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(head.get(href).status, 404);
  EXPECT_EQ(police.get("/steering/attachments/" + std::string(64, '0')).status, 404);

  // The API: files in base64, cited in the answer's cells; downloaded by hash.
  auto api = police.post_json("/api/v1/steering/records",
                              {{"kind", "task_report"}, {"task", "CT-05/1"}, {"period", period},
                               {"date", vn_date_of(server.now()).iso()}, {"status", "done"}, {"text", "Đã xong"},
                               {"attachments", {{{"name", "ket-qua.odt"}, {"content", "UEsDBA=="}}}}});
  ASSERT_EQ(api.status, 201) << api.body;
  auto big = police.post_json("/api/v1/steering/records",
                              {{"kind", "task_report"}, {"task", "CT-05/1"}, {"period", period},
                               {"date", vn_date_of(server.now()).iso()}, {"status", "done"}, {"text", "x"},
                               {"attachments", {{{"name", "x.png"}, {"content", "not base64!"}}}}});
  EXPECT_EQ(big.status, 422);
  EXPECT_EQ(big.json()["error"]["code"], "bad_field");
  auto dj = follower.get("/api/v1/steering/directives/CT-05").json();
  json docs;
  for (const json& b : dj["tasks"][0]["body_cells"])
    if (b["body"] == "CA-HN") docs = b["latest"]["documents"];
  ASSERT_EQ(docs.size(), 3u) << dj.dump();
  EXPECT_EQ(docs[2]["name"], "ket-qua.odt");
  EXPECT_EQ(docs[2]["media_type"], "application/vnd.oasis.opendocument.text");
  auto odt = follower.get("/api/v1/steering/attachments/" + docs[2]["sha256"].get<std::string>());
  ASSERT_EQ(odt.status, 200);
  EXPECT_EQ(odt.body, std::string("PK\x03\x04", 4));
  EXPECT_EQ(head.get("/api/v1/steering/attachments/" + docs[2]["sha256"].get<std::string>()).json()["error"]["code"],
            "not_found");
}

}  // namespace
}  // namespace thads::testing
