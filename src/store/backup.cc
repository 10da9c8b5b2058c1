#include "store/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "store/db.h"

namespace thads {
namespace fs = std::filesystem;

namespace {

struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() { sqlite3_close_v2(db); }
};

void open_handle(SqliteHandle& h, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK)
    throw StoreError("cannot open " + path + ": " + (h.db ? sqlite3_errmsg(h.db) : "out of memory"));
  sqlite3_busy_timeout(h.db, 10000);
}

// Copies database `from` into the new file `to` with the online backup API.
void sqlite_copy(const std::string& from, const std::string& to) {
  SqliteHandle src, dst;
  open_handle(src, from, SQLITE_OPEN_READONLY);
  fs::remove(to);
  open_handle(dst, to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
  if (!b) throw StoreError("cannot start the backup of " + from + ": " + sqlite3_errmsg(dst.db));
  int rc;
  // Pages in steps, so that writers of the source are not kept out for the
  // whole copy; BUSY/LOCKED: a writer holds the file, try again shortly.
  while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    const std::string why = sqlite3_errstr(rc);
    fs::remove(to);
    throw StoreError("the backup of " + from + " failed: " + why);
  }
  // The copy is a plain rollback-journal file, whole on disk.
  if (sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
    throw StoreError("cannot finish the backup file " + to + ": " + sqlite3_errmsg(dst.db));
}

// Runs a program (no shell) and waits; its output goes to ours.
int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw StoreError("cannot start " + argv[0]);
  if (pid == 0) {
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: is PostgreSQL's client (postgresql-client) installed?\n", args[0]);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

bool sqlite_has_tables(const std::string& path) {
  if (!fs::exists(path)) return false;
  auto db = open_sqlite(path, true);
  return db->one("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").has_value();
}

}  // namespace

BackupFormat backup_format(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  const std::string h(head, static_cast<size_t>(in.gcount()));
  if (h.rfind(std::string("SQLite format 3\0", 16), 0) == 0) return BackupFormat::sqlite;
  if (h.rfind("PGDMP", 0) == 0) return BackupFormat::pg_custom;
  return BackupFormat::unknown;
}

void backup_store(const std::string& location, const std::string& out_path) {
  const std::string tmp = out_path + ".tmp";
  if (is_postgres_url(location)) {
    fs::remove(tmp);
    if (run_program({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + tmp,
                     "--dbname=" + location}) != 0) {
      fs::remove(tmp);
      throw StoreError("pg_dump failed for " + location + " (its message is above)");
    }
  } else {
    if (!fs::exists(location)) throw StoreError("no store at " + location);
    sqlite_copy(location, tmp);
  }
  fs::rename(tmp, out_path);
}

void restore_store(const std::string& backup_path, const std::string& location) {
  const BackupFormat f = backup_format(backup_path);
  if (f == BackupFormat::unknown)
    throw StoreError(backup_path + " is not a thads backup (neither a SQLite file nor a pg_dump custom archive)");
  if (is_postgres_url(location)) {
    if (f != BackupFormat::pg_custom)
      throw StoreError(backup_path + " is a SQLite backup: restore it to a SQLite path (or import an export into PostgreSQL)");
    auto db = open_postgres(location);
    if (db->one("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() LIMIT 1"))
      throw StoreError(location + " is not empty: restore into a new database (createdb), never over a store");
    db.reset();
    if (run_program({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                     "--dbname=" + location, backup_path}) != 0)
      throw StoreError("pg_restore failed into " + location + " (its message is above); nothing was restored");
    return;
  }
  if (f != BackupFormat::sqlite)
    throw StoreError(backup_path + " is a PostgreSQL backup: restore it into a postgresql:// database");
  if (sqlite_has_tables(location))
    throw StoreError(location + " already holds a store: restore to a new path, never over a store");
  const std::string tmp = location + ".restore-tmp";
  sqlite_copy(backup_path, tmp);
  fs::remove(location + "-wal");
  fs::remove(location + "-shm");
  fs::rename(tmp, location);
}

}  // namespace thads
