// Account store: the SQL of the accounts tables (users, sessions,
// login_failures), for app/accounts.* — the stores alone write SQL. Rows
// are plain values; rules (password policy, throttling, rights) live in the
// use cases. Every function runs in the caller's transaction, if any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace thads::account_store {

struct UserRow {
  std::string login, role, agency, officer;
  bool active = true;
  bool must_change = false;  // the password was reset: change it at next login
  int64_t version = 0;
  std::string password_hash;
};

// Creates the account tables (and columns added since) when missing. Idempotent.
void ensure_schema(Db& db);

std::optional<UserRow> load_user(Db& db, const std::string& login);
void put_user(Db& db, const UserRow& u, int64_t now);  // insert or replace
std::vector<UserRow> list_users(Db& db);                // by agency, login; hashes left empty

bool agency_exists(Db& db, const std::string& code);
// The agency of an officer record, or nullopt when there is none.
std::optional<std::string> officer_agency(Db& db, const std::string& id);

struct SessionRow {
  UserRow user;  // hash left empty
  std::string csrf;
  int64_t created_at = 0, last_seen = 0;
};
void insert_session(Db& db, const std::string& token_hash, const std::string& login, const std::string& csrf,
                    int64_t now, const std::string& client);
std::optional<SessionRow> find_session(Db& db, const std::string& token_hash);
void touch_session(Db& db, const std::string& token_hash, int64_t now);
void delete_session(Db& db, const std::string& token_hash);
// Ends the login's sessions except the one of `keep_hash` (may be empty).
void delete_sessions_of(Db& db, const std::string& login, const std::string& keep_hash);
void delete_expired_sessions(Db& db, int64_t last_seen_before, int64_t created_before);

// Login throttling counters, keyed "login:NAME" or "address:IP".
struct Counter {
  int64_t failures = 0, window_start = 0, locked_until = 0, lockouts = 0;
};
// The key's counter, locked against other writers (PostgreSQL: FOR UPDATE)
// until the caller's write transaction ends.
Counter counter_for_update(Db& db, const std::string& key);
void put_counter(Db& db, const std::string& key, const Counter& c);
void delete_counter(Db& db, const std::string& key);
void take_back_failure(Db& db, const std::string& key);
// Keys locked at `now` with their lock end, by key.
std::vector<std::pair<std::string, int64_t>> locked_keys(Db& db, int64_t now);

}  // namespace thads::account_store

namespace thads::account_store {
// True when `code` is `root` or below it in the agency tree.
bool agency_within(Db& db, const std::string& root, const std::string& code);
}  // namespace thads::account_store
