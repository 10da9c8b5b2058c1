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
