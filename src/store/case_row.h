// CaseRow: one line of a case list (search results, the public list, the
// lists behind dashboard figures), as the `cases` read model holds it.
#pragma once

#include <string>
#include <string_view>

#include "domain/money.h"
#include "store/db.h"

namespace thads {

struct CaseRow {
  std::string case_id, agency, status, debtor_name, debtor_address, creditor_name, judgment_number, court, officer;
  std::string opened_date, unable_reason, unable_date;
  Money remaining = 0;

  bool operator==(const CaseRow&) const = default;
};

// A CaseRow seen in place: views into a row held elsewhere (an in-memory
// index, a vector of rows), valid only while that holder lives and is not
// changed. Search answers are written from these without copying each field.
struct CaseRowRef {
  std::string_view case_id, agency, status, debtor_name, debtor_address, creditor_name, judgment_number, court, officer;
  std::string_view opened_date, unable_reason, unable_date;
  Money remaining = 0;

  static CaseRowRef of(const CaseRow& r);
  CaseRow row() const;  // an owned copy
};

// The columns of the `cases` read model a CaseRow is made of, in order, for
// the table named `c` ("SELECT " + kCaseRowColumns + " FROM cases c ...").
inline constexpr const char* kCaseRowColumns =
    "c.case_id, c.agency, c.status, c.debtor_name, c.debtor_address, c.creditor_name, c.judgment_number, "
    "c.court, c.officer, c.opened_date, c.unable_reason, c.unable_date, c.remaining";
// A row of kCaseRowColumns.
CaseRow case_row_of(const Row& r);

}  // namespace thads
