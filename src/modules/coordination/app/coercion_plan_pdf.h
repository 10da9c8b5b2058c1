// A coercion plan as PDF (kế hoạch cưỡng chế, Luật THADS 2008 Art. 72; the
// layout of NĐ 30/2020 through app/pdf_document.h): the agency's header,
// number and date, the legal basis, the contents Art. 72 lists (a)–(e), the
// overridden bans with their reasons, the signature of the case's officer and
// the recipients (the procuracy, the police, the commune People's Committee).
//
// Rights: whoever reads the case (coercion_plans); an unknown seq is not_found.
#pragma once

#include <string>
#include <variant>

#include "app/accounts.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads::coordination {

struct PlanPdf {
  std::string bytes;
  std::string filename;  // "<case>-KHCC-<seq>.pdf"
};

std::variant<PlanPdf, Refusal> coercion_plan_pdf(Store& store, const User& user, const std::string& case_id, int64_t seq);

}  // namespace thads::coordination
