// The intake box of a complaint's or a denunciation's page (issue 15 item
// 2): who resolves it (Art. 142 / 157), within the time limit or not
// (Art. 140(2)), the first-level complaint and the second-level ones.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/oversight/app/complaint_intake_read.h"

namespace thads::oversight {

// The template's data, or null for other kinds.
nlohmann::json intake_view(Store& store, const StreamView& v);

}  // namespace thads::oversight
