// The freeze budget's lookup (oversight.md "request", `over_freeze`; L.THADS
// Art. 67), shared by the import and the use cases: which other requests of
// the case to weigh, and the check itself (domain/freeze_budget.h).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>

#include "domain/event.h"
#include "domain/refusal.h"
#include "modules/oversight/domain/stream.h"
#include "store/store.h"

namespace thads::oversight {

// over_freeze when `sent` (a request's opening act) is a freeze that, with
// the case's other freezes standing on its date, exceeds what the case
// (`case_stream`, its whole event stream) still owes. The others are the
// case's stored requests (oversight_streams) and `extra_ids` (requests earlier
// in an import file), each read through `stream_of` (nullptr: unknown).
std::optional<Refusal> freeze_budget(Db& db, const Act& sent, std::span<const Event> case_stream,
                                     const std::unordered_set<std::string>& extra_ids,
                                     const std::function<const Stream*(const std::string&)>& stream_of);

// The same check for one request opened through a use case: the case's
// stream and its stored requests read from `store` (inside the caller's
// transaction), as the import reads them.
std::optional<Refusal> freeze_budget_of_stored(Store& store, const Act& sent);

}  // namespace thads::oversight
