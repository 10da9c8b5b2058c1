// Bulk reads of the case read models that load the in-memory read models
// kept by the app layer (the statistics snapshot, the name index) and that
// import and rebuild use, with the single-case reads that bring those
// up to date after a write.
//
// Contract: read-only; valid on SQLite and PostgreSQL; rows are handed to
// the callback one at a time in storage order unless an order is stated.
// The callers hold the read transaction that makes several scans one
// consistent snapshot (ReadTx over the same Db).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/case_row.h"
#include "store/db.h"

namespace thads {

// Every case as a CaseRow (kCaseRowColumns), and one case's row.
void scan_case_rows(Db& db, const std::function<void(const Row&)>& f);
std::optional<CaseRow> case_row_by_id(Db& db, const std::string& case_id);

// Every (term, case id) pair of the search terms, ordered by term then case.
void scan_case_terms(Db& db, const std::function<void(const Row&)>& f);
// One case's terms, in no stated order.
std::vector<std::string> terms_of_case(Db& db, const std::string& case_id);

// The statistics columns of a case, in this order: case_id, agency,
// timeline, status, unable_reason, opened_date.
void scan_case_stats(Db& db, const std::function<void(const Row&)>& f);
void case_stats_of(Db& db, const std::string& case_id, const std::function<void(const Row&)>& f);
int64_t count_cases(Db& db);

// The deadlines not met: case_id, agency, officer, due (every one, and one
// case's: agency, officer, due).
void scan_pending_deadlines(Db& db, const std::function<void(const Row&)>& f);
void pending_deadlines_of(Db& db, const std::string& case_id, const std::function<void(const Row&)>& f);

// Case ids of the `cases` read model: all of them, and those still open or
// with a deadline pending (the cases whose projection depends on the day).
void scan_case_ids(Db& db, const std::function<void(const std::string&)>& f);
// Whether the `cases` read model has a row for `case_id`; how many rows it has.
bool case_row_exists(Db& db, const std::string& case_id);
int64_t count_case_rows(Db& db);
std::vector<std::string> open_or_pending_case_ids(Db& db);

}  // namespace thads
