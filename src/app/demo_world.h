// What a module's demo data builds on: the agencies, officers and a sample of
// the cases of a generated demo data set (app/demo.h), read back from its
// JSON Lines, so that a module's demo generator needs nothing of the case
// generator's internals.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "domain/date.h"

namespace thads {

struct DemoWorld {
  struct Agency {
    std::string code, name, level, parent;
  };
  struct Officer {
    std::string id, agency;
  };
  struct Case {
    std::string id, agency, debtor_name, debtor_id;
    Date opened;
    int64_t amount = 0;  // opened amount (0 for non-money obligations)
  };
  std::vector<Agency> agencies;
  std::vector<Officer> officers;
  std::vector<Case> cases;  // at most about `max_cases`, spread over the file
  Date today;
};

// Reads agency and officer records and every `stride`-th case_opened event.
DemoWorld scan_demo(std::istream& in, Date today, int64_t stride);

}  // namespace thads
