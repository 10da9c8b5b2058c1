// SnapshotOrigin: where an in-memory read model (the statistics, the search
// index) was taken from when a process loaded it: the snapshot saved in the
// store (store/read_model_snapshots.h, docs/storage.md "Read-model
// snapshots") brought up to date from the journal's tail, or the tables.
#pragma once

#include <cstdint>
#include <string>

namespace thads {

struct SnapshotOrigin {
  bool saved = false;      // from the saved snapshot (then brought up to date)
  int64_t saved_pos = -1;  // the position of the saved snapshot used
  std::string why_not;     // when not saved: why the saved one was not used ("none", a mismatch)
};

}  // namespace thads
