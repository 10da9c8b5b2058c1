// The memory the embedded database engine holds in this process.
#pragma once

#include <cstdint>

namespace thads {

// Bytes SQLite has allocated and not freed in this process, over all its
// connections: page caches (each connection's up to its PRAGMA cache_size),
// schemas and prepared statements (sqlite3_memory_used). With PostgreSQL
// the store's pages live in the server's processes; this is then only what
// a SQLite file opened beside it holds (0 when none is).
int64_t sqlite_memory_bytes();

}  // namespace thads
