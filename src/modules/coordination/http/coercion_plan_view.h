// The coercion plans block of the case page's coordination section
// (coercion_plan_pages.cc): the plans with their contents, their three
// requests (state, deadlines), the bans overridden, and the form.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/handlers.h"
#include "modules/coordination/app/case_requests.h"

namespace thads::coordination {

// {"plans": [...], "has_plans": bool, "plan_form": {...} | false, "event_seqs": [...]}
// `opened`: the case's opening (the form's defaults), may be null.
nlohmann::json coercion_block(http::Ctx& ctx, const std::string& case_id, const CaseRequests& cr, Date today,
                              const CaseOpened* opened, bool case_ended);

// A deadline of a request as the section shows it (case_section.cc).
nlohmann::json deadline_json(const Deadline& d, Date today);

}  // namespace thads::coordination
