// Case detail: everything the case page and GET /api/v1/cases/{id} show of
// one case, composed from the use cases and domain rules: the stream and its
// folded state, the read-model summary, the legal deadlines as of a day, the
// money ledger (collections with the enforcement fee of TT 216/2016, the
// payout order of Art. 47) and the warnings.
//
// Contract: read-only; one call loads the stream once. The fee is an
// estimate for the creditor's information (what TT 216 would charge on what
// was collected so far), not a decision. This file is free of HTTP and can
// move to src/app as it is.
#pragma once

#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/case_deadlines.h"
#include "domain/case_state.h"
#include "domain/case_view.h"
#include "domain/payment_order.h"
#include "http/intake.h"
#include "store/store.h"

namespace thads::http {

struct Collection {
  int64_t seq = 0;
  Date date;
  std::string method;
  Money amount = 0;
  Money fee_base = 0;  // the part of the amount the fee is charged on
  Money fee = 0;
  bool voluntary_period = false;  // paid within the voluntary period: no fee (TT 216 Art. 6)
};

struct Ledger {
  std::vector<Collection> collections;
  Money fee_due = 0;
  std::string fee_note;  // why no fee, when none is due
  Distribution payout;   // how the money collected is shared (Art. 47)
};

struct CaseDetail {
  std::vector<Event> events;  // the whole stream, seq order
  CaseState state;
  CaseView view;
  std::shared_ptr<const CaseOpened> opened;  // from the first event (also when withdrawn)
  CaseDeadlines deadlines;
  Ledger ledger;
  std::vector<CaseWarning> warnings;
};

// Where a case belongs, from the read model (cheap; for access checks).
std::optional<CaseScope> case_scope(Store& store, const std::string& case_id);

std::optional<CaseDetail> load_case_detail(Store& store, const std::string& case_id, Date today);

// The same through a process-wide cache of recent cases (thread-safe). An
// entry is used only while the case's version (its number of events), the
// day and the holidays are those it was built from, so it is never stale
// after a write, through this server or another process. `api_body` is
// case_json(*detail).dump(), made on first use. nullptr: no such case.
struct CachedCaseDetail {
  std::shared_ptr<const CaseDetail> detail;
  std::shared_ptr<const std::string> api_body;
  std::shared_ptr<const nlohmann::json> page_parts;  // see keep_page_parts
};
std::optional<CachedCaseDetail> cached_case_detail(Store& store, const std::string& case_id, Date today,
                                                   bool with_api_body);
// Keeps what the case page built from `detail` alone with the cached entry,
// if that entry still holds this very `detail`.
void keep_page_parts(const std::string& case_id, const std::shared_ptr<const CaseDetail>& detail,
                     std::shared_ptr<const nlohmann::json> parts);

// The API representation (docs/api.md "Case").
nlohmann::json case_json(const CaseDetail& d);

}  // namespace thads::http
