// Officers' workloads and the assignment suggestion (issue 3: "case
// assignment with a suggestion that balances officers' workloads"): the
// enforcement officers of the case's agency with the number of open cases
// each has; the suggestion is the one with the fewest (ties: by id).
//
// Contract: read-only over `officers` and `cases`. Free of HTTP; can move to
// src/app as it is.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace thads::http {

struct OfficerLoad {
  std::string id, name;
  int64_t open_cases = 0;
  bool suggested = false;
};

// Enforcement officers (role enforcement_officer) of `agency`, least loaded
// first; the first is marked suggested.
std::vector<OfficerLoad> officer_loads(Store& store, const std::string& agency);

}  // namespace thads::http
