// Where a PostgreSQL server stands in the write-ahead log, so that a server
// reading from a streaming replica (serve --read-db) reads only a replica
// that has replayed what this server wrote (docs/operations.md, "Reading
// from a replica").
//
// Positions are WAL byte positions (pg_lsn as bytes from 0/0). On SQLite
// there is no replica: both functions answer nullopt.
#pragma once

#include <cstdint>
#include <optional>

#include "store/db.h"

namespace thads {

// The primary's current WAL insert position (pg_current_wal_insert_lsn: past
// the commit records of every transaction committed so far, even those not
// yet written out under synchronous_commit=off): a replica that has replayed
// up to it holds every transaction this connection has committed. nullopt on
// SQLite and on a server in recovery (a replica).
std::optional<int64_t> wal_write_position(Db& db);

// How far a replica has replayed the WAL. nullopt on SQLite and on a server
// that is not in recovery (a primary: it holds all it wrote).
std::optional<int64_t> wal_replay_position(Db& db);

// True on a PostgreSQL server in recovery (a hot standby).
bool in_recovery(Db& db);

}  // namespace thads
