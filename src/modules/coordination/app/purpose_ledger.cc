#include "modules/coordination/app/purpose_ledger.h"

#include "app/access.h"
#include "app/agency_directory.h"
#include "modules/coordination/store/coordination_store.h"

namespace thads::coordination {

bool reads_ledger(Role r) { return r == Role::procuracy || r == Role::head || r == Role::supervisor; }

std::variant<LedgerPage, Refusal> purpose_ledger(Store& store, const User& user, const LedgerQuery& q) {
  if (!reads_ledger(user.role))
    return Refusal{"forbidden", "the purpose ledger is read by the procuracy, heads and supervisors", ""};
  for (const std::string* d : {&q.from, &q.to, &q.as_of})
    if (!d->empty() && !Date::parse(*d)) return Refusal{"bad_field", "dates are YYYY-MM-DD", ""};
  if (!q.status.empty() && q.status != "on_time" && q.status != "late" && q.status != "unanswered" && q.status != "overdue")
    return Refusal{"bad_field", "status must be on_time, late, unanswered or overdue", ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  LedgerFilter f;
  f.agencies = access.subtree_codes(Actor::of(user), q.agency);
  if (f.agencies.empty()) return Refusal{"not_found", "agency " + q.agency + " is outside your subtree", ""};
  f.body = q.body, f.sender = q.sender, f.purpose = q.purpose, f.subject_id = q.subject_id;
  f.from = q.from, f.to = q.to, f.status = q.status;
  f.as_of = !q.as_of.empty() ? q.as_of : q.to;
  if (q.status == "overdue" && f.as_of.empty()) return Refusal{"bad_field", "overdue needs as_of or to", ""};
  f.limit = q.limit, f.offset = q.offset;
  LedgerPage page;
  page.rows = ledger_rows(store.db(), f);
  page.total = ledger_count(store.db(), f);
  return page;
}

}  // namespace thads::coordination
