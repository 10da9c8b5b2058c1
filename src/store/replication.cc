#include "store/replication.h"

namespace thads {
namespace {

// One bigint (or NULL) from a query on PostgreSQL; nullopt on SQLite or NULL.
std::optional<int64_t> pg_position(Db& db, const char* sql) {
  if (db.dialect() != Dialect::postgres) return std::nullopt;
  auto r = db.one(sql);
  if (!r || r->null(0)) return std::nullopt;
  return r->i(0);
}

}  // namespace

std::optional<int64_t> wal_write_position(Db& db) {
  return pg_position(
      db, "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint END");
}

std::optional<int64_t> wal_replay_position(Db& db) {
  return pg_position(
      db, "SELECT CASE WHEN pg_is_in_recovery() THEN (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint END");
}

bool in_recovery(Db& db) {
  const auto r = pg_position(db, "SELECT pg_is_in_recovery()::int");
  return r && *r != 0;
}

}  // namespace thads
