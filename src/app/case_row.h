// CaseRow: one line of a case list (search results, the public list, the
// lists behind dashboard figures), as the `cases` read model holds it.
#pragma once

#include <string>

#include "domain/money.h"

namespace thads {

struct CaseRow {
  std::string case_id, agency, status, debtor_name, debtor_address, creditor_name, judgment_number, court, officer;
  std::string opened_date, unable_reason, unable_date;
  Money remaining = 0;

  bool operator==(const CaseRow&) const = default;
};

}  // namespace thads
