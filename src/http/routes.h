// The route table of `thads serve`: every URL the server answers, with its
// kind (API, page, ops), whether it needs a session, and its handler. The
// server registers exactly these routes, and web/openapi.json documents
// exactly these (a test checks both ways).
#pragma once

#include <vector>

#include "http/app.h"

namespace thads::http {

std::vector<Route> all_routes();

}  // namespace thads::http
