// The register of bodies as a running server holds it (issue 18, the case
// page's requests section): every body of the register with its changes
// applied (coordination_store's body_entries), by code, read once and shared
// by the requests until the register changes.
//
// Contract: held per server (ReadCache, keyed by its id) at the position
// where the register last changed, ReadCache::position_of({"body",
// "body_change"}): a `body` record (oversight's, added by an import or by an
// admin through add_body) or a `body_change` appended since moves it and the
// next request reads the register again. Like the agency tree, a change made
// through this server is seen at once (note_write), one made by another
// process within ReadCache's recheck_seconds. Immutable once built (shared_ptr:
// a request keeps its copy while a newer one is read). Memory: one register
// per ReadCache (a few hundred bytes a body), in an AnswerCache bounded by
// bytes. A process without a ReadCache (the CLI, a use case) reads the store.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/read_cache.h"
#include "modules/coordination/domain/body_change.h"
#include "store/store.h"

namespace thads::coordination {

struct BodyRegister {
  std::vector<BodyEntry> entries;  // by code
  std::unordered_map<std::string, size_t> by_code;  // code -> index in entries

  const BodyEntry* find(const std::string& code) const;
  static BodyRegister of(std::vector<BodyEntry> entries);
};

// The register read now from the store.
std::shared_ptr<const BodyRegister> read_body_register(Store& store);
// The register held for `cache` (see above).
std::shared_ptr<const BodyRegister> held_body_register(Store& store, ReadCache& cache);

}  // namespace thads::coordination
