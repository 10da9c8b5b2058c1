// A pool of open Stores for the server's worker threads. A Store is used by
// one thread at a time, and opening one (a SQLite connection with its
// statement cache, or a PostgreSQL connection) is too costly per request.
//
// Contract: acquire() is thread-safe and returns a lease that gives the
// Store back on destruction. Leases never share a Store. Each Store opened
// by the pool also gets the account tables (ensure_account_schema), except
// in a read-only pool (a streaming replica, serve --read-db), which opens its
// Stores with Store::open_read_only and writes nothing.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace thads::http {

class StorePool {
 public:
  explicit StorePool(std::string location, bool read_only = false)
      : location_(std::move(location)), read_only_(read_only) {}

  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<Store> s) : pool_(&pool), store_(std::move(s)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Lease acquire();
  const std::string& location() const { return location_; }
  bool read_only() const { return read_only_; }

 private:
  std::string location_;
  bool read_only_ = false;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace thads::http
