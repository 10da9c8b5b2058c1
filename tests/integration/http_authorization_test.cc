// The authorisation matrix: every role against every endpoint and page,
// inside its agency subtree (HN-KV1, HN-1) and outside it (HCM, HCM-1), and
// without a session. Expected answers are written out here, independently of
// src/app/access.cc: 200/201/303 allowed, 403 forbidden inside the subtree,
// 404 outside it (existence never revealed), 401 (API) or 303 to /login
// (pages) without a session.
#include <gtest/gtest.h>

#include <array>
#include <functional>

#include "http_test_support.h"

namespace thads::testing {
namespace {

// Roles in the order of web_users(): officer, clerk, head, supervisor,
// procuracy, steering, admin.
using Row = std::array<int, 7>;
constexpr Row kReaders{200, 200, 200, 200, 200, 403, 403};
constexpr Row kAll404{404, 404, 404, 404, 404, 404, 404};

struct Probe {
  std::string name;
  std::function<HttpResponse(Client&, const TestUser&, bool inside)> call;
  Row inside;
  Row outside;         // ignored when !scoped
  bool scoped = true;  // the answer depends on the subtree
  bool page = false;   // a page (303 to /login without a session)
};

class HttpAuthorization : public SharedServerSuite<HttpAuthorization> {};

std::string case_in(bool inside) { return inside ? "HN-1" : "HCM-1"; }
std::string agency_in(bool inside) { return inside ? "HN-KV1" : "HCM"; }

nlohmann::json coercion(int64_t v) {
  return {{"expected_version", v},
          {"event", {{"type", "coercion_executed"}, {"date", "2025-06-01"}, {"measure", "khấu trừ tài khoản"}}}};
}

nlohmann::json intake(bool inside) {
  return {{"event",
           {{"agency", agency_in(inside)}, {"date", "2025-06-02"}, {"mode", "proactive"}, {"judgment_kind", "criminal"},
            {"judgment", {{"number", "1/2025/HS-ST"}, {"court", "TAND"}, {"date", "2025-04-01"}, {"effective_date", "2025-05-01"}}},
            {"debtor", {{"name", "Bùi Văn Khánh"}, {"kind", "person"}}},
            {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
            {"obligations", {{{"category", "fine"}, {"amount", 5000000}}}}}}};
}

int64_t version_of(const std::string& db, const std::string& id) { return Store::open(db)->version_of(id); }

std::vector<Probe> probes(const std::string& db) {
  using C = Client;
  using U = const TestUser&;
  const Row w{201, 201, 201, 403, 403, 403, 403};
  return {
      {"GET /api/v1/cases/{id}", [](C& c, U, bool in) { return c.get("/api/v1/cases/" + case_in(in)); }, kReaders, kAll404},
      {"GET /cases/{id}", [](C& c, U, bool in) { return c.get("/cases/" + case_in(in)); }, kReaders, kAll404, true, true},
      {"GET /api/v1/cases/{id}/deadlines",
       [](C& c, U, bool in) { return c.get("/api/v1/cases/" + case_in(in) + "/deadlines"); }, kReaders, kAll404},
      {"POST /api/v1/cases/{id}/events (assigned to officer1)",
       [db](C& c, U, bool in) { return c.post_json("/api/v1/cases/" + case_in(in) + "/events", coercion(version_of(db, case_in(in)))); },
       w, kAll404},
      {"POST /api/v1/cases/{id}/events (assigned to another officer)",
       [db](C& c, U, bool in) {
         const std::string id = in ? "HN-2" : "HCM-1";
         return c.post_json("/api/v1/cases/" + id + "/events", coercion(version_of(db, id)));
       },
       Row{403, 201, 201, 403, 403, 403, 403}, kAll404},
      {"POST /api/v1/cases/{id}/events officer_assigned",
       [db](C& c, U, bool in) {
         const std::string id = in ? "HN-2" : "HCM-1";
         return c.post_json("/api/v1/cases/" + id + "/events",
                            {{"expected_version", version_of(db, id)},
                             {"event", {{"type", "officer_assigned"}, {"date", "2025-06-01"}, {"officer", in ? "HN-CHV-2" : "HCM-CHV-1"}}}});
       },
       Row{403, 403, 201, 403, 403, 403, 403}, kAll404},
      {"POST /cases/{id}/events",
       [db](C& c, U, bool in) {
         return c.post_form("/cases/" + case_in(in) + "/events",
                            {{"type", "coercion_executed"}, {"date", "2025-06-01"}, {"measure", "kê biên"},
                             {"expected_version", std::to_string(version_of(db, case_in(in)))}});
       },
       Row{303, 303, 303, 403, 403, 403, 403}, kAll404, true, true},
      {"GET /api/v1/cases?q=", [](C& c, U, bool) { return c.get("/api/v1/cases?q=binh"); }, kReaders, {}, false},
      {"GET /search", [](C& c, U, bool) { return c.get("/search?q=binh"); }, kReaders, {}, false, true},
      {"GET /cases (list)", [](C& c, U, bool in) { return c.get("/cases?agency=" + agency_in(in) + "&age=lt1"); },
       kReaders, kAll404, true, true},
      {"POST /api/v1/cases (intake)", [](C& c, U, bool in) { return c.post_json("/api/v1/cases", intake(in)); },
       Row{403, 201, 201, 403, 403, 403, 403}, kAll404},
      {"GET /intake", [](C& c, U, bool) { return c.get("/intake"); }, Row{403, 200, 200, 403, 403, 403, 403}, {}, false, true},
      {"POST /intake",
       [](C& c, U, bool in) {
         return c.post_form("/intake", {{"agency", agency_in(in)}, {"date", "2025-06-02"}, {"mode", "proactive"},
                                        {"judgment_kind", "criminal"}, {"judgment_number", "2/2025/HS-ST"},
                                        {"judgment_court", "TAND"}, {"judgment_date", "2025-04-01"},
                                        {"judgment_effective_date", "2025-05-01"}, {"debtor_name", "Đỗ Văn Long"},
                                        {"debtor_kind", "person"}, {"creditor_name", "Nhà nước"}, {"creditor_kind", "state"},
                                        {"obligation_category_1", "fine"}, {"obligation_amount_1", "1.000.000"}});
       },
       Row{403, 303, 303, 403, 403, 403, 403}, kAll404, true, true},
      {"GET /api/v1/reports/cases",
       [](C& c, U, bool in) { return c.get("/api/v1/reports/cases?from=2024-10-01&to=2025-09-30&agency=" + agency_in(in)); },
       Row{200, 200, 200, 200, 200, 200, 403}, kAll404},
      {"GET /reports",
       [](C& c, U, bool in) { return c.get("/reports?form=money&from=2024-10-01&to=2025-09-30&agency=" + agency_in(in)); },
       Row{200, 200, 200, 200, 200, 200, 403}, kAll404, true, true},
      {"GET /api/v1/dashboard", [](C& c, U, bool in) { return c.get("/api/v1/dashboard?fy=2025&agency=" + agency_in(in)); },
       Row{403, 403, 200, 200, 200, 200, 403}, kAll404},
      {"GET /dashboard", [](C& c, U, bool in) { return c.get("/dashboard?fy=2025&agency=" + agency_in(in)); },
       Row{403, 403, 200, 200, 200, 200, 403}, kAll404, true, true},
      {"GET /api/v1/deadlines", [](C& c, U, bool in) { return c.get("/api/v1/deadlines?agency=" + agency_in(in)); },
       kReaders, Row{404, 404, 404, 404, 404, 403, 403}},
      {"GET /queue", [](C& c, U, bool) { return c.get("/queue"); }, kReaders, {}, false, true},
      {"GET /cases", [](C& c, U, bool in) { return c.get("/cases?agency=" + agency_in(in)); }, kReaders, kAll404, true, true},
      {"GET /my-cases", [](C& c, U, bool) { return c.get("/my-cases"); }, Row{200, 403, 403, 403, 403, 403, 403}, {},
       false, true},
      {"GET /workload", [](C& c, U, bool in) { return c.get("/workload?agency=" + agency_in(in)); },
       Row{403, 403, 200, 200, 200, 403, 403}, kAll404, true, true},
      {"GET /api/v1/officers", [](C& c, U, bool in) { return c.get("/api/v1/officers?agency=" + agency_in(in)); },
       kReaders, kAll404},
      {"GET /api/v1/users", [](C& c, U, bool) { return c.get("/api/v1/users"); }, Row{403, 403, 403, 403, 403, 403, 200}, {}, false},
      {"POST /api/v1/users",
       [](C& c, U u, bool in) {
         static int n = 0;
         return c.post_json("/api/v1/users", {{"login", "new" + std::to_string(++n)}, {"role", "clerk"},
                                              {"agency", in ? std::string(u.agency) : "HCM"}, {"password", kPassword}});
       },
       Row{403, 403, 403, 403, 403, 403, 201}, kAll404},
      {"GET /admin/users", [](C& c, U, bool) { return c.get("/admin/users"); }, Row{403, 403, 403, 403, 403, 403, 200}, {}, false, true},
      {"GET /api/v1/session", [](C& c, U, bool) { return c.get("/api/v1/session"); }, Row{200, 200, 200, 200, 200, 200, 200}, {}, false},
      {"GET /password", [](C& c, U, bool) { return c.get("/password"); }, Row{200, 200, 200, 200, 200, 200, 200}, {}, false, true},
      {"GET /api/v1/public/unable-debtors", [](C& c, U, bool) { return c.get("/api/v1/public/unable-debtors"); },
       Row{200, 200, 200, 200, 200, 200, 200}, {}, false},
      {"GET /public/unable-debtors", [](C& c, U, bool) { return c.get("/public/unable-debtors"); },
       Row{200, 200, 200, 200, 200, 200, 200}, {}, false, true},
  };
}

TEST_F(HttpAuthorization, EveryRoleAgainstEveryEndpointInsideAndOutsideItsSubtree) {
  const auto& users = web_users();
  const auto all = probes(server_->db());
  for (size_t r = 0; r < users.size(); ++r) {
    Client c = server_->client();
    ASSERT_EQ(c.login(users[r].login), 200) << users[r].login;
    for (const Probe& p : all) {
      for (bool inside : {true, false}) {
        if (!inside && !p.scoped) continue;
        const int want = inside ? p.inside[r] : p.outside[r];
        const HttpResponse res = p.call(c, users[r], inside);
        EXPECT_EQ(res.status, want) << users[r].role << " " << p.name << (inside ? " inside" : " outside") << ": "
                                    << res.body.substr(0, 300);
      }
    }
  }
}

TEST_F(HttpAuthorization, WithoutASessionTheApiSays401AndPagesGoToLogin) {
  Client anon = server_->client();
  const TestUser nobody{"nobody", "officer", "HN", ""};
  for (const Probe& p : probes(server_->db())) {
    if (p.name.find("public") != std::string::npos) continue;
    const HttpResponse res = p.call(anon, nobody, true);
    if (p.name == "GET /intake" || p.name == "POST /intake") {
      EXPECT_EQ(res.status, 303) << p.name;
      continue;
    }
    if (p.page) {
      EXPECT_EQ(res.status, 303) << p.name;
      EXPECT_EQ(res.header("location").rfind("/login", 0), 0u) << p.name;
    } else {
      EXPECT_EQ(res.status, 401) << p.name << ": " << res.body;
    }
  }
}

TEST_F(HttpAuthorization, OutsideAnswersAreIndistinguishableFromUnknown) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  EXPECT_EQ(c.get("/cases/HCM-1").body, c.get("/cases/NO-SUCH").body);
  EXPECT_EQ(c.get("/api/v1/cases/HCM-1/deadlines").body, c.get("/api/v1/cases/NO-SUCH/deadlines").body);
  const auto v = version_of(server_->db(), "HCM-1");
  EXPECT_EQ(c.post_json("/api/v1/cases/HCM-1/events", coercion(v)).body,
            c.post_json("/api/v1/cases/NO-SUCH/events", coercion(0)).body);
}

}  // namespace
}  // namespace thads::testing
