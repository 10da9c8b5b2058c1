// The store's tables, written once for both dialects (see docs/storage.md).
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace thads {

// `journal_layout`: 1, the journal as one table (PostgreSQL, and SQLite
// stores made before session 30); 2 (SQLite only), the journal kept compact
// in journal_data, journal_streams and journal_dicts and read through the
// view `journal` (docs/storage.md). A store keeps the layout it was made with.
std::vector<std::string> schema_statements(Dialect d, int journal_layout = 1);

// The version of the store's layout this build writes (meta key
// `schema_version`). Tables and indexes are created with IF NOT EXISTS, so a
// new table or index needs no migration; a change of an existing table (a
// column, a backfill) raises the version and adds a Migration. A store at a
// lower version is brought up to this one, migration by migration, inside
// the transaction that opens it for writing; a store at a higher version,
// written by a newer thads, is refused untouched (Store::open and
// open_read_only throw StoreError).
inline constexpr int kSchemaVersion = 1;

struct Migration {
  int to;            // the version the store has after it
  std::string what;  // one line for the log and docs/storage.md
  std::vector<std::string> (*statements)(Dialect);
};
// In order of `to`, from 2 up to kSchemaVersion.
const std::vector<Migration>& migrations();

}  // namespace thads
