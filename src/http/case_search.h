// Case look-ups over the read models: staff search ignoring diacritics (party
// names, ID number, judgment or case number), the public list of debtors
// without conditions, and the lists of cases behind a dashboard figure.
//
// Contract: read-only SQL on `cases`, `case_terms` and `pending_deadlines`
// (valid on SQLite and PostgreSQL), or for search the server's in-memory
// NameIndex (app/name_index.h), which answers the same. Every query is
// limited to the agencies given (the caller's subtree; access.h decides it).
// Search words match prefixes of the folded words of a case ("nguy" finds
// "Nguyễn"); all words must match; the results are the first ones by case_id
// (the SQL path on PostgreSQL: any `limit` of them, in case_id order). This
// file is free of HTTP.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/case_row.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/statistics.h"
#include "http/read_cache.h"
#include "store/store.h"

namespace thads::http {

using thads::CaseRow;

struct SearchQuery {
  std::string text;
  std::vector<std::string> agencies;  // scope; must not be empty
  size_t limit = 50;
};
// From the read model, in SQL.
std::vector<CaseRow> search_cases(Store& store, const SearchQuery& q);
// The same answer from the server's in-memory index (ReadCache::names) once
// it is loaded and brought up to date, from SQL until then.
std::vector<CaseRow> search_cases(Store& store, ReadCache& cache, const SearchQuery& q);
// That answer seen in place, without copying the rows out of the index:
// `rows` view the index (kept alive by `index`) or `owned`. Movable, not
// copyable (a copy's views would point into the original).
struct FoundCases {
  std::shared_ptr<const NameIndex> index;
  std::vector<CaseRow> owned;
  std::vector<CaseRowRef> rows;

  FoundCases() = default;
  FoundCases(FoundCases&&) = default;
  FoundCases& operator=(FoundCases&&) = default;
  FoundCases(const FoundCases&) = delete;
  FoundCases& operator=(const FoundCases&) = delete;
};
FoundCases find_cases(Store& store, ReadCache& cache, const SearchQuery& q);

// The public list (NĐ62 Art. 11; TT 04/2023 Art. 4–6): cases whose status is
// unable and that have not ended. `text` matches the debtor's name only, so
// an ID number can never be used to look someone up.
struct PublicQuery {
  std::string text;
  size_t limit = 50;
  size_t offset = 0;
};
std::vector<CaseRow> public_unable_debtors(Store& store, const PublicQuery& q);

// Filters of the case lists behind dashboard figures; empty fields do not filter.
struct CaseFilter {
  std::vector<std::string> agencies;  // scope; must not be empty
  std::string age;                    // open cases by age: lt1 | 1to2 | 2to5 | gt5 (years, at `today`)
  std::string unable_reason;          // open cases without conditions for this reason ("*": any)
  std::string overdue_officer;        // cases with an overdue deadline of this officer ("*": any)
  std::string officer;                // open cases assigned to this officer
  // A column of the statistics forms for a period: the cases that count in it.
  std::string column;
  Form form = Form::cases;
  Period period;
  Date today;
  size_t limit = 500;
};
struct CaseList {
  std::vector<CaseRow> rows;  // at most `limit`
  size_t total = 0;           // how many match
};
CaseList list_cases(Store& store, const CaseFilter& f);

// True when `key` names a column of the statistics forms.
bool is_column(const std::string& key);
// The key of a column of Columns ("completed"), or "" for none.
std::string column_key(int64_t Columns::*member);

}  // namespace thads::http
