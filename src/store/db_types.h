// What the stores' callers see of the database layer: the error a store
// throws, and the values and rows its scans hand to a callback. The
// connection itself (Db, in store/db.h) is the stores' own: above the store
// folders it is an opaque handle (`class Db;`) that can only be passed to a
// store's named queries, never used to run SQL (scripts/check-layers.py).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace thads {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The database could not run this transaction alongside a concurrent one
// and gave up on it: PostgreSQL SQLSTATE 40001 (serialization_failure),
// 40P01 (deadlock_detected) or 55P03 (lock_not_available); SQLite
// SQLITE_BUSY or SQLITE_LOCKED once its busy timeout (10 s) ran out. The
// transaction is rolled back whole (nothing was written), and the same
// request, sent again, may succeed: the web and API answer it as a
// retryable conflict (409 `conflict_retry`, docs/security/faults.md), not as
// a store that is down. The store does not retry by itself: a use case
// decides on what it read inside the transaction, so only a new request
// (which reads again) may retry.
struct StoreBusy : StoreError {
  using StoreError::StoreError;
};

using Value = std::variant<std::monostate, int64_t, std::string>;

// One row of a scan, its columns in the order the query names them.
struct Row {
  std::vector<Value> cols;
  bool null(size_t i) const { return std::holds_alternative<std::monostate>(cols[i]); }
  int64_t i(size_t k) const;
  std::string s(size_t k) const;
};

// True for a postgresql:// (or postgres://) URL, false for a SQLite path.
bool is_postgres_url(const std::string& location);

}  // namespace thads
