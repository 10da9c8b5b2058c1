// Which journal entries came after a position, for the held read models that
// follow both the oversight streams and the cases (app/held_queue.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace thads::oversight {

// The (journal kind, stream) of every entry in (since, upto], in position
// order, read up to `max` entries (more: `*more` is set, and the answer is
// not the whole range): the oversight streams' kinds and "event" (a case's)
// alike.
std::vector<std::pair<std::string, std::string>> entries_changed(Db& db, int64_t since, int64_t upto, int64_t max,
                                                                 bool* more);

}  // namespace thads::oversight
