// Accounts (src/app/accounts.h): users, hashes, sessions, throttling, audit.
#include <gtest/gtest.h>

#include <sstream>

#include "app/accounts.h"
#include "app/import.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

std::unique_ptr<Store> store_with_agency() {
  auto s = Store::open(testing::temp_dir() + "/acc.db");
  std::istringstream in(R"({"kind":"agency","code":"HN","name":"Hà Nội","level":"province","parent":null}
{"kind":"officer","id":"CHV-1","name":"An","agency":"HN","role":"enforcement_officer"})");
  ImportOptions o;
  o.now_unix = 1700000000;
  EXPECT_TRUE(import_jsonl(*s, in, o).ok());
  ensure_account_schema(s->db());
  ensure_account_schema(s->db());  // idempotent
  return s;
}

std::string code_of(const std::variant<User, Refusal>& r) {
  return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : "ok";
}

TEST(HttpAccounts, AddUserChecksItsInput) {
  auto s = store_with_agency();
  EXPECT_EQ(code_of(add_user(*s, {"an.nguyen", "officer", "HN", "CHV-1"}, "mat-khau-1", "t", 1)), "ok");
  EXPECT_EQ(code_of(add_user(*s, {"an.nguyen", "clerk", "HN", ""}, "mat-khau-1", "t", 1)), "login_taken");
  EXPECT_EQ(code_of(add_user(*s, {"x y", "clerk", "HN", ""}, "mat-khau-1", "t", 1)), "bad_field");
  EXPECT_EQ(code_of(add_user(*s, {"b1", "king", "HN", ""}, "mat-khau-1", "t", 1)), "bad_field");
  EXPECT_EQ(code_of(add_user(*s, {"b2", "clerk", "HN", ""}, "short", "t", 1)), "bad_field");
  EXPECT_EQ(code_of(add_user(*s, {"b3", "clerk", "XX", ""}, "mat-khau-1", "t", 1)), "unknown_agency");
  EXPECT_EQ(code_of(add_user(*s, {"b4", "officer", "HN", "CHV-9"}, "mat-khau-1", "t", 1)), "unknown_officer");
  auto u = find_user(*s, "an.nguyen");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, Role::officer);
  EXPECT_EQ(u->officer, "CHV-1");
  EXPECT_EQ(list_users(*s).size(), 1u);
}

TEST(HttpAccounts, PasswordsAreArgon2idAndNeverJournaled) {
  auto s = store_with_agency();
  ASSERT_EQ(code_of(add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-1", "admin", 1)), "ok");
  auto h = s->db().one("SELECT password_hash FROM users WHERE login = 'an'");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->s(0).rfind("$argon2id$", 0), 0u);
  bool journaled = false;
  s->for_each_entry([&](const JournalEntry& e) {
    if (e.kind != "user") return;
    journaled = true;
    EXPECT_EQ(e.actor, "admin");
    EXPECT_EQ(e.body.find("argon2"), std::string::npos);
    EXPECT_EQ(e.body.find("mat-khau-1"), std::string::npos);
    EXPECT_NE(e.body.find("password_digest"), std::string::npos);
  });
  EXPECT_TRUE(journaled);
  EXPECT_TRUE(s->verify_audit().ok);
}

TEST(HttpAccounts, SessionsAreStoredHashedAndExpire) {
  auto s = store_with_agency();
  add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-1", "t", 1);
  SessionPolicy p;
  auto r = log_in(*s, "an", "mat-khau-1", "127.0.0.1", 1000, p);
  ASSERT_TRUE(std::holds_alternative<LoginOk>(r));
  const LoginOk ok = std::get<LoginOk>(r);
  EXPECT_EQ(ok.token.size(), 64u);
  EXPECT_FALSE(s->db().one("SELECT 1 FROM sessions WHERE token_hash = ?", {ok.token}));  // not stored as is
  auto info = resume_session(*s, ok.token, 1000 + p.idle_seconds, p);
  ASSERT_TRUE(info);
  EXPECT_TRUE(csrf_matches(*info, ok.csrf));
  EXPECT_FALSE(csrf_matches(*info, ""));
  EXPECT_FALSE(csrf_matches(*info, std::string(64, '0')));
  EXPECT_FALSE(resume_session(*s, ok.token, 1000 + 2 * p.idle_seconds + 1, p));  // idle
  EXPECT_FALSE(resume_session(*s, ok.token, 1001, p));  // deleted when it expired
  EXPECT_FALSE(resume_session(*s, "not-a-token", 1001, p));
}

TEST(HttpAccounts, DeactivatedUsersCannotLogIn) {
  auto s = store_with_agency();
  add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-1", "t", 1);
  SessionPolicy p;
  auto r = log_in(*s, "an", "mat-khau-1", "a", 10, p);
  ASSERT_TRUE(std::holds_alternative<LoginOk>(r));
  EXPECT_EQ(code_of(set_active(*s, "an", false, "admin", 11)), "ok");
  EXPECT_FALSE(resume_session(*s, std::get<LoginOk>(r).token, 12, p));
  EXPECT_EQ(std::get<LoginRefused>(log_in(*s, "an", "mat-khau-1", "a", 13, p)).code, "bad_credentials");
  EXPECT_EQ(code_of(set_active(*s, "an", true, "admin", 14)), "ok");
  EXPECT_EQ(code_of(set_password(*s, "an", "mat-khau-2", "admin", 15)), "ok");
  EXPECT_TRUE(std::holds_alternative<LoginOk>(log_in(*s, "an", "mat-khau-2", "a", 16, p)));
  EXPECT_EQ(find_user(*s, "an")->version, 4);
}

}  // namespace
}  // namespace thads
