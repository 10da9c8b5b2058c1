#include "http/session_cache.h"

namespace thads::http {

std::optional<SessionInfo> SessionCache::find(const std::string& token, int64_t now, const SessionPolicy& policy) {
  if (ttl_ <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = map_.find(token);
  if (it == map_.end()) return std::nullopt;
  const Entry& e = it->second;
  const SessionInfo& s = e.session;
  const bool fresh = e.generation == accounts_generation() &&
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - e.read_at).count() < ttl_;
  const bool in_time = now - s.last_seen < policy.touch_interval_seconds && now - s.last_seen <= policy.idle_seconds &&
                       now - s.created_at <= policy.absolute_seconds && now >= s.last_seen;
  if (!fresh || !in_time || !s.user.active) {
    map_.erase(it);
    return std::nullopt;
  }
  return s;
}

void SessionCache::keep(const std::string& token, const SessionInfo& s, uint64_t generation) {
  if (ttl_ <= 0) return;
  std::lock_guard lock(mu_);
  if (map_.size() >= max_entries_ && !map_.count(token)) map_.erase(map_.begin());
  map_[token] = Entry{s, generation, std::chrono::steady_clock::now()};
}

}  // namespace thads::http
