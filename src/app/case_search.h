// Case look-ups over the read models: staff search ignoring diacritics (party
// names, ID number, judgment or case number) and the public list of debtors
// without conditions (the case lists are in case_lists.h).
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
#include <unordered_map>
#include <vector>

#include "store/case_row.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/statistics.h"
#include "app/read_cache.h"
#include "store/store.h"

namespace thads {

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
// The same without a SearchQuery's copy of the scope (a national user's is
// 390 codes, searched again for each page).
FoundCases find_cases(Store& store, ReadCache& cache, const std::string& text, const std::vector<std::string>& agencies,
                      size_t limit);

// The public list (NĐ62 Art. 11; TT 04/2023 Art. 4–6): cases whose status is
// unable and that have not ended. `text` matches the debtor's name only, so
// an ID number can never be used to look someone up.
struct PublicQuery {
  std::string text;
  size_t limit = 50;
  size_t offset = 0;
};
std::vector<CaseRow> public_unable_debtors(Store& store, const PublicQuery& q);

// A page of the public list with its total, limited to `agencies` (empty:
// every agency), and for each case listed the obligations without money it
// was opened with (deliver_asset, perform_act), which the list names
// instead of an amount of 0 đ. With text, the total counts the first
// kPublicCandidates cases matching any word that match the name (so it is
// exact below that).
inline constexpr size_t kPublicCandidates = 5000;
struct PublicList {
  std::vector<CaseRow> rows;
  size_t total = 0;
  std::unordered_map<std::string, std::vector<std::string>> non_money;  // case id -> obligation categories
};
PublicList public_unable_list(Store& store, const PublicQuery& q, const std::vector<std::string>& agencies);

// True when `key` names a column of the statistics forms.
bool is_column(const std::string& key);
// The key of a column of Columns ("completed"), or "" for none.
std::string column_key(int64_t Columns::*member);
// The member of Columns a key names, or nullptr.
int64_t Columns::*column_member(const std::string& key);

}  // namespace thads
