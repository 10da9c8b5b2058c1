// Computed answers held at the journal position they were computed at
// (issues 14 and 15 "Speed": one agency's work queue and the public
// non-compliance search at 256 connections). An answer is served again only
// to a request that asks the same key at the same position; the caller puts
// in the key everything the answer depends on besides the journal (the
// scope, the day, the words …), and reads the position before computing,
// so an answer is never older than the position it is held at (a write
// meanwhile moves the position and the next request computes again).
//
// Readers share a lock (std::shared_mutex); only a new answer takes it
// alone. Memory is bounded by a byte budget: past it, the answers used
// least recently (an approximate LRU: each hit stamps its entry with a
// counter) are dropped, an eighth of them at a time.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace thads {

template <class V>
class AnswerCache {
 public:
  explicit AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The answer held for `key` at `position`, or nullptr.
  std::shared_ptr<const V> get(const std::string& key, int64_t position) {
    std::shared_lock lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end() || it->second.position != position) return nullptr;
    it->second.used.store(tick_.fetch_add(1, std::memory_order_relaxed), std::memory_order_relaxed);
    return it->second.value;
  }

  // Holds `value` (about `bytes` large) for `key` at `position`, unless an
  // answer at a later position is already held.
  void put(const std::string& key, int64_t position, std::shared_ptr<const V> value, size_t bytes) {
    std::unique_lock lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      if (it->second.position > position) return;
      bytes_ -= it->second.bytes;
      it->second.position = position;
      it->second.value = std::move(value);
      it->second.bytes = bytes;
    } else {
      it = map_.try_emplace(key).first;
      it->second.position = position;
      it->second.value = std::move(value);
      it->second.bytes = bytes;
    }
    it->second.used.store(tick_.fetch_add(1, std::memory_order_relaxed), std::memory_order_relaxed);
    bytes_ += bytes;
    if (bytes_ + overhead() > max_bytes_) evict();
  }

  // The held answer for `key` at `position`, else make() (without the lock)
  // held and returned. make() returns {value, bytes}.
  template <class Make>
  std::shared_ptr<const V> get_or_make(const std::string& key, int64_t position, Make&& make) {
    if (auto v = get(key, position)) return v;
    auto [value, bytes] = make();
    std::shared_ptr<const V> v = std::move(value);
    put(key, position, v, bytes + key.size());
    return v;
  }

  size_t size() {
    std::shared_lock lock(mu_);
    return map_.size();
  }
  size_t bytes() {
    std::shared_lock lock(mu_);
    return bytes_;
  }

 private:
  struct Entry {
    int64_t position = 0;
    std::shared_ptr<const V> value;
    size_t bytes = 0;
    std::atomic<uint64_t> used{0};
  };
  static constexpr size_t kEntryOverhead = 96;  // the map's node, the entry
  size_t overhead() const { return map_.size() * kEntryOverhead; }

  // Under the unique lock: drops the least recently used eighth (at least
  // one) until within the budget.
  void evict() {
    while (!map_.empty() && bytes_ + overhead() > max_bytes_) {
      std::vector<std::pair<uint64_t, const std::string*>> order;
      order.reserve(map_.size());
      for (auto& [k, e] : map_) order.emplace_back(e.used.load(std::memory_order_relaxed), &k);
      const size_t n = std::max<size_t>(1, order.size() / 8);
      std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n - 1), order.end());
      std::vector<std::string> drop;
      for (size_t i = 0; i < n; ++i) drop.push_back(*order[i].second);
      for (const std::string& k : drop) {
        auto it = map_.find(k);
        bytes_ -= it->second.bytes;
        map_.erase(it);
      }
    }
  }

  const size_t max_bytes_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  size_t bytes_ = 0;
  std::atomic<uint64_t> tick_{1};
};

// A key made of `parts` that no other list of parts makes: each part is
// written as its length and its bytes, so a part holding a separator (a
// value typed in a query) cannot pass for two parts, nor two for one.
inline std::string answer_key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view p : parts) {
    key += std::to_string(p.size());
    key += ':';
    key += p;
  }
  return key;
}

}  // namespace thads
