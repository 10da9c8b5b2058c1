#include "modules/coordination/app/excess_freezes.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/money.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::coordination {
namespace {

QueueItem excess_item(const std::string& case_id, const std::string& agency, const std::string& officer,
                      const std::string& debtor, Money excess, Date today) {
  QueueItem it;
  it.case_id = case_id;
  it.action = kLiftExcessAction;
  it.label_vi = "Giải tỏa phần phong tỏa vượt số tiền còn phải thi hành (" + format_vnd(excess) + ")";
  it.article = kLiftExcessArticle;
  it.agency = agency;
  it.officer = officer;
  it.debtor_name = debtor;
  it.due = today;
  it.bucket = "due_today";
  return it;
}

// The item of one case (and agency of its open freezes) read from the journal.
void live_item(Store& store, const std::string& case_id, const std::string& agency, Date today,
               std::vector<QueueItem>& out) {
  Money frozen = 0;
  for (const std::string& id : oversight::requests_of_case(store.db(), case_id)) {
    const oversight::Stream s(oversight::load_acts(store.db(), oversight::StreamKind::request, id));
    if (__builtin_add_overflow(frozen, oversight::standing_freeze(s, today), &frozen)) frozen = INT64_MAX;
  }
  const std::vector<Event> events = store.load_stream(case_id);
  const Money remaining = std::max<Money>(0, oversight::remaining_on(events, today));
  if (frozen <= remaining) return;
  const std::string debtor = !events.empty() && events.front().opened() ? events.front().opened()->debtor.name : "";
  out.push_back(excess_item(case_id, agency, oversight::case_officer(store.db(), case_id), debtor, frozen - remaining,
                            today));
}

void in_order(std::vector<QueueItem>& items) {
  std::sort(items.begin(), items.end(), [](const QueueItem& a, const QueueItem& b) {
    return std::tie(a.case_id, a.agency) < std::tie(b.case_id, b.agency);
  });
}

}  // namespace

std::vector<QueueItem> excess_freeze_items_live(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  std::vector<QueueItem> out;
  for (const auto& [case_id, agency] : cases_with_open_freezes(store.db(), scope, q.officer))
    live_item(store, case_id, agency, q.today, out);
  in_order(out);
  return out;
}

std::vector<QueueItem> excess_freeze_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  // An officer's queue: their few cases, read from the journal.
  if (!q.officer.empty()) return excess_freeze_items_live(store, q, scope);
  const std::set<std::string> in_scope(scope.begin(), scope.end());
  std::vector<QueueItem> out;
  std::vector<std::pair<std::string, std::string>> live;  // (case, agency) with acts or events after q.today
  // Only the cases with a freeze of the scope (an agency's queue does not walk the country's).
  oversight::with_held_freezes(store, scope, [&](const std::string& case_id, const std::vector<const oversight::HeldFreeze*>& requests) {
    std::set<std::string> agencies;  // of its open freezes in the scope: one item each, as the ledger gives them
    bool past = false;
    Money frozen = 0;
    for (const oversight::HeldFreeze* r : requests) {
      if (r->open && (in_scope.empty() || in_scope.count(r->agency))) agencies.insert(r->agency);
      past = past || q.today < r->latest;
      if (__builtin_add_overflow(frozen, r->standing, &frozen)) frozen = INT64_MAX;
    }
    if (agencies.empty()) return;
    if (past) {  // a day before some of what is held: the journal as it was on that day
      for (const std::string& a : agencies) live.emplace_back(case_id, a);
      return;
    }
    const oversight::HeldFreeze& any = *requests.front();  // the case's figures are the same in each
    const Money remaining = std::max<Money>(0, any.case_remaining);
    if (frozen <= remaining) return;
    for (const std::string& a : agencies)
      out.push_back(excess_item(case_id, a, any.officer, any.debtor, frozen - remaining, q.today));
  });
  for (const auto& [case_id, agency] : live) live_item(store, case_id, agency, q.today, out);
  in_order(out);
  return out;
}

}  // namespace thads::coordination
