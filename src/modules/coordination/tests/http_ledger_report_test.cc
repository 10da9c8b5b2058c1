// The purpose ledger and the coordination report (issue 16 items 3 and 6):
// the procuracy reads every request of its subtree with purpose, subject and
// outcome, filtered by body, sender and purpose, and nothing outside it;
// the report counts per body the answers on time, late and missing, the
// median answer time and the oldest unanswered request, in JSON, xlsx and on
// the page, whose figures link to the ledger's lists.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"
#include "domain/interchange.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

// By value: a range-for over r.json()["items"] would walk a destroyed temporary.
json items_of(const HttpResponse& r) { return r.json()["items"]; }

std::string req(const std::string& id, const std::string& agency, const std::string& kase, const std::string& body,
                const std::string& purpose, const std::string& date, const std::string& actor, const std::string& extra = "") {
  return R"({"kind":"request","id":")" + id + R"(","seq":1,"type":"sent","date":")" + date + R"(","actor":")" + actor +
         R"(","agency":")" + agency + R"(","case":")" + kase + R"(","body":")" + body + R"(","purpose":")" + purpose +
         R"(","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"})" + extra + "}\n";
}
std::string answer(const std::string& id, const std::string& date, const std::string& result) {
  return R"({"kind":"request","id":")" + id + R"(","seq":2,"type":"answered","date":")" + date + R"(","result":")" + result + "\"}\n";
}

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"body","code":"HN-VPDK","name":"Văn phòng Đăng ký đất đai Hà Nội","type":"land_registry","agency":"HN"}
{"kind":"body","code":"HCM-NH-1","name":"Ngân hàng B","type":"bank","agency":"HCM"}
)" + req("R1", "HN-KV1", "HN-1", "HN-VPDK", "verify_assets", "2025-01-06", "officer1") + answer("R1", "2025-01-08", "found") +
         req("R2", "HN-KV1", "HN-1", "HN-VPDK", "verify_assets", "2025-01-06", "officer1") + answer("R2", "2025-01-20", "not_found") +
         req("R3", "HN-KV1", "HN-1", "HN-VPDK", "verify_assets", "2025-02-03", "head1") +
         req("R4", "HN-KV1", "HN-1", "HN-NH-1", "freeze_account", "2025-01-10", "officer1", R"(,"amount":1000000)") +
         answer("R4", "2025-01-10", "done") +
         req("R5", "HCM", "HCM-1", "HCM-NH-1", "verify_assets", "2025-01-15", "officer9");
}

std::vector<std::string> ids(const HttpResponse& r) {
  std::vector<std::string> out;
  for (const auto& i : items_of(r)) out.push_back(i["id"]);
  std::sort(out.begin(), out.end());
  return out;
}

class HttpLedgerReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(seed()); }
  static void TearDownTestSuite() { delete server_; }
  static inline TestServer* server_ = nullptr;
};

TEST_F(HttpLedgerReport, TheProcuracyReadsEveryRequestOfItsSubtreeAndNothingElse) {
  Client vks = server_->client(), officer = server_->client(), steering = server_->client();
  ASSERT_EQ(vks.login("procuracy1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);
  auto all = vks.get("/api/v1/coordination/requests");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids(all), (std::vector<std::string>{"R1", "R2", "R3", "R4"}));  // not HCM's R5
  EXPECT_EQ(all.json()["total"], 4);
  EXPECT_EQ(ids(vks.get("/api/v1/coordination/requests?body=HN-NH-1")), (std::vector<std::string>{"R4"}));
  EXPECT_EQ(ids(vks.get("/api/v1/coordination/requests?officer=head1")), (std::vector<std::string>{"R3"}));
  EXPECT_EQ(ids(vks.get("/api/v1/coordination/requests?purpose=verify_assets")), (std::vector<std::string>{"R1", "R2", "R3"}));
  EXPECT_EQ(ids(vks.get("/api/v1/coordination/requests?subject_id=001085012345&status=late&as_of=2025-03-31")),
            (std::vector<std::string>{"R2"}));
  const json r4 = vks.get("/api/v1/coordination/requests?body=HN-NH-1").json()["items"][0];
  EXPECT_EQ(r4, json::parse(R"({"id":"R4","case":"HN-1","agency":"HN-KV1","body":"HN-NH-1","purpose":"freeze_account",
    "subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"},"sender":"officer1","sent":"2025-01-10","amount":1000000,
    "answer_due":"2025-01-10","first_answer":"2025-01-10","result":"done","state":"open"})"));
  EXPECT_EQ(vks.get("/api/v1/coordination/requests?agency=HCM").status, 404);
  EXPECT_EQ(vks.get("/api/v1/coordination/requests?status=slow").status, 422);
  EXPECT_EQ(officer.get("/api/v1/coordination/requests").status, 403);
  EXPECT_EQ(steering.get("/api/v1/coordination/requests").status, 403);
  EXPECT_EQ(officer.get("/coordination/requests").status, 403);
  auto page = vks.get("/coordination/requests?purpose=verify_assets");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<tr data-id=\"R2\">"), std::string::npos);
  EXPECT_NE(page.body.find("Không có (chậm)"), std::string::npos);
  EXPECT_EQ(page.body.find("data-id=\"R4\""), std::string::npos);
}

TEST_F(HttpLedgerReport, TheReportCountsAnswersPerBodyAndLinksEachFigureToItsList) {
  Client head = server_->client(), steering = server_->client(), officer = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  auto r = head.get("/api/v1/reports/coordination?agency=HN-KV1&from=2025-01-01&to=2025-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = r.json();
  ASSERT_EQ(j["bodies"].size(), 2u);
  const json& bank = j["bodies"][0];
  EXPECT_EQ(bank["body"], "HN-NH-1");
  EXPECT_EQ(bank["sent"], 1);
  EXPECT_EQ(bank["answered_on_time"], 1);  // a freeze is due on the day (Art. 67)
  EXPECT_EQ(bank["median_answer_days"], 0);
  const json& land = j["bodies"][1];
  EXPECT_EQ(land["name"], "Văn phòng Đăng ký đất đai Hà Nội");
  EXPECT_EQ(land["sent"], 3);
  EXPECT_EQ(land["answered_on_time"], 1);
  EXPECT_EQ(land["answered_late"], 1);  // 5 working days (Art. 44): due 13/01, answered 20/01
  EXPECT_EQ(land["unanswered"], 1);
  EXPECT_EQ(land["unanswered_overdue"], 1);
  EXPECT_EQ(land["median_answer_days"], 2);
  EXPECT_EQ(land["oldest_unanswered"], json::parse(R"({"id":"R3","sent":"2025-02-03"})"));
  EXPECT_EQ(j["total"]["sent"], 4);
  EXPECT_EQ(j["total"]["median_answer_days"], 2);
  // As of 15/01 the answer of 20/01 does not count yet; R3 is not sent yet.
  r = head.get("/api/v1/reports/coordination?agency=HN-KV1&from=2025-01-01&to=2025-01-15");
  EXPECT_EQ(r.json()["total"]["unanswered"], 1);  // R2, answered only on 20/01
  EXPECT_EQ(r.json()["total"]["unanswered_overdue"], 1);
  auto x = head.get("/api/v1/reports/coordination?agency=HN-KV1&from=2025-01-01&to=2025-03-31&format=xlsx");
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  // Outside the subtree: 403, as every report of /api/v1/reports (http/report_access.cc).
  EXPECT_EQ(head.get("/api/v1/reports/coordination?agency=HCM&from=2025-01-01&to=2025-03-31").status, 403);

  auto page = head.get("/coordination/report?agency=HN-KV1&from=01/01/2025&to=31/03/2025");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("href=\"/coordination/requests?body=HN-VPDK&amp;agency=HN-KV1&amp;from=2025-01-01&amp;to=2025-03-31&amp;as_of=2025-03-31&amp;status=late\""),
            std::string::npos) << page.body;
  auto list = head.get("/api/v1/coordination/requests?body=HN-VPDK&agency=HN-KV1&from=2025-01-01&to=2025-03-31&as_of=2025-03-31&status=overdue");
  EXPECT_EQ(ids(list), (std::vector<std::string>{"R3"}));
  page = steering.get("/coordination/report?from=01/01/2025&to=31/03/2025");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("/coordination/requests?"), std::string::npos);  // steering reads no lists of persons
  EXPECT_EQ(officer.get("/coordination/report").status, 403);
}

// The dashboard's coordination block (issue 17 item 5, "bodies late on
// requests"): the subtree's requests of the statistical year answered late
// and left overdue, as the coordination report counts them, and the bodies
// with requests overdue, each linking to its requests; steering users, who
// do not read the ledger, are linked to the report.
class HttpCoordinationBlock : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer(seed());
    server_->advance(*parse_rfc3339("2025-06-30T03:00:00Z") - server_->now());
  }
  static void TearDownTestSuite() { delete server_; }
  static inline TestServer* server_ = nullptr;
};

// The value of the dashboard row `key` of a block (its link's text).
std::string row_value(const std::string& page, const std::string& key) {
  const size_t at = page.find("data-key=\"" + key + "\"");
  if (at == std::string::npos) return "";
  const size_t td = page.find("<td class=\"num\">", at);
  const size_t end = page.find("</td>", td);
  std::string cell = page.substr(td + 16, end - td - 16);
  if (const size_t gt = cell.find('>'); cell.rfind("<a ", 0) == 0) cell = cell.substr(gt + 1, cell.find("</a>") - gt - 1);
  return cell;
}

TEST_F(HttpCoordinationBlock, TheDashboardNamesTheBodiesLateOnRequestsAndLinksToThem) {
  Client sup = server_->client(), steering = server_->client();
  ASSERT_EQ(sup.login("supervisor1"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);
  const json report = sup.get("/api/v1/reports/coordination?agency=HN&from=2024-10-01&to=2025-06-30&format=json").json();
  const json& total = report["total"];
  ASSERT_GT(total["unanswered_overdue"].get<int64_t>(), 0);  // R3, never answered
  const auto dash = sup.get("/dashboard?agency=HN");
  ASSERT_EQ(dash.status, 200);
  ASSERT_NE(dash.body.find("id=\"coordination\""), std::string::npos);
  EXPECT_EQ(row_value(dash.body, "requests_sent"), std::to_string(total["sent"].get<int64_t>()));
  EXPECT_EQ(row_value(dash.body, "requests_late"), std::to_string(total["answered_late"].get<int64_t>()));
  EXPECT_EQ(row_value(dash.body, "requests_overdue"), std::to_string(total["unanswered_overdue"].get<int64_t>()));
  // The bodies with a request overdue are listed, linked to those requests; the others are not.
  for (const json& b : report["bodies"]) {
    const bool listed = dash.body.find(">" + b["name"].get<std::string>() + "</a>") != std::string::npos;
    EXPECT_EQ(listed, b["unanswered_overdue"].get<int64_t>() > 0) << b["name"];
  }
  EXPECT_NE(dash.body.find("/coordination/requests?body=HN-VPDK&amp;agency=HN&amp;from=2024-10-01&amp;to=2025-06-30"
                           "&amp;as_of=2025-06-30&amp;status=overdue"),
            std::string::npos);
  EXPECT_EQ(dash.body.find("Ngân hàng B"), std::string::npos);  // HCM's bank: another subtree
  // The steering secretariat does not read the ledger: its figures lead to the report.
  const auto sdash = steering.get("/dashboard?agency=HN");
  ASSERT_EQ(sdash.status, 200);
  EXPECT_EQ(row_value(sdash.body, "requests_overdue"), std::to_string(total["unanswered_overdue"].get<int64_t>()));
  EXPECT_EQ(sdash.body.find("/coordination/requests?"), std::string::npos);
  EXPECT_NE(sdash.body.find("/coordination/report?agency=HN"), std::string::npos);
}

}  // namespace
}  // namespace thads::testing
