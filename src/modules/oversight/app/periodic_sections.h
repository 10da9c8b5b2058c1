// The oversight module's parts of the periodic report to the party committee
// and the People's Committee (app/modules.h PeriodicSection; the steering
// module's report, issue 17 item 4): the monitoring of administrative
// judgments (LTTHC 2015 Art. 309–312), complaints and denunciations
// (Luật THADS Art. 140–159) and the procuracy's protests, recommendations
// and requirements (Luật THADS Art. 160–161), each for the period beside
// the same period last year.
//
// Contract: the figures are exactly those of `thads report admin-judgments`,
// `complaints` and `procuracy-supervision` for the same agency and dates,
// as known now (the same functions compute them); reads only.
#pragma once

#include <variant>
#include <vector>

#include "app/modules.h"

namespace thads::oversight {

std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args);

}  // namespace thads::oversight
