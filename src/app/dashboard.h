// The head's and supervisors' dashboard for an agency subtree and a
// statistical year: completion rates by cases and by money against the
// year's target, month by month; the backlog by age; cases without
// conditions by reason; what is carried to the next period; overdue
// deadlines by officer. Every figure names the case list behind it
// (case_search.h CaseFilter), which the page links to.
//
// Contract: read-only. The statistics come from the shared StatsSnapshot
// (a pure fold in memory); the backlog, reasons and overdue deadlines from
// the read models as of `today`. Free of HTTP; can move to src/app as it is.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/read_cache.h"
#include "app/reports.h"
#include "store/store.h"

namespace thads {

struct MonthPoint {
  Date to;  // last day counted (end of the month, or `today` for the running month)
  std::optional<int64_t> cases_rate_x100, money_rate_x100;
};

struct CountItem {
  std::string key;    // age bucket, reason code, officer id
  std::string label;  // Vietnamese
  int64_t count = 0;
};

struct Dashboard {
  std::string agency, agency_name;
  int fiscal_year = 0;
  Period period;  // 01/10 of the year to min(today, 30/09)
  Report cases, money;
  std::vector<MonthPoint> months;
  std::vector<CountItem> backlog_by_age;     // lt1, 1to2, 2to5, gt5
  std::vector<CountItem> unable_by_reason;
  std::vector<CountItem> overdue_by_officer;  // officer id "" shown as "-"
  // The agencies directly below `agency` side by side (the same period):
  // one row per child agency in each (Report::rows, by agency).
  Report cases_by_agency, money_by_agency;
};

struct DashboardQuery {
  std::string agency;
  int fiscal_year = 0;
  Date today;
  std::vector<std::string> agencies;  // the subtree of `agency` (for the read-model figures)
};

std::variant<Dashboard, Refusal> build_dashboard(Store& store, const StatsSnapshot& stats, const DashboardQuery& q);

// The dashboard as a running server holds it: computed from `cache`'s
// statistics once per agency, year and day, and served again to every
// request for the same until a write reaches the agency's subtree. Held at
// the position where that subtree last changed (ReadCache::position_for,
// read before the statistics, so an answer is never older than the position
// it is held at), as the work queues are (app/queue_answers.h). Memory: an
// AnswerCache bounded by bytes.
std::variant<std::shared_ptr<const Dashboard>, Refusal> held_dashboard(Store& store, ReadCache& cache,
                                                                       const DashboardQuery& q);

}  // namespace thads
