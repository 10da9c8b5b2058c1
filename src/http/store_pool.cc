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
  if (read_only_) {
    auto s = Store::open_read_only(location_);
    if (!s) throw StoreError("no thads store at the read-only location");
    s->use_request_page_cache();
    return Lease(*this, std::move(s));
  }
  auto s = Store::open(location_);
  s->use_request_page_cache();
  ensure_account_schema(s->db());
  return Lease(*this, std::move(s));
}

}  // namespace thads::http
