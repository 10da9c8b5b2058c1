// advance_saved_snapshot (app/saved_snapshot.h): the journal read since a
// saved read model, and the snapshot moved forward over what it does not read.
#include "app/saved_snapshot.h"

#include "store/read_model_snapshots.h"
#include "store/store.h"

namespace thads {

bool advance_saved_snapshot(Store& store, const std::string& name, int64_t format, bool reference_kept,
                            int64_t max_tail) {
  Db& db = store.db();
  int64_t from = 0, to = 0;
  {
    Snapshot tx(store);
    const auto saved = saved_snapshot_header(db, name);
    if (!saved || saved->format != format) return false;
    from = saved->pos;
    to = store.journal_position();
    if (to == from) return true;  // nothing written since
    if (to < from) return false;
    const Store::JournalChanges since = store.changes_since(from, max_tail);
    tx.commit();
    if (since.too_many || !since.cases.empty() || (since.reference && !reference_kept)) return false;
  }
  return move_snapshot(db, name, from, to);
}

}  // namespace thads
