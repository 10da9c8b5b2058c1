#include "app/queue_answers.h"

#include "app/agency_directory.h"
#include "app/answer_cache.h"

namespace thads {
namespace {

// A day's queues of every agency must fit, or the agencies' queues asked
// in turn push each other out and every request computes again. At the
// national volumes of docs/benchmarks.md (1,000,000 cases, 3,300,000
// oversight streams) each of the 390 agencies' queues is full (500 items):
// about 330 KB of items and JSON, 127 MB in all; 96 MB held three in four.
constexpr size_t kMaxBytes = 256u << 20;

AnswerCache<QueueAnswer>& answers() {
  static AnswerCache<QueueAnswer> c(kMaxBytes);
  return c;
}

std::string key_of(const ReadCache& cache, const QueueQuery& q) {
  std::string k = std::to_string(cache.id());
  for (const std::string* part : {&q.agency, &q.officer}) {
    k += '\x1f';
    k += *part;
  }
  k += '\x1f' + q.today.iso() + '\x1f' + std::to_string(q.horizon_working_days) + '\x1f' + std::to_string(q.limit);
  return k;
}

size_t bytes_of(const QueueAnswer& a) {
  size_t n = sizeof(QueueAnswer) + a.json.capacity();
  for (const QueueItem& i : a.items)
    n += sizeof(QueueItem) + i.kind.capacity() + i.case_id.capacity() + i.action.capacity() + i.label_vi.capacity() +
         i.article.capacity() + i.agency.capacity() + i.officer.capacity() + i.debtor_name.capacity() +
         i.bucket.capacity() + i.page.capacity();
  return n;
}

}  // namespace

std::variant<std::shared_ptr<const QueueAnswer>, Refusal> held_deadline_queue(Store& store, ReadCache& cache,
                                                                               const QueueQuery& q) {
  // The position first: an answer computed after it is at least that new.
  // The scope's own position (agency_positions.h): a write to another
  // agency's cases or streams leaves this answer held.
  const int64_t position = cache.position_for(store, q.agency);
  const std::string key = key_of(cache, q);
  if (auto held = answers().get(key, position)) return held;
  auto res = deadline_queue(store, *cache.tree(store), q);
  if (auto* r = std::get_if<Refusal>(&res)) return *r;
  auto a = std::make_shared<QueueAnswer>();
  a->items = std::move(std::get<std::vector<QueueItem>>(res));
  a->json = to_json(a->items, q.today);
  const size_t bytes = bytes_of(*a) + key.size();
  std::shared_ptr<const QueueAnswer> out = std::move(a);
  answers().put(key, position, out, bytes);
  return out;
}

size_t hold_todays_queues(Store& store, ReadCache& cache, Date today) {
  const std::shared_ptr<const AgencyTree> tree = cache.tree(store);
  size_t n = 0;
  for (size_t i = 0; i < tree->size() && !cache.stopping(); ++i) {
    QueueQuery q;
    q.agency = tree->at(static_cast<int>(i)).code;
    q.today = today;
    if (std::holds_alternative<std::shared_ptr<const QueueAnswer>>(held_deadline_queue(store, cache, q))) ++n;
  }
  return n;
}

HeldQueueAnswers held_queue_answers() { return {answers().size(), answers().bytes()}; }

}  // namespace thads
