#include "modules/oversight/app/public_list.h"

#include <algorithm>

#include "modules/oversight/app/held_streams.h"

namespace thads::oversight {
namespace {

struct HeldPublic {
  PublicRow row;
  std::string search;  // " folded name "
};
using Held = HeldStreams<HeldPublic>;

Held& held() {
  static Held h(StreamKind::admin_judgment,
                Held::Source{[](Db& db, const std::function<void(const std::string&, HeldPublic&&)>& put) {
                               for_each_public_row(db, [&](PublicRow&& r, std::string&& search) {
                                 const std::string id = r.id;
                                 put(id, HeldPublic{std::move(r), std::move(search)});
                               });
                             },
                             [](Db& db, const std::string& id) -> std::optional<HeldPublic> {
                               auto r = public_row(db, id);
                               if (!r) return std::nullopt;
                               return HeldPublic{std::move(r->first), std::move(r->second)};
                             }});
  return h;
}

// The held rows newest first, and their folded names in one buffer with
// each row's start, rebuilt when the held rows change: a search is a scan of
// one contiguous buffer for its first word (13,636 names: ~600 KB).
struct Index {
  uint64_t generation = ~uint64_t{0};
  std::vector<const PublicRow*> rows;  // newest first, then by id
  std::string names;                   // the rows' folded names, in that order
  std::vector<size_t> starts;          // where each row's name starts in `names`
};

void rebuild(Index& x, const Held::Items& items, uint64_t generation) {
  std::vector<const HeldPublic*> all;
  all.reserve(items.size());
  for (const auto& [id, h] : items) all.push_back(&h);
  std::sort(all.begin(), all.end(), [](const HeldPublic* a, const HeldPublic* b) {
    return a->row.since != b->row.since ? a->row.since > b->row.since : a->row.id < b->row.id;
  });
  x.rows.clear();
  x.names.clear();
  x.starts.clear();
  for (const HeldPublic* h : all) {
    x.rows.push_back(&h->row);
    x.starts.push_back(x.names.size());
    x.names += h->search;
    x.names += '\n';  // never in a folded word: a match stays inside one name
  }
  x.generation = generation;
}

}  // namespace

PublicPage held_public_non_compliance(Store& store, const std::vector<std::string>& words, int64_t limit, int64_t offset) {
  PublicPage page;
  const size_t from = static_cast<size_t>(std::max<int64_t>(offset, 0));
  const size_t to = from + static_cast<size_t>(std::max<int64_t>(limit, 0));
  auto take = [&](const PublicRow* r) {
    const size_t n = static_cast<size_t>(page.total++);
    if (n >= from && n < to) page.rows.push_back(*r);
  };
  held().with(store, [&](const Held::Items& items) {
    static Index x;  // used only under the held model's lock
    if (x.generation != held().generation()) rebuild(x, items, held().generation());
    if (words.empty()) {
      for (const PublicRow* r : x.rows) take(r);
      return;
    }
    const std::string_view names(x.names);
    for (size_t at = names.find(words.front()); at != std::string_view::npos;) {
      // The row whose name holds this match, then its other words.
      const size_t i = static_cast<size_t>(std::upper_bound(x.starts.begin(), x.starts.end(), at) - x.starts.begin()) - 1;
      const size_t end = i + 1 < x.starts.size() ? x.starts[i + 1] : names.size();
      const std::string_view name = names.substr(x.starts[i], end - x.starts[i]);
      bool all = true;
      for (size_t w = 1; w < words.size() && all; ++w) all = name.find(words[w]) != std::string_view::npos;
      if (all) take(x.rows[i]);
      at = end < names.size() ? names.find(words.front(), end) : std::string_view::npos;
    }
  });
  return page;
}

}  // namespace thads::oversight
