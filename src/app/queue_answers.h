// The work queue as the server answers it (issue 15 "Speed": one agency's
// queue p99 < 50 ms at 256 connections): deadline_queue's items and their
// JSON, held at the position at which the asked agency's subtree last
// changed (AnswerCache, app/answer_cache.h; ReadCache::position_for,
// app/agency_positions.h) and served again while it has not moved: a write
// to another agency's cases or streams leaves the answer held.
//
// The key is everything the answer depends on besides the journal: the
// server (ReadCache::id), the agency subtree, the officer, the day, the
// horizon and the limit. The caller checks the user's right to that
// subtree and officer first (Access::work_queue, in_subtree,
// queue_officer), so an answer held for one scope is only ever served for
// that same scope. A new day is another key.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "app/case_deadlines.h"
#include "app/read_cache.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct QueueAnswer {
  std::vector<QueueItem> items;
  std::string json;  // to_json(items, today): the API's body
};

std::variant<std::shared_ptr<const QueueAnswer>, Refusal> held_deadline_queue(Store& store, ReadCache& cache,
                                                                               const QueueQuery& q);

// Computes and holds `today`'s queue of every agency (its whole subtree, no
// officer, the default horizon and limit: what a head's or supervisor's
// queue asks), as a server does in the background once it listens, so that
// the first request of each does not compute it. Stops early when
// `cache.stopping()`. Returns how many were held.
size_t hold_todays_queues(Store& store, ReadCache& cache, Date today);

// What this process holds of the queues (for /metrics): how many, and their
// estimated bytes (bounded).
struct HeldQueueAnswers {
  size_t entries = 0, bytes = 0;
};
HeldQueueAnswers held_queue_answers();

}  // namespace thads
