// The coordination module's store: its read-model table and named queries,
// the only place its SQL is written (both dialects run the same statements).
//
// Read model (rebuilt from the journal by `thads rebuild`):
// - body_status: one row per body changed by a `body_change` (name, agency,
//   active, the last change's seq). The register of bodies is oversight's
//   `bodies` table overlaid with these rows.
// - request_ledger: one row per request stream (domain/ledger_row.h), written
//   by a projection registered with oversight's stream_hooks.h, so that it
//   follows every import, rebuild and use case that writes a request.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "modules/coordination/domain/body_change.h"
#include "modules/coordination/domain/coercion_plan.h"
#include "modules/coordination/domain/ledger_row.h"
#include "store/db.h"

namespace thads::coordination {

std::vector<std::string> schema(Dialect d);
inline const std::vector<std::string> kReadModelTables{"body_status", "request_ledger"};

void put_body_status(Db& db, const BodyOverlay& o);
std::optional<BodyOverlay> body_overlay(Db& db, const std::string& code);
// Every body of the register with its changes applied, by code.
std::vector<BodyEntry> body_entries(Db& db);
std::optional<BodyEntry> body_entry(Db& db, const std::string& code);
// The stored record of change `seq` of body `code` (its journal body), if any.
std::optional<std::string> body_change_raw(Db& db, const std::string& code, int64_t seq);

// The coercion_plan records of a case (their journal bodies), by seq.
std::vector<std::string> coercion_plan_raws(Db& db, const std::string& case_id);
// The same records parsed (StoreError when one cannot be read back).
std::vector<CoercionPlan> stored_coercion_plans(Db& db, const std::string& case_id);
// For the open cases of `agencies` that have voided plans: the seqs of
// their coercion_planned events whose plan was voided (voided_plan_events),
// in one query, for readers over a whole subtree.
std::map<std::string, std::set<int64_t>> voided_plan_events_in(Db& db, const std::vector<std::string>& agencies);

// The opening act of request `id` as journalled (read inside an import, before
// oversight's projection at its end), if any.
std::optional<std::string> request_opening_raw(Db& db, const std::string& id);

void put_ledger_row(Db& db, const LedgerRow& r);
// The official calendar with the store's holiday records (the holidays
// table). Built once per thread and kept while the table's rows stay the same
// (they are read on each call, the calendar is not built again): the request
// ledger's projection asks for it on every request stream an import writes.
std::shared_ptr<const Calendar> stored_calendar(Db& db);

// Requests of the ledger. Empty strings filter nothing; `agencies` (when not
// empty) are the agencies the requests were sent by.
struct LedgerFilter {
  std::vector<std::string> agencies;
  std::string body, sender, purpose, case_id, subject_id;
  std::string from, to;  // sent dates, YYYY-MM-DD, inclusive; "" = open
  // on_time | late | unanswered | overdue (unanswered, due before as_of); "" = all.
  // Withdrawn requests are never in a status.
  std::string status, as_of;
  int64_t limit = 200, offset = 0;
};
std::vector<LedgerRow> ledger_rows(Db& db, const LedgerFilter& f);
// The columns the coordination report folds, of every ledger row or of one
// (app/held_requests.h holds them in memory). Dates as stored ("" = none).
struct LedgerFacts {
  std::string id, agency, body, sent, answer_due, first_answer, state;
};
void for_each_ledger_facts(Db& db, const std::function<void(const LedgerFacts&)>& f);
std::optional<LedgerFacts> ledger_facts(Db& db, const std::string& id);
int64_t ledger_count(Db& db, const LedgerFilter& f);
// Open freeze requests (freeze_account, state open) of the given agencies
// (empty: all) or of the cases assigned to `officer` (when not empty): (case, agency).
std::vector<std::pair<std::string, std::string>> cases_with_open_freezes(Db& db, const std::vector<std::string>& agencies,
                                                                         const std::string& officer);

// The agency of a case (cases read model); "" when unknown.
std::string case_agency(Db& db, const std::string& case_id);

}  // namespace thads::coordination
