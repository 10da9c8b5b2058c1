// Requests from the case page (issue 16 item 2), over HTTP: the officer sends
// a land-registry request with the debtor prefilled, records the answer,
// freezes an account, is refused a second freeze beyond the debt, sees what
// is frozen and how much of the debt it covers; a collection leaves the
// freeze above what is owed, so the case page and the work queue warn to
// lift the excess, until the officer lifts it. Other roles and cases are
// refused; a deactivated body cannot be chosen.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "app/maintenance.h"
#include "domain/interchange.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

// By value: a range-for over r.json()["items"] would walk a destroyed temporary.
json items_of(const HttpResponse& r) { return r.json()["items"]; }

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"body","code":"HN-VPDK","name":"Văn phòng Đăng ký đất đai Hà Nội","type":"land_registry","agency":"HN"}
{"kind":"body","code":"HN-OLD","name":"Ngân hàng đã giải thể","type":"bank","agency":"HN"}
{"kind":"body_change","code":"HN-OLD","seq":1,"active":false}
)";
}

std::string year_now() { return vn_date_of(std::time(nullptr)).iso().substr(0, 4); }
std::string rid(int n) { return "HN-KV1-YC-" + year_now() + "-000" + std::to_string(n); }

bool has(const HttpResponse& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

TEST(HttpCaseRequests, AnOfficerSendsAnswersFreezesIsRefusedBeyondTheDebtAndLiftsTheExcess) {
  TestServer server(seed());
  Client officer = server.client(), head = server.client(), other = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(head.login("head1"), 200);

  auto page = officer.get("/cases/HN-1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(has(page, "id=\"requests\""));
  EXPECT_TRUE(has(page, "id=\"send-request\""));
  EXPECT_TRUE(has(page, "name=\"subject.name\" value=\"Nguyễn Văn Bình\""));  // the debtor by default
  EXPECT_TRUE(has(page, "name=\"subject.id_number\" value=\"001085012345\""));
  EXPECT_TRUE(has(page, "<option value=\"HN-VPDK\""));
  EXPECT_FALSE(has(page, "<option value=\"HN-OLD\""));  // deactivated
  EXPECT_TRUE(has(page, "name=\"amount\" value=\"50000000\""));  // what is left to freeze

  // The land registry is asked; the answer is recorded from the case page.
  auto r = officer.post_form("/cases/HN-1/requests", {{"date", "06/01/2025"}, {"body", "HN-VPDK"}, {"purpose", "verify_assets"},
                                                      {"subject.name", "Nguyễn Văn Bình"}, {"subject.id_number", "001085012345"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/cases/HN-1?ok=recorded#requests");
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "data-id=\"" + rid(1) + "\""));
  EXPECT_TRUE(has(page, "Chưa trả lời"));
  EXPECT_TRUE(has(page, "Luật THADS Điều 44"));
  r = officer.post_form("/cases/HN-1/requests/" + rid(1) + "/acts",
                        {{"type", "answered"}, {"date", "08/01/2025"}, {"result", "found"}, {"note", "Thửa đất số 12"}, {"expected_seq", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "Có tài sản, thông tin (08/01/2025)"));
  // A stale version is a conflict; a request of another case is not found here.
  EXPECT_EQ(officer.post_form("/cases/HN-1/requests/" + rid(1) + "/acts", {{"type", "reminded"}, {"date", "09/01/2025"}, {"expected_seq", "1"}}).status, 409);
  EXPECT_EQ(officer.post_form("/cases/HN-2/requests/" + rid(1) + "/acts", {{"type", "reminded"}, {"date", "09/01/2025"}, {"expected_seq", "2"}}).status, 404);

  // A freeze of 30.000.000 đ, then a second of 25.000.000 đ: beyond the debt.
  r = officer.post_form("/cases/HN-1/requests", {{"date", "10/01/2025"}, {"body", "HN-NH-1"}, {"purpose", "freeze_account"},
                                                 {"subject.name", "Nguyễn Văn Bình"}, {"subject.id_number", "001085012345"}, {"amount", "30000000"}});
  ASSERT_EQ(r.status, 303) << r.body;
  r = officer.post_form("/cases/HN-1/requests", {{"date", "11/01/2025"}, {"body", "HN-NH-1"}, {"purpose", "freeze_account"},
                                                 {"subject.name", "Nguyễn Văn Bình"}, {"subject.id_number", "001085012345"}, {"amount", "25000000"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(has(r, "<code id=\"refusal-code\">over_freeze</code>")) << r.body;
  EXPECT_TRUE(has(r, "value=\"25000000\""));  // what was typed, shown again
  // Without the ID number a freeze is refused (a namesake is never touched).
  r = officer.post_form("/cases/HN-1/requests", {{"date", "11/01/2025"}, {"body", "HN-NH-1"}, {"purpose", "freeze_account"},
                                                 {"subject.name", "Nguyễn Văn Bình"}, {"amount", "1000000"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(has(r, "<code id=\"refusal-code\">bad_field</code>"));
  r = officer.post_form("/cases/HN-1/requests", {{"date", "11/01/2025"}, {"body", "HN-OLD"}, {"purpose", "verify_assets"},
                                                 {"subject.name", "Nguyễn Văn Bình"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(has(r, "<code id=\"refusal-code\">inactive_body</code>"));
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "<dd id=\"freeze-frozen\">30.000.000 đ</dd>")) << page.body;
  EXPECT_TRUE(has(page, "<dd id=\"freeze-remaining\">50.000.000 đ</dd>"));
  EXPECT_TRUE(has(page, "<dd id=\"freeze-coverage\">60% số tiền còn phải thi hành</dd>"));
  EXPECT_TRUE(has(page, "<tr data-id=\"" + rid(2) + "\"><td>" + rid(2) + "</td><td>Ngân hàng A chi nhánh Hà Nội</td>"));
  EXPECT_FALSE(has(page, "id=\"freeze-excess\""));

  // The request's deadlines are in the officer's work queue: the bank was to
  // freeze on the day (Art. 67) and has not answered.
  {
    bool listed = false;
    for (const auto& i : items_of(officer.get("/api/v1/deadlines?today=2025-01-13")))
      if (i["case"] == rid(2) && i["action"] == "answer") {
        listed = true;
        EXPECT_EQ(i["kind"], "request");
        EXPECT_EQ(i["due"], "2025-01-10");
        EXPECT_EQ(i["status"], "overdue");
      }
    EXPECT_TRUE(listed);
  }
  // A collection of 25.000.000 đ leaves 30.000.000 đ frozen for 25.000.000 đ owed.
  r = officer.post_form("/cases/HN-1/events", {{"type", "collected"}, {"date", "2025-01-15"}, {"amount", "25000000"},
                                               {"method", "voluntary"}, {"expected_version", "3"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = head.get("/cases/HN-1?today=2025-01-16");
  EXPECT_TRUE(has(page, "id=\"freeze-excess\"")) << page.body;
  EXPECT_TRUE(has(page, "cần giải tỏa phần vượt <strong>5.000.000 đ</strong>"));
  auto q = officer.get("/api/v1/deadlines?today=2025-01-16");
  ASSERT_EQ(q.status, 200);
  bool warned = false;
  for (const auto& i : items_of(q))
    if (i["case"] == "HN-1" && i["action"] == "lift_excess_freeze") warned = true;
  EXPECT_TRUE(warned) << q.body;
  q = head.get("/api/v1/deadlines?today=2025-01-16");
  warned = false;
  for (const auto& i : items_of(q)) warned |= i["action"] == "lift_excess_freeze";
  EXPECT_TRUE(warned) << q.body;

  // The officer lifts the freeze: no excess any more.
  r = officer.post_form("/cases/HN-1/requests/" + rid(2) + "/acts", {{"type", "lifted"}, {"date", "16/01/2025"}, {"expected_seq", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = officer.get("/cases/HN-1?today=2025-01-17");
  EXPECT_FALSE(has(page, "id=\"freeze-excess\""));
  EXPECT_TRUE(has(page, "<dd id=\"freeze-frozen\">0 đ</dd>"));
  q = officer.get("/api/v1/deadlines?today=2025-01-17");
  for (const auto& i : items_of(q)) EXPECT_NE(i["action"], "lift_excess_freeze");

  // Rights: the clerk sees the requests without forms; another officer's case
  // offers no send form; outside the subtree nothing.
  ASSERT_EQ(other.login("clerk1"), 200);
  page = other.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "id=\"requests\""));
  EXPECT_FALSE(has(page, "id=\"send-request\""));
  EXPECT_EQ(other.post_form("/cases/HN-1/requests", {{"date", "11/01/2025"}, {"body", "HN-VPDK"}, {"purpose", "verify_assets"},
                                                     {"subject.name", "X"}}).status, 403);
  EXPECT_FALSE(has(officer.get("/cases/HN-2"), "id=\"send-request\""));
  EXPECT_EQ(officer.get("/cases/HN-2/requests/new").status, 403);
  EXPECT_EQ(officer.post_form("/cases/HCM-1/requests", {{"date", "11/01/2025"}, {"body", "HN-VPDK"}, {"purpose", "verify_assets"},
                                                        {"subject.name", "X"}}).status, 404);

  // What the pages did is exactly the records of oversight.md.
  auto store = Store::open(server.db());
  std::ostringstream out;
  export_jsonl(*store, out);
  std::vector<json> requests;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);)
    if (auto j = json::parse(line, nullptr, false); j.value("kind", "") == "request") requests.push_back(j);
  ASSERT_EQ(requests.size(), 4u);
  json sent = requests[2];
  sent.erase("recorded_at");
  EXPECT_EQ(sent, json::parse(R"({"kind":"request","id":")" + rid(2) + R"(","seq":1,"type":"sent","date":"2025-01-10","actor":"officer1",
    "agency":"HN-KV1","case":"HN-1","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"},"amount":30000000})"));
}

}  // namespace
}  // namespace thads::testing
