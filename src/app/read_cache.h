// Read-mostly state shared by the server's threads: the agency tree (for
// scope checks), the statistics snapshot (reports, dashboards) and the
// search index (staff case search).
//
// Contract: all are immutable once built and handed out as shared_ptr, so a
// request keeps a consistent copy while a newer one is built. They are
// brought up to date when the journal has moved (its chain head position
// changed; the statistics and the search index re-read only the cases
// changed since, see StatsSnapshot::refresh and NameIndex::refresh; the
// agency tree is reloaded only when an `agency` entry or a reference_change
// of an agency was appended since it was loaded, AgencyPositions::kind_position):
// at once after a write made through this server (note_write()), and within
// `recheck_seconds` after a write made by another process (another app
// server, `thads import`). Thread-safe; one thread rebuilds while the others
// wait for the result instead of rebuilding too, except for a full load of
// the search index (seconds on a national store): meanwhile names() answers
// nullptr to the other threads, which then search in SQL.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "app/agency_positions.h"
#include "app/name_index.h"
#include "app/reports.h"
#include "domain/agency_tree.h"
#include "store/store.h"

namespace thads {

class ReadCache {
 public:
  explicit ReadCache(double recheck_seconds = 1.0)
      : recheck_seconds_(recheck_seconds), id_(next_id_.fetch_add(1, std::memory_order_relaxed)) {}

  // The journal's position as this cache knows it: read again after a write
  // through this server (note_write) or when `recheck_seconds` have passed.
  // Answers held at a position (AnswerCache) are compared with it.
  int64_t position(Store& store) { return generation(store); }
  // The position at which the subtree of `agency` last changed (at most
  // position(); AgencyPositions, app/agency_positions.h): an answer scoped
  // to that subtree, held at it, outlives the writes of other agencies.
  int64_t position_for(Store& store, const std::string& agency);
  // This cache's number, never reused in the process: a key prefix that
  // keeps apart the answers of two servers (two stores) of one process.
  uint64_t id() const { return id_; }
  // stop_loading() was called.
  bool stopping() const { return stop_.load(std::memory_order_relaxed); }

  // The head at which an entry of one of `kinds` was last appended, as far
  // as position() knows the journal (AgencyPositions::kind_position): a copy
  // of reference data loaded at position() P (a module's register) is still
  // true while this stays at most P.
  int64_t position_of(Store& store, std::initializer_list<std::string_view> kinds);

  std::shared_ptr<const AgencyTree> tree(Store& store);
  // The first load starts from the snapshot saved in the store when it
  // matches the journal (StatsSnapshot::load_saved); stats_origin() says
  // whether it did.
  std::shared_ptr<const StatsSnapshot> stats(Store& store);
  SnapshotOrigin stats_origin();
  // The search index at the journal's current position, loading it in this
  // thread when there is none (or too much has changed since); nullptr while
  // another thread loads it.
  // A full load starts from the index saved in the store when it matches
  // the journal (NameIndex::load_saved); names_origin() says whether the
  // last one did.
  std::shared_ptr<const NameIndex> names(Store& store);
  SnapshotOrigin names_origin();
  // The server is stopping: a full load of the search index under way gives
  // up at its next cancellation point (NameIndex::load), and none starts;
  // names() then answers nullptr. Loads of the statistics are not
  // interrupted (seconds on a national store).
  void stop_loading() { stop_.store(true, std::memory_order_relaxed); }
  // A write went through this server: the next call looks at the journal.
  void note_write() { writes_.fetch_add(1, std::memory_order_relaxed); }

 private:
  int64_t generation(Store& store);  // journal position, re-read when due

  double recheck_seconds_;
  const uint64_t id_;
  static inline std::atomic<uint64_t> next_id_{1};
  std::atomic<uint64_t> writes_{0};
  std::atomic<bool> stop_{false};
  // The position as last read: while no write went through this server and
  // `recheck_seconds` have not passed, every thread reads it without a lock;
  // reading it again takes gen_mu_ (one thread reads, the others wait).
  std::mutex gen_mu_;
  std::atomic<uint64_t> seen_writes_{~uint64_t{0}};
  std::atomic<int64_t> checked_ns_{0};  // steady clock
  std::atomic<int64_t> generation_{-1};

  AgencyPositions agency_positions_;

  std::mutex tree_mu_;
  std::shared_ptr<const AgencyTree> tree_;
  int64_t tree_gen_ = -1;

  std::mutex stats_mu_;
  std::shared_ptr<const StatsSnapshot> stats_;
  int64_t stats_gen_ = -1;
  SnapshotOrigin stats_origin_;

  std::mutex names_mu_;
  std::shared_ptr<const NameIndex> names_;
  int64_t names_gen_ = -1;
  bool names_loading_ = false;
  SnapshotOrigin names_origin_;
};

}  // namespace thads
