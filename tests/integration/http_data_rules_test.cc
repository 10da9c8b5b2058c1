// Issue 13, "Data that locks or lies": the date and text rules of a new
// record hold for the API, the pages and the intake alike (they all parse
// through the domain), a second notification is accepted without moving the
// deadlines, and the stylesheet wraps long words in table cells.
#include "domain/refusal.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

class HttpDataRules : public SharedServerSuite<HttpDataRules> {};

nlohmann::json record(Client& c, const std::string& id, const nlohmann::json& event) {
  const int v = c.get("/api/v1/cases/" + id).json()["version"];
  auto r = c.post_json("/api/v1/cases/" + id + "/events", {{"expected_version", v}, {"event", event}});
  nlohmann::json out = r.json();
  out["status"] = r.status;
  return out;
}

TEST_F(HttpDataRules, BlankOrOverlongPayeeIsBadFieldWithTheLimit) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  ASSERT_EQ(record(c, "HN-1", {{"type", "collected"}, {"date", "2025-01-10"}, {"amount", 1000000}, {"method", "voluntary"}})["status"], 201);
  auto blank = record(c, "HN-1", {{"type", "paid_out"}, {"date", "2025-01-11"}, {"amount", 1000000}, {"to", "   "}});
  EXPECT_EQ(blank["status"], 422);
  EXPECT_EQ(blank["error"]["code"], "bad_field");
  auto huge = record(c, "HN-1", {{"type", "paid_out"}, {"date", "2025-01-11"}, {"amount", 1000000}, {"to", std::string(10000, 'x')}});
  EXPECT_EQ(huge["status"], 422);
  EXPECT_EQ(huge["error"]["code"], "bad_field");
  EXPECT_NE(huge["error"]["message"].get<std::string>().find("at most 500"), std::string::npos);
  // The page answers the same refusal in Vietnamese and keeps the form.
  const int v = c.get("/api/v1/cases/HN-1").json()["version"];
  auto page = c.post_form("/cases/HN-1/events", {{"type", "paid_out"}, {"date", "11/01/2025"}, {"amount", "1.000.000"},
                                                 {"to", " "}, {"expected_version", std::to_string(v)}});
  EXPECT_EQ(page.status, 422);
  // The catalogue's text names the field and what is wrong (src/http/refusal_text.h).
  EXPECT_NE(page.body.find("Người nhận tiền: Chưa nhập nội dung"), std::string::npos) << page.body;
}

TEST_F(HttpDataRules, CoercionScheduledBeforeItsPlanIsRefused) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  auto past = record(c, "HN-1", {{"type", "coercion_planned"}, {"date", "2025-02-03"}, {"scheduled_date", "2020-01-01"},
                                 {"measure", "kê biên"}, {"mobilised_forces", false}});
  EXPECT_EQ(past["status"], 422);
  EXPECT_EQ(past["error"]["code"], "bad_field");
}

TEST_F(HttpDataRules, IntakeRefusesAJudgmentDatedAfterTheDecision) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  nlohmann::json ev{{"date", "2025-05-05"}, {"agency", "HN-KV1"}, {"mode", "proactive"}, {"judgment_kind", "civil"},
                    {"judgment", {{"number", "9/2025/DS-ST"}, {"court", "TAND"}, {"date", "2031-01-02"}, {"effective_date", "2031-02-01"}}},
                    {"debtor", {{"name", "Đặng Văn Giàu"}, {"kind", "person"}}},
                    {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
                    {"obligations", {{{"category", "court_fee"}, {"amount", 700000}}}}};
  auto r = c.post_json("/api/v1/cases", {{"event", ev}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "bad_field");
  ev["judgment"]["date"] = "2025-01-02";
  ev["judgment"]["effective_date"] = "2025-01-01";  // takes effect before it is pronounced
  r = c.post_json("/api/v1/cases", {{"event", ev}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "bad_field");
  ev["judgment"]["effective_date"] = "2025-02-01";
  ev["debtor"]["name"] = std::string(20000, 'N');  // the 206,000 px list of issue 13
  r = c.post_json("/api/v1/cases", {{"event", ev}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "bad_field");
}

// Re-notifying is lawful; the voluntary period still runs from the first notice.
TEST_F(HttpDataRules, ASecondNotificationDoesNotMoveTheDeadlines) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  auto deadlines = [&] { return c.get("/api/v1/cases/HN-1?today=2025-06-01").json()["deadlines"]; };
  const auto before = deadlines();
  ASSERT_EQ(record(c, "HN-1", {{"type", "notified"}, {"date", "2025-02-20"}})["status"], 201);
  EXPECT_EQ(deadlines(), before);
}

// The forms stop typing at the limits the domain enforces.
TEST_F(HttpDataRules, FormsStateTheFieldLengths) {
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  const auto intake = head.get("/intake");
  ASSERT_EQ(intake.status, 200);
  EXPECT_NE(intake.body.find(R"(name="debtor_name" id="debtor_name" value="" maxlength="500")"), std::string::npos);
  const auto page = head.get("/cases/HN-1");
  EXPECT_NE(page.body.find(R"(<input name="measure" value="" maxlength="500" required>)"), std::string::npos);
  EXPECT_NE(page.body.find(R"(<input name="reason" value="" maxlength="2000" required>)"), std::string::npos);
}

TEST_F(HttpDataRules, TableCellsWrapLongWords) {
  Client c = server_->client();
  const auto css = c.get("/static/thads.css");
  ASSERT_EQ(css.status, 200);
  const size_t rule = css.body.find("overflow-wrap: anywhere");
  ASSERT_NE(rule, std::string::npos);
  const std::string selector = css.body.substr(css.body.rfind('}', rule) + 1, rule - css.body.rfind('}', rule));
  EXPECT_NE(selector.find("td"), std::string::npos);
  EXPECT_NE(selector.find("th"), std::string::npos);
}

}  // namespace
}  // namespace thads::testing
