// Routes contributed by modules (src/modules/*/http): a module registers a
// source of routes while the program starts, and all_routes() mounts them
// after the server's own. Nothing central lists a module's routes; each
// still appears in web/openapi.json (a test checks both ways).
#pragma once

#include <functional>
#include <vector>

#include "http/app.h"

namespace thads::http {

using RouteSource = std::function<std::vector<Route>()>;
void register_routes(RouteSource source);
std::vector<Route> module_routes();

}  // namespace thads::http
