// The memory the embedded database engine holds in this process.
#pragma once

#include <cstdint>

namespace thads {

class Store;

// Bytes SQLite has allocated and not freed in this process, over all its
// connections: page caches (each connection's up to its PRAGMA cache_size),
// schemas and prepared statements (sqlite3_memory_used). With PostgreSQL
// the store's pages live in the server's processes; this is then only what
// a SQLite file opened beside it holds (0 when none is).
int64_t sqlite_memory_bytes();

// Makes `store` read its file from here on through a small page cache
// (16 MiB) and no memory map. For a command's last pass over the whole store
// (the statistics saved after an import), which reads each page once: mapped
// pages count in the process's resident memory, and so does a page cache
// filled up to the import's 256 MiB, so either would add to the peak of what
// the command held already. The operating system's file cache keeps the
// file's pages either way. No effect on PostgreSQL.
void read_for_one_pass(Store& store);

}  // namespace thads
