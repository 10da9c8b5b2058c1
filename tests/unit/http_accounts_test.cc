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
  EXPECT_EQ(code_of(add_user(*s, {"an.nguyen", "officer", "HN", "CHV-1"}, "mat-khau-so-1", "t", 1)), "ok");
  EXPECT_EQ(code_of(add_user(*s, {"an.nguyen", "clerk", "HN", ""}, "mat-khau-so-1", "t", 1)), "login_taken");
  EXPECT_EQ(code_of(add_user(*s, {"x y", "clerk", "HN", ""}, "mat-khau-so-1", "t", 1)), "bad_field");
  EXPECT_EQ(code_of(add_user(*s, {"b1", "king", "HN", ""}, "mat-khau-so-1", "t", 1)), "bad_field");
  EXPECT_EQ(code_of(add_user(*s, {"b2", "clerk", "HN", ""}, "short", "t", 1)), "weak_password");
  EXPECT_EQ(code_of(add_user(*s, {"b3", "clerk", "XX", ""}, "mat-khau-so-1", "t", 1)), "unknown_agency");
  EXPECT_EQ(code_of(add_user(*s, {"b4", "officer", "HN", "CHV-9"}, "mat-khau-so-1", "t", 1)), "unknown_officer");
  auto u = find_user(*s, "an.nguyen");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, Role::officer);
  EXPECT_EQ(u->officer, "CHV-1");
  EXPECT_EQ(list_users(*s).size(), 1u);
}

TEST(HttpAccounts, PasswordsHaveTwelveCharactersAndAreNotCommon) {
  auto s = store_with_agency();
  auto code = [&](const std::string& login, const std::string& pw) {
    return code_of(add_user(*s, {login, "clerk", "HN", ""}, pw, "t", 1));
  };
  EXPECT_EQ(code("p1", "mat-khau-11"), "weak_password");    // 11 characters
  EXPECT_EQ(code("p2", "Mật-khẩu-ơi"), "weak_password");    // 11 characters, 17 bytes
  EXPECT_EQ(code("p3", "password1234"), "weak_password");   // a common word with digits
  EXPECT_EQ(code("p4", "!!Iloveyou2024!!"), "weak_password");
  EXPECT_EQ(code("p5", "123456789012"), "weak_password");   // digits only
  EXPECT_EQ(code("p6", "1q2w3e4r5t6y"), "weak_password");   // on the list
  EXPECT_EQ(code("p7", "abababababab"), "weak_password");   // two characters
  EXPECT_EQ(code("p8", "Mật-khẩu-ơi!"), "ok");              // 12 characters
  EXPECT_EQ(code("p9", "cau-ngua-ben-song"), "ok");
  EXPECT_TRUE(is_common_password("QWERTY"));
  EXPECT_FALSE(is_common_password("cau-ngua-ben-song"));
  // The same policy for a change and a reset.
  EXPECT_EQ(code_of(set_password(*s, "p8", "matkhau-2025!", "admin", 2)), "weak_password");
  EXPECT_EQ(code_of(change_password(*s, "p8", "Mật-khẩu-ơi!", "iloveyou-12345", "", 2)), "weak_password");
}

TEST(HttpAccounts, PasswordsAreArgon2idAndNeverJournaled) {
  auto s = store_with_agency();
  ASSERT_EQ(code_of(add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-so-1", "admin", 1)), "ok");
  auto h = s->db().one("SELECT password_hash FROM users WHERE login = 'an'");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->s(0).rfind("$argon2id$", 0), 0u);
  bool journaled = false;
  s->for_each_entry([&](const JournalEntry& e) {
    if (e.kind != "user") return;
    journaled = true;
    EXPECT_EQ(e.actor, "admin");
    EXPECT_EQ(e.body.find("argon2"), std::string::npos);
    EXPECT_EQ(e.body.find("mat-khau-so-1"), std::string::npos);
    EXPECT_NE(e.body.find("password_digest"), std::string::npos);
  });
  EXPECT_TRUE(journaled);
  EXPECT_TRUE(s->verify_audit().ok);
}

TEST(HttpAccounts, SessionsAreStoredHashedAndExpire) {
  auto s = store_with_agency();
  add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-so-1", "t", 1);
  SessionPolicy p;
  auto r = log_in(*s, "an", "mat-khau-so-1", "127.0.0.1", 1000, p);
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
  add_user(*s, {"an", "clerk", "HN", ""}, "mat-khau-so-1", "t", 1);
  SessionPolicy p;
  auto r = log_in(*s, "an", "mat-khau-so-1", "a", 10, p);
  ASSERT_TRUE(std::holds_alternative<LoginOk>(r));
  EXPECT_EQ(code_of(set_active(*s, "an", false, "admin", 11)), "ok");
  EXPECT_FALSE(resume_session(*s, std::get<LoginOk>(r).token, 12, p));
  EXPECT_EQ(std::get<LoginRefused>(log_in(*s, "an", "mat-khau-so-1", "a", 13, p)).code, "bad_credentials");
  EXPECT_EQ(code_of(set_active(*s, "an", true, "admin", 14)), "ok");
  EXPECT_EQ(code_of(set_password(*s, "an", "mat-khau-so-2", "admin", 15)), "ok");
  EXPECT_TRUE(std::holds_alternative<LoginOk>(log_in(*s, "an", "mat-khau-so-2", "a", 16, p)));
  EXPECT_EQ(find_user(*s, "an")->version, 4);
}

}  // namespace
}  // namespace thads
