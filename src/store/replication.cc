#include "store/replication.h"

namespace thads {

std::optional<int64_t> wal_write_position(Db& db) {
  if (db.dialect() != Dialect::postgres) return std::nullopt;
  auto r = db.one(
      "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint END");
  if (!r || r->null(0)) return std::nullopt;
  return r->i(0);
}

std::optional<int64_t> wal_replay_position(Db& db) {
  if (db.dialect() != Dialect::postgres) return std::nullopt;
  auto r = db.one(
      "SELECT CASE WHEN pg_is_in_recovery() THEN (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint END");
  if (!r || r->null(0)) return std::nullopt;
  return r->i(0);
}

bool in_recovery(Db& db) {
  if (db.dialect() != Dialect::postgres) return false;
  auto r = db.one("SELECT pg_is_in_recovery()::int");
  return r && !r->null(0) && r->i(0) != 0;
}

}  // namespace thads
