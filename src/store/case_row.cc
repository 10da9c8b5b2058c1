#include "store/case_row.h"

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

CaseRowRef CaseRowRef::of(const CaseRow& r) {
  return {r.case_id,     r.agency,          r.status,    r.debtor_name, r.debtor_address,
          r.creditor_name, r.judgment_number, r.court,     r.officer,     r.opened_date,
          r.unable_reason, r.unable_date,     r.remaining};
}

CaseRow CaseRowRef::row() const {
  return {std::string(case_id),     std::string(agency),          std::string(status),      std::string(debtor_name),
          std::string(debtor_address), std::string(creditor_name), std::string(judgment_number), std::string(court),
          std::string(officer),     std::string(opened_date),     std::string(unable_reason), std::string(unable_date),
          remaining};
}

}  // namespace thads
