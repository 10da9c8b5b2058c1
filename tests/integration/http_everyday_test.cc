// Errors people can read (issue 13): the unknown URL page in Vietnamese,
// the report period checked with the page kept and the field marked, and
// reference records' text limited like case text.
#include <gtest/gtest.h>

#include "domain/interchange.h"
#include "http/refusal_text.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class HttpEveryday : public SharedServerSuite<HttpEveryday> {};

std::string code_of(const Record& r) {
  return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : "ok";
}

}  // namespace

TEST_F(HttpEveryday, AnUnknownUrlAnswersAVietnamesePageWithNavigation) {
  Client anon = server_->client();
  auto r = anon.get("/khong-co-trang-nay");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(contains(r.header("content-type"), "text/html"));
  EXPECT_TRUE(contains(r.body, "Không có trang này"));
  EXPECT_TRUE(contains(r.body, "id=\"not-found-links\""));
  EXPECT_TRUE(contains(r.body, "href=\"/login\""));
  EXPECT_FALSE(r.header("content-security-policy").empty());
  // Signed in: the layout's navigation of the role.
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  auto signed_in = head.get("/cases/HN-1/khong-co");
  EXPECT_EQ(signed_in.status, 404);
  EXPECT_TRUE(contains(signed_in.body, "id=\"nav-dashboard\""));
  // The API keeps its JSON error and stable code.
  auto api = anon.get("/api/v1/khong-co");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.json()["error"]["code"], "not_found");
}

TEST_F(HttpEveryday, ABadReportPeriodKeepsThePageAndMarksTheField) {
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  auto before = head.get("/reports?form=cases&from=01/10/1990&to=30/09/1991&agency=HN-KV1");
  EXPECT_EQ(before.status, 400);
  EXPECT_TRUE(contains(before.body, "id=\"report-form\""));  // the page, not an error page
  EXPECT_TRUE(contains(before.body, "data-field=\"period.from\""));
  EXPECT_TRUE(contains(before.body, "01/07/2009"));
  EXPECT_TRUE(contains(before.body, "value=\"01/10/1990\" required aria-invalid=\"true\""));
  auto reversed = head.get("/reports?form=cases&from=30/09/2025&to=01/10/2024&agency=HN-KV1");
  EXPECT_EQ(reversed.status, 400);
  EXPECT_TRUE(contains(reversed.body, "data-field=\"period.to\""));
  EXPECT_TRUE(contains(reversed.body, "Đến ngày: Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu."));
  auto not_a_date = head.get("/reports?form=cases&from=31/02/2025&to=30/09/2025&agency=HN-KV1");
  EXPECT_EQ(not_a_date.status, 400);
  EXPECT_TRUE(contains(not_a_date.body, "Từ ngày: Ngày không hợp lệ"));
  auto future = head.get("/reports?form=cases&from=01/10/2024&to=30/09/2099&agency=HN-KV1");
  EXPECT_EQ(future.status, 400);
  // The API: the stable code.
  auto api = head.get("/api/v1/reports/cases?from=1990-10-01&to=1991-09-30&agency=HN-KV1");
  EXPECT_EQ(api.status, 400);
  EXPECT_EQ(api.json()["error"]["code"], "bad_field");
  // A good period still shows the report.
  EXPECT_EQ(head.get("/reports?form=cases&from=01/10/2024&to=30/09/2025&agency=HN-KV1").status, 200);
}

TEST_F(HttpEveryday, TheMoneyReportOnScreenIsInThousandDongAsItsXlsx) {
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  auto page = head.get("/reports?form=money&from=01/10/2024&to=30/09/2025&agency=HN-KV1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Đơn vị tính: nghìn đồng"));
  auto api = head.get("/api/v1/reports/money?from=2024-10-01&to=2025-09-30&agency=HN-KV1");
  ASSERT_EQ(api.status, 200);
  const int64_t to_enforce = api.json()["columns"]["to_enforce"].get<int64_t>();  // whole đồng
  ASSERT_EQ(to_enforce, 52000000);  // HN-1 and HN-2
  const size_t cell = page.body.find("data-key=\"to_enforce\"");
  ASSERT_NE(cell, std::string::npos);
  EXPECT_TRUE(contains(page.body.substr(cell, 300), ">52.000<")) << page.body.substr(cell, 300);
  EXPECT_FALSE(contains(page.body, "52.000.000 đ"));
}

// The money fields show the typed amount in words before the officer
// confirms: the page marks them for forms.js, which asks the server how it
// reads what was typed (the same parse_amount as the form's submission).
TEST_F(HttpEveryday, AMoneyFieldIsReadOutInWordsByTheServersOwnRule) {
  Client officer = server_->client();
  ASSERT_EQ(officer.login("officer1"), 200);
  auto page = officer.get("/cases/HN-1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "name=\"amount\" value=\"\" inputmode=\"numeric\" data-amount"));
  EXPECT_TRUE(contains(page.body, "/static/forms.js"));

  auto ok = officer.get("/api/v1/amount-in-words?amount=1.500.000");
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json()["amount"], 1500000);
  EXPECT_EQ(ok.json()["display"], "1.500.000 đ");
  EXPECT_EQ(ok.json()["words"], "Một triệu năm trăm nghìn đồng");
  EXPECT_EQ(officer.get("/api/v1/amount-in-words?amount=%2021%20").json()["words"], "Hai mươi mốt đồng");
  // "1.5" is not one and a half (nor fifteen): refused, as the form refuses it.
  for (const char* bad : {"1.5", "1,500,000", "15.00", "-3", "1.500.000%C4%91", "abc", "", "1234567890123456789"}) {
    auto r = officer.get(std::string("/api/v1/amount-in-words?amount=") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["error"]["code"], "bad_field") << bad;
    EXPECT_TRUE(contains(r.json()["error"]["message_vi"].get<std::string>(), "1.500.000")) << bad;
  }
  EXPECT_EQ(officer.get("/api/v1/amount-in-words?amount=" + std::string(41, '1')).status, 422);
  EXPECT_EQ(officer.get("/api/v1/amount-in-words?amount=" + std::string(100000, '1')).status, 414);
  // Behind the login, like the rest of the API.
  EXPECT_EQ(server_->client().get("/api/v1/amount-in-words?amount=1").status, 401);
}

TEST(ReferenceText, CodesAndNamesAreLimitedLikeCaseText) {
  const std::string long_code(101, 'A'), long_name(501, 'a');
  EXPECT_EQ(code_of(parse_line(R"({"kind":"agency","code":")" + long_code + R"(","name":"X","level":"province","parent":null})", 0)),
            "bad_field");
  EXPECT_EQ(code_of(parse_line(R"({"kind":"agency","code":"X","name":")" + long_name + R"(","level":"province","parent":null})", 0)),
            "bad_field");
  EXPECT_EQ(code_of(parse_line(R"({"kind":"agency","code":"X","name":"   ","level":"province","parent":null})", 0)),
            "bad_field");
  EXPECT_EQ(code_of(parse_line(R"({"kind":"officer","id":"X","name":")" + long_name + R"(","agency":"HN","role":"clerk"})", 0)),
            "bad_field");
  EXPECT_EQ(code_of(parse_line(R"({"kind":"holiday","date":"2027-02-16","type":"day_off","name":")" + long_name + R"("})", 0)),
            "bad_field");
  // At the limit: accepted (500 Vietnamese letters are 500 characters, not bytes).
  std::string vn;
  for (int i = 0; i < 500; ++i) vn += "ạ";
  EXPECT_EQ(code_of(parse_line(R"({"kind":"officer","id":"X","name":")" + vn + R"(","agency":"HN","role":"clerk"})", 0)), "ok");
  auto r = std::get<Refusal>(parse_line(R"({"kind":"officer","id":"X","name":")" + long_name + R"(","agency":"HN","role":"clerk"})", 0));
  EXPECT_EQ(http::refusal_text(r).rfind("Tên: Nội dung quá dài", 0), 0u) << http::refusal_text(r);
}

}  // namespace thads::testing
