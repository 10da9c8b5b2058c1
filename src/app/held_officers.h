// The officers' register (cán bộ, chấp hành viên) as a running server holds
// it, for the pages that offer officers to choose from (the case lists' and
// the search page's officer filter): every officer record, by id, read once
// and shared by the requests until the register changes.
//
// Contract: held per server (ReadCache, keyed by its id) at the position
// where the register last changed, ReadCache::position_of({"officer",
// "reference_change:officer"}): an `officer` record or a reference_change of
// an officer appended since moves it, and the next request reads the
// register again. A change made through this server is seen at once
// (note_write), one made by another process within ReadCache's
// recheck_seconds, as for the agency tree. Immutable once built (a request
// keeps its copy while a newer one is read). Memory: one register per
// ReadCache (about a hundred bytes an officer), in an AnswerCache bounded by
// bytes. A process without a ReadCache reads Store::officers().
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/read_cache.h"
#include "domain/interchange.h"
#include "store/store.h"

namespace thads {

std::shared_ptr<const std::vector<OfficerRecord>> held_officers(Store& store, ReadCache& cache);

// The same register as names by officer id, for the rows of the case lists
// and the search page (their officer column): held, and moved, as above.
using OfficerNames = std::unordered_map<std::string, std::string>;
std::shared_ptr<const OfficerNames> held_officer_names(Store& store, ReadCache& cache);

}  // namespace thads
