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

}  // namespace thads::oversight
