#include "store/account_store.h"

namespace thads::account_store {
namespace {

constexpr const char* kUserColumns = "login, role, agency, officer, active, version, must_change";

UserRow user_of(const Row& r) {
  UserRow u;
  u.login = r.s(0);
  u.role = r.s(1);
  u.agency = r.s(2);
  u.officer = r.s(3);
  u.active = r.i(4) != 0;
  u.version = r.i(5);
  u.must_change = r.i(6) != 0;
  return u;
}

void add_column_if_missing(Db& db, const std::string& table, const std::string& column, const std::string& type) {
  if (db.dialect() == Dialect::postgres)
    db.exec("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column + " " + type);
  else if (!db.one("SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'"))
    db.exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
}

}  // namespace

void ensure_schema(Db& db) {
  const bool pg = db.dialect() == Dialect::postgres;
  if (pg) db.exec("SELECT pg_advisory_lock(727275)");  // one schema creator at a time
  db.exec("CREATE TABLE IF NOT EXISTS users (login TEXT PRIMARY KEY, role TEXT NOT NULL, agency TEXT NOT NULL, "
          "officer TEXT NOT NULL, active BIGINT NOT NULL, password_hash TEXT NOT NULL, version BIGINT NOT NULL, "
          "updated_at BIGINT NOT NULL)");
  db.exec("CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, "
          "csrf TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL, client TEXT NOT NULL)");
  db.exec("CREATE INDEX IF NOT EXISTS sessions_login ON sessions (login)");
  db.exec("CREATE TABLE IF NOT EXISTS login_failures (key TEXT PRIMARY KEY, failures BIGINT NOT NULL, "
          "window_start BIGINT NOT NULL, locked_until BIGINT NOT NULL, lockouts BIGINT NOT NULL DEFAULT 0)");
  // Columns added after the first stores were made.
  add_column_if_missing(db, "login_failures", "lockouts", "BIGINT NOT NULL DEFAULT 0");
  add_column_if_missing(db, "users", "must_change", "BIGINT NOT NULL DEFAULT 0");
  if (pg) db.exec("SELECT pg_advisory_unlock(727275)");
}

std::optional<UserRow> load_user(Db& db, const std::string& login) {
  auto r = db.one(std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE login = ?", {login});
  if (!r) return std::nullopt;
  UserRow u = user_of(*r);
  u.password_hash = r->s(7);
  return u;
}

void put_user(Db& db, const UserRow& u, int64_t now) {
  db.run("INSERT INTO users(login, role, agency, officer, active, password_hash, version, updated_at, must_change) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET role = excluded.role, "
         "agency = excluded.agency, officer = excluded.officer, active = excluded.active, "
         "password_hash = excluded.password_hash, version = excluded.version, updated_at = excluded.updated_at, "
         "must_change = excluded.must_change",
         {u.login, u.role, u.agency, u.officer, static_cast<int64_t>(u.active ? 1 : 0), u.password_hash, u.version,
          now, static_cast<int64_t>(u.must_change ? 1 : 0)});
}

std::vector<UserRow> list_users(Db& db) {
  std::vector<UserRow> out;
  db.run(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY agency, login", {},
         [&](const Row& r) { out.push_back(user_of(r)); });
  return out;
}

bool agency_exists(Db& db, const std::string& code) {
  return db.one("SELECT 1 FROM agencies WHERE code = ?", {code}).has_value();
}

std::optional<std::string> officer_agency(Db& db, const std::string& id) {
  auto r = db.one("SELECT agency FROM officers WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return r->s(0);
}

void insert_session(Db& db, const std::string& token_hash, const std::string& login, const std::string& csrf,
                    int64_t now, const std::string& client) {
  db.run("INSERT INTO sessions(token_hash, login, csrf, created_at, last_seen, client) VALUES (?, ?, ?, ?, ?, ?)",
         {token_hash, login, csrf, now, now, client});
}

std::optional<SessionRow> find_session(Db& db, const std::string& token_hash) {
  auto r = db.one("SELECT u.login, u.role, u.agency, u.officer, u.active, u.version, u.must_change, s.csrf, "
                  "s.created_at, s.last_seen FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ?",
                  {token_hash});
  if (!r) return std::nullopt;
  return SessionRow{user_of(*r), r->s(7), r->i(8), r->i(9)};
}

void touch_session(Db& db, const std::string& token_hash, int64_t now) {
  db.run("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", {now, token_hash});
}

void delete_session(Db& db, const std::string& token_hash) {
  db.run("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_sessions_of(Db& db, const std::string& login, const std::string& keep_hash) {
  db.run("DELETE FROM sessions WHERE login = ? AND token_hash <> ?", {login, keep_hash});
}

void delete_expired_sessions(Db& db, int64_t last_seen_before, int64_t created_before) {
  db.run("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?", {last_seen_before, created_before});
}

Counter counter_for_update(Db& db, const std::string& key) {
  const bool pg = db.dialect() == Dialect::postgres;
  if (pg)
    db.run("INSERT INTO login_failures(key, failures, window_start, locked_until, lockouts) VALUES (?, 0, 0, 0, 0) "
           "ON CONFLICT (key) DO NOTHING",
           {key});
  auto r = db.one(std::string("SELECT failures, window_start, locked_until, lockouts FROM login_failures WHERE key = ?") +
                      (pg ? " FOR UPDATE" : ""),
                  {key});
  if (!r) return {};
  return {r->i(0), r->i(1), r->i(2), r->i(3)};
}

void put_counter(Db& db, const std::string& key, const Counter& c) {
  db.run("INSERT INTO login_failures(key, failures, window_start, locked_until, lockouts) VALUES (?, ?, ?, ?, ?) "
         "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, "
         "locked_until = excluded.locked_until, lockouts = excluded.lockouts",
         {key, c.failures, c.window_start, c.locked_until, c.lockouts});
}

void delete_counter(Db& db, const std::string& key) { db.run("DELETE FROM login_failures WHERE key = ?", {key}); }

void take_back_failure(Db& db, const std::string& key) {
  db.run("UPDATE login_failures SET failures = failures - 1 WHERE key = ? AND failures > 0", {key});
}

std::vector<std::pair<std::string, int64_t>> locked_keys(Db& db, int64_t now) {
  std::vector<std::pair<std::string, int64_t>> out;
  db.run("SELECT key, locked_until FROM login_failures WHERE locked_until > ? ORDER BY key", {now},
         [&](const Row& r) { out.emplace_back(r.s(0), r.i(1)); });
  return out;
}

}  // namespace thads::account_store

namespace thads::account_store {

bool agency_within(Db& db, const std::string& root, const std::string& code) {
  std::string at = code;
  for (int depth = 0; depth < 64 && !at.empty(); ++depth) {  // a cycle in bad data ends here
    if (at == root) return true;
    auto r = db.one("SELECT parent FROM agencies WHERE code = ?", {at});
    if (!r || r->null(0)) return false;
    at = r->s(0);
  }
  return false;
}

}  // namespace thads::account_store
