// The case lists people work with (issue 13, "Lists people can work with"):
// an officer's own cases ("Việc của tôi"), the case lists of an agency
// subtree (behind dashboard figures or filtered at will) and staff search,
// each with its real total, pages, an order on every column and filters.
//
// Contract: every use case checks the actor's right to read cases and keeps
// to the actor's subtree (app/access.h: outside it is not_found, a role that
// may not read cases is forbidden). Orders are total (the column, then the
// case id), so a page is the same for the same store. A page size of 0 asks
// for every matching case (exports), up to kMaxExport. Search walks the
// in-memory NameIndex as before; its total comes from the index (count()),
// and it orders and filters in memory when the matches are at most
// kSortableMatches (beyond that, the first pages in case id order only).
// Free of HTTP.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/access.h"
#include "domain/date.h"
#include "domain/statistics.h"
#include "app/read_cache.h"
#include "store/case_queries.h"
#include "store/store.h"

namespace thads {

inline constexpr size_t kMaxExport = 100000;
inline constexpr size_t kSortableMatches = 20000;

// What a list may be filtered by; empty fields do not filter.
struct ListFilters {
  std::string status;   // open | closed | a status code (active, unable, ended, …)
  std::string officer;  // an officer id, or "-" for cases without an officer
  std::string age;      // open cases by age at `today`: lt1 | 1to2 | 2to5 | gt5 (years)
  std::optional<Money> min_amount, max_amount;  // still owed (remaining), inclusive
  std::string flag;     // overdue (a deadline not met) | public (on the public list) | unassigned
  // The lists behind dashboard figures.
  std::string unable_reason;    // cases without conditions for this reason ("*": any)
  std::string overdue_officer;  // cases with an overdue deadline of this officer ("*": any, "-": none)
  std::string column;           // a column of the statistics forms (with form and period)
  Form form = Form::cases;
  Period period;

  bool any() const;  // true when something filters
};

struct ListRequest {
  std::string agency;  // the subtree's root; empty: the actor's agency
  ListFilters filters;
  CaseSort sort = CaseSort::id;
  bool descending = false;
  size_t page = 1;     // from 1; past the last page: the last page
  size_t size = 50;    // 50 | 100 | 200; 0: every case (export)
  Date today;
};

struct CaseListPage {
  std::vector<CaseRow> rows;
  size_t total = 0;              // matching cases over all pages
  bool total_exact = true;       // false: at least `total` (search while its index loads)
  size_t page = 1, pages = 1, size = 50;
  bool order_applied = true;     // false: too many search matches to order or filter; case id order
  std::unordered_map<std::string, std::string> officer_names;  // of the rows' officers
  std::vector<std::pair<std::string, int64_t>> by_status;     // my cases: every status of the officer's cases
};

// A list that cannot be given as asked (an export of too many cases), in
// Vietnamese for the page.
struct TooMany {
  std::string message_vi;
};
using ListAnswer = std::variant<CaseListPage, Verdict, TooMany>;

// The cases of a subtree under the filters (the dashboard's drill-downs too).
ListAnswer list_case_page(Store& store, const Access& access, const Actor& actor, const ListRequest& req);
// The actor's own cases (cases.officer == actor.officer), open ones unless
// the status filter says otherwise; forbidden without an officer record.
ListAnswer my_case_page(Store& store, const Access& access, const Actor& actor, const ListRequest& req);
// Staff search (case_search.h) with the same filters, order and pages.
ListAnswer search_case_page(Store& store, ReadCache& cache, const Access& access, const Actor& actor,
                            const std::string& text, const ListRequest& req);

// Parsing of the query parameters these lists share (sort, dir, page, size,
// status, officer, age, min, max, flag): nullopt and a Vietnamese message
// when a value is not one of those allowed.
std::optional<CaseSort> sort_of(const std::string& key);  // "" -> id
std::string sort_key(CaseSort s);
std::optional<Money> amount_of(const std::string& text);   // "1.500.000" or "1500000"
bool is_status_filter(const std::string& s);
bool is_age(const std::string& s);
bool is_flag(const std::string& s);

}  // namespace thads
