// The administrator's use cases on reference data: agencies, officers,
// yearly targets (chỉ tiêu) and the holiday calendar (ngày nghỉ, ngày làm
// bù), and the import of an interchange file by upload.
//
// Contract: every change goes through import_jsonl (app/import.h), so it is
// checked by the interchange rules, all-or-nothing, journaled with the
// administrator as actor and the time of the change (the audit), and seen
// by the read models at once. The administrator's rights (an active
// account of role admin) are checked inside the import's write transaction
// (ImportOptions::authorize): otherwise line 0 is refused `forbidden`.
// Reference records are immutable under the interchange format: a second,
// different record of the same key is `seq_conflict` (a target already set
// for that agency and year, a date already in the calendar).
#pragma once

#include <cstdint>
#include <istream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/import.h"

namespace thads {

ImportResult admin_import(Store& store, const std::string& admin, std::istream& in, int64_t now);
// One reference record (an interchange line as JSON: kind agency, officer,
// target or holiday).
ImportResult record_reference(Store& store, const std::string& admin, const nlohmann::json& record, int64_t now);

}  // namespace thads
