#include "app/read_cache.h"

#include "app/agency_directory.h"

namespace thads {

int64_t ReadCache::generation(Store& store) {
  const auto now_ns = [] {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
  const auto recheck_ns = static_cast<int64_t>(recheck_seconds_ * 1e9);
  auto fresh = [&](int64_t now) {
    return seen_writes_.load(std::memory_order_acquire) == writes_.load(std::memory_order_acquire) &&
           generation_.load(std::memory_order_acquire) >= 0 &&
           now - checked_ns_.load(std::memory_order_acquire) < recheck_ns;
  };
  if (fresh(now_ns())) return generation_.load(std::memory_order_acquire);
  std::lock_guard lock(gen_mu_);
  const int64_t now = now_ns();
  if (fresh(now)) return generation_.load(std::memory_order_acquire);  // read meanwhile by another thread
  // The writes counted before the read: a write after it is seen next time.
  const uint64_t w = writes_.load(std::memory_order_acquire);
  const int64_t g = store.journal_position();
  generation_.store(g, std::memory_order_release);
  checked_ns_.store(now, std::memory_order_release);
  seen_writes_.store(w, std::memory_order_release);
  return g;
}

int64_t ReadCache::position_for(Store& store, const std::string& agency) {
  const int64_t g = generation(store);
  const std::shared_ptr<const AgencyTree> t = tree(store);
  return agency_positions_.of(store, g, *t, agency);
}

int64_t ReadCache::position_of(Store& store, std::initializer_list<std::string_view> kinds) {
  const int64_t g = generation(store);
  const std::shared_ptr<const AgencyTree> t = tree(store);
  return agency_positions_.kind_position(store, g, *t, kinds);
}

std::shared_ptr<const AgencyTree> ReadCache::tree(Store& store) {
  const int64_t g = generation(store);
  std::lock_guard lock(tree_mu_);
  if (tree_ && tree_gen_ == g) return tree_;
  // Agencies are reference data: most journal moves are case events. The
  // positions read the tail with the tree held so far; a tail that adds or
  // changes an agency moves every agency's position anyway, so that tree
  // is good enough for them.
  if (tree_ && g > tree_gen_ &&
      agency_positions_.kind_position(store, g, *tree_, {"agency", "reference_change:agency"}) <= tree_gen_) {
    tree_gen_ = g;
    return tree_;
  }
  tree_ = std::make_shared<const AgencyTree>(load_agency_tree(store));
  tree_gen_ = g;
  // The positions start counting no later than this tree: the next move of
  // the journal is compared with it (the first call of the positions takes
  // every kind as moved at its head).
  agency_positions_.kind_position(store, g, *tree_, {});
  return tree_;
}

std::shared_ptr<const StatsSnapshot> ReadCache::stats(Store& store) {
  const int64_t g = generation(store);
  std::lock_guard lock(stats_mu_);
  if (!stats_ || stats_gen_ != g) {
    // Re-reads only the cases changed since; the first time, starts from the saved snapshot.
    stats_ = stats_ ? StatsSnapshot::refresh(stats_, store) : StatsSnapshot::load_saved(store, &stats_origin_);
    stats_gen_ = g;
  }
  return stats_;
}

SnapshotOrigin ReadCache::names_origin() {
  std::lock_guard lock(names_mu_);
  return names_origin_;
}

SnapshotOrigin ReadCache::stats_origin() {
  std::lock_guard lock(stats_mu_);
  return stats_origin_;
}

std::shared_ptr<const NameIndex> ReadCache::names(Store& store) {
  const int64_t g = generation(store);
  std::unique_lock lock(names_mu_);
  if (names_loading_) return nullptr;
  if (names_ && names_gen_ == g) return names_;
  if (names_) {
    if (auto next = NameIndex::refresh(names_, store)) {
      names_ = std::move(next);
      names_gen_ = g;
      return names_;
    }
  }
  if (stop_.load(std::memory_order_relaxed)) return nullptr;
  // A full load, without the lock: the other threads search in SQL meanwhile.
  names_.reset();
  names_loading_ = true;
  lock.unlock();
  std::shared_ptr<const NameIndex> loaded;
  SnapshotOrigin origin;
  try {
    loaded = NameIndex::load_saved(store, &stop_, &origin);
  } catch (const LoadStopped&) {
    lock.lock();
    names_loading_ = false;
    return nullptr;
  } catch (...) {
    lock.lock();
    names_loading_ = false;
    throw;
  }
  lock.lock();
  names_loading_ = false;
  names_origin_ = std::move(origin);
  names_ = std::move(loaded);
  names_gen_ = g;
  return names_;
}

}  // namespace thads
