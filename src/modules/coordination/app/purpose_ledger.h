// The purpose ledger (issue 16 item 3; nhật ký mục đích yêu cầu): every
// request to a body with why it was made (purpose and case), about whom
// (subject and ID number), by whom, to which body and with what outcome, so
// that the queries made about a person are reviewable.
//
// Rights: the procuracy (Viện kiểm sát, its supervision of enforcement —
// Luật THADS 2008 Art. 12), heads and supervisors read the ledger of their
// subtree; a filter on an agency outside it is not_found; every other role
// is forbidden (officers see their cases' requests on the case page).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/refusal.h"
#include "modules/coordination/domain/ledger_row.h"
#include "store/store.h"

namespace thads::coordination {

struct LedgerQuery {
  std::string agency;  // a subtree inside the user's; empty: the user's
  std::string body, sender, purpose, subject_id, from, to;
  // on_time | late | unanswered | overdue (unanswered with its answer day
  // before `as_of`) | "" (all); `as_of` YYYY-MM-DD, default `to`.
  std::string status, as_of;
  int64_t limit = 200, offset = 0;
};
struct LedgerPage {
  std::vector<LedgerRow> rows;
  int64_t total = 0;
};

bool reads_ledger(Role r);
std::variant<LedgerPage, Refusal> purpose_ledger(Store& store, const User& user, const LedgerQuery& q);

}  // namespace thads::coordination
