#include "app/case_row.h"

namespace thads {

CaseRow case_row_of(const Row& r) {
  CaseRow c;
  c.case_id = r.s(0);
  c.agency = r.s(1);
  c.status = r.s(2);
  c.debtor_name = r.s(3);
  c.debtor_address = r.s(4);
  c.creditor_name = r.s(5);
  c.judgment_number = r.s(6);
  c.court = r.s(7);
  c.officer = r.s(8);
  c.opened_date = r.s(9);
  c.unable_reason = r.s(10);
  c.unable_date = r.s(11);
  c.remaining = r.i(12);
  return c;
}

}  // namespace thads
