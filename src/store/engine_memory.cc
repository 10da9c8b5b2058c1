#include "store/engine_memory.h"

#include <sqlite3.h>

namespace thads {

int64_t sqlite_memory_bytes() { return static_cast<int64_t>(sqlite3_memory_used()); }

}  // namespace thads
