// The steering module's store: its read-model tables and named queries, the
// only place its SQL is written. Both dialects run the same statements.
//
// Read models (rebuilt from the journal by `thads rebuild`):
// - steering_directives, steering_tasks: directives and their task trees
//   (tasks of meetings too);
// - steering_task_reports: every progress report, by (task, body, period, seq);
// - steering_committees, steering_members, steering_meetings;
// - steering_key_cases and steering_key_case_steps: the key-case register.
// The records themselves live in the journal (kind = the record kind,
// stream = its key), the one copy of the truth; load_ledger() replays them.
#pragma once

#include <string>
#include <vector>

#include "modules/steering/domain/ledger.h"
#include "modules/steering/domain/proposal_rules.h"
#include "store/db.h"

namespace thads::steering {

std::vector<std::string> schema(Dialect d);
inline const std::vector<std::string> kReadModelTables{
    "steering_directives", "steering_tasks",    "steering_task_reports",   "steering_committees",
    "steering_members",    "steering_meetings", "steering_key_cases", "steering_key_case_steps"};

// Writes the read-model rows one accepted record changes (after
// ledger.apply(r)): the one projection import, rebuild and use cases call.
void project(Db& db, const Ledger& ledger, const Record& r);

// Every steering record of the journal, replayed in journal order (records
// are read back unchecked, as rebuild does).
Ledger load_ledger(Db& db);

// The journalled parts of the document `sha256` (kind "attachment",
// app/attachments.h), in part order, as the transaction or reader of `db`
// sees them.
std::vector<std::string> stored_attachment_parts(Db& db, const std::string& sha256);

// Counts for tests and the dashboard.
int64_t count_rows(Db& db, const std::string& table);

struct DirectiveRow {
  std::string id, number, issuer, date, title, agency, replaces;
  int64_t tasks = 0;
};
// Newest first; `agencies` (when not empty) are the agencies the directive concerns.
std::vector<DirectiveRow> list_directives(Db& db, const std::vector<std::string>& agencies);

// Open cases of `agencies` (the cases read model) opened before
// `opened_before` or still owing at least `large_amount`, and those with an
// open complaint (the oversight module's oversight_streams, read only);
// oldest first, at most `limit`.
std::vector<CaseFacts> candidate_cases(Db& db, const std::vector<std::string>& agencies, Date opened_before,
                                       int64_t large_amount, int64_t limit);

}  // namespace thads::steering
