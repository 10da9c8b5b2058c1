#include "app/accounts.h"

#include "store/account_store.h"

#include <algorithm>
#include <atomic>

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace thads {
namespace {

void need_sodium() {
  static const int ok = sodium_init();
  if (ok < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string to_hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

std::string blake2b_hex(std::string_view s) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(s.data()), s.size(), nullptr, 0);
  return to_hex(h, sizeof h);
}

std::string random_hex32() {
  need_sodium();
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  return to_hex(b, sizeof b);
}

std::string hash_password(std::string_view pw) {
  need_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to hash a password");
  return out;
}

bool verify_password(const std::string& hash, std::string_view pw) {
  need_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), pw.data(), pw.size()) == 0;
}

// Verifying against this hash makes an unknown login cost as much as a known one.
const std::string& dummy_hash() {
  static const std::string h = hash_password("thads: no such user");
  return h;
}

bool valid_login(const std::string& s) {
  if (s.size() < 2 || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

// Characters, not bytes: "Mật-khẩu" is 8 characters, 12 bytes.
size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::optional<Refusal> check_password(std::string_view pw) {
  if (utf8_length(pw) < kMinPasswordLength)
    return Refusal{"weak_password", "the password must have at least " + std::to_string(kMinPasswordLength) + " characters", ""};
  if (pw.size() > 1024) return Refusal{"bad_field", "the password is too long", ""};
  if (is_common_password(pw))
    return Refusal{"weak_password", "the password is a common one (or one with digits added); choose another", ""};
  return std::nullopt;
}

User user_of(const account_store::UserRow& r) {
  User u;
  u.login = r.login;
  u.role = role_from(r.role).value_or(Role::officer);
  u.agency = r.agency;
  u.officer = r.officer;
  u.active = r.active;
  u.must_change = r.must_change;
  u.version = r.version;
  return u;
}

account_store::UserRow row_of(const User& u, const std::string& hash) {
  return {u.login, std::string(to_string(u.role)), u.agency, u.officer, u.active, u.must_change, u.version, hash};
}

// The account's agency exists; an officer's account names an officer record
// of that same agency (the cases it sees are that officer's); another
// role's officer, when given, must also be of the agency.
std::optional<Refusal> scope_refusal(Db& db, Role role, const std::string& agency, const std::string& officer) {
  if (!account_store::agency_exists(db, agency))
    return Refusal{"unknown_agency", "agency " + agency + " is not known", ""};
  if (role == Role::officer && officer.empty())
    return Refusal{"bad_field", "field 'officer': an officer's account names its officer record", ""};
  // A body user (steering module) is bound to a body's code, kept in the
  // officer field; the steering use cases own the body register's checks.
  if (role == Role::body) {
    if (officer.empty()) return Refusal{"bad_field", "a body user is bound to a body: give its code", ""};
    return std::nullopt;
  }
  if (officer.empty()) return std::nullopt;
  const auto of = account_store::officer_agency(db, officer);
  if (!of) return Refusal{"unknown_officer", "officer " + officer + " is not known", ""};
  if (*of != agency)
    return Refusal{"officer_outside_agency", "field 'officer': officer " + officer + " belongs to " + *of + ", not " + agency, ""};
  return std::nullopt;
}

// Bumped after each change is committed; a reader takes the value before it
// reads, so a change it did not see always shows as a newer value.
std::atomic<uint64_t> g_accounts_generation{0};
void accounts_changed() { g_accounts_generation.fetch_add(1, std::memory_order_acq_rel); }

// Journals the user's new state and writes its row, in the caller's transaction.
void write_user(WriteTx& tx, const User& u, const std::string& hash, const std::string& action,
                const std::string& actor, int64_t now) {
  const nlohmann::json body{{"kind", "user"},          {"login", u.login},     {"role", std::string(to_string(u.role))},
                            {"agency", u.agency},      {"officer", u.officer}, {"active", u.active},
                            {"action", action},        {"password_digest", blake2b_hex(hash)}};
  tx.append("user", u.login, u.version, now, actor, body.dump());
  account_store::put_user(tx.db(), row_of(u, hash), now);
}

struct StoredUser {
  User user;
  std::string hash;
};

std::optional<StoredUser> load_user(Db& db, const std::string& login) {
  auto r = account_store::load_user(db, login);
  if (!r) return std::nullopt;
  return StoredUser{user_of(*r), r->password_hash};
}

// Applies `change` to the stored user and journals it; refuses unknown logins.
template <class F>
std::variant<User, Refusal> update_user(Store& store, const std::string& login, const std::string& action,
                                        const std::string& actor, int64_t now, F change) {
  WriteTx tx(store);
  auto su = load_user(tx.db(), login);
  if (!su) return Refusal{"unknown_user", "no user " + login, ""};
  if (std::optional<Refusal> no = change(tx.db(), su->user, su->hash)) return *no;
  ++su->user.version;
  write_user(tx, su->user, su->hash, action, actor, now);
  tx.commit();
  accounts_changed();  // after the commit: see accounts_generation()
  return su->user;
}

void end_sessions(Db& db, const std::string& login, std::string_view keep_token) {
  account_store::delete_sessions_of(db, login, keep_token.empty() ? std::string() : blake2b_hex(keep_token));
  accounts_changed();
}

// --- throttling ---
//
// Every attempt is counted BEFORE its password is checked, in one write
// transaction per attempt: a key at its limit is locked there and then, so
// however many attempts arrive together, at most `limit` of them are ever
// checked (counting after the check let 62 parallel attempts all pass the
// lock test, and their read-modify-write updates overwrote one another and
// the lock). A successful login takes its own attempt back.

struct Lock {
  bool locked = false;
  int64_t retry_after = 0;
};

// A write transaction on the accounts tables only (not the journal: no
// WriteTx, whose chain head lock would queue logins behind imports).
class AccountsTx {
 public:
  explicit AccountsTx(Db& db) : db_(db) { db_.begin_write(); }
  ~AccountsTx() {
    if (!done_) try { db_.rollback(); } catch (...) {}
  }
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Db& db_;
  bool done_ = false;
};

using account_store::Counter;
using account_store::counter_for_update;
using account_store::put_counter;

// Exponential backoff: each lockout of a key since its last successful
// login doubles the next one, up to kMaxLockoutSeconds.
int64_t lockout_for(const Counter& c, const SessionPolicy& p) {
  const int64_t doublings = std::min<int64_t>(c.lockouts, 16);
  return std::min<int64_t>(p.lockout_seconds << doublings, std::max(p.lockout_seconds, kMaxLockoutSeconds));
}

struct ThrottleKey {
  std::string key;
  int limit;
};

// Counts one attempt on every key, or locks: refused when a key is locked,
// or is at its limit (then locked now for its backoff).
Lock reserve_attempt(Db& db, const std::vector<ThrottleKey>& keys, int64_t now, const SessionPolicy& p) {
  AccountsTx tx(db);
  std::vector<Counter> cs;
  Lock lock;
  for (const ThrottleKey& k : keys) {
    Counter c = counter_for_update(db, k.key);
    if (c.locked_until > now) {
      lock = {true, std::max(lock.retry_after, c.locked_until - now)};
    } else if (c.window_start + p.failure_window_seconds <= now) {
      c.failures = 0;  // a new window
      c.window_start = now;
    }
    if (!lock.locked && c.locked_until <= now && c.failures >= k.limit) {
      c.locked_until = now + lockout_for(c, p);
      ++c.lockouts;
      c.failures = 0;  // a new window starts after the lockout
      c.window_start = c.locked_until;
      put_counter(db, k.key, c);
      lock = {true, c.locked_until - now};
    }
    cs.push_back(c);
  }
  if (!lock.locked)
    for (size_t i = 0; i < keys.size(); ++i) {
      ++cs[i].failures;
      put_counter(db, keys[i].key, cs[i]);
    }
  tx.commit();
  return lock;
}

// After a successful login: the login's counter and backoff start afresh;
// the address gets its attempt back (the office's other failures stay).
void release_attempt(Db& db, const std::string& login_key, const std::string& addr_key) {
  AccountsTx tx(db);
  account_store::delete_counter(db, login_key);
  account_store::take_back_failure(db, addr_key);
  tx.commit();
}

}  // namespace

std::optional<Refusal> check_user_scope(Db& db, Role role, const std::string& agency, const std::string& officer) {
  return scope_refusal(db, role, agency, officer);
}

std::variant<std::string, Refusal> hash_new_password(std::string_view password) {
  if (auto r = check_password(password)) return *r;
  return hash_password(password);
}

std::variant<User, Refusal> change_user(Store& store, const std::string& login, const std::string& action,
                                        const std::string& actor, int64_t now, const UserChange& change) {
  return update_user(store, login, action, actor, now, change);
}

void end_user_sessions(Store& store, const std::string& login) { end_sessions(store.db(), login, {}); }

std::string_view to_string(Role r) {
  switch (r) {
    case Role::officer: return "officer";
    case Role::clerk: return "clerk";
    case Role::head: return "head";
    case Role::supervisor: return "supervisor";
    case Role::procuracy: return "procuracy";
    case Role::steering: return "steering";
    case Role::admin: return "admin";
    case Role::body: return "body";
  }
  return "officer";
}

std::optional<Role> role_from(std::string_view s) {
  for (Role r : kAllRoles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::string_view label_vi(Role r) {
  switch (r) {
    case Role::officer: return "Chấp hành viên";
    case Role::clerk: return "Thư ký, cán bộ thi hành án";
    case Role::head: return "Thủ trưởng cơ quan thi hành án";
    case Role::supervisor: return "Cơ quan quản lý cấp trên";
    case Role::procuracy: return "Viện kiểm sát";
    case Role::steering: return "Ban chỉ đạo thi hành án";
    case Role::admin: return "Quản trị hệ thống";
    case Role::body: return "Cơ quan, tổ chức được giao nhiệm vụ";
  }
  return "";
}

void ensure_account_schema(Db& db) { account_store::ensure_schema(db); }

std::variant<User, Refusal> add_user(Store& store, const NewUser& nu, std::string_view password,
                                     const std::string& actor, int64_t now) {
  if (!valid_login(nu.login))
    return Refusal{"bad_field", "a login has 2 to 64 letters, digits or . _ - @", ""};
  auto role = role_from(nu.role);
  if (!role)
    return Refusal{"bad_field", "role must be officer, clerk, head, supervisor, procuracy, steering, admin or body", ""};
  if (auto r = check_password(password)) return *r;
  if (auto no = scope_refusal(store.db(), *role, nu.agency, nu.officer)) return *no;
  const std::string hash = hash_password(password);  // slow: outside the write transaction
  WriteTx tx(store);
  if (load_user(tx.db(), nu.login)) return Refusal{"login_taken", "login " + nu.login + " exists already", ""};
  User u{nu.login, *role, nu.agency, nu.officer, true, false, 1};
  write_user(tx, u, hash, "created", actor, now);
  tx.commit();
  return u;
}

std::variant<User, Refusal> change_password(Store& store, const std::string& login, std::string_view old_password,
                                            std::string_view new_password, std::string_view keep_token,
                                            int64_t now) {
  auto su = load_user(store.db(), login);
  if (!su || !verify_password(su->hash, old_password))
    return Refusal{"bad_credentials", "the current password is wrong", ""};
  if (auto r = check_password(new_password)) return *r;
  const std::string hash = hash_password(new_password);
  auto res = update_user(store, login, "password_changed", login, now, [&](Db&, User& u, std::string& h) {
    h = hash;
    u.must_change = false;
    return std::optional<Refusal>();
  });
  if (std::holds_alternative<User>(res)) end_sessions(store.db(), login, keep_token);
  return res;
}

std::variant<User, Refusal> set_password(Store& store, const std::string& login, std::string_view new_password,
                                         const std::string& actor, int64_t now) {
  if (auto r = check_password(new_password)) return *r;
  const std::string hash = hash_password(new_password);
  auto res = update_user(store, login, "password_reset", actor, now, [&](Db&, User& u, std::string& h) {
    h = hash;
    u.must_change = true;
    return std::optional<Refusal>();
  });
  if (std::holds_alternative<User>(res)) end_sessions(store.db(), login, {});
  return res;
}

std::variant<User, Refusal> set_active(Store& store, const std::string& login, bool active,
                                       const std::string& actor, int64_t now) {
  auto res = update_user(store, login, active ? "activated" : "deactivated", actor, now,
                         [&](Db&, User& u, std::string&) {
                           u.active = active;
                           return std::optional<Refusal>();
                         });
  if (!active && std::holds_alternative<User>(res)) end_sessions(store.db(), login, {});
  return res;
}

std::optional<User> find_user(Store& store, const std::string& login) {
  auto su = load_user(store.db(), login);
  if (!su) return std::nullopt;
  return su->user;
}

std::vector<User> list_users(Store& store) {
  std::vector<User> out;
  for (const account_store::UserRow& r : account_store::list_users(store.db())) out.push_back(user_of(r));
  return out;
}

std::variant<LoginOk, LoginRefused> log_in(Store& store, const std::string& login, std::string_view password,
                                           const std::string& client_address, int64_t now,
                                           const SessionPolicy& policy) {
  Db& db = store.db();
  const std::string login_key = "login:" + login, addr_key = "address:" + client_address;
  const Lock l = reserve_attempt(
      db, {{login_key, policy.max_login_failures}, {addr_key, policy.max_address_failures}}, now, policy);
  if (l.locked) return LoginRefused{"locked", l.retry_after};
  auto su = load_user(db, login);
  const bool ok = verify_password(su ? su->hash : dummy_hash(), password) && su && su->user.active;
  if (!ok) return LoginRefused{"bad_credentials", 0};  // the attempt is counted already
  release_attempt(db, login_key, addr_key);
  account_store::delete_expired_sessions(db, now - policy.idle_seconds, now - policy.absolute_seconds);
  accounts_changed();
  LoginOk out;
  out.user = su->user;
  out.token = random_hex32();
  out.csrf = random_hex32();
  out.expires_at = now + policy.absolute_seconds;
  account_store::insert_session(db, blake2b_hex(out.token), login, out.csrf, now, client_address);
  return out;
}

std::optional<SessionInfo> resume_session(Store& store, std::string_view token, int64_t now,
                                          const SessionPolicy& policy) {
  if (token.size() != 64) return std::nullopt;
  Db& db = store.db();
  const std::string th = blake2b_hex(token);
  auto r = account_store::find_session(db, th);
  if (!r) return std::nullopt;
  SessionInfo s{user_of(r->user), r->csrf, r->created_at, r->last_seen};
  if (now - s.last_seen > policy.idle_seconds || now - s.created_at > policy.absolute_seconds || !s.user.active) {
    account_store::delete_session(db, th);
    accounts_changed();
    return std::nullopt;
  }
  if (now - s.last_seen >= policy.touch_interval_seconds) {
    account_store::touch_session(db, th, now);
    s.last_seen = now;
  }
  return s;
}

void log_out(Store& store, std::string_view token) {
  if (token.empty()) return;
  account_store::delete_session(store.db(), blake2b_hex(token));
  accounts_changed();
}

uint64_t accounts_generation() { return g_accounts_generation.load(std::memory_order_acquire); }

bool csrf_matches(const SessionInfo& s, std::string_view presented) {
  if (presented.size() != s.csrf.size() || s.csrf.empty()) return false;
  return sodium_memcmp(s.csrf.data(), presented.data(), s.csrf.size()) == 0;
}

}  // namespace thads
