// PostgreSQL adapter of Db (libpq): for several app servers over one database.
#include <libpq-fe.h>
#include <unistd.h>

#include <memory>
#include <unordered_map>

#include "store/db.h"

namespace thads {
namespace {

// "a = ? AND b = ?" -> "a = $1 AND b = $2" (our SQL has no '?' inside literals).
std::string renumber(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

// Throws the error of a failed result: StoreBusy when the server gave up the
// transaction for a concurrent one (SQLSTATE 40001 serialization_failure,
// 40P01 deadlock_detected, 55P03 lock_not_available), StoreError otherwise.
[[noreturn]] void fail(const PGresult* r, const std::string& msg) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  if (code == "40001" || code == "40P01" || code == "55P03") throw StoreBusy(msg);
  throw StoreError(msg);
}

class PgDb final : public Db {
 public:
  explicit PgDb(const std::string& url) : url_(url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError("cannot connect to PostgreSQL: " + msg);
    }
    exec("SET client_min_messages = warning");
  }
  ~PgDb() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  void exec(const std::string& sql) override {
    reconnect_if_lost();
    PGresult* r = PQexec(conn_, sql.c_str());
    const auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      const std::unique_ptr<PGresult, decltype(&PQclear)> owned(r, &PQclear);
      fail(r, "PostgreSQL: " + std::string(PQresultErrorMessage(r)));
    }
    PQclear(r);
  }

  int64_t run(const std::string& sql, const std::vector<Value>& params,
              const std::function<void(const Row&)>& on_row) override {
    const Result owned = exec_prepared(sql, params, 0);
    PGresult* r = owned.get();
    const auto st = PQresultStatus(r);
    if (on_row && st == PGRES_TUPLES_OK) {
      const int nrow = PQntuples(r), ncol = PQnfields(r);
      Row row;
      row.cols.resize(static_cast<size_t>(ncol));
      for (int i = 0; i < nrow; ++i) {
        for (int c = 0; c < ncol; ++c) {
          if (PQgetisnull(r, i, c)) { row.cols[static_cast<size_t>(c)] = std::monostate{}; continue; }
          const char* v = PQgetvalue(r, i, c);
          const Oid type = PQftype(r, c);
          if (type == 20 || type == 23 || type == 21)  // int8, int4, int2
            row.cols[static_cast<size_t>(c)] = static_cast<int64_t>(std::stoll(v));
          else
            row.cols[static_cast<size_t>(c)] = std::string(v, static_cast<size_t>(PQgetlength(r, i, c)));
        }
        on_row(row);
      }
    }
    const char* affected = PQcmdTuples(r);
    return affected && *affected ? std::stoll(affected) : 0;
  }

  // A write transaction learns its transaction id with its BEGIN (one round
  // trip), so that a COMMIT whose answer is lost can be resolved (commit()).
  // Runs a prepared `sql` with `params` (as text) and answers its result,
  // in `format` (0 text, 1 binary); a failed statement throws. The result is
  // cleared on every way out, a throwing row callback included (a loader
  // that is asked to stop throws from it: NameIndex::load).
  using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;
  Result exec_prepared(const std::string& sql, const std::vector<Value>& params, int format) {
    reconnect_if_lost();
    const std::string& name = prepare(sql, static_cast<int>(params.size()));
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t k = 0; k < params.size(); ++k) {
      if (auto* n = std::get_if<int64_t>(&params[k])) { text[k] = std::to_string(*n); values[k] = text[k].c_str(); }
      else if (auto* s = std::get_if<std::string>(&params[k])) values[k] = s->c_str();
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr,
                            format),
             &PQclear);
    const auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      fail(r.get(), "PostgreSQL: " + std::string(PQresultErrorMessage(r.get())) + " in: " + sql.substr(0, 120));
    return r;
  }

  // Binary results: a bytea as its bytes, numbers in network byte order.
  int64_t run_bytes(const std::string& sql, const std::vector<Value>& params,
                    const std::function<void(const Row&, std::string_view)>& on_row) override {
    const Result owned = exec_prepared(sql, params, 1);
    PGresult* r = owned.get();
    if (PQresultStatus(r) != PGRES_TUPLES_OK) return 0;
    const int nrow = PQntuples(r), ncol = PQnfields(r);
    Row row;
    row.cols.resize(static_cast<size_t>(ncol));
    for (int i = 0; i < nrow; ++i) {
      std::string_view bytes;
      for (int c = 0; c < ncol; ++c) {
        auto& col = row.cols[static_cast<size_t>(c)];
        if (PQgetisnull(r, i, c)) { col = std::monostate{}; continue; }
        const char* v = PQgetvalue(r, i, c);
        const auto len = static_cast<size_t>(PQgetlength(r, i, c));
        if (c == ncol - 1) {
          col = std::string();
          bytes = std::string_view(v, len);
          continue;
        }
        const Oid type = PQftype(r, c);
        if ((type == 20 && len == 8) || (type == 23 && len == 4) || (type == 21 && len == 2)) {  // int8, int4, int2
          uint64_t u = 0;
          for (size_t b = 0; b < len; ++b) u = (u << 8) | static_cast<unsigned char>(v[b]);
          const int shift = static_cast<int>(64 - 8 * len);  // sign-extend the narrower ones
          col = static_cast<int64_t>(u << shift) >> shift;
        } else {
          col = std::string(v, len);
        }
      }
      on_row(row, bytes);
    }
    return 0;
  }

  void begin_write() override {
    xid_.clear();
    in_tx_ = false;  // a statement outside a transaction may reconnect
    reconnect_if_lost();
    PGresult* r = PQexec(conn_, "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_current_xact_id()::text");
    const std::unique_ptr<PGresult, decltype(&PQclear)> owned(r, &PQclear);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
      fail(r, "PostgreSQL: " + std::string(PQresultErrorMessage(r)) + " in: BEGIN");
    xid_ = PQgetvalue(r, 0, 0);
    in_tx_ = true;
  }
  void begin_read() override {
    xid_.clear();
    begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  // Still inside: a COMMIT on a lost connection must fail, not reconnect
  // and "commit" an empty session. But the connection can be lost after
  // the server committed and before its answer came back (a network cut, a
  // failover, the backend ended): then the write is there, and reporting a
  // failure would have the caller retry or tell the user it was not saved.
  // So when a write transaction's COMMIT fails on a lost connection, a new
  // connection asks the server what became of that transaction id
  // (pg_xact_status, PostgreSQL 13+; the documented way to resolve an
  // unknown commit outcome): committed is success (the new connection
  // replaces the dead one), aborted is the failure it seemed, and an answer
  // that cannot be had is a StoreError that says the outcome is unknown.
  void commit() override {
    struct Ended {
      bool& in_tx;
      std::string& xid;
      ~Ended() { in_tx = false, xid.clear(); }
    } ended{in_tx_, xid_};
    try {
      exec("COMMIT");
    } catch (const StoreBusy&) {
      throw;
    } catch (const StoreError& e) {
      if (xid_.empty() || PQstatus(conn_) != CONNECTION_BAD) throw;
      resolve_lost_commit(e.what());
    }
  }
  void rollback() override {
    in_tx_ = false;
    // A lost connection: the server ended the transaction with the session.
    if (PQstatus(conn_) == CONNECTION_BAD) return;
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) exec("ROLLBACK");
  }

 private:
  void begin(const char* sql) {
    in_tx_ = false;  // a statement outside a transaction may reconnect
    exec(sql);
    in_tx_ = true;
  }

  // A connection lost (the server restarted, a failover, the backend
  // ended) is opened again before the next statement outside a transaction
  // or the next BEGIN, so a pooled Store does not fail for ever. Inside a
  // transaction it is not: its earlier statements are gone with the
  // session, and the statement fails as it must (docs/security/faults.md).
  void reconnect_if_lost() {
    if (in_tx_ || PQstatus(conn_) != CONNECTION_BAD) return;
    PQreset(conn_);
    names_.clear();  // prepared statements die with the session
    if (PQstatus(conn_) != CONNECTION_OK)
      throw StoreError(std::string("PostgreSQL: the connection was lost and could not be opened again: ") +
                       PQerrorMessage(conn_));
    exec("SET client_min_messages = warning");
  }

  // The COMMIT of transaction xid_ failed on a lost connection (`why`):
  // returns when the server committed it, else throws.
  void resolve_lost_commit(const std::string& why) {
    PGconn* probe = PQconnectdb(url_.c_str());
    std::string status;
    // A backend that is ending may still show its transaction in
    // progress for a moment: ask again for up to 10 s.
    for (int attempt = 0; PQstatus(probe) == CONNECTION_OK && attempt < 100; ++attempt) {
      const char* params[] = {xid_.c_str()};
      PGresult* r = PQexecParams(probe, "SELECT pg_xact_status(CAST($1 AS xid8))", 1, nullptr, params, nullptr,
                                 nullptr, 0);
      const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
      // NULL: too old for the server to know (not the case of a COMMIT just sent).
      status = ok && !PQgetisnull(r, 0, 0) ? PQgetvalue(r, 0, 0) : "";
      PQclear(r);
      if (!ok || status != "in progress") break;
      usleep(100 * 1000);
    }
    if (status == "committed") {
      PQfinish(conn_);
      conn_ = probe;
      names_.clear();  // prepared statements died with the old session
      exec("SET client_min_messages = warning");
      return;
    }
    PQfinish(probe);
    if (status == "aborted")
      throw StoreError(why + " (the connection was lost at COMMIT; transaction " + xid_ + " did not commit)");
    throw StoreError(why + " (the connection was lost at COMMIT and the outcome of transaction " + xid_ +
                     " could not be learnt: it may or may not have committed)");
  }

  const std::string& prepare(const std::string& sql, int nparams) {
    auto it = names_.find(sql);
    if (it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size());
    PGresult* r = PQprepare(conn_, name.c_str(), renumber(sql).c_str(), nparams, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      const std::unique_ptr<PGresult, decltype(&PQclear)> owned(r, &PQclear);
      fail(r, "PostgreSQL: " + std::string(PQresultErrorMessage(r)) + " in: " + sql.substr(0, 160));
    }
    PQclear(r);
    return names_.emplace(sql, std::move(name)).first->second;
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  bool in_tx_ = false;
  std::string xid_;  // the write transaction's id (begin_write), "" outside one
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& url) { return std::make_unique<PgDb>(url); }

}  // namespace thads
