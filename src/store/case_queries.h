// Named read-only queries over the `cases`, `pending_deadlines`, `officers`
// and `journal` read models behind the case lists people work with: a page
// of cases under filters and an order, counts by status, officers'
// workloads, the public list with its total, and the obligations a case was
// opened with.
//
// Contract: every query is limited to the agencies given (the caller's
// subtree, decided by app/access.h; an empty list matches nothing, except
// where said). The SQL is valid on SQLite and PostgreSQL. Orders are total:
// every order ends with the case id ascending, so a page never repeats or
// skips a case between two requests that see the same store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/case_row.h"
#include "domain/case_view.h"
#include "domain/event.h"
#include "domain/money.h"
#include "store/db.h"

namespace thads {

// The columns a case list can be ordered by (the case table's columns).
enum class CaseSort { id, agency, debtor, creditor, judgment, opened, status, officer, remaining };

// The statuses of the `cases` read model that count as open (chưa kết thúc):
// every value of domain Status (a case that has ended has no Status).
inline const std::vector<std::string>& open_statuses() {
  static const std::vector<std::string> s = [] {
    std::vector<std::string> out;
    for (Status st : {Status::active, Status::postponed_agreed, Status::postponed_suspended, Status::unable})
      out.emplace_back(to_string(st));
    return out;
  }();
  return s;
}

struct CaseQuery {
  std::vector<std::string> agencies;         // scope; empty matches nothing
  std::vector<std::string> statuses;         // any of these; empty: any
  std::optional<std::string> officer;        // assigned officer ("" = none)
  std::string opened_from, opened_before;    // YYYY-MM-DD, [from, before); empty: open-ended
  std::optional<Money> min_remaining, max_remaining;  // inclusive
  std::string unable_reason;                 // exact; empty: any
  bool public_only = false;                  // on the public list (cases.public_unable)
  // Cases with a deadline not met that fell due before `today`: of this
  // officer ("*": any officer; "" : deadlines without an officer).
  std::optional<std::string> overdue_officer;
  std::string today;                         // YYYY-MM-DD, with overdue_officer
  CaseSort sort = CaseSort::id;
  bool descending = false;
  size_t offset = 0;
  size_t limit = 50;           // 0: every matching case
  bool with_timeline = false;  // also read each case's statistics timeline
};

struct CaseQueryResult {
  std::vector<CaseRow> rows;           // the page, in order
  std::vector<std::string> timelines;  // with_timeline: one per row
  size_t total = 0;                    // how many match, over all pages
};

// A page of the matching cases and their total.
CaseQueryResult query_cases(Db& db, const CaseQuery& q);

// How many cases of the scope have each status (statuses without cases are
// left out); with `officer`, only the cases assigned to that officer.
std::vector<std::pair<std::string, int64_t>> count_cases_by_status(Db& db, const std::vector<std::string>& agencies,
                                                                   const std::optional<std::string>& officer);

// One enforcement officer's load, as the read models hold it today.
struct OfficerWork {
  std::string id, name, agency;
  int64_t open_cases = 0;
  Money owed = 0;           // remaining on the open cases
  int64_t ended_cases = 0;  // assigned cases that have ended (or were withdrawn)
  int64_t overdue = 0;      // deadlines not met that fell due before `today`
};
// The enforcement officers (role enforcement_officer) of the agencies, by id.
std::vector<OfficerWork> officer_workloads(Db& db, const std::vector<std::string>& agencies, const std::string& today);

// Names of the officers with these ids (unknown ids are left out).
std::unordered_map<std::string, std::string> officer_names(Db& db, const std::vector<std::string>& ids);

// The cases of the scope with a deadline not met that fell due before `today`.
std::vector<std::string> overdue_case_ids(Db& db, const std::vector<std::string>& agencies, const std::string& today);

// The public list (cases.public_unable), newest decision first; `agencies`
// empty: every agency.
CaseQueryResult public_unable_page(Db& db, const std::vector<std::string>& agencies, size_t offset, size_t limit);

// The `case_opened` record (canonical JSON) of each case, by case id.
std::unordered_map<std::string, std::string> case_opened_bodies(Db& db, const std::vector<std::string>& case_ids);

// --- Single-case and reference look-ups (used by the use cases) -----------

// The agency an officer belongs to; nullopt when the officer is not known.
std::optional<std::string> officer_agency(Db& db, const std::string& officer_id);

// Who holds a case: its agency and assigned officer ("" when none).
struct CaseHolder {
  std::string agency, officer;
};
std::optional<CaseHolder> case_holder(Db& db, const std::string& case_id);

// How many case ids start with `prefix` (the numbering of new cases).
int64_t count_case_ids_with_prefix(Db& db, const std::string& prefix);

// The case summary the `cases` read model holds (never re-decided on a read):
// agency, version, status, end, mode, officer, money columns, unable reason
// and date, public flag. nullopt for an unknown case.
std::optional<CaseView> case_summary(Db& db, const std::string& case_id);

// What a cached case is keyed on, read in one statement on every read of a
// case (the API's and the page's): the case's version and holder, and how
// many holiday entries the journal has (an equal count means the calendar
// is unchanged). Nothing else: each lookup more is paid by every request
// (issue 18; the officer's name, which only the page shows, is read there).
struct CaseCacheKey {
  int64_t version = 0;
  CaseHolder holder;
  int64_t holiday_entries = 0;
};
std::optional<CaseCacheKey> case_cache_key(Db& db, const std::string& case_id);
int64_t holiday_entry_count(Db& db);

// Enforcement officers (role enforcement_officer) of one agency with how
// many open cases each holds, by id.
struct OfficerOpenCases {
  std::string id, name;
  int64_t open_cases = 0;
};
// Officers deactivated by a reference_change are left out.
std::vector<OfficerOpenCases> officers_with_open_cases(Db& db, const std::string& agency);
// How many open cases are assigned to one officer.
int64_t open_cases_of_officer(Db& db, const std::string& officer_id);

// Deadlines not met of the `pending_deadlines` read model falling due on or
// before `until` (YYYY-MM-DD), of one officer when `officer` is not empty,
// of the cases of `agencies` when it is not empty (index pending_agency_due:
// one agency's queue reads only that agency's rows), by due date then case
// id, with the case's debtor; the first `limit` of them (0: all), so that a
// queue of 500 items does not read (and sort in memory) every late deadline
// of a busy subtree.
struct PendingDeadlineRow {
  std::string case_id, action, label, article, agency, officer, due, debtor_name;
};
void for_each_pending_deadline_until(Db& db, const std::string& until, const std::string& officer,
                                     const std::vector<std::string>& agencies,
                                     const std::function<void(const PendingDeadlineRow&)>& f, size_t limit = 0);

}  // namespace thads
