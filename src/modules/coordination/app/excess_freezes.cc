#include "modules/coordination/app/excess_freezes.h"

#include "domain/money.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::coordination {

std::vector<QueueItem> excess_freeze_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  std::vector<QueueItem> out;
  for (const auto& [case_id, agency] : cases_with_open_freezes(store.db(), scope, q.officer)) {
    Money frozen = 0;
    for (const std::string& id : oversight::requests_of_case(store.db(), case_id)) {
      const oversight::Stream s(oversight::load_acts(store.db(), oversight::StreamKind::request, id));
      if (__builtin_add_overflow(frozen, oversight::standing_freeze(s, q.today), &frozen)) frozen = INT64_MAX;
    }
    const std::vector<Event> events = store.load_stream(case_id);
    const Money remaining = std::max<Money>(0, oversight::remaining_on(events, q.today));
    if (frozen <= remaining) continue;
    QueueItem it;
    it.case_id = case_id;
    it.action = kLiftExcessAction;
    it.label_vi = "Giải tỏa phần phong tỏa vượt số tiền còn phải thi hành (" + format_vnd(frozen - remaining) + ")";
    it.article = kLiftExcessArticle;
    it.agency = agency;
    it.officer = oversight::case_officer(store.db(), case_id);
    if (!events.empty() && events.front().opened()) it.debtor_name = events.front().opened()->debtor.name;
    it.due = q.today;
    it.bucket = "due_today";
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace thads::coordination
