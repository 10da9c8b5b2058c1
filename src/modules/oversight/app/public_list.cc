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

}  // namespace

PublicPage held_public_non_compliance(Store& store, const std::vector<std::string>& words, int64_t limit, int64_t offset) {
  PublicPage page;
  held().with(store, [&](const Held::Items& items) {
    std::vector<const PublicRow*> found;
    for (const auto& [id, h] : items) {
      bool all = true;
      for (const std::string& w : words)
        if (h.search.find(w) == std::string::npos) {
          all = false;
          break;
        }
      if (all) found.push_back(&h.row);
    }
    page.total = static_cast<int64_t>(found.size());
    const auto newest_first = [](const PublicRow* a, const PublicRow* b) {
      return a->since != b->since ? a->since > b->since : a->id < b->id;
    };
    const size_t from = static_cast<size_t>(std::clamp<int64_t>(offset, 0, page.total));
    const size_t to = static_cast<size_t>(std::clamp<int64_t>(offset + std::max<int64_t>(limit, 0), 0, page.total));
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(to), found.end(), newest_first);
    for (size_t i = from; i < to; ++i) page.rows.push_back(*found[i]);
  });
  return page;
}

}  // namespace thads::oversight
