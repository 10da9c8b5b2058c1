// SnapshotOrigin: where an in-memory read model (the statistics, the search
// index) was taken from when a process loaded it: the snapshot saved in the
// store (store/read_model_snapshots.h, docs/storage.md "Read-model
// snapshots") brought up to date from the journal's tail, or the tables.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace thads {

class Store;

struct SnapshotOrigin {
  bool saved = false;      // from the saved snapshot (then brought up to date)
  int64_t saved_pos = -1;  // the position of the saved snapshot used
  std::string why_not;     // when not saved: why the saved one was not used ("none", a mismatch)
};

// Whether a running server saves its held read model (at journal position
// `position`, over `cases` cases) again, over the snapshot it saved at
// `saved_pos` `since_saved` ago (-1: none saved yet). A saved snapshot is
// rewritten whole (the search index: about 315 bytes a case, 315 MB at a
// million cases), while what it spares the next process is replaying the
// journal's tail since it. So: at once when none is saved; else only when
// the tail has grown to at least `min_tail` entries or 1% of the cases, or
// when `max_age` has passed and the journal moved at all.
inline bool worth_saving_again(int64_t saved_pos, int64_t position, size_t cases,
                               std::chrono::seconds since_saved, int64_t min_tail = 1000,
                               std::chrono::seconds max_age = std::chrono::hours(1)) {
  if (saved_pos < 0) return true;
  if (position <= saved_pos) return false;
  const int64_t tail = position - saved_pos;
  return tail >= std::max<int64_t>(min_tail, static_cast<int64_t>(cases / 100)) || since_saved >= max_age;
}

// Moves the snapshot saved under `name` in `format` to the journal's head
// without rewriting it (store/read_model_snapshots.h move_snapshot), when
// the journal since it holds nothing that changes that read model: no case
// event, and no reference data (agencies, officers, targets, holidays)
// unless `reference_kept` (a read model that reads none). What a model
// never reads (accounts, settings, the modules' records) is passed over.
// At most `max_tail` entries are read to find that out. True when the
// snapshot reflects the head after the call (moved, or already there);
// false when none is saved in `format`, or it cannot be moved.
bool advance_saved_snapshot(Store& store, const std::string& name, int64_t format, bool reference_kept,
                            int64_t max_tail = 20'000'000);

}  // namespace thads
