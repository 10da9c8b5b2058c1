// The answer to a URL no route serves: a Vietnamese page (404, with the
// layout's navigation and links onward) for a browser, the JSON error for
// /api/ paths, as the API's clients expect.
#pragma once

#include "http/app.h"

namespace thads::http {

// The route the router's non-matched handler dispatches through (so the
// page gets the session, the layout and the security headers).
const Route& not_found_route();

}  // namespace thads::http
