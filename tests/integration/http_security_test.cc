// Security of the web layer: CSRF on every write authenticated by cookie,
// output escaping, session expiry, logout, password change, login throttling.
#include <gtest/gtest.h>

#include "http_test_support.h"

namespace thads::testing {
namespace {

nlohmann::json coercion(int64_t v) {
  return {{"expected_version", v}, {"event", {{"type", "coercion_executed"}, {"date", "2025-06-01"}, {"measure", "kê biên"}}}};
}

int64_t version_of(const TestServer& s, const std::string& id) { return Store::open(s.db())->version_of(id); }

TEST(HttpSecurity, ApiWritesNeedTheCsrfHeader) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("head1"), 200);
  const std::string good = c.csrf;
  c.csrf = "";
  auto none = c.post_json("/api/v1/cases/HN-1/events", coercion(version_of(server, "HN-1")));
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.json()["error"]["code"], "csrf");
  c.csrf = std::string(64, 'a');
  EXPECT_EQ(c.post_json("/api/v1/cases/HN-1/events", coercion(version_of(server, "HN-1"))).status, 403);
  EXPECT_EQ(c.del("/api/v1/session").status, 403);  // logout is a write too
  c.csrf = good;
  EXPECT_EQ(c.post_json("/api/v1/cases/HN-1/events", coercion(version_of(server, "HN-1"))).status, 201);
}

TEST(HttpSecurity, FormPostsNeedTheCsrfField) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("head1"), 200);
  const std::map<std::string, std::string> form{{"type", "notified"}, {"date", "2025-01-06"},
                                                {"expected_version", std::to_string(version_of(server, "HN-2"))}};
  auto r = c.post_form("/cases/HN-2/events", form, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF"), std::string::npos);
  EXPECT_EQ(version_of(server, "HN-2"), 2);  // nothing recorded
  auto other = form;
  other["csrf"] = "0123";
  EXPECT_EQ(c.post_form("/cases/HN-2/events", other, false).status, 403);
  EXPECT_EQ(c.post_form("/cases/HN-2/events", form).status, 303);
  EXPECT_EQ(version_of(server, "HN-2"), 3);
  // Logging out through the page is a write: no csrf, no logout.
  EXPECT_EQ(c.post_form("/logout", {}, false).status, 403);
  EXPECT_EQ(c.get("/api/v1/session").status, 200);
}

TEST(HttpSecurity, LoginFormNeedsItsOwnToken) {
  TestServer server;
  Client c = server.client();
  // Without first loading the form (no login cookie): refused.
  auto r = c.post_form("/login", {{"login", "head1"}, {"password", kPassword}, {"login_csrf", "x"}}, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(c.cookies.count("thads_session"), 0u);
  // The JSON login refuses a form body (a cross-site form cannot log anyone in).
  auto form_login = c.post_form("/api/v1/session", {{"login", "head1"}, {"password", kPassword}}, false);
  EXPECT_EQ(form_login.status, 415);
}

TEST(HttpSecurity, PartyNamesAreEscapedOnEveryPage) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("head1"), 200);
  for (const std::string page : {"/cases/HN-2", "/search?q=script", "/cases?agency=HN-KV1&officer=HN-CHV-2"}) {
    auto r = c.get(page);
    ASSERT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos) << page;
    EXPECT_EQ(r.body.find("<b>Hà Nội</b>"), std::string::npos) << page;
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << page;
  }
  // The API keeps the name as data; JSON is not HTML.
  EXPECT_EQ(c.get("/api/v1/cases/HN-2").json()["debtor"]["name"], "<script>alert(1)</script>");
  EXPECT_EQ(c.get("/api/v1/cases/HN-2").header("content-type"), "application/json");
  EXPECT_EQ(c.get("/cases/HN-2").header("x-content-type-options"), "nosniff");
  EXPECT_NE(c.get("/cases/HN-2").header("content-security-policy").find("script-src 'self'"), std::string::npos);
}

TEST(HttpSecurity, SessionsExpireWhenIdleAndAfterTheAbsoluteLimit) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("clerk1"), 200);
  server.advance(29 * 60);
  EXPECT_EQ(c.get("/api/v1/cases/HN-1").status, 200);  // used: idle time starts again
  server.advance(29 * 60);
  EXPECT_EQ(c.get("/api/v1/cases/HN-1").status, 200);
  server.advance(31 * 60);
  auto idle = c.get("/api/v1/cases/HN-1");
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(c.get("/queue").status, 303);  // the page sends the user to log in

  Client d = server.client();
  ASSERT_EQ(d.login("clerk1"), 200);
  for (int i = 0; i < 25; ++i) {  // 25 × 29 min > 12 h, never idle for long
    server.advance(29 * 60);
    if (d.get("/api/v1/session").status != 200) break;
  }
  EXPECT_EQ(d.get("/api/v1/session").status, 401);
}

TEST(HttpSecurity, LogoutEndsTheSession) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("clerk1"), 200);
  const auto cookie = c.cookies;
  EXPECT_EQ(c.del("/api/v1/session").status, 200);
  EXPECT_EQ(c.cookies.count("thads_session"), 0u);
  Client replay = server.client();
  replay.cookies = cookie;  // the old token is dead on the server too
  EXPECT_EQ(replay.get("/api/v1/session").status, 401);
}

TEST(HttpSecurity, PasswordChangeKeepsThisSessionAndEndsTheOthers) {
  TestServer server;
  Client a = server.client(), b = server.client();
  ASSERT_EQ(a.login("procuracy1"), 200);
  ASSERT_EQ(b.login("procuracy1"), 200);
  EXPECT_EQ(a.put_json("/api/v1/session/password", {{"old_password", "wrong-one"}, {"new_password", "mat-khau-moi-2"}}).status, 401);
  EXPECT_EQ(a.put_json("/api/v1/session/password", {{"old_password", kPassword}, {"new_password", "short"}}).status, 422);
  EXPECT_EQ(a.put_json("/api/v1/session/password", {{"old_password", kPassword}, {"new_password", "mat-khau-moi-2"}}).status, 200);
  EXPECT_EQ(a.get("/api/v1/session").status, 200);
  EXPECT_EQ(b.get("/api/v1/session").status, 401);
  Client c = server.client();
  EXPECT_EQ(c.login("procuracy1"), 401);
  EXPECT_EQ(c.login("procuracy1", "mat-khau-moi-2"), 200);
  // The change is in the audit chain, without the hash.
  auto store = Store::open(server.db());
  int changes = 0;
  store->for_each_entry([&](const JournalEntry& e) {
    if (e.kind != "user" || e.stream != "procuracy1") return;
    EXPECT_EQ(e.body.find("argon2"), std::string::npos);
    if (e.body.find("password_changed") != std::string::npos) ++changes;
  });
  EXPECT_EQ(changes, 1);
  EXPECT_TRUE(store->verify_audit().ok);
}

TEST(HttpSecurity, FiveFailuresLockTheLoginForFifteenMinutes) {
  TestServer server;
  Client c = server.client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("officer1", "wrong-password"), 401);
  auto locked = c.post_json("/api/v1/session", {{"login", "officer1"}, {"password", kPassword}}, false);
  EXPECT_EQ(locked.status, 429);  // even the right password
  EXPECT_FALSE(locked.header("retry-after").empty());
  EXPECT_EQ(c.login("clerk1"), 200);  // other logins are not locked
  server.advance(14 * 60);
  EXPECT_EQ(c.login("officer1"), 429);
  server.advance(2 * 60);
  EXPECT_EQ(c.login("officer1"), 200);
}

TEST(HttpSecurity, ManyFailuresFromOneAddressLockThatAddress) {
  http::ServerConfig cfg;
  cfg.policy.max_address_failures = 3;  // 20 by default
  TestServer server(web_seed(), cfg);
  Client c = server.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.login("nobody" + std::to_string(i), "wrong-password"), 401);
  EXPECT_EQ(c.login("head1"), 429);  // every login from this address
  server.advance(16 * 60);
  EXPECT_EQ(c.login("head1"), 200);
}

}  // namespace
}  // namespace thads::testing
