// The coordination module's part of the periodic report to the party
// committee and the People's Committee (app/modules.h PeriodicSection; the
// steering module's report, issue 17 item 4): where coordination fails, by
// body — the bodies of the subtree's requests that answered late or left a
// request overdue (Luật THADS Art. 11, 44, 67, 69, 72: the duty to answer;
// NĐ 62/2015 Art. 13), most failures first, with the total of every body.
//
// Contract: the figures are those of `thads report coordination` for the
// same agency and period (coordination_report), judged as of the period's
// last day; reads only.
#pragma once

#include <variant>
#include <vector>

#include "app/modules.h"

namespace thads::coordination {

// At most this many bodies are listed; the note counts the rest.
inline constexpr size_t kPeriodicBodies = 15;

std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args);

}  // namespace thads::coordination
