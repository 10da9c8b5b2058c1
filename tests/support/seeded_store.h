// A fresh store of a backend ("sqlite", "postgres") with interchange lines
// imported into it, as most use-case tests begin. Fails the test (a thrown
// error naming the first refusal) when the seed is refused.
#pragma once

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/import.h"
#include "store/store.h"
#include "temp_store.h"

namespace thads::testing {

inline std::unique_ptr<Store> seeded_store(const std::string& backend, const std::string& seed, int64_t now_unix) {
  auto store = Store::open(fresh_location(backend));
  std::istringstream in(seed);
  ImportOptions o;
  o.now_unix = now_unix;
  const ImportResult r = import_jsonl(*store, in, o);
  if (!r.ok())
    throw std::runtime_error("the seed was refused at line " + std::to_string(r.refusals.front().line) + ": " +
                             r.refusals.front().refusal.message);
  return store;
}

}  // namespace thads::testing
