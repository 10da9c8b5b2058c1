// The server-rendered pages, driven as a browser without JavaScript would:
// plain GETs and form POSTs, following POST-redirect-GET.
#include <gtest/gtest.h>

#include <regex>

#include "http_test_support.h"

namespace thads::testing {
namespace {

std::string hidden(const std::string& html, const std::string& name) {
  std::smatch m;
  const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  return std::regex_search(html, m, re) ? m[1].str() : "";
}

bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

// Logs in through the login form (GET /login, then POST with its token).
void form_login(Client& c, const std::string& login) {
  auto form = c.get("/login");
  ASSERT_EQ(form.status, 200);
  auto r = c.post_form("/login", {{"login", login}, {"password", kPassword}, {"login_csrf", hidden(form.body, "login_csrf")}, {"next", "/"}}, false);
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(c.cookies.count("thads_session"), 1u);
  c.csrf = hidden(c.get("/password").body, "csrf");
}

class HttpPages : public ::testing::Test {
 protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(); }
  std::unique_ptr<TestServer> server_;
};

TEST_F(HttpPages, LoginFormLeadsEachRoleHome) {
  Client c = server_->client();
  auto form = c.get("/login");
  EXPECT_TRUE(has(form, "Đăng nhập"));
  EXPECT_NE(form.header("set-cookie").find("SameSite=Strict"), std::string::npos);
  auto bad = c.post_form("/login", {{"login", "officer1"}, {"password", "sai-mat-khau"}, {"login_csrf", hidden(form.body, "login_csrf")}}, false);
  EXPECT_EQ(bad.status, 401);
  EXPECT_TRUE(has(bad, "Tên đăng nhập hoặc mật khẩu không đúng."));
  form = c.get("/login");
  auto ok = c.post_form("/login", {{"login", "officer1"}, {"password", kPassword}, {"login_csrf", hidden(form.body, "login_csrf")}}, false);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/queue");
  EXPECT_EQ(c.get("/").header("location"), "/queue");
  Client h = server_->client();
  form_login(h, "head1");
  EXPECT_EQ(h.get("/").header("location"), "/dashboard");
  // After login the user goes back where they were sent from, never elsewhere.
  Client n = server_->client();
  EXPECT_EQ(n.get("/cases/HN-1").header("location"), "/login?next=%2Fcases%2FHN-1");
  form = n.get("/login?next=//evil.example");
  EXPECT_EQ(hidden(form.body, "next"), "/");
}

TEST_F(HttpPages, CasePageShowsLedgerTimelineAndFormsInVietnamese) {
  Client c = server_->client();
  form_login(c, "officer1");
  auto r = c.get("/cases/HN-1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "Nguyễn Văn Bình"));
  EXPECT_TRUE(has(r, "50.000.000 đ"));
  EXPECT_TRUE(has(r, "05/11/2024"));
  EXPECT_TRUE(has(r, "Sổ theo dõi tiền"));
  EXPECT_TRUE(has(r, "id=\"form-collected\""));
  EXPECT_TRUE(has(r, "id=\"form-completed\""));
  EXPECT_FALSE(has(r, "id=\"form-officer_assigned\""));  // only the head assigns
  Client h = server_->client();
  form_login(h, "head1");
  auto hp = h.get("/cases/HN-1");
  EXPECT_TRUE(has(hp, "id=\"form-officer_assigned\""));
  EXPECT_TRUE(has(hp, "(đề xuất)"));  // the least loaded officer is suggested
  Client p = server_->client();
  form_login(p, "procuracy1");
  EXPECT_FALSE(has(p.get("/cases/HN-1"), "id=\"actions\""));  // read-only
}

TEST_F(HttpPages, OfficerFindsACaseByAnUnaccentedNameCollectsAndCompletes) {
  Client head = server_->client();
  form_login(head, "head1");
  auto before = head.get("/api/v1/reports/cases?from=2024-10-01&to=2025-09-30&agency=HN-KV1").json();

  Client c = server_->client();
  form_login(c, "officer1");
  auto found = c.get("/search?q=nguyen+van+binh");
  ASSERT_TRUE(has(found, "href=\"/cases/HN-1\""));
  auto page = c.get("/cases/HN-1");
  const std::string version = hidden(page.body, "expected_version");
  auto r = c.post_form("/cases/HN-1/events", {{"type", "collected"}, {"date", "2025-03-03"}, {"amount", "50.000.000"},
                                              {"method", "voluntary"}, {"expected_version", version}});
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  auto after = c.get(r.header("location").substr(0, r.header("location").find('#')));
  EXPECT_TRUE(has(after, "Đã ghi nhận."));
  EXPECT_TRUE(has(after, "id=\"ledger-remaining\"><strong>0 đ</strong>"));
  r = c.post_form("/cases/HN-1/events", {{"type", "completed"}, {"date", "2025-03-05"},
                                         {"expected_version", hidden(after.body, "expected_version")}});
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  EXPECT_TRUE(has(c.get("/cases/HN-1"), "Thi hành xong"));

  auto now = head.get("/api/v1/reports/cases?from=2024-10-01&to=2025-09-30&agency=HN-KV1").json();
  EXPECT_EQ(now["columns"]["completed"], before["columns"]["completed"].get<int>() + 1);
  auto dash = head.get("/dashboard?fy=2025&agency=HN-KV1");
  ASSERT_EQ(dash.status, 200);
  EXPECT_TRUE(has(dash, "column=completed&amp;form=cases"));  // each figure links to its cases
  // The chart keeps the twelve months of the year and a y axis in percent.
  size_t bars = 0;
  for (size_t at = dash.body.find("class=\"bar-cases\""); at != std::string::npos;
       at = dash.body.find("class=\"bar-cases\"", at + 1))
    ++bars;
  EXPECT_EQ(bars, 12u);
  EXPECT_TRUE(has(dash, ">100%</text>"));
  EXPECT_TRUE(has(dash, ">09/25</text>"));
  auto list = head.get("/cases?agency=HN-KV1&column=completed&form=cases&from=2024-10-01&to=2025-09-30");
  EXPECT_TRUE(has(list, "href=\"/cases/HN-1\""));
  auto form = head.get("/reports?form=cases&from=2024-10-01&to=2025-09-30&agency=HN-KV1");
  EXPECT_TRUE(has(form, "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"));
  auto xlsx = head.get("/reports?form=cases&from=2024-10-01&to=2025-09-30&agency=HN-KV1&format=xlsx");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(HttpPages, RefusalsAreShownInPlainVietnameseWithTheFormReopened) {
  Client c = server_->client();
  form_login(c, "officer1");
  auto page = c.get("/cases/HN-1");
  auto r = c.post_form("/cases/HN-1/events", {{"type", "completed"}, {"date", "2025-03-05"},
                                              {"expected_version", hidden(page.body, "expected_version")}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(has(r, "Chưa thể xác nhận thi hành xong khi vẫn còn số tiền phải thi hành."));
  EXPECT_TRUE(has(r, "<details id=\"form-completed\" open>"));
  auto stale = c.post_form("/cases/HN-1/events", {{"type", "notified"}, {"date", "2025-03-05"}, {"expected_version", "1"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(has(stale, "Hồ sơ đã được người khác cập nhật"));
}

TEST_F(HttpPages, IntakeRegistersACaseAndRefusesAnExpiredRequest) {
  Client c = server_->client();
  form_login(c, "clerk1");
  ASSERT_EQ(c.get("/intake").status, 200);
  std::map<std::string, std::string> f{{"agency", "HN-KV1"}, {"date", "2025-05-05"}, {"mode", "on_request"},
                                       {"request_date", "2025-05-02"}, {"judgment_kind", "civil"},
                                       {"judgment_number", "5/2019/DS-ST"}, {"judgment_court", "TAND khu vực 1"},
                                       {"judgment_date", "2019-01-02"}, {"judgment_effective_date", "2019-02-01"},
                                       {"debtor_name", "Đặng Văn Giàu"}, {"debtor_kind", "person"},
                                       {"creditor_name", "Hồ Thị Lan"}, {"creditor_kind", "person"},
                                       {"obligation_category_1", "other_money"}, {"obligation_amount_1", "7.000.000"}};
  auto refused = c.post_form("/intake", f);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(has(refused, "Đã hết thời hiệu yêu cầu thi hành án"));
  EXPECT_TRUE(has(refused, "value=\"Đặng Văn Giàu\""));  // what was typed stays
  f["late_acceptance_reason"] = "Trở ngại khách quan: đương sự ốm nặng";
  auto ok = c.post_form("/intake", f);
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 3000);
  EXPECT_EQ(ok.header("location"), "/cases/HN-KV1-2025-000001?ok=opened");
  auto page = c.get(ok.header("location"));
  EXPECT_TRUE(has(page, "Đã thụ lý việc thi hành án."));
  EXPECT_TRUE(has(page, "data-code=\"limitation_expired\""));
  EXPECT_TRUE(has(page, "7.000.000 đ"));
}

TEST_F(HttpPages, PublicListWithoutLogin) {
  Client anon = server_->client();
  auto r = anon.get("/public/unable-debtors?q=pham+dung");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "Phạm Thị Dung"));
  EXPECT_TRUE(has(r, "Không có thu nhập, tài sản để thi hành án"));
  EXPECT_FALSE(has(r, "079123456789"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?q=khong+ai"), "id=\"public-empty\""));
}

TEST_F(HttpPages, WorkQueueGroupsDeadlinesWithTheirArticles) {
  Client c = server_->client();
  form_login(c, "officer1");
  auto r = c.get("/queue?today=2024-11-29");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "Đã quá hạn"));
  EXPECT_TRUE(has(r, "Đến hạn hôm nay"));
  EXPECT_TRUE(has(r, "Đến hạn trong 5 ngày làm việc tới"));
  EXPECT_TRUE(has(r, "Điều"));  // each deadline cites its article
  EXPECT_FALSE(has(r, "HN-2"));  // not the officer's case
}

TEST_F(HttpPages, PasswordChangeThroughTheForm) {
  Client c = server_->client();
  form_login(c, "steering1");
  auto bad = c.post_form("/password", {{"old_password", kPassword}, {"new_password", "mat-khau-moi-9"}, {"confirm_password", "khac-nhau-9"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has(bad, "Mật khẩu nhập lại không khớp."));
  auto ok = c.post_form("/password", {{"old_password", kPassword}, {"new_password", "mat-khau-moi-9"}, {"confirm_password", "mat-khau-moi-9"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_TRUE(has(c.get("/password?ok=1"), "Đã đổi mật khẩu."));
}

TEST_F(HttpPages, StaticFilesAndUnknownRoutes) {
  Client c = server_->client();
  auto css = c.get("/static/thads.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(c.get("/static/..%2Fopenapi.json").status, 404);
  EXPECT_EQ(c.get("/static/nothing.css").status, 404);
  EXPECT_EQ(c.get("/no/such/route").status, 404);
}

}  // namespace
}  // namespace thads::testing
