// Oversight read use cases: one stream's deadlines (`thads deadlines --id`)
// and the monitoring report of administrative judgments (`thads report
// admin-judgments`), both read from the journal.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app/modules.h"

namespace thads::oversight {

// nullopt when `id` is not an oversight stream.
std::optional<StreamDeadlines> stream_deadlines_of(Store& store, const std::string& id, Date today);

std::variant<ReportOutput, Refusal> admin_judgments_report(Store& store, const ReportArgs& args);
// The register Mẫu 19 (TT 04/2023/TT-BTP): one line per file of the period.
std::variant<ReportOutput, Refusal> admin_register_report(Store& store, const ReportArgs& args);
// Form 03/TKLN-THADS (TTLT 12/2021): our columns beside args.compare's, with the differences.
std::variant<ReportOutput, Refusal> admin_reconcile_report(Store& store, const ReportArgs& args);

}  // namespace thads::oversight
