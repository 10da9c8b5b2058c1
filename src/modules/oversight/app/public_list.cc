#include "modules/oversight/app/public_list.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/answer_cache.h"
#include "modules/oversight/app/held_streams.h"

namespace thads::oversight {
namespace {

struct PublicEntry {
  PublicRow row;
  std::string search;  // " folded name "
  std::string json;    // public_item_json(row)
};
// Shared: a snapshot of the sorted rows keeps the entries it was made of
// while the held model moves on.
using HeldPublic = std::shared_ptr<const PublicEntry>;
using Held = HeldStreams<HeldPublic>;

HeldPublic entry_of(PublicRow&& r, std::string&& search) {
  auto e = std::make_shared<PublicEntry>();
  e->json = public_item_json(r);
  e->row = std::move(r);
  e->search = std::move(search);
  return e;
}

Held& held() {
  static Held h(StreamKind::admin_judgment,
                Held::Source{[](Db& db, const std::function<void(const std::string&, HeldPublic&&)>& put) {
                               for_each_public_row(db, [&](PublicRow&& r, std::string&& search) {
                                 const std::string id = r.id;
                                 put(id, entry_of(std::move(r), std::move(search)));
                               });
                             },
                             [](Db& db, const std::string& id) -> std::optional<HeldPublic> {
                               auto r = public_row(db, id);
                               if (!r) return std::nullopt;
                               return entry_of(std::move(r->first), std::move(r->second));
                             }});
  return h;
}

// The held rows newest first, and their folded names in one buffer with
// each row's start: a search is a scan of one contiguous buffer for its
// first word (13,636 names: ~600 KB). Immutable once made; a new one is
// made when the held rows change.
struct Index {
  uint64_t generation = 0;
  std::vector<HeldPublic> rows;  // newest first, then by id
  std::string names;             // the rows' folded names, in that order
  std::vector<size_t> starts;    // where each row's name starts in `names`
};

std::shared_ptr<const Index> make_index(const Held::Items& items, uint64_t generation) {
  auto x = std::make_shared<Index>();
  x->rows.reserve(items.size());
  for (const auto& [id, h] : items) x->rows.push_back(h);
  std::sort(x->rows.begin(), x->rows.end(), [](const HeldPublic& a, const HeldPublic& b) {
    return a->row.since != b->row.since ? a->row.since > b->row.since : a->row.id < b->row.id;
  });
  for (const HeldPublic& h : x->rows) {
    x->starts.push_back(x->names.size());
    x->names += h->search;
    x->names += '\n';  // never in a folded word: a match stays inside one name
  }
  x->generation = generation;
  return x;
}

// The index at the journal's head: made under the held rows' shared lock
// when they changed (one thread makes it, the others wait for it).
std::shared_ptr<const Index> index_at_head(Store& store) {
  static std::mutex mu;
  static std::shared_ptr<const Index> current;
  std::shared_ptr<const Index> out;
  held().with_shared(store, [&](const Held::Items& items) {
    const uint64_t g = held().generation();
    std::lock_guard lock(mu);
    if (!current || current->generation != g) current = make_index(items, g);
    out = current;
  });
  return out;
}

// Calls take(row) for every row matching `words` (all of them when empty),
// in the list's order.
template <class F>
void each_match(const Index& x, const std::vector<std::string>& words, F&& take) {
  if (words.empty()) {
    for (const HeldPublic& r : x.rows) take(*r);
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
    if (all) take(*x.rows[i]);
    at = end < names.size() ? names.find(words.front(), end) : std::string_view::npos;
  }
}

constexpr size_t kMaxAnswerBytes = 64u << 20;

AnswerCache<std::string>& answers() {
  static AnswerCache<std::string> c(kMaxAnswerBytes);
  return c;
}

}  // namespace

std::string public_item_json(const PublicRow& r) {
  const nlohmann::json item{{"id", r.id},
                            {"debtor", {{"name", r.debtor_name}, {"address", r.debtor_address}}},
                            {"compel_order", {{"number", r.compel_number}, {"court", r.compel_court}, {"order_date", r.compel_order_date}}},
                            {"obligation", r.obligation},
                            {"portals", r.portals}};
  return item.dump();
}

PublicPage held_public_non_compliance(Store& store, const std::vector<std::string>& words, int64_t limit, int64_t offset) {
  PublicPage page;
  const size_t from = static_cast<size_t>(std::max<int64_t>(offset, 0));
  const size_t to = from + static_cast<size_t>(std::max<int64_t>(limit, 0));
  const std::shared_ptr<const Index> x = index_at_head(store);
  each_match(*x, words, [&](const PublicEntry& e) {
    const size_t n = static_cast<size_t>(page.total++);
    if (n >= from && n < to) page.rows.push_back(e.row);
  });
  return page;
}

std::shared_ptr<const std::string> public_api_body(Store& store, ReadCache& cache, const std::vector<std::string>& words,
                                                   int64_t limit, int64_t offset) {
  // The position first: an answer made after it is at least that new.
  const int64_t position = cache.position(store);
  std::string key = std::to_string(cache.id()) + '\x1f' + std::to_string(limit) + '\x1f' + std::to_string(offset);
  for (const std::string& w : words) key += '\x1f' + w;
  return answers().get_or_make(key, position, [&] {
    const size_t from = static_cast<size_t>(std::max<int64_t>(offset, 0));
    const size_t to = from + static_cast<size_t>(std::max<int64_t>(limit, 0));
    const std::shared_ptr<const Index> x = index_at_head(store);
    auto body = std::make_shared<std::string>("{\"items\":[");
    size_t n = 0;
    each_match(*x, words, [&](const PublicEntry& e) {
      if (n >= from && n < to) {
        if (n > from) *body += ',';
        *body += e.json;
      }
      ++n;
    });
    *body += "]}";
    const size_t bytes = body->capacity() + sizeof(std::string);
    return std::pair<std::shared_ptr<const std::string>, size_t>(std::move(body), bytes);
  });
}

void load_public_list(Store& store) { index_at_head(store); }

}  // namespace thads::oversight
