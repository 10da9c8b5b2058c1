// SessionCache: a session the server trusts without reading the store ends
// at once when this process changes accounts, within the recheck time when
// another process does, and at its own time limits whatever the cache holds.
#include <gtest/gtest.h>

#include <thread>

#include "http/session_cache.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

using http::SessionCache;

SessionInfo session_at(int64_t created, int64_t last_seen) {
  SessionInfo s;
  s.user.login = "officer1";
  s.user.active = true;
  s.csrf = "c";
  s.created_at = created;
  s.last_seen = last_seen;
  return s;
}

TEST(SessionCache, TrustsAKeptSessionOnlyUnderTheSameAccountsGeneration) {
  SessionCache cache(60);
  const SessionPolicy p;
  const int64_t now = 1'750'000'000;
  cache.keep("t1", session_at(now - 100, now - 10), accounts_generation());
  ASSERT_TRUE(cache.find("t1", now, p));
  EXPECT_EQ(cache.find("t1", now, p)->user.login, "officer1");
  EXPECT_FALSE(cache.find("t2", now, p));
  // Read before a change this process made since: not trusted.
  cache.keep("t3", session_at(now - 100, now - 10), accounts_generation() - 1);
  EXPECT_FALSE(cache.find("t3", now, p));
}

TEST(SessionCache, TimeLimitsAndTheTouchIntervalSendTheRequestToTheStore) {
  SessionCache cache(60);
  SessionPolicy p;
  const int64_t now = 1'750'000'000;
  cache.keep("touch", session_at(now - 100, now - p.touch_interval_seconds), accounts_generation());
  EXPECT_FALSE(cache.find("touch", now, p));  // its use is recorded again
  p.touch_interval_seconds = 10'000;
  cache.keep("idle", session_at(now - 100, now - p.idle_seconds - 1), accounts_generation());
  EXPECT_FALSE(cache.find("idle", now, p));
  cache.keep("old", session_at(now - p.absolute_seconds - 1, now - 5), accounts_generation());
  EXPECT_FALSE(cache.find("old", now, p));
  SessionCache off(0);
  off.keep("t", session_at(now - 100, now - 10), accounts_generation());
  EXPECT_FALSE(off.find("t", now, p));
  SessionCache brief(0.05);
  brief.keep("t", session_at(now - 100, now - 10), accounts_generation());
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  EXPECT_FALSE(brief.find("t", now, p));
}

TEST(SessionCache, TheServerEndsSessionsAtOnceOrWithinTheRecheck) {
  TestServer server;  // session_recheck_seconds: the default, 1 s
  Client a = server.client(), b = server.client(), c = server.client();
  ASSERT_EQ(a.login("officer1"), 200);
  ASSERT_EQ(b.login("officer1"), 200);
  ASSERT_EQ(c.login("head1"), 200);
  for (Client* x : {&a, &b, &c}) ASSERT_EQ(x->get("/api/v1/cases/HN-1").status, 200);
  // A password change through the server ends the other sessions at once.
  ASSERT_EQ(a.put_json("/api/v1/session/password", {{"old_password", kPassword}, {"new_password", "mat-khau-moi-2026"}})
                .status,
            200);
  EXPECT_EQ(b.get("/api/v1/cases/HN-1").status, 401);
  EXPECT_EQ(a.get("/api/v1/cases/HN-1").status, 200);
  // Logging out too.
  const auto cookies = a.cookies;
  ASSERT_EQ(a.del("/api/v1/session").status, 200);
  Client replay = server.client();
  replay.cookies = cookies;
  EXPECT_EQ(replay.get("/api/v1/cases/HN-1").status, 401);
  // Another process deactivates head1 (no change this process sees): the
  // server stops trusting the session within its recheck time.
  {
    auto other = Store::open(server.db());
    other->db().run("UPDATE users SET active = 0 WHERE login = ?", {std::string("head1")});
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(c.get("/api/v1/cases/HN-1").status, 401);
  // And a session idle past its limit ends whatever the cache holds.
  Client d = server.client();
  ASSERT_EQ(d.login("supervisor1"), 200);
  ASSERT_EQ(d.get("/api/v1/cases/HN-1").status, 200);
  server.advance(SessionPolicy{}.idle_seconds + 1);
  EXPECT_EQ(d.get("/api/v1/cases/HN-1").status, 401);
}

}  // namespace
}  // namespace thads::testing
