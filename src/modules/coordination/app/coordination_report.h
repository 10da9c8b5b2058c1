// The coordination report (issue 16 item 6): `thads report coordination`,
// GET /api/v1/reports/coordination (json, table, xlsx) and the page
// /coordination/report: per body of the agency's subtree, the requests sent
// in the period answered on time, late and not at all, the median answer
// time and the oldest unanswered request (domain/body_performance.h), judged
// as of the period's last day.
#pragma once

#include <variant>

#include "app/modules.h"
#include "domain/refusal.h"
#include "modules/coordination/domain/body_performance.h"
#include "store/store.h"

namespace thads::coordination {

struct CoordinationReport {
  std::string agency;  // the agency reported on (the root when none was given)
  std::vector<BodyPerformance> bodies;  // the total last
  std::map<std::string, std::pair<std::string, std::string>> names;  // body code -> (name, type)
};
std::variant<CoordinationReport, Refusal> coordination_report(Store& store, const std::string& agency, Date from, Date to);

// The module's report form "coordination" (app/modules.h ReportForm).
std::variant<ReportOutput, Refusal> coordination_report_form(Store& store, const ReportArgs& args);

}  // namespace thads::coordination
