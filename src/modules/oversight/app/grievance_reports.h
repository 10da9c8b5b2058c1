// The accountability reports of issue 15 item 6 (domain/grievance_report.h)
// as report forms of the module registry (app/modules.h):
// - `thads report complaints` / GET /api/v1/reports/complaints: complaints
//   and denunciations, in json, table and xlsx;
// - `thads report procuracy-supervision` / GET /api/v1/reports/procuracy-
//   supervision: form 04/TKLN-THADS (TTLT 12/2021 Art. 4), the procuracy's
//   protests, recommendations and requirements; with `--compare FILE` (the
//   procuracy's own totals) our figures stand beside theirs with the
//   differences and both signature blocks, as form 03/TKLN does for the court.
// And, for the screens' drill-down, the streams each figure counts.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "app/modules.h"
#include "modules/oversight/domain/acts.h"
#include "modules/oversight/domain/grievance_report.h"

namespace thads::oversight {

// The figures behind the two reports, for the period's agency subtree
// (`agency`: the one reported on, the root when none was given).
struct GrievanceFigures {
  std::string agency;
  GrievanceColumns complaints, denunciations;
};
std::variant<GrievanceFigures, Refusal> grievance_figures(Store& store, const ReportArgs& args);
struct ProcuracyFigures {
  std::string agency;
  ProcuracyColumns by_type[3];  // protests, recommendations, requirements
  ProcuracyColumns total;
};
std::variant<ProcuracyFigures, Refusal> procuracy_figures(Store& store, const ReportArgs& args);

std::variant<ReportOutput, Refusal> complaints_report(Store& store, const ReportArgs& args);
std::variant<ReportOutput, Refusal> procuracy_supervision_report(Store& store, const ReportArgs& args);

// The ids each column counts (column key -> stream ids), for one kind
// (complaint, denunciation or procuracy) over the period and subtree.
std::variant<std::map<std::string, std::vector<std::string>>, Refusal> report_lists(Store& store,
                                                                                     const ReportArgs& args,
                                                                                     StreamKind kind);

}  // namespace thads::oversight
