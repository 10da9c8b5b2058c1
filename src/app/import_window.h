// The import's window (ImportOptions::window): what an import holds in memory
// at once, its cases and, each on its own, the oversight module's streams
// (the accountability module's few streams are held whole). Each held entry carries its
// last use; when the window is full the least recently used are written and
// dropped.
//
// Contract: pure bookkeeping over a map whose values have a `last_use`
// member; no I/O.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace thads {

// Iterators to all entries of `held`, the `count` least recently used first
// (those are then the first `count`; the rest in no order), cut to `count`.
template <class Map>
std::vector<typename Map::iterator> least_recently_used(Map& held, size_t count) {
  std::vector<typename Map::iterator> all;
  all.reserve(held.size());
  for (auto it = held.begin(); it != held.end(); ++it) all.push_back(it);
  count = std::min(count, all.size());
  std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count), all.end(),
                   [](auto x, auto y) { return x->second.last_use < y->second.last_use; });
  all.resize(count);
  return all;
}

// How many entries to drop when `held` entries fill a window of `window`:
// 0 while there is room, else half the window (at least one).
inline size_t overflow(size_t held, size_t window) {
  window = std::max<size_t>(window, 1);
  return held < window ? 0 : std::max<size_t>(window / 2, 1);
}

}  // namespace thads
