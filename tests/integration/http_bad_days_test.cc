// Bad days for the web layer (issue 12): bodies nested without end, request
// smuggling, oversized requests, pipelining, open redirects and header
// injection, strict content types, cache and security headers, /metrics,
// the login throttle under concurrency, officers assigned across provinces.
#include <gtest/gtest.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>

#include <thread>
#include <vector>

#include "domain/json_limits.h"
#include "http/server.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

// Sends `bytes` as they are on a new connection and returns everything the
// server writes back until it closes the connection or is silent for 3 s.
std::string raw_exchange(uint16_t port, const std::string& bytes, bool half_close = false) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

int status_of(const std::string& raw) { return raw.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(raw.substr(9, 3)) : 0; }

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

class HttpBadDays : public SharedServerSuite<HttpBadDays> {};

TEST_F(HttpBadDays, DeeplyNestedBodiesAreRefusedAndTheServerLives) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  // 140 KB of nesting, alone or inside an event (whose fields were dumped
  // recursively: SIGSEGV).
  const std::string deep = std::string(70'000, '[') + std::string(70'000, ']');
  const std::string in_event = R"({"expected_version":3,"event":{"type":"notified","date":"2025-01-01","x":)" + deep + "}}";
  for (const auto& [target, body] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/cases/HN-1/events", deep}, {"/api/v1/cases", deep}, {"/api/v1/cases/HN-1/events", in_event},
           {"/api/v1/cases", R"({"event":{"x":)" + deep + "}}"}}) {
    auto r = http_request(server_->port(), "POST", target, body,
                          {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf},
                           {"Cookie", "thads_session=" + c.cookies["thads_session"]}});
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["error"]["code"], "json_too_deep") << target;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(std::to_string(kMaxJsonDepth)), std::string::npos);
  }
  EXPECT_EQ(c.get("/health").status, 200);  // still serving
}

TEST_F(HttpBadDays, OversizedRequestsAreAnsweredNotJustClosed) {
  const uint16_t port = server_->port();
  // A body over the limit: 413 as soon as its length is known.
  const std::string big_body = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                               "Content-Length: " + std::to_string(http::kMaxBodyBytes + 1) + "\r\n\r\n{";
  EXPECT_EQ(status_of(raw_exchange(port, big_body)), 413);
  // A target over the limit: 414.
  const std::string long_url = "GET /search?q=" + std::string(http::kMaxUrlBytes + 10, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(port, long_url)), 414);
  // Too many header fields, one too long, or a header section past 80 KiB: 431.
  std::string many = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (size_t i = 0; i <= http::kMaxHeaderFields; ++i) many += "X-F" + std::to_string(i) + ": 1\r\n";
  EXPECT_EQ(status_of(raw_exchange(port, many + "\r\n")), 431);
  EXPECT_EQ(status_of(raw_exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Long: " +
                                             std::string(http::kMaxHeaderValueBytes + 1, 'v') + "\r\n\r\n")),
            431);
  std::string huge = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 20; ++i) huge += "X-H" + std::to_string(i) + ": " + std::string(5000, 'h') + "\r\n";
  EXPECT_EQ(status_of(raw_exchange(port, huge + "\r\n")), 431);
  // The answer says why, as JSON with a stable code.
  const std::string r = raw_exchange(port, long_url);
  EXPECT_NE(r.find(R"("code":"uri_too_long")"), std::string::npos) << r;
  EXPECT_EQ(server_->client().get("/health").status, 200);
}

TEST_F(HttpBadDays, SmugglingAttemptsAreRefusedWith400) {
  const uint16_t port = server_->port();
  const std::string cl_te = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string r1 = raw_exchange(port, cl_te);
  EXPECT_EQ(status_of(r1), 400) << r1.substr(0, 200);
  EXPECT_EQ(count(r1, "HTTP/1.1 "), 1u);  // the smuggled request is not served
  const std::string two_lengths = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}";
  EXPECT_EQ(status_of(raw_exchange(port, two_lengths)), 400);
  EXPECT_EQ(status_of(raw_exchange(port, "GARBAGE\r\n\r\n")), 400);
}

TEST_F(HttpBadDays, EveryPipelinedRequestIsAnswered) {
  std::string requests;
  for (int i = 0; i < 40; ++i) requests += "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  requests += "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string r = raw_exchange(server_->port(), requests);
  EXPECT_EQ(count(r, "HTTP/1.1 200 OK"), 41u);
}

TEST_F(HttpBadDays, NextIsOnlyEverALocalPath) {
  Client c = server_->client();
  auto form = c.get("/login");
  const std::string body = form.body;
  const size_t at = body.find("name=\"login_csrf\" value=\"");
  ASSERT_NE(at, std::string::npos);
  const std::string token = body.substr(at + 25, body.find('"', at + 25) - at - 25);
  auto login_to = [&](const std::string& next) {
    return c.post_form("/login", {{"login", "clerk1"}, {"password", kPassword}, {"login_csrf", token}, {"next", next}},
                       false);
  };
  for (const std::string bad : {"//evil.example", "/\\evil.example", "/\t/evil.example", "/\r\nSet-Cookie: x=1",
                                "https://evil.example/", "/ /evil.example", "evil.example"}) {
    auto r = login_to(bad);
    ASSERT_EQ(r.status, 303) << bad;
    EXPECT_EQ(r.header("location"), "/queue") << bad;  // the home of a clerk, not `next`
    EXPECT_EQ(r.headers.count("set-cookie"), 1u) << bad;  // the session only, nothing injected
  }
  EXPECT_EQ(login_to("/cases/HN-1?tab=events").header("location"), "/cases/HN-1?tab=events");
  // Signed in already: GET /login?next=… redirects, and the same rule holds.
  EXPECT_EQ(c.get("/login?next=%2F%09%2Fevil.example").header("location"), "/");
  const auto injected = c.get("/login?next=%2Fx%0d%0aSet-Cookie:%20evil=1");
  EXPECT_EQ(injected.header("location"), "/");
  for (auto [it, end] = injected.headers.equal_range("set-cookie"); it != end; ++it)
    EXPECT_EQ(it->second.find("evil"), std::string::npos);
}

TEST_F(HttpBadDays, JsonMeansApplicationJsonExactly) {
  Client c = server_->client();
  for (const std::string type : {"application/jsonfoo", "application/json-patch+json", "text/plain", "application/jso"}) {
    auto r = http_request(server_->port(), "POST", "/api/v1/session",
                          nlohmann::json{{"login", "clerk1"}, {"password", kPassword}}.dump(), {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type;
  }
  for (const std::string type : {"application/json", "application/json; charset=utf-8", "Application/JSON"}) {
    auto r = http_request(server_->port(), "POST", "/api/v1/session",
                          nlohmann::json{{"login", "clerk1"}, {"password", kPassword}}.dump(), {{"Content-Type", type}});
    EXPECT_EQ(r.status, 200) << type;
  }
}

// A query string or form body that cannot be decoded (a bad %-escape,
// bytes that are not UTF-8) is refused with 400, never served as if it had
// asked for nothing: `?before=%ff` used to answer the first page, 200.
TEST_F(HttpBadDays, AnUndecodableQueryOrFormIsRefusedNotIgnored) {
  Client anyone = server_->client();
  for (const std::string target : {"/api/v1/audit/checkpoints?before=%ff", "/api/v1/audit/checkpoints?before=%zz",
                                   "/api/v1/audit/checkpoints?limit=%", "/api/v1/audit/checkpoints?x=%c3%28",
                                   "/health?x=%ff", "/api/v1/public/unable-debtors?q=%e1%ba"}) {
    auto r = anyone.get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["error"]["code"], "bad_field") << target;
  }
  EXPECT_EQ(anyone.get("/api/v1/audit/checkpoints?limit=2").status, 200);
  EXPECT_EQ(anyone.get("/api/v1/audit/checkpoints?x=%c3%a0").status, 200);  // "à": valid UTF-8
  auto page = anyone.get("/kiem-chung?before=%ff");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("không đọc được"), std::string::npos);

  Client officer = server_->client();
  ASSERT_EQ(officer.login("officer1"), 200);
  EXPECT_EQ(officer.get("/api/v1/cases?q=%ff").status, 400);
  EXPECT_EQ(officer.get("/cases?q=%ff").status, 400);
  const auto before = officer.get("/api/v1/cases/HN-1").json();
  // A form whose body cannot be decoded writes nothing (it used to read as
  // an empty form, and failed the CSRF check instead).
  auto bad = http_request(server_->port(), "POST", "/cases/HN-1/events",
                          "csrf=" + officer.csrf + "&type=notified&date=2025-01-10&note=%ff&expected_version=" +
                              std::to_string(before["version"].get<int64_t>()),
                          {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Cookie", "thads_session=" + officer.cookies["thads_session"]}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("không đọc được"), std::string::npos);
  EXPECT_EQ(officer.get("/api/v1/cases/HN-1").json()["version"], before["version"]);
  EXPECT_EQ(http_request(server_->port(), "POST", "/login", "login=%ff&password=x",
                         {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status,
            400);
}

TEST_F(HttpBadDays, EveryAnswerCarriesTheSecurityHeaders) {
  Client c = server_->client();
  ASSERT_EQ(c.login("clerk1"), 200);
  for (const std::string target : {"/login", "/api/v1/cases/HN-1", "/health", "/no/such/route", "/cases/HN-1",
                                   "/api/v1/public/unable-debtors", "/static/thads.css"}) {
    auto r = c.get(target);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
    EXPECT_FALSE(r.header("referrer-policy").empty()) << target;
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << target;
  }
  // Nothing a signed-in user sees, nor the login form, may be stored.
  EXPECT_EQ(c.get("/cases/HN-1").header("cache-control"), "no-store");
  EXPECT_EQ(c.get("/api/v1/cases/HN-1").header("cache-control"), "no-store");
  EXPECT_EQ(server_->client().get("/login").header("cache-control"), "no-store");
}

TEST_F(HttpBadDays, MetricsAreForAdministratorsOnly) {
  EXPECT_EQ(server_->client().get("/metrics").status, 401);
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  EXPECT_EQ(head.get("/metrics").status, 403);
  Client admin = server_->client();
  ASSERT_EQ(admin.login("admin1"), 200);
  auto m = admin.get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("thads_http_requests_total"), std::string::npos);
}

TEST_F(HttpBadDays, OnlyOfficersOfTheCaseAgencyCanBeAssigned) {
  Client c = server_->client();
  ASSERT_EQ(c.login("head1"), 200);
  auto assign = [&](const std::string& officer) {
    const int64_t v = c.get("/api/v1/cases/HN-2").json()["version"].get<int64_t>();
    return c.post_json("/api/v1/cases/HN-2/events",
                       {{"expected_version", v},
                        {"event", {{"type", "officer_assigned"}, {"date", "2025-06-01"}, {"officer", officer}}}});
  };
  auto unknown = assign("NO-SUCH-CHV");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()["error"]["code"], "unknown_officer");
  auto other_province = assign("HCM-CHV-1");
  EXPECT_EQ(other_province.status, 422);
  EXPECT_EQ(other_province.json()["error"]["code"], "officer_outside_agency");
  EXPECT_FALSE(other_province.json()["error"]["message_vi"].get<std::string>().empty());
  EXPECT_EQ(c.get("/api/v1/cases/HN-2").json()["officer"], "HN-CHV-2");  // unchanged
  EXPECT_EQ(assign("HN-CHV-1").status, 201);
  // Opening a case with an officer of another province: refused, nothing opened.
  nlohmann::json ev{{"agency", "HN-KV1"}, {"mode", "proactive"}, {"judgment_kind", "civil"},
                    {"judgment", {{"number", "5/2025/DS-ST"}, {"court", "TAND"}, {"date", "2025-03-01"}, {"effective_date", "2025-04-01"}}},
                    {"debtor", {{"name", "Đỗ Văn Phúc"}, {"kind", "person"}}},
                    {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
                    {"obligations", {{{"category", "court_fee"}, {"amount", 1000000}}}}};
  auto open = c.post_json("/api/v1/cases", {{"event", ev}, {"officer", "HCM-CHV-1"}});
  EXPECT_EQ(open.json()["error"]["code"], "officer_outside_agency") << open.body;
  // The opening and the assignment are one transaction: no case of this
  // debtor was left opened without its officer.
  auto found = c.get("/api/v1/cases?q=%C4%90%E1%BB%97%20V%C4%83n%20Ph%C3%BAc");
  ASSERT_EQ(found.status, 200);
  EXPECT_TRUE(found.json()["items"].empty()) << found.body;
  // With an officer of the agency, the same request opens the case, assigned.
  auto ok = c.post_json("/api/v1/cases", {{"event", ev}, {"officer", "HN-CHV-1"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["version"], 2);
  EXPECT_EQ(c.get("/api/v1/cases/" + ok.json()["id"].get<std::string>()).json()["officer"], "HN-CHV-1");
}

// A case command checks the actor's rights itself, inside its transaction:
// an officer records only on the cases assigned to them, whatever the
// handler in front of it (app/case_commands.h).
TEST_F(HttpBadDays, AnOfficerRecordsOnlyOnTheirOwnCasesAndCannotOpenOneThroughTheEvents) {
  Client officer = server_->client();
  ASSERT_EQ(officer.login("officer1"), 200);
  auto mine = officer.get("/api/v1/cases/HN-1").json();
  const std::string my_officer = mine["officer"].get<std::string>();
  Client head = server_->client();
  ASSERT_EQ(head.login("head1"), 200);
  // HN-2, of the same agency, assigned to another officer (the head makes
  // sure of it: other tests of this suite move it).
  auto before = head.get("/api/v1/cases/HN-2").json();
  if (before["officer"] == my_officer) {
    ASSERT_EQ(head.post_json("/api/v1/cases/HN-2/events",
                             {{"expected_version", before["version"]},
                              {"event", {{"type", "officer_assigned"}, {"date", "2025-06-02"}, {"officer", "HN-CHV-2"}}}})
                  .status,
              201);
  }
  // Readable by the officer, not writable.
  auto other = officer.get("/api/v1/cases/HN-2").json();
  ASSERT_NE(other["officer"], my_officer);
  auto refused = officer.post_json("/api/v1/cases/HN-2/events",
                                   {{"expected_version", other["version"]},
                                    {"event", {{"type", "verified"}, {"date", "2025-06-02"}, {"result", "able"}}}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(officer.get("/api/v1/cases/HN-2").json()["version"], other["version"]);  // nothing written
  // No case can be opened by posting a case_opened to an unknown case's events.
  auto forged = head.post_json("/api/v1/cases/HN-FORGED-1/events",
                               {{"expected_version", 0},
                                {"event", {{"type", "case_opened"}, {"date", "2025-06-02"}, {"agency", "HN-KV1"}}}});
  EXPECT_EQ(forged.status, 404) << forged.body;
  EXPECT_EQ(head.get("/api/v1/cases/HN-FORGED-1").status, 404);
}

TEST(HttpBadDaysAlone, ParallelWrongPasswordsNeverLetTheRightOneIn) {
  TestServer server;
  std::vector<std::thread> threads;
  std::atomic<int> checked{0};
  for (int i = 0; i < 62; ++i)
    threads.emplace_back([&, i] {
      Client c = server.client();
      if (c.login("officer1", "wrong-password-" + std::to_string(i)) == 401) ++checked;
    });
  for (auto& t : threads) t.join();
  // At most the limit of attempts were ever checked; every other one found the lock.
  EXPECT_LE(checked.load(), SessionPolicy{}.max_login_failures);
  Client c = server.client();
  EXPECT_EQ(c.login("officer1"), 429);
  // The lock grows with each lockout: 15 minutes, then 30.
  server.advance(16 * 60);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("officer1", "wrong-password"), 401);
  EXPECT_EQ(c.login("officer1"), 429);
  server.advance(16 * 60);
  EXPECT_EQ(c.login("officer1"), 429);
  server.advance(15 * 60);
  EXPECT_EQ(c.login("officer1"), 200);
}

// Behind a reverse proxy every connection comes from the proxy: the login
// throttle per client address must count the client the proxy names, or one
// office's typos would lock out every user (and a client must not name
// itself to slip the throttle when no proxy is trusted).
TEST(HttpBadDaysAlone, BehindATrustedProxyTheThrottleCountsTheForwardedClient) {
  const int limit = SessionPolicy{}.max_address_failures;
  const auto login_from = [](TestServer& s, const std::string& from, const std::string& login,
                             const std::string& password) {
    return http_request(s.port(), "POST", "/api/v1/session",
                        nlohmann::json{{"login", login}, {"password", password}}.dump(),
                        {{"Content-Type", "application/json"}, {"X-Forwarded-For", from}})
        .status;
  };
  {
    http::ServerConfig cfg;
    cfg.trusted_proxies = {"127.0.0.1"};
    TestServer server(web_seed(), cfg);
    for (int i = 0; i < limit; ++i)
      EXPECT_EQ(login_from(server, "203.0.113.7", "nobody" + std::to_string(i), "wrong-password"), 401);
    EXPECT_EQ(login_from(server, "203.0.113.7", "head1", kPassword), 429);  // that address is throttled
    EXPECT_EQ(login_from(server, "203.0.113.8", "head1", kPassword), 200);  // another client is not
    // The proxy's own X-Forwarded-For line after the client's: one list (RFC 9110 §5.3).
    const std::string body = nlohmann::json{{"login", "head1"}, {"password", kPassword}}.dump();
    const std::string two_lines = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 127.0.0.1\r\nConnection: close\r\n"
                                  "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    EXPECT_EQ(status_of(raw_exchange(server.port(), two_lines)), 429);
  }
  {
    TestServer server;  // no proxy trusted: the header is the client's own word, ignored
    for (int i = 0; i < limit; ++i)
      EXPECT_EQ(login_from(server, "203.0.113." + std::to_string(i), "nobody" + std::to_string(i), "wrong-password"),
                401);
    EXPECT_EQ(login_from(server, "198.51.100.1", "head1", kPassword), 429);
  }
}

// --- `thads serve` ---

std::string output_of(const std::string& cmd, int* rc) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  *rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

TEST(HttpBadDaysServe, ABusyPortIsSaidAndExits2) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string port = std::to_string(ntohs(addr.sin_port));
  int rc = -1;
  const std::string out =
      output_of(std::string(THADS_BINARY) + " serve --quiet --db " + temp_dir() + "/p.db --listen 127.0.0.1:" + port, &rc);
  ::close(fd);
  EXPECT_EQ(rc, 2) << out;  // not 134 (SIGABRT: a thread destroyed while joinable)
  EXPECT_NE(out.find("port " + port + " is in use"), std::string::npos) << out;
}

TEST(HttpBadDaysServe, IdleTimeoutIsCountedInSeconds) {
  const std::string dir = temp_dir(), db = dir + "/idle.db", seed = dir + "/seed.jsonl";
  {
    std::ofstream out(seed);
    out << web_seed();
  }
  const std::string thads = THADS_BINARY;
  int rc = -1;
  output_of(thads + " import --db " + db + " " + seed + " >/dev/null", &rc);
  ASSERT_EQ(rc, 0);
  output_of("printf '%s\\n' '" + std::string(kPassword) + "' | " + thads + " user add --db " + db +
                " --login clerk1 --role clerk --agency HN-KV1",
            &rc);
  ASSERT_EQ(rc, 0);
  const uint16_t port = free_port();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    ::execl(THADS_BINARY, THADS_BINARY, "serve", "--quiet", "--db", db.c_str(), "--listen", listen.c_str(),
            "--idle-seconds", "3", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  Client c(port);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    try {
      status = c.login("clerk1");
    } catch (const std::exception&) {
    }
  }
  EXPECT_EQ(status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(c.get("/api/v1/session").status, 200);  // used within 3 s: still valid
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  EXPECT_EQ(c.get("/api/v1/session").status, 401);  // idle for more than 3 s
  ::kill(pid, SIGTERM);
  ::waitpid(pid, &status, 0);
}

}  // namespace
}  // namespace thads::testing
