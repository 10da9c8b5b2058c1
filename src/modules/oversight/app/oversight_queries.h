// Oversight read use cases: one stream's deadlines (`thads deadlines --id`)
// and the monitoring report of administrative judgments (`thads report
// admin-judgments`), both read from the journal.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app/modules.h"
#include "modules/oversight/domain/admin_report.h"

namespace thads::oversight {

// nullopt when `id` is not an oversight stream.
std::optional<StreamDeadlines> stream_deadlines_of(Store& store, const std::string& id, Date today);

std::variant<ReportOutput, Refusal> admin_judgments_report(Store& store, const ReportArgs& args);
// Its columns alone (the same figures).
std::variant<AdminColumns, Refusal> admin_figures(Store& store, const ReportArgs& args);
// The register Mẫu 19 (TT 04/2023/TT-BTP): one line per file of the period.
std::variant<ReportOutput, Refusal> admin_register_report(Store& store, const ReportArgs& args);
// Form 03/TKLN-THADS (TTLT 12/2021): our columns beside args.compare's, with the differences.
std::variant<ReportOutput, Refusal> admin_reconcile_report(Store& store, const ReportArgs& args);

// The administrative-judgment block of the dashboard: the files of the
// subtree open at `today` (the statistical year's report up to today), the
// deadlines they missed and have not met, and the escalated files (debtor a
// provincial People's Committee or a central body, or an `escalated` act).
struct AdminOverview {
  nlohmann::ordered_json columns;  // the admin-judgments columns, FY start .. today
  Date from;
  int64_t overdue_acts = 0;
  struct Escalated {
    std::string id, debtor, level;
  };
  std::vector<Escalated> escalated;
};
std::variant<AdminOverview, Refusal> admin_overview(Store& store, const std::string& agency, Date today);

}  // namespace thads::oversight
