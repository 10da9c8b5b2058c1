// The coercion plan form on the case page (issue 16 item 5), over HTTP: the
// officer is refused a coercion at night (the ban with its article) and may
// not override it; the head overrides it with a reason; the page then shows
// the plan, the override and the three requests with their deadlines; the
// API lists and records plans; the plan prints as PDF (read back with pdftotext).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "../../../../tests/integration/http_test_support.h"
#include "../../../../tests/support/run_command.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-CA","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"KV1-UBND","name":"UBND phường Cầu Giấy","type":"people_committee","agency":"HN-KV1"}
{"kind":"body","code":"HN-VKS","name":"Viện kiểm sát nhân dân thành phố Hà Nội","type":"procuracy","agency":"HN"}
)";
}

bool has(const HttpResponse& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

// The plan's text as pdftotext reads it, on one line.
std::string pdf_text(const std::string& pdf) {
  const auto file = std::filesystem::temp_directory_path() / ("thads-plan-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  int rc = 0;
  std::string text = output_of("pdftotext -raw " + file.string() + " -", &rc);
  std::filesystem::remove(file);
  EXPECT_EQ(rc, 0);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::map<std::string, std::string> night_plan() {
  return {{"date", "05/03/2025"},          {"measure", "seize_assets"},         {"scheduled_date", "12/03/2025"},
          {"start_time", "22:30"},         {"place", "Số 1 phố Cầu Giấy"},      {"method", "Kê biên nhà đất"},
          {"forces.police", "10"},         {"forces.commune", "2"},             {"cost.1.item", "Bồi dưỡng"},
          {"cost.1.amount", "1.500.000"},  {"person.name", "Nguyễn Văn Bình"}, {"person.id_number", "001085012345"}};
}

TEST(HttpCoercionPlan, TheOfficerIsRefusedAtNightAndTheHeadOverridesWithAReason) {
  TestServer server(seed());
  Client officer = server.client(), head = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(head.login("head1"), 200);

  auto page = officer.get("/cases/HN-1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "id=\"coercion-plan-form\""));
  EXPECT_TRUE(has(page, "name=\"person.name\" value=\"Nguyễn Văn Bình\""));  // the debtor by default
  EXPECT_FALSE(has(page, "id=\"coercion-overrides\""));                       // an officer overrides nothing

  auto r = officer.post_form("/cases/HN-1/coercion-plans", night_plan());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(has(r, "<code id=\"refusal-code\">coercion_at_night</code>"));
  EXPECT_TRUE(has(r, "Luật THADS 2008, Điều 46 khoản 2"));
  EXPECT_TRUE(has(r, "value=\"Kê biên nhà đất\"") || has(r, ">Kê biên nhà đất</textarea>"));  // what was typed, shown again
  auto with_override = night_plan();
  with_override["override.coercion_at_night"] = "yes";
  with_override["override_reason"] = "Đương sự chỉ có mặt ban đêm";
  r = officer.post_form("/cases/HN-1/coercion-plans", with_override);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(has(r, "<code id=\"refusal-code\">override_forbidden</code>"));

  page = head.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "id=\"coercion-overrides\""));
  r = head.post_form("/cases/HN-1/coercion-plans", with_override);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/cases/HN-1?ok=recorded#coercion-plans");
  page = officer.get("/cases/HN-1?today=2025-03-11");
  EXPECT_TRUE(has(page, "class=\"card coercion-plan-record\" data-seq=\"1\"")) << page.body;
  EXPECT_TRUE(has(page, "data-ban=\"coercion_at_night\""));
  EXPECT_TRUE(has(page, "Đương sự chỉ có mặt ban đêm (head1)"));
  // The override names the rule it sets aside, as in force on the coercion's day.
  EXPECT_TRUE(has(page, "<span class=\"article\">(Luật THADS 2008, Điều 46 khoản 2)</span> — lý do: Đương sự"));
  EXPECT_TRUE(has(page, "22:30 ngày 12/03/2025"));
  EXPECT_TRUE(has(page, "tổng 1.500.000 đ"));
  for (const char* role : {"police", "people_committee", "procuracy"})
    EXPECT_TRUE(has(page, std::string("<tr data-role=\"") + role + "\">")) << role;
  EXPECT_TRUE(has(page, "Công an thành phố Hà Nội"));
  EXPECT_TRUE(has(page, "10/03/2025"));  // the police's protection plan: 3 working days

  // The API: the plan with its override; a second plan recorded as JSON.
  auto list = officer.get("/api/v1/cases/HN-1/coercion-plans");
  ASSERT_EQ(list.status, 200);
  const json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["overrides"][0]["by"], "head1");
  EXPECT_EQ(items[0]["overrides"][0]["article"], "Luật THADS 2008, Điều 46 khoản 2");
  json body{{"date", "2025-03-05"}, {"measure", "force_delivery"}, {"scheduled_date", "2025-03-13"},
            {"start_time", "09:00"}, {"place", "Cầu Giấy"}, {"method", "Buộc giao nhà"},
            {"forces", {{"police", 4}}}, {"costs", json::array()}};
  auto created = officer.post_json("/api/v1/cases/HN-1/coercion-plans", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["seq"], 2);
  EXPECT_FALSE(created.json()["requests"]["police"].get<std::string>().empty());
  body["start_time"] = "05:00";
  auto refused = officer.post_json("/api/v1/cases/HN-1/coercion-plans", body);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["error"]["code"], "coercion_at_night");
  EXPECT_EQ(refused.json()["error"]["article"], "Luật THADS 2008, Điều 46 khoản 2");
  EXPECT_NE(refused.json()["error"]["message_vi"].get<std::string>().find("22 giờ"), std::string::npos);

  auto pdf = officer.get("/cases/HN-1/coercion-plans/1/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  const std::string text = pdf_text(pdf.body);
  for (const char* part : {"KẾ HOẠCH", "Nguyễn Văn Bình", "22:30 ngày 12/03/2025", "Kê biên nhà đất", "1.500.000 đ",
                           "Đương sự chỉ có mặt ban đêm", "(Luật THADS 2008, Điều 46 khoản 2) Lý do", "Điều 72", "Viện kiểm sát nhân dân cùng cấp"})
    EXPECT_NE(text.find(part), std::string::npos) << part << " in " << text;
  EXPECT_EQ(officer.get("/cases/HN-1/coercion-plans/7/pdf").status, 404);
}

}  // namespace
}  // namespace thads::testing
