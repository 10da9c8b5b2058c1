// PostgreSQL adapter of Db (libpq): for several app servers over one database.
#include <libpq-fe.h>

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
  explicit PgDb(const std::string& url) {
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
    reconnect_if_lost();
    const std::string& name = prepare(sql, static_cast<int>(params.size()));
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t k = 0; k < params.size(); ++k) {
      if (auto* n = std::get_if<int64_t>(&params[k])) { text[k] = std::to_string(*n); values[k] = text[k].c_str(); }
      else if (auto* s = std::get_if<std::string>(&params[k])) values[k] = s->c_str();
    }
    PGresult* r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0);
    // Cleared on every way out, a throwing on_row included (a loader that
    // is asked to stop throws from it: NameIndex::load).
    const std::unique_ptr<PGresult, decltype(&PQclear)> owned(r, &PQclear);
    const auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      fail(r, "PostgreSQL: " + std::string(PQresultErrorMessage(r)) + " in: " + sql.substr(0, 120));
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

  void begin_write() override { begin("BEGIN ISOLATION LEVEL READ COMMITTED"); }
  void begin_read() override { begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void commit() override {
    // Still inside: a COMMIT on a lost connection must fail, not reconnect
    // and "commit" an empty session.
    struct Ended {
      bool& in_tx;
      ~Ended() { in_tx = false; }
    } ended{in_tx_};
    exec("COMMIT");
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

  PGconn* conn_ = nullptr;
  bool in_tx_ = false;
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& url) { return std::make_unique<PgDb>(url); }

}  // namespace thads
