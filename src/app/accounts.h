// Accounts use cases: users (with their role and agency), passwords,
// sessions and login throttling. The same functions serve the JSON API, the
// web pages and the `thads user` command.
//
// Contract:
// - Accounts live in the store's database, in tables of their own (users,
//   sessions, login_failures) created by ensure_account_schema() with SQL
//   valid on SQLite and PostgreSQL, so several app servers share sessions.
// - Passwords are kept only as argon2id hashes (libsodium crypto_pwhash_str,
//   ALG_ARGON2ID13, interactive limits). Every change to a user (creation,
//   role or agency, password, deactivation) is also appended to the journal
//   as kind "user" (stream = login, seq = the user's version), so the audit
//   chain shows who changed which account. The journal body never holds the
//   password or its hash: it holds `password_digest`, BLAKE2b-256 of the
//   stored argon2id string, which lets an auditor see that a hash in the
//   users table was swapped without giving anything to guess passwords with
//   (the salt is not in the journal).
// - A session token is 32 random bytes (randombytes_buf) sent to the client
//   once, hex-encoded; the store keeps only its BLAKE2b-256, so a copy of the
//   database does not let anyone log in. Each session has its own CSRF token.
//   A session ends after `idle_seconds` without use or `absolute_seconds`
//   after login, whichever comes first, or at logout or password change.
// - Login throttling counts attempts per login and per client address in
//   the store, each counted in one write transaction BEFORE its password is
//   checked, so concurrent attempts (from one server or several sharing
//   PostgreSQL) can never check more than the limit; a successful login
//   takes its attempt back. An attempt on a key at its limit locks the key
//   for `lockout_seconds`, doubled for each earlier lockout of the key since
//   its last successful login (at most kMaxLockoutSeconds); even the right
//   password is refused until then. An unknown login costs the same hashing
//   time as a known one.
// - Password policy: at least kMinPasswordLength characters, at most 1024
//   bytes, and not a common password (is_common_password); refused as
//   `weak_password` (too long: bad_field). docs/limits.md.
// - Errors of input are values (Refusal); store failures throw StoreError.
//   Nothing here is bound to a thread; pass the caller's Store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

// Roles of the people who use thads (issue 3): chấp hành viên, thư ký/cán bộ,
// thủ trưởng, cơ quan quản lý cấp trên, Viện kiểm sát, Ban chỉ đạo, quản trị;
// and `body` (issue 17): a user of a body outside the enforcement system (the
// police, a party commission …) bound to that body (User::officer holds the
// body's code), who only reports progress on the directive tasks assigned to
// it (src/modules/steering).
enum class Role : uint8_t { officer, clerk, head, supervisor, procuracy, steering, admin, body };
inline constexpr Role kAllRoles[] = {Role::officer,   Role::clerk,    Role::head,  Role::supervisor,
                                     Role::procuracy, Role::steering, Role::admin, Role::body};

std::string_view to_string(Role r);
std::optional<Role> role_from(std::string_view s);
std::string_view label_vi(Role r);

struct User {
  std::string login;
  Role role = Role::officer;
  std::string agency;   // the agency whose subtree the user works in
  std::string officer;  // officer record id (role officer), may be empty; the body's code (role body)
  bool active = true;
  bool must_change = false;  // reset by an administrator: change the password before anything else
  int64_t version = 0;  // number of journal entries of this user
};

struct SessionPolicy {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  int max_login_failures = 5;        // per login
  int max_address_failures = 20;     // per client address (an office may share one)
  int64_t failure_window_seconds = 15 * 60;
  int64_t lockout_seconds = 15 * 60;
  int64_t touch_interval_seconds = 60;  // last_seen is written at most this often
};

inline constexpr size_t kMinPasswordLength = 12;  // characters (UTF-8 code points)
inline constexpr int64_t kMaxLockoutSeconds = 24 * 60 * 60;

// True when the password is on the common-password list
// (data/common-passwords.txt, compiled in; case ignored), or is a listed one
// — or nothing — with digits, punctuation or spaces before or after it
// ("Password2024!", "123456789012"), or has fewer than 4 distinct characters.
bool is_common_password(std::string_view pw);

// Creates the account tables when missing. Idempotent.
void ensure_account_schema(Db& db);

struct NewUser {
  std::string login;
  std::string role;
  std::string agency;
  std::string officer;
};

// Refusals: bad_field (login shape, role), weak_password (shorter than
// kMinPasswordLength, or common), unknown_agency, unknown_officer, login_taken.
std::variant<User, Refusal> add_user(Store& store, const NewUser& u, std::string_view password,
                                     const std::string& actor, int64_t now);

// The user changes their own password: the old one must match. Ends every
// session of the user except the one of `keep_token` (the session the change
// was made from; may be empty). Refusals: bad_credentials, weak_password, bad_field.
std::variant<User, Refusal> change_password(Store& store, const std::string& login, std::string_view old_password,
                                            std::string_view new_password, std::string_view keep_token,
                                            int64_t now);

// An administrator sets a password (reset). Ends every session of the user;
// the user must change it at the next login (must_change).
std::variant<User, Refusal> set_password(Store& store, const std::string& login, std::string_view new_password,
                                         const std::string& actor, int64_t now);

// Activates or deactivates an account (deactivation ends its sessions).
std::variant<User, Refusal> set_active(Store& store, const std::string& login, bool active,
                                       const std::string& actor, int64_t now);

// --- for the administrator's use cases (app/user_admin.h) ---
// The scope rule of an account: its agency exists; an officer's account
// names an officer record of that same agency (unknown_officer,
// officer_outside_agency, bad_field when missing).
std::optional<Refusal> check_user_scope(Db& db, Role role, const std::string& agency, const std::string& officer);
// The argon2id hash of a new password that passes the policy, or its refusal.
std::variant<std::string, Refusal> hash_new_password(std::string_view password);
// Applies `change` to the stored user in one write transaction that also
// journals the new state as `action` by `actor` (the audit: who, when). A
// refusal from `change` writes nothing. `db` is the transaction's.
using UserChange = std::function<std::optional<Refusal>(Db& db, User& user, std::string& password_hash)>;
std::variant<User, Refusal> change_user(Store& store, const std::string& login, const std::string& action,
                                        const std::string& actor, int64_t now, const UserChange& change);
void end_user_sessions(Store& store, const std::string& login);

std::optional<User> find_user(Store& store, const std::string& login);
std::vector<User> list_users(Store& store);

struct LoginOk {
  User user;
  std::string token;  // hex, for the cookie; never stored
  std::string csrf;   // hex
  int64_t expires_at = 0;  // absolute expiry
};
struct LoginRefused {
  std::string code;         // bad_credentials | locked
  int64_t retry_after = 0;  // seconds, when locked
};

std::variant<LoginOk, LoginRefused> log_in(Store& store, const std::string& login, std::string_view password,
                                           const std::string& client_address, int64_t now,
                                           const SessionPolicy& policy);

struct SessionInfo {
  User user;
  std::string csrf;
  int64_t created_at = 0;
  int64_t last_seen = 0;
};

// The session of a token, or nullopt when unknown, expired (then deleted) or
// its user is inactive. Records the use (at most once per touch interval).
std::optional<SessionInfo> resume_session(Store& store, std::string_view token, int64_t now,
                                          const SessionPolicy& policy);

void log_out(Store& store, std::string_view token);

// A number that changes whenever this process changes a user or ends a
// session (log out, password change or reset, deactivation, expiry): a
// session found valid under one value may be trusted again, for a short
// while, only while the value is the same (see http/session_cache.h).
uint64_t accounts_generation();

// Constant-time comparison of the session's CSRF token with the one presented.
bool csrf_matches(const SessionInfo& s, std::string_view presented);

}  // namespace thads
