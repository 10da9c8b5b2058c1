#include "modules/coordination/app/held_bodies.h"

#include "app/answer_cache.h"
#include "modules/coordination/store/coordination_store.h"

namespace thads::coordination {
namespace {

// One register per ReadCache: the budget only bounds servers that come and
// go in one process (tests).
constexpr size_t kMaxBytes = 32u << 20;

AnswerCache<BodyRegister>& held() {
  static AnswerCache<BodyRegister> c(kMaxBytes);
  return c;
}

size_t bytes_of(const BodyRegister& r) {
  size_t n = sizeof(BodyRegister);
  for (const BodyEntry& e : r.entries)
    n += sizeof(BodyEntry) + 48 + e.body.code.size() * 2 + e.body.name.size() + e.body.type.size() +
         e.body.agency.size() + e.body.raw.size();
  return n;
}

}  // namespace

const BodyEntry* BodyRegister::find(const std::string& code) const {
  auto it = by_code.find(code);
  return it == by_code.end() ? nullptr : &entries[it->second];
}

BodyRegister BodyRegister::of(std::vector<BodyEntry> entries) {
  BodyRegister r;
  r.entries = std::move(entries);
  r.by_code.reserve(r.entries.size());
  for (size_t i = 0; i < r.entries.size(); ++i) r.by_code.emplace(r.entries[i].body.code, i);
  return r;
}

std::shared_ptr<const BodyRegister> read_body_register(Store& store) {
  return std::make_shared<const BodyRegister>(BodyRegister::of(body_entries(store.db())));
}

std::shared_ptr<const BodyRegister> held_body_register(Store& store, ReadCache& cache) {
  // The position first: a register read after it is at least that new.
  const int64_t position = cache.position_of(store, {"body", "body_change"});
  return held().get_or_make(std::to_string(cache.id()), position, [&] {
    std::shared_ptr<const BodyRegister> r = read_body_register(store);
    const size_t bytes = bytes_of(*r);
    return std::pair<std::shared_ptr<const BodyRegister>, size_t>(std::move(r), bytes);
  });
}

}  // namespace thads::coordination
