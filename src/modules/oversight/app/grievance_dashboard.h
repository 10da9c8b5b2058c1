// What the dashboards show of complaints and the procuracy's acts (issue 15
// item 7): for an agency subtree and a day, the open complaints with a
// deadline (admission, resolution, sending of the decision: Art. 146, 148;
// TT 13/2021 Art. 9, 14) overdue or due within the horizon, and the
// procuracy's protests, recommendations and requirements awaiting the
// agency's reply (Art. 161(1)), remedy (Art. 161) or the superior's answer
// (Art. 161(2)). Deadlines are those of domain/deadlines.h
// (oversight.md), read from the streams; denunciations are never counted here
// (their content is private to the resolver, oversight_access.h).
//
// Contract: reads only; the caller has checked that the subtree is the
// user's (the dashboard does).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/date.h"
#include "store/store.h"

namespace thads::oversight {

struct DueItem {
  std::string id, kind, agency, title, label, article;
  Date due;
  bool overdue = false;
};

struct GrievanceDue {
  int64_t complaints_overdue = 0, complaints_due = 0;
  int64_t procuracy_overdue = 0, procuracy_due = 0;
  int64_t awaiting_remedy = 0;  // procuracy acts accepted and not yet remedied
  std::vector<DueItem> items;   // overdue first, then by due date
  std::map<std::string, int64_t> overdue_by_agency;
};

GrievanceDue grievance_due(Store& store, const std::vector<std::string>& agencies, Date today,
                           int horizon_working_days = 5);

}  // namespace thads::oversight
