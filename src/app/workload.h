// Officers' workloads and the assignment suggestion (issue 3: "case
// assignment with a suggestion that balances officers' workloads"): the
// enforcement officers of the case's agency with the number of open cases
// each has; the suggestion is the one with the fewest (ties: by id).
//
// Contract: read-only over `officers` and `cases`. Free of HTTP; can move to
// src/app as it is.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/access.h"
#include "domain/date.h"
#include "store/case_queries.h"
#include "store/store.h"

namespace thads {

struct OfficerLoad {
  std::string id, name;
  int64_t open_cases = 0;
  bool suggested = false;
};

// Enforcement officers (role enforcement_officer) of `agency`, least loaded
// first; the first is marked suggested.
std::vector<OfficerLoad> officer_loads(Store& store, const std::string& agency);

// The officers' workload view of a head (issue 13): per enforcement officer
// of the subtree, the open cases, the amount still owed on them, the
// deadlines not met, the completion rate (ended ÷ all cases assigned) and
// the share of the open cases against the mean of the officers (100% =
// exactly the mean), most loaded first (ties: by id).
struct OfficerBalance {
  OfficerWork work;
  std::optional<int64_t> completion_x100;  // none without any case assigned
  int64_t share_x100 = 0;                  // open cases ÷ mean open cases
  std::string balance;                     // high | low | even (within ±25% of the mean)
};
struct WorkloadView {
  std::string agency;
  std::vector<OfficerBalance> officers;
  int64_t open_cases = 0, overdue = 0;
  Money owed = 0;
  int64_t mean_open_x100 = 0;  // mean open cases per officer, ×100
  int64_t spread_x100 = 0;     // coefficient of variation of the open cases, ×100 (0: all equal)
};
std::variant<WorkloadView, Verdict> officer_workload(Store& store, const Access& access, const Actor& actor,
                                                     const std::string& agency, Date today);

}  // namespace thads
