// FaultyDb: a Db that wraps a real connection (SQLite or PostgreSQL) and
// fails its Nth statement or its next commit with a chosen fault, for the
// fault-injection tests (tests/integration/fault_injection_test.cc,
// docs/security/faults.md). The product never constructs one: a test has
// the stores it opens wrap their connection in one (set_db_wrapper).
//
// It lives in src/store because it is a Db and runs SQL (a PostgreSQL fault
// is raised by the server itself), and only the store folders may do that
// (scripts/check-layers.py).
//
// Contract: what the layers above see is what the real adapter throws for
// that fault (a StoreError with the adapter's text), and the transaction is
// left as the real fault leaves it:
// - SQLite: disk_full is SQLITE_FULL ("database or disk is full"),
//   io_error SQLITE_IOERR ("disk I/O error"); both roll the transaction back
//   as SQLite may do on those errors, so a caller that went on after the
//   error would write outside it (and be caught by the tests).
//   serialization_failure is SQLITE_BUSY ("database is locked", another
//   writer held the lock past the busy timeout), thrown as StoreBusy as the
//   adapter does; connection_lost has no SQLite counterpart and is an I/O
//   error there.
// - PostgreSQL: disk_full (SQLSTATE 53100), io_error (58030) and
//   serialization_failure (40001) are raised by the server inside the
//   current transaction (a PL/pgSQL RAISE with that SQLSTATE), which aborts
//   it exactly as a real error does (40001 reaches the caller as StoreBusy,
//   from the adapter's own mapping); connection_lost ends this connection's
//   server process from a second connection (pg_terminate_backend), and the
//   statement then fails on the real, dead connection.
// Statements are exec and run calls (one, all go through run); begin,
// commit and rollback are not counted. A fault fires once, then the wrapper
// passes everything through again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/db.h"

namespace thads {

// A process-wide wrapper of every connection Store::open and
// Store::open_read_only make from now on, given the new connection and the
// store's location; empty (the product) for none. Set by a test before it
// opens stores (the server's StorePool opens them through Store::open), and
// reset at its end (DbWrapperScope).
using DbWrapper = std::function<std::unique_ptr<Db>(std::unique_ptr<Db> db, const std::string& location)>;
void set_db_wrapper(DbWrapper w);
std::unique_ptr<Db> wrap_db(std::unique_ptr<Db> db, const std::string& location);

struct DbWrapperScope {
  explicit DbWrapperScope(DbWrapper w) { set_db_wrapper(std::move(w)); }
  ~DbWrapperScope() { set_db_wrapper({}); }
  DbWrapperScope(const DbWrapperScope&) = delete;
  DbWrapperScope& operator=(const DbWrapperScope&) = delete;
};

enum class Fault { disk_full, io_error, connection_lost, serialization_failure };
std::string_view to_string(Fault f);

class FaultyDb final : public Db {
 public:
  // `location`: the store's location; for PostgreSQL the URL a second
  // connection uses to end this one (connection_lost).
  FaultyDb(std::unique_ptr<Db> inner, std::string location);

  // Fails the n-th statement (1-based) counted from now.
  void fail_statement(int64_t n, Fault f);
  // Fails the next commit of a write transaction (before it reaches the
  // database); a read transaction's commit passes.
  void fail_commit(Fault f);
  // No fault armed; the counter restarts at 0.
  void disarm();
  // Statements run since the last arm or disarm.
  int64_t statements() const { return count_; }
  // Whether the armed fault has fired, and how many statements had run
  // then (for a fault at the commit: the statements of the transaction).
  bool fired() const { return fired_; }
  int64_t fired_after() const { return fired_after_; }

  Dialect dialect() const override { return inner_->dialect(); }
  void exec(const std::string& sql) override;
  int64_t run(const std::string& sql, const std::vector<Value>& params,
              const std::function<void(const Row&)>& on_row) override;
  int64_t run_bytes(const std::string& sql, const std::vector<Value>& params,
                    const std::function<void(const Row&, std::string_view)>& on_row) override;
  void begin_write() override {
    inner_->begin_write();
    writing_ = true;
  }
  void begin_read() override { inner_->begin_read(); }
  void commit() override;
  void rollback() override {
    writing_ = false;
    inner_->rollback();
  }

 private:
  // Counts a statement; true when the fault is due now.
  bool due();
  // Produces the fault as the real adapter would report it, then (for a
  // dropped connection) lets `real` fail on the dead connection.
  [[noreturn]] void fire(const std::string& sql, bool with_sql, const std::function<void()>& real);

  std::unique_ptr<Db> inner_;
  std::string location_;
  std::optional<Fault> fault_;
  int64_t at_ = 0;  // 0: at the commit
  int64_t count_ = 0;
  bool fired_ = false;
  int64_t fired_after_ = 0;
  bool writing_ = false;  // inside a write transaction
};

}  // namespace thads
