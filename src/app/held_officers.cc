#include "app/held_officers.h"

#include <string>

#include "app/answer_cache.h"

namespace thads {
namespace {

// One register per ReadCache: the budget only bounds servers that come and
// go in one process (tests).
constexpr size_t kMaxBytes = 32u << 20;

using Officers = std::vector<OfficerRecord>;

AnswerCache<Officers>& held() {
  static AnswerCache<Officers> c(kMaxBytes);
  return c;
}

size_t bytes_of(const Officers& v) {
  size_t n = sizeof(Officers) + v.capacity() * sizeof(OfficerRecord);
  for (const OfficerRecord& o : v) n += o.id.size() + o.name.size() + o.agency.size() + o.role.size() + o.raw.size();
  return n;
}

AnswerCache<OfficerNames>& held_names() {
  static AnswerCache<OfficerNames> c(kMaxBytes);
  return c;
}

}  // namespace

std::shared_ptr<const std::vector<OfficerRecord>> held_officers(Store& store, ReadCache& cache) {
  // The position first: a register read after it is at least that new.
  const int64_t position = cache.position_of(store, {"officer", "reference_change:officer"});
  return held().get_or_make(std::to_string(cache.id()), position, [&] {
    auto v = std::make_shared<const Officers>(store.officers());
    const size_t bytes = bytes_of(*v);
    return std::pair<std::shared_ptr<const Officers>, size_t>(std::move(v), bytes);
  });
}

std::shared_ptr<const OfficerNames> held_officer_names(Store& store, ReadCache& cache) {
  const int64_t position = cache.position_of(store, {"officer", "reference_change:officer"});
  return held_names().get_or_make(std::to_string(cache.id()), position, [&] {
    const auto all = held_officers(store, cache);
    auto v = std::make_shared<OfficerNames>();
    v->reserve(all->size());
    // A node, its bucket and the two strings: about 96 bytes beside the text.
    size_t bytes = sizeof(OfficerNames);
    for (const OfficerRecord& o : *all) {
      v->emplace(o.id, o.name);
      bytes += 96 + o.id.size() + o.name.size();
    }
    return std::pair<std::shared_ptr<const OfficerNames>, size_t>(std::move(v), bytes);
  });
}

}  // namespace thads
