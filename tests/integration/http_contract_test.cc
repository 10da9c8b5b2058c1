// The JSON API contract used by the acceptance checks (issue 3), end to end
// against a real server on a socket.
#include <gtest/gtest.h>

#include <cstdlib>

#include "app/report_render.h"
#include "app/reports.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

class HttpContract : public SharedServerSuite<HttpContract> {};

TEST_F(HttpContract, LoginSetsAnHttpOnlySessionCookie) {
  Client c = server_->client();
  auto r = c.post_json("/api/v1/session", {{"login", "head1"}, {"password", kPassword}}, false);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("thads_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  auto j = r.json();
  EXPECT_EQ(j["user"], "head1");
  EXPECT_EQ(j["role"], "head");
  EXPECT_EQ(j["agency"], "HN-KV1");
  EXPECT_EQ(j["csrf"].get<std::string>().size(), 64u);
}

TEST_F(HttpContract, WrongPasswordIs401) {
  Client c = server_->client();
  EXPECT_EQ(c.login("clerk1", "not-the-password"), 401);
  EXPECT_EQ(c.login("nobody", "not-the-password"), 401);
  auto r = c.post_json("/api/v1/session", {{"login", "clerk1"}, {"password", "nope-nope"}}, false);
  EXPECT_EQ(r.json()["error"]["code"], "bad_credentials");
}

TEST_F(HttpContract, CaseNeedsASession) {
  Client c = server_->client();
  EXPECT_EQ(c.get("/api/v1/cases/HN-1").status, 401);
}

TEST_F(HttpContract, CaseJsonHasTheContractFields) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  auto r = c.get("/api/v1/cases/HN-1?today=2025-01-15");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["id"], "HN-1");
  EXPECT_EQ(j["agency"], "HN-KV1");
  EXPECT_EQ(j["status"], "active");
  EXPECT_EQ(j["remaining"], 50000000);
  EXPECT_GE(j["version"].get<int>(), 3);
  ASSERT_TRUE(j["events"].is_array());
  const auto& first = j["events"][0];
  EXPECT_EQ(first["seq"], 1);
  EXPECT_EQ(first["type"], "case_opened");
  EXPECT_EQ(first["date"], "2024-11-05");
  EXPECT_TRUE(first.contains("recorded_at"));
  EXPECT_TRUE(first.contains("actor"));
  EXPECT_EQ(first["debtor"]["name"], "Nguyễn Văn Bình");
  EXPECT_EQ(j["debtor"]["name"], "Nguyễn Văn Bình");
  EXPECT_EQ(j["creditor"]["name"], "Lê Thị Cúc");
  EXPECT_TRUE(j["ledger"].contains("fee_due"));
  EXPECT_TRUE(j["ledger"]["payment_order"]["claims"].is_array());
  EXPECT_TRUE(j["deadlines"].is_array());
  EXPECT_TRUE(j["warnings"].is_array());
}

TEST_F(HttpContract, CaseOutsideTheSubtreeIs404LikeAnUnknownCase) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  auto outside = c.get("/api/v1/cases/HCM-1");
  auto unknown = c.get("/api/v1/cases/NO-SUCH-CASE");
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(outside.body, unknown.body);  // nothing tells them apart
}

TEST_F(HttpContract, SearchIgnoresDiacriticsWithinTheSubtree) {
  Client c = server_->client();
  ASSERT_EQ(c.login("supervisor1"), 200);
  auto r = c.get("/api/v1/cases?q=nguyen+van+binh");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.json()["items"].size(), 1u);
  EXPECT_EQ(r.json()["items"][0]["id"], "HN-1");
  EXPECT_EQ(c.get("/api/v1/cases?q=001085012345").json()["items"][0]["id"], "HN-1");  // ID number
  EXPECT_EQ(c.get("/api/v1/cases?q=12%2F2024%2FDS-ST").json()["items"][0]["id"], "HN-1");  // judgment number
  EXPECT_EQ(c.get("/api/v1/cases?q=tran+van+em").json()["items"].size(), 0u);  // HCM-1 is outside HN
}

// The search answer is written straight from the index's rows; it must be
// the very text nlohmann::json would write for it, escapes included (names
// with quotes, a backslash, control characters), and a query that is not
// valid UTF-8 must still give valid JSON.
// Names with one byte to escape (or a neighbour of one: space, DEL, UTF-8)
// at every offset from 0 to 17, so that each of the eight bytes read at
// once by the writer's test holds it, in a whole word and in the tail.
std::vector<std::string> escape_probe_names() {
  std::vector<std::string> names;
  const std::string bytes[] = {"\"", "\\", "\t", "\x1f", "\x01", " ", "\x7f", "é", "!", "#", "["};  // 18 × 11 names: within one page of 200
  for (size_t k = 0; k < 18; ++k)
    for (const std::string& b : bytes) names.push_back("Kiemtra " + std::string(k, 'a') + b + "z");
  return names;
}

std::string escape_probe_cases() {
  std::string out;
  int n = 100;
  for (const std::string& name : escape_probe_names()) {
    nlohmann::json line = nlohmann::json::parse(
        R"({"kind":"event","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"Tòa","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"kind":"person"},"creditor":{"name":"X","kind":"organization"},"obligations":[{"category":"court_fee","amount":1000}]})");
    line["case"] = "HN-" + std::to_string(n++);
    line["debtor"]["name"] = name;
    out += line.dump() + "\n";
  }
  return out;
}

TEST(HttpSearchJson, AnswerIsTheTextNlohmannWrites) {
  TestServer server(web_seed() +
                    R"({"kind":"event","case":"HN-9","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"5/2024/\"DS\"\\ST","court":"Tòa","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"name":"Đỗ \"Tý\" \\ Bình\tA\nB\u0001","kind":"person"},"creditor":{"name":"Ngân hàng \"Á Châu\"","kind":"organization"},"obligations":[{"category":"court_fee","amount":8000000}]}
)" + escape_probe_cases());
  Client c = server.client();
  ASSERT_EQ(c.login("supervisor1"), 200);
  // A query that is not UTF-8 is refused, not searched as if empty (it was).
  EXPECT_EQ(c.get("/api/v1/cases?q=%C3%28").status, 400);
  for (const std::string q : {"binh", "do+ty", "ngan+hang", "nguyen", "zzz", "%22%5C"}) {
    SCOPED_TRACE(q);
    auto r = c.get("/api/v1/cases?q=" + q);
    ASSERT_EQ(r.status, 200) << q;
    const nlohmann::json body = nlohmann::json::parse(r.body);
    EXPECT_EQ(r.body, body.dump()) << q;
    for (const auto& item : body["items"])
      EXPECT_EQ(item.size(), 9u) << item.dump();
  }
  const auto items = nlohmann::json::parse(c.get("/api/v1/cases?q=do+ty").body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["debtor"], "Đỗ \"Tý\" \\ Bình\tA\nB\u0001");
  EXPECT_EQ(items[0]["creditor"], "Ngân hàng \"Á Châu\"");
  EXPECT_EQ(items[0]["judgment_number"], "5/2024/\"DS\"\\ST");
  EXPECT_EQ(items[0]["remaining"], 8000000);
  EXPECT_EQ(items[0]["status"], "active");
  EXPECT_EQ(items[0]["agency"], "HN-KV1");
  EXPECT_EQ(items[0]["opened_date"], "2025-01-06");
  // Every probe name comes back as it went in, in the text nlohmann writes.
  const auto probe = c.get("/api/v1/cases?q=kiemtra&limit=200");
  ASSERT_EQ(probe.status, 200) << probe.body;
  const nlohmann::json probed = nlohmann::json::parse(probe.body);
  EXPECT_EQ(probe.body, probed.dump());
  std::vector<std::string> debtors;
  for (const auto& item : probed["items"]) debtors.push_back(item["debtor"]);
  std::vector<std::string> expected = escape_probe_names();
  std::sort(debtors.begin(), debtors.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(debtors, expected);
  // The query as typed comes back, escaped.
  EXPECT_EQ(nlohmann::json::parse(c.get("/api/v1/cases?q=%22%5C").body)["q"], "\"\\");
}

TEST_F(HttpContract, ReportIsExactlyTheCliJson) {
  Client c = server_->client();
  ASSERT_EQ(c.login("supervisor1"), 200);
  for (const std::string form : {"cases", "money"}) {
    auto r = c.get("/api/v1/reports/" + form + "?from=2024-10-01&to=2025-09-30&agency=HN&by=agency");
    ASSERT_EQ(r.status, 200) << r.body;
    auto store = Store::open(server_->db());
    ReportQuery q;
    q.form = form == "money" ? Form::money : Form::cases;
    q.period = {*Date::parse("2024-10-01"), *Date::parse("2025-09-30")};
    q.agency = "HN";
    q.by = "agency";
    auto rep = run_report(*store, q);
    ASSERT_TRUE(std::holds_alternative<Report>(rep));
    EXPECT_EQ(r.body, report_to_json(std::get<Report>(rep)));
  }
}

TEST_F(HttpContract, ReportAsXlsx) {
  Client c = server_->client();
  ASSERT_EQ(c.login("supervisor1"), 200);
  auto r = c.get("/api/v1/reports/cases?from=2024-10-01&to=2025-09-30&agency=HN&format=xlsx");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip container
}

TEST_F(HttpContract, PublicListNeedsNoSessionAndShowsNoIdNumbers) {
  Client anon = server_->client();
  auto r = anon.get("/api/v1/public/unable-debtors?q=pham+thi");
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["name"], "Phạm Thị Dung");
  EXPECT_EQ(items[0]["address"], "Phường Hoàng Mai, Hà Nội");
  EXPECT_EQ(items[0]["decision"]["case"], "HN-3");
  EXPECT_EQ(items[0]["judgment"]["number"], "C/2024/DS-ST");
  EXPECT_EQ(items[0]["obligation"]["remaining"], 30000000);
  EXPECT_EQ(items[0]["reason"], "no_income_or_assets");
  EXPECT_EQ(r.body.find("079123456789"), std::string::npos);
  // An ID number finds nobody: the public list is searched by name only.
  EXPECT_EQ(anon.get("/api/v1/public/unable-debtors?q=079123456789").json()["items"].size(), 0u);
}

TEST_F(HttpContract, RecordEventAnswers201Then409ForAStaleVersion) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  const int v = c.get("/api/v1/cases/HN-1").json()["version"];
  nlohmann::json body{{"expected_version", v},
                      {"event", {{"type", "coercion_executed"}, {"date", "2025-01-20"}, {"measure", "kê biên"}}}};
  auto r = c.post_json("/api/v1/cases/HN-1/events", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["version"], v + 1);
  auto again = c.post_json("/api/v1/cases/HN-1/events", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["code"], "version_conflict");
  auto events = c.get("/api/v1/cases/HN-1").json()["events"];
  EXPECT_EQ(events.back()["actor"], "officer1");  // the audit chain shows who did it
}

TEST_F(HttpContract, RefusalsAre422WithTheInterchangeCodeInVietnamese) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  const int v = c.get("/api/v1/cases/HN-1").json()["version"];
  auto r = c.post_json("/api/v1/cases/HN-1/events",
                       {{"expected_version", v}, {"event", {{"type", "completed"}, {"date", "2025-02-01"}}}});
  ASSERT_EQ(r.status, 422) << r.body;
  const auto e = r.json()["error"];
  EXPECT_EQ(e["code"], "not_settled");
  EXPECT_FALSE(e["message"].get<std::string>().empty());
  EXPECT_EQ(e["message_vi"], refusal_message_vi("not_settled"));
  EXPECT_TRUE(e.contains("article"));
  auto over = c.post_json("/api/v1/cases/HN-1/events",
                          {{"expected_version", v},
                           {"event", {{"type", "collected"}, {"date", "2025-02-01"}, {"amount", 60000000}, {"method", "coerced"}}}});
  EXPECT_EQ(over.json()["error"]["code"], "over_collection");
}

TEST_F(HttpContract, PublicListFollowsUnableDecidedAndResumed) {
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  Client anon = server_->client();
  auto listed = [&] {
    const auto items = anon.get("/api/v1/public/unable-debtors?q=nguyen+van+binh").json()["items"];
    for (const auto& i : items)
      if (i["decision"]["case"] == "HN-1") return true;
    return false;
  };
  ASSERT_FALSE(listed());
  int v = head.get("/api/v1/cases/HN-1").json()["version"];
  auto r = head.post_json("/api/v1/cases/HN-1/events",
                          {{"expected_version", v}, {"event", {{"type", "unable_decided"}, {"date", "2025-03-01"}, {"reason", "address_unknown"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(listed());  // at once, not days later
  r = head.post_json("/api/v1/cases/HN-1/events",
                     {{"expected_version", v + 1}, {"event", {{"type", "resumed"}, {"date", "2025-04-01"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(listed());
}

TEST_F(HttpContract, IntakeOpensACaseAndAppliesTheLimitationPeriod) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  nlohmann::json ev{{"agency", "HN-KV1"}, {"date", "2025-05-05"}, {"mode", "on_request"}, {"judgment_kind", "civil"},
                    {"judgment", {{"number", "5/2019/DS-ST"}, {"court", "TAND"}, {"date", "2019-01-02"}, {"effective_date", "2019-02-01"}}},
                    {"debtor", {{"name", "Đặng Văn Giàu"}, {"kind", "person"}}},
                    {"creditor", {{"name", "Hồ Thị Lan"}, {"kind", "person"}}},
                    {"obligations", {{{"category", "other_money"}, {"amount", 7000000}}}},
                    {"request_date", "2025-05-02"}};
  auto late = c.post_json("/api/v1/cases", {{"event", ev}});
  ASSERT_EQ(late.status, 422) << late.body;
  EXPECT_EQ(late.json()["error"]["code"], "limitation_expired");
  EXPECT_EQ(late.json()["error"]["article"], "Luật THADS 2008, Điều 30");
  ev["late_acceptance"] = {{"reason", "Đương sự ốm nặng, có xác nhận của bệnh viện"}};
  auto ok = c.post_json("/api/v1/cases", {{"event", ev}, {"officer", "HN-CHV-2"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  const std::string id = ok.json()["id"];
  EXPECT_EQ(id, "HN-KV1-2025-000001");
  EXPECT_EQ(ok.json()["version"], 2);
  EXPECT_EQ(ok.json()["warnings"][0]["code"], "limitation_expired");
  auto cj = c.get("/api/v1/cases/" + id).json();
  EXPECT_EQ(cj["officer"], "HN-CHV-2");
  EXPECT_EQ(cj["events"][0]["late_acceptance"]["reason"], "Đương sự ốm nặng, có xác nhận của bệnh viện");
}

TEST_F(HttpContract, DeadlinesQueueOfTheOfficer) {
  Client c = server_->client();
  ASSERT_EQ(c.login("officer1"), 200);
  auto r = c.get("/api/v1/deadlines?today=2024-11-20");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["today"], "2024-11-20");
  for (const auto& i : j["items"]) {
    EXPECT_EQ(i["officer"], "HN-CHV-1");
    EXPECT_FALSE(i["article"].get<std::string>().empty());
  }
}

TEST_F(HttpContract, HealthAndMetrics) {
  Client c = server_->client();
  auto h = c.get("/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json()["status"], "ok");
  c.get("/api/v1/cases/HN-1");
  EXPECT_EQ(c.get("/metrics").status, 401);  // administrators only (HttpBadDays.MetricsAreForAdministratorsOnly)
  ASSERT_EQ(c.login("admin1"), 200);
  auto m = c.get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("thads_http_requests_total{route=\"/api/v1/cases/:id\",method=\"GET\",status=\"401\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("thads_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"}"), std::string::npos);
  // The gauges of what the server holds: a page rendered leaves its layout
  // kept, and SQLite holds the connections' schemas and pages.
  const auto gauge = [](const std::string& body, const std::string& name) -> long long {
    const size_t at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + name.size() + 2));
  };
  Client officer = server_->client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(officer.get("/cases/HN-1").status, 200);
  ASSERT_EQ(officer.get("/api/v1/deadlines").status, 200);  // the officer's work queue, kept computed
  m = c.get("/metrics");
  EXPECT_GE(gauge(m.body, "thads_queue_answers_entries"), 1);
  EXPECT_GT(gauge(m.body, "thads_queue_answers_bytes"), 100);
  EXPECT_LE(gauge(m.body, "thads_queue_answers_bytes"), 256ll << 20);
  EXPECT_GE(gauge(m.body, "thads_case_cache_entries"), 1);
  EXPECT_GT(gauge(m.body, "thads_case_cache_bytes"), 1000);
  EXPECT_GT(gauge(m.body, "thads_render_cache_entries"), 0);
  EXPECT_GT(gauge(m.body, "thads_render_cache_bytes"), 1000);
  EXPECT_LE(gauge(m.body, "thads_render_cache_bytes"), 64ll << 20);
  // On SQLite the connections' schemas and pages; on PostgreSQL the store
  // lives in the server's processes (the gauge is there, about nothing).
  const char* backend = std::getenv("THADS_HTTP_TEST_BACKEND");
  if (backend != nullptr && std::string(backend) == "postgres") EXPECT_GE(gauge(m.body, "thads_sqlite_memory_bytes"), 0);
  else EXPECT_GT(gauge(m.body, "thads_sqlite_memory_bytes"), 10000);
  EXPECT_GT(gauge(m.body, "thads_heap_bytes{state=\"in_use\"}"), 1 << 20);
  EXPECT_GE(gauge(m.body, "thads_heap_bytes{state=\"free\"}"), 0);
}

}  // namespace
}  // namespace thads::testing
