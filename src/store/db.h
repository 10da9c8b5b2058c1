// Db: the narrow SQL connection both store adapters implement (SQLite for
// the embedded default, PostgreSQL for several app servers).
//
// Contract: SQL is written once with `?` placeholders; the PostgreSQL adapter
// renumbers them. Values are NULL, int64 or text (hashes are stored as hex
// text, so no dialect needs blobs). Errors throw StoreError; nothing here
// decides a rule. A Db is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/db_types.h"

namespace thads {

enum class Dialect { sqlite, postgres };

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  // Runs statements without parameters (DDL, pragmas); may hold several.
  virtual void exec(const std::string& sql) = 0;
  // Runs one statement; calls on_row for each result row; returns rows changed.
  virtual int64_t run(const std::string& sql, const std::vector<Value>& params,
                      const std::function<void(const Row&)>& on_row = {}) = 0;
  // Runs one query for bulk bytes, its last column a BLOB (SQLite) or a
  // BYTEA (PostgreSQL): on_row gets each row, whose last column only says
  // NULL or not (its content is unspecified), and that column's bytes as
  // stored, valid during the call only. The SQLite adapter hands out its
  // own buffer (one copy fewer than run()); the PostgreSQL adapter asks for
  // the binary result format (no hex text twice the size).
  virtual int64_t run_bytes(const std::string& sql, const std::vector<Value>& params,
                            const std::function<void(const Row&, std::string_view)>& on_row);
  std::vector<Row> all(const std::string& sql, const std::vector<Value>& params = {});
  std::optional<Row> one(const std::string& sql, const std::vector<Value>& params = {});

  // A write transaction serialises writers (SQLite BEGIN IMMEDIATE; PostgreSQL
  // BEGIN, and the journal head row is then locked FOR UPDATE by the store).
  virtual void begin_write() = 0;
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// One consistent view of the store for a multi-statement read: a read
// transaction from construction to commit(), or to destruction (then rolled
// back; nothing was written).
class ReadTx {
 public:
  explicit ReadTx(Db& db) : db_(db) { db_.begin_read(); }
  ~ReadTx() {
    if (open_) {
      try {
        db_.rollback();
      } catch (...) {
      }
    }
  }
  ReadTx(const ReadTx&) = delete;
  ReadTx& operator=(const ReadTx&) = delete;
  void commit() {
    open_ = false;
    db_.commit();
  }

 private:
  Db& db_;
  bool open_ = true;
};

// `read_only`: opened for reading only (nothing written, not even the WAL
// mode); a file whose WAL side files cannot be created (read-only media) is
// then read as immutable.
std::unique_ptr<Db> open_sqlite(const std::string& path, bool read_only = false);
std::unique_ptr<Db> open_postgres(const std::string& url);

}  // namespace thads
