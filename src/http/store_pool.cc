#include "http/store_pool.h"

#include "app/accounts.h"

namespace thads::http {

StorePool::Lease::~Lease() {
  if (!store_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->idle_.push_back(std::move(store_));
}

StorePool::Lease StorePool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(s));
    }
  }
  auto s = Store::open(location_);
  // Requests read a few pages of a large store at random places: a small
  // page cache per connection is recycled at once instead of growing (one
  // malloc and fresh memory per page) toward the 256 MiB an import wants;
  // the operating system's file cache and mmap keep the store in memory.
  if (s->db().dialect() == Dialect::sqlite) s->db().exec("PRAGMA cache_size=-16384");
  ensure_account_schema(s->db());
  return Lease(*this, std::move(s));
}

}  // namespace thads::http
