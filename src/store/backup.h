// Backup and restore of a whole store (docs/operations.md "Backup and restore").
//
// - SQLite: SQLite's online backup API copies the database page by page
//   while other connections go on reading and writing; the copy is one
//   consistent snapshot (a write during the copy restarts it).
// - PostgreSQL: pg_dump in its custom format (one consistent snapshot, a
//   repeatable-read transaction) and pg_restore in one transaction.
//
// Contract: a backup is written to FILE.tmp and renamed to FILE when whole,
// so no half backup is ever under the name. restore_store() writes only into
// an empty store (a SQLite path that does not exist or holds no table; a
// PostgreSQL database without a thads schema) and leaves it untouched on any
// failure (SQLite: copied to a temporary file, renamed when whole;
// PostgreSQL: one transaction). Errors throw StoreError with the reason. The
// key directory of the audit chain is not in the backup (docs/security/audit-chain.md).
#pragma once

#include <string>

namespace thads {

enum class BackupFormat { sqlite, pg_custom, unknown };

void backup_store(const std::string& location, const std::string& out_path);
void restore_store(const std::string& backup_path, const std::string& location);
BackupFormat backup_format(const std::string& path);

}  // namespace thads
