// The steering figures of the dashboard (issue 17 item 5) for the heads and
// the steering role: the directive tasks overdue by body, the key cases the
// committee follows and their overdue steps, the committees' next meeting,
// the latest issued periodic report. One read of the ledger.
//
// Contract: nullopt for the roles that do not see it (only head and
// steering do) or an agency outside the user's subtree.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts.h"
#include "domain/date.h"
#include "store/store.h"

namespace thads::steering {

struct SteeringOverview {
  int64_t overdue_cells = 0;
  std::vector<std::pair<std::string, int64_t>> overdue_by_body;  // body name -> overdue cells, most first
  int64_t key_cases_followed = 0, key_cases_proposed = 0, key_steps_overdue = 0;
  struct KeyLine {
    std::string id, case_id, stuck_reason;
    int64_t steps_overdue = 0;
  };
  std::vector<KeyLine> key_cases;  // followed (accepted), those with overdue steps first
  struct Meeting {
    std::string id, committee;
    Date date;
  };
  std::optional<Meeting> next_meeting;  // the first dated today or later
  std::string latest_report_id;
  int64_t latest_report_version = 0;
};

std::optional<SteeringOverview> steering_overview(Store& store, const User& user, const std::string& agency,
                                                  Date today);

}  // namespace thads::steering
