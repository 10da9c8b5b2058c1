#include "store/engine_memory.h"

#include <sqlite3.h>

#include "store/db.h"
#include "store/store.h"

namespace thads {

int64_t sqlite_memory_bytes() { return static_cast<int64_t>(sqlite3_memory_used()); }

void read_for_one_pass(Store& store) {
  if (store.db().dialect() == Dialect::sqlite) store.db().exec("PRAGMA mmap_size=0; PRAGMA cache_size=-16384");
}

}  // namespace thads
