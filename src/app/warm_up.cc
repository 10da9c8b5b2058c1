#include "app/warm_up.h"

namespace thads {
namespace {

std::vector<WarmUp>& registry() {
  static std::vector<WarmUp> r;
  return r;
}

}  // namespace

void register_warm_up(WarmUp w) { registry().push_back(std::move(w)); }
const std::vector<WarmUp>& warm_ups() { return registry(); }

}  // namespace thads
