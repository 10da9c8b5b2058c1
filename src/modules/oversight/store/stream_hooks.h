// Read models of other modules over the oversight streams (issue 16: the
// coordination module's request ledger): a module registers a projection
// while the program starts; project() (oversight_store.h), which import,
// rebuild and the use cases call after appending acts, runs every
// registered projection with the stream, in the same transaction. A
// projection writes only its own module's tables (listed in that module's
// read_model_tables, so `thads rebuild` empties them first).
#pragma once

#include <functional>

#include "modules/oversight/domain/stream.h"
#include "store/db.h"

namespace thads::oversight {

using StreamProjection = std::function<void(Db&, const Stream&)>;
void register_stream_projection(StreamProjection p);
void run_stream_projections(Db& db, const Stream& s);

}  // namespace thads::oversight
