// The letters of a request as PDF (issue 16 item 4): the request or decision
// (act `sent`), each reminder (`reminded`) and the lifting of a freeze or stop
// (`lifted`), generated from the case's and the request's data with the
// agency's header, number, date, legal basis and signature block
// (app/pdf_document.h, NĐ 30/2020 layout; the text: domain/request_letter.h).
//
// Rights: whoever reads the request on the case page (oversight's
// read_stream on the request's agency and the case's officer); a request of
// another case, an act without a letter or a voided act is not_found.
#pragma once

#include <string>
#include <variant>

#include "app/accounts.h"
#include "domain/agency_tree.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads::coordination {

struct LetterPdf {
  std::string bytes;
  std::string filename;  // e.g. "HN-KV1-YC-2025-0001-1.pdf"
};

std::variant<LetterPdf, Refusal> request_letter_pdf(Store& store, const User& user, const std::string& case_id,
                                                    const std::string& request_id, int64_t seq);

// The place of a document of agency `i`: its province's name (NĐ 30/2020
// Appendix I, II.4), and an officer's name from the register ("" if unknown).
std::string place_of(const AgencyTree& tree, int i);
std::string officer_name(Store& store, const std::string& id);

}  // namespace thads::coordination
