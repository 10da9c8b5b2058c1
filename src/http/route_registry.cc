#include "http/route_registry.h"

namespace thads::http {
namespace {

std::vector<RouteSource>& sources() {
  static std::vector<RouteSource> v;
  return v;
}

}  // namespace

void register_routes(RouteSource source) { sources().push_back(std::move(source)); }

std::vector<Route> module_routes() {
  std::vector<Route> out;
  for (const RouteSource& s : sources())
    for (Route& r : s()) out.push_back(std::move(r));
  return out;
}

}  // namespace thads::http
