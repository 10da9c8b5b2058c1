// The accountability module's side of `thads import` (all or nothing, in the
// import's transaction) and of `thads rebuild`; and the checks of a
// delivery shared with the use cases.
#pragma once

#include <memory>
#include <optional>

#include "app/modules.h"
#include "modules/accountability/domain/records.h"

namespace thads::accountability {

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx);
void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries);

// A delivery of a case's decision (Luật THADS Art. 38): the case must exist
// (unknown_case), `decision` must be the seq of one of its decisions
// (bad_field), sent on or after the decision's date (bad_field).
// `named` is the case's event number d.decision (nullptr when the case has
// none); `case_known` whether the case exists at all.
std::optional<Refusal> check_delivery(const Delivery& d, bool case_known, const Event* named);

}  // namespace thads::accountability
