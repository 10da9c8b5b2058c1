// Persisted read-model snapshots: an in-memory read model (the statistics
// snapshot, later the search index) saved in the store with the journal
// position it reflects, so that a fresh process starts from it and reads
// only the journal's tail (docs/storage.md, "Read-model snapshots").
//
// Contract: one snapshot per read-model name, in table read_model_snapshots
// (the blob split in parts of at most kSnapshotPartBytes). A snapshot is
// handed back only when it still matches the store: its parts are whole,
// the BLAKE2b-256 checksum of its blob is the one recorded, its position is
// not past the journal's head and the journal entry at that position still
// has the chain hash recorded with it. Anything else (a missing table in a
// store written by an older thads, a part missing, a byte changed, a
// journal rewritten) answers why, and the caller builds the read model from
// the read models' tables instead. The format version is recorded and
// returned, never judged here: the read model's decoder decides.
// read_snapshot runs inside the caller's read transaction; write_snapshot
// and delete_snapshots run in a write transaction of their own.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>

#include "store/db.h"
#include "store/large_blocks.h"

namespace thads {

// Parts of 1 MiB: each is read into memory the reader reuses, so that only
// the whole blob is new memory (a part of many MiB made every copy of it
// fresh pages, and page faults were most of a fresh report's time).
inline constexpr size_t kSnapshotPartBytes = 1u << 20;

// A snapshot as read: its blob is held in large_block_resource() (one
// block of huge pages for a national store's hundred MiB).
struct StoredSnapshot {
  int64_t format = 0;  // the read model's format version
  int64_t pos = 0;     // the journal position it reflects
  std::pmr::string blob{large_block_resource()};
};

struct SnapshotRead {
  bool ok = false;
  std::string why;  // when not ok: "none", or why it is not trusted
  StoredSnapshot snapshot;
};

SnapshotRead read_snapshot(Db& db, const std::string& name);
// The same, and not ok when it was saved in another format than `format`
// (the reader's): such bytes are never handed to a decoder.
SnapshotRead read_snapshot(Db& db, const std::string& name, int64_t format);
// Replaces the snapshot of `name` by `blob`, saved in `format` at journal
// position `pos`. Refused (false, nothing written) when the journal holds
// no entry at `pos` (the journal was rebuilt meanwhile).
bool write_snapshot(Db& db, const std::string& name, int64_t format, int64_t pos, std::string_view blob);
// The position and format of the snapshot saved under `name`, without its
// bytes (nothing is checked); nullopt when none is saved.
struct SavedSnapshotHeader {
  int64_t format = 0;
  int64_t pos = 0;
};
std::optional<SavedSnapshotHeader> saved_snapshot_header(Db& db, const std::string& name);
// Moves the snapshot of `name` saved at journal position `from` to position
// `to`, its bytes untouched: for a read model that the journal entries after
// `from` up to `to` leave as it is (the caller has read them: for the
// statistics, records of the modules, accounts, settings). The snapshot then
// reflects `to`, and its bytes may carry the earlier position they were
// encoded at (a decoder accepts a position in the bytes not past the saved
// one). Refused (false, nothing written) unless a snapshot of `name` is saved
// at `from`, `to` is past it, and the journal holds an entry at `to`, not
// past its head. A write transaction of its own.
bool move_snapshot(Db& db, const std::string& name, int64_t from, int64_t to);
// Every snapshot, in the caller's write transaction (a rebuild of the read models).
void delete_snapshots(Db& db);

// BLAKE2b-256 of `bytes`, as 64 hex digits.
std::string snapshot_checksum(std::string_view bytes);

}  // namespace thads
