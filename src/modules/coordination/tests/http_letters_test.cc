// The letters to other bodies as PDF (issue 16 item 4): the request or
// decision of each purpose, the reminder and the lifting of a freeze, made
// from the case's data with the agency's header, number, date, legal basis
// and signature, read back with pdftotext; linked from the case page; only
// acts with a letter, of the case's own requests, for those who read them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../../../../tests/integration/http_test_support.h"
#include "../../../../tests/support/run_command.h"

namespace thads::testing {
namespace {

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"body","code":"HN-VPDK","name":"Văn phòng Đăng ký đất đai Hà Nội","type":"land_registry","agency":"HN"}
{"kind":"request","id":"HN-KV1-YC-2025-0001","seq":1,"type":"sent","date":"2025-01-06","actor":"officer1","agency":"HN-KV1","case":"HN-1","body":"HN-VPDK","purpose":"verify_assets","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"}}
{"kind":"request","id":"HN-KV1-YC-2025-0002","seq":1,"type":"sent","date":"2025-01-10","actor":"officer1","agency":"HN-KV1","case":"HN-1","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"},"amount":30000000}
{"kind":"request","id":"HN-KV1-YC-2025-0002","seq":2,"type":"reminded","date":"2025-01-13"}
{"kind":"request","id":"HN-KV1-YC-2025-0002","seq":3,"type":"answered","date":"2025-01-14","result":"done"}
{"kind":"request","id":"HN-KV1-YC-2025-0002","seq":4,"type":"lifted","date":"2025-01-17"}
)";
}

// pdftotext's text of a PDF, line ends read as spaces (titles wrap, as on paper).
std::string text_of(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path() / ("thads-letter-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "letter.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  int rc = 0;
  std::string text = output_of("pdftotext -raw " + file.string() + " -", &rc);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(rc, 0) << text;
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

bool has(const std::string& text, const std::string& s) { return text.find(s) != std::string::npos; }

TEST(HttpRequestLetters, EachActWithALetterIsAPdfMadeFromTheCaseData) {
  TestServer server(seed());
  Client officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const std::string base = "/cases/HN-1/requests/HN-KV1-YC-2025-0002/letters/";

  auto page = officer.get("/cases/HN-1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"" + base + "1\""));
  EXPECT_TRUE(has(page.body, "href=\"" + base + "2\""));
  EXPECT_TRUE(has(page.body, "href=\"" + base + "4\""));
  EXPECT_FALSE(has(page.body, "href=\"" + base + "3\""));  // an answer has no letter

  auto r = officer.get(base + "1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  std::string t = text_of(r.body);
  EXPECT_TRUE(has(t, "QUYẾT ĐỊNH PHONG TỎA TÀI KHOẢN")) << t;
  EXPECT_TRUE(has(t, "Số: HN-KV1-YC-2025-0002")) << t;
  EXPECT_TRUE(has(t, "Hà Nội, ngày 10 tháng 01 năm 2025")) << t;
  EXPECT_TRUE(has(t, "Phòng Thi hành án dân sự khu vực 1 - Hà Nội")) << t;
  EXPECT_TRUE(has(t, "Kính gửi: Ngân hàng A chi nhánh Hà Nội")) << t;
  EXPECT_TRUE(has(t, "Căn cứ Điều 67 Luật Thi hành án dân sự")) << t;
  EXPECT_TRUE(has(t, "12/2024/DS-ST")) << t;  // the judgment of the case
  EXPECT_TRUE(has(t, "001085012345")) << t;   // the subject by ID number
  EXPECT_TRUE(has(t, "30.000.000 đ")) << t;
  EXPECT_TRUE(has(t, "CHẤP HÀNH VIÊN")) << t;
  EXPECT_TRUE(has(t, "Nguyễn Văn An")) << t;  // the case's officer signs
  EXPECT_TRUE(has(t, "Nơi nhận")) << t;

  t = text_of(officer.get(base + "2").body);
  EXPECT_TRUE(has(t, "ĐÔN ĐỐC")) << t;
  EXPECT_TRUE(has(t, "ngày 13 tháng 01 năm 2025")) << t;
  EXPECT_TRUE(has(t, "văn bản số HN-KV1-YC-2025-0002 ngày 10/01/2025")) << t;

  t = text_of(officer.get(base + "4").body);
  EXPECT_TRUE(has(t, "QUYẾT ĐỊNH CHẤM DỨT PHONG TỎA TÀI KHOẢN")) << t;
  EXPECT_TRUE(has(t, "khoản 3 Điều 67")) << t;

  t = text_of(officer.get("/cases/HN-1/requests/HN-KV1-YC-2025-0001/letters/1").body);
  EXPECT_TRUE(has(t, "YÊU CẦU CUNG CẤP THÔNG TIN VỀ TÀI SẢN")) << t;
  EXPECT_TRUE(has(t, "Điều 44")) << t;
  EXPECT_TRUE(has(t, "Kính gửi: Văn phòng Đăng ký đất đai Hà Nội")) << t;

  EXPECT_EQ(officer.get(base + "3").status, 404);   // the answer
  EXPECT_EQ(officer.get(base + "9").status, 404);   // no such act
  EXPECT_EQ(officer.get(base + "x").status, 404);
  EXPECT_EQ(officer.get("/cases/HN-2/requests/HN-KV1-YC-2025-0002/letters/1").status, 404);  // another case
  // Outside the subtree the request does not exist.
  {
    auto store = Store::open(server.db());
    ASSERT_TRUE(std::holds_alternative<User>(add_user(*store, NewUser{"officer_hcm", "officer", "HCM", "HCM-CHV-1"},
                                                      kPassword, "test", std::time(nullptr))));
  }
  Client hcm = server.client();
  ASSERT_EQ(hcm.login("officer_hcm"), 200);
  EXPECT_EQ(hcm.get(base + "1").status, 404);
}

// Art. 72(2): a mobilised coercion plan goes at once to the police (a
// protection request), the commune People's Committee and the procuracy; the
// case page says which of them received a request since the plan.
TEST(HttpRequestLetters, AMobilisedCoercionPlanShowsWhoReceivedIt) {
  TestServer server(web_seed() +
                    R"({"kind":"body","code":"HN-CA","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"HN-VKS","name":"Viện kiểm sát nhân dân khu vực 1","type":"procuracy","agency":"HN"}
{"kind":"event","case":"HN-1","seq":4,"type":"coercion_planned","date":"2025-02-03","scheduled_date":"2025-02-20","measure":"kê biên","mobilised_forces":true}
{"kind":"request","id":"P1","seq":1,"type":"sent","date":"2025-02-03","agency":"HN-KV1","case":"HN-1","body":"HN-CA","purpose":"protection","subject":{"name":"Nguyễn Văn Bình"}}
{"kind":"request","id":"P2","seq":1,"type":"sent","date":"2025-02-01","agency":"HN-KV1","case":"HN-1","body":"HN-VKS","purpose":"other","subject":{"name":"Nguyễn Văn Bình"}}
)");
  Client officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const std::string page = officer.get("/cases/HN-1").body;
  EXPECT_TRUE(has(page, "data-planned=\"03/02/2025\"")) << page;
  EXPECT_TRUE(has(page, "cưỡng chế dự kiến ngày 20/02/2025"));
  EXPECT_TRUE(has(page, "<li data-role=\"police\">Công an cùng cấp (đề nghị bảo vệ cưỡng chế): đã gửi ngày 03/02/2025</li>"));
  EXPECT_TRUE(has(page, "<li data-role=\"people_committee\">Ủy ban nhân dân cấp xã: <strong class=\"warning\">chưa gửi</strong>"));
  // A request sent before the plan is not the plan's.
  EXPECT_TRUE(has(page, "<li data-role=\"procuracy\">Viện kiểm sát nhân dân cùng cấp: <strong class=\"warning\">chưa gửi</strong>"));
}

}  // namespace
}  // namespace thads::testing
