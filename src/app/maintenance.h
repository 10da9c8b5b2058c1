// Maintenance use cases over the journal: export (interchange JSON Lines),
// rebuild (read models from the journal) and the audit check.
#pragma once

#include <functional>
#include <ostream>

#include "store/store.h"

namespace thads {

// Writes every interchange record (reference data and case events) in
// journal order, each with its recorded_at, so importing the export into an
// empty store yields identical reports. Returns the number of records.
int64_t export_jsonl(Store& store, std::ostream& out);

// Recomputes every read model from the journal in one transaction.
struct RebuildResult { int64_t entries = 0; int64_t cases = 0; };
RebuildResult rebuild(Store& store, const std::function<void(const char*, int64_t, int64_t)>& progress = {});

}  // namespace thads
