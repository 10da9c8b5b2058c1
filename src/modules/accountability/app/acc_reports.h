// `thads report inspections` and GET /api/v1/reports/inspections (issue 15
// item 6): inspections, their findings and remedies, and the officers'
// violations with the measures taken, for a period and an agency subtree
// (domain/inspection_report.h), in json, table and xlsx.
#pragma once

#include <variant>

#include "app/modules.h"

namespace thads::accountability {

std::variant<ReportOutput, Refusal> inspections_report(Store& store, const ReportArgs& args);

}  // namespace thads::accountability
