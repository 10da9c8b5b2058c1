#include "store/faulty_db.h"

#include <mutex>

namespace thads {
namespace {

std::mutex wrapper_mu;
DbWrapper& wrapper() {
  static DbWrapper w;
  return w;
}

// The SQLite error text of a fault (sqlite3_errstr of its result code).
const char* sqlite_text(Fault f) {
  switch (f) {
    case Fault::disk_full: return "database or disk is full";          // SQLITE_FULL
    case Fault::serialization_failure: return "database is locked";    // SQLITE_BUSY
    case Fault::io_error:
    case Fault::connection_lost: return "disk I/O error";              // SQLITE_IOERR
  }
  return "disk I/O error";
}

// A PL/pgSQL block that makes the server raise the fault's SQLSTATE with
// the message PostgreSQL gives for it.
std::string pg_raise(Fault f) {
  const char* state = f == Fault::disk_full ? "53100" : f == Fault::io_error ? "58030" : "40001";
  const char* message = f == Fault::disk_full ? "could not extend file: No space left on device"
                        : f == Fault::io_error ? "could not read block 0: Input/output error"
                                               : "could not serialize access due to concurrent update";
  return std::string("DO $fault$ BEGIN RAISE EXCEPTION USING ERRCODE = '") + state + "', MESSAGE = '" + message +
         "'; END $fault$";
}

}  // namespace

void set_db_wrapper(DbWrapper w) {
  std::lock_guard lock(wrapper_mu);
  wrapper() = std::move(w);
}

std::unique_ptr<Db> wrap_db(std::unique_ptr<Db> db, const std::string& location) {
  DbWrapper w;
  {
    std::lock_guard lock(wrapper_mu);
    w = wrapper();
  }
  return w ? w(std::move(db), location) : std::move(db);
}

std::string_view to_string(Fault f) {
  switch (f) {
    case Fault::disk_full: return "disk_full";
    case Fault::io_error: return "io_error";
    case Fault::connection_lost: return "connection_lost";
    case Fault::serialization_failure: return "serialization_failure";
  }
  return "?";
}

FaultyDb::FaultyDb(std::unique_ptr<Db> inner, std::string location)
    : inner_(std::move(inner)), location_(std::move(location)) {}

void FaultyDb::fail_statement(int64_t n, Fault f) {
  fault_ = f;
  at_ = n;
  count_ = 0;
  fired_ = false;
}

void FaultyDb::fail_commit(Fault f) {
  fault_ = f;
  at_ = 0;
  count_ = 0;
  fired_ = false;
}

void FaultyDb::disarm() {
  fault_.reset();
  count_ = 0;
}

bool FaultyDb::due() {
  ++count_;
  return fault_ && !fired_ && at_ == count_;
}

void FaultyDb::exec(const std::string& sql) {
  if (due()) fire(sql, false, [&] { inner_->exec(sql); });
  inner_->exec(sql);
}

int64_t FaultyDb::run(const std::string& sql, const std::vector<Value>& params,
                      const std::function<void(const Row&)>& on_row) {
  if (due()) fire(sql, true, [&] { inner_->run(sql, params, on_row); });
  return inner_->run(sql, params, on_row);
}

int64_t FaultyDb::run_bytes(const std::string& sql, const std::vector<Value>& params,
                            const std::function<void(const Row&, std::string_view)>& on_row) {
  if (due()) fire(sql, true, [&] { inner_->run_bytes(sql, params, on_row); });
  return inner_->run_bytes(sql, params, on_row);
}

void FaultyDb::commit() {
  const bool writing = writing_;
  writing_ = false;
  if (writing && fault_ && !fired_ && at_ == 0) fire("COMMIT", false, [&] { inner_->commit(); });
  inner_->commit();
}

void FaultyDb::fire(const std::string& sql, bool with_sql, const std::function<void()>& real) {
  fired_ = true;
  fired_after_ = count_;
  const Fault f = *fault_;
  if (inner_->dialect() == Dialect::sqlite) {
    // SQLite may roll the whole transaction back on these errors.
    const std::string msg = std::string("SQLite: ") + sqlite_text(f) + (with_sql ? " in: " + sql.substr(0, 120) : "");
    if (f == Fault::serialization_failure) throw StoreBusy(msg);  // as SqliteDb throws SQLITE_BUSY
    inner_->rollback();
    throw StoreError(msg);
  }
  if (f == Fault::connection_lost) {
    const auto pid = inner_->one("SELECT pg_backend_pid()");
    // Waits (up to 5 s) until the server process is gone.
    open_postgres(location_)->run("SELECT pg_terminate_backend(CAST(? AS integer), 5000)", {pid->i(0)});
    real();  // fails on the dead connection, as in production
    throw StoreError("PostgreSQL: the connection was ended but the statement did not fail: " + sql.substr(0, 120));
  }
  // The adapter's own error, of the type it gives that SQLSTATE (StoreBusy
  // for 40001), with the statement that was to run.
  try {
    inner_->exec(pg_raise(f));
  } catch (const StoreBusy& e) {
    throw StoreBusy(std::string(e.what()) + (with_sql ? " in: " + sql.substr(0, 120) : ""));
  } catch (const StoreError& e) {
    throw StoreError(std::string(e.what()) + (with_sql ? " in: " + sql.substr(0, 120) : ""));
  }
  throw StoreError("PostgreSQL: the fault was not raised");
}

}  // namespace thads
