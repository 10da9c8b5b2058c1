#include "http/workload.h"

#include <algorithm>

namespace thads::http {

std::vector<OfficerLoad> officer_loads(Store& store, const std::string& agency) {
  std::vector<OfficerLoad> out;
  store.db().run(
      "SELECT o.id, o.name, (SELECT COUNT(*) FROM cases c WHERE c.officer = o.id AND c.status IN "
      "('active', 'postponed_agreed', 'postponed_suspended', 'unable')) FROM officers o "
      "WHERE o.agency = ? AND o.role = 'enforcement_officer'",
      {agency}, [&](const Row& r) { out.push_back({r.s(0), r.s(1), r.i(2), false}); });
  std::stable_sort(out.begin(), out.end(), [](const OfficerLoad& a, const OfficerLoad& b) {
    return a.open_cases != b.open_cases ? a.open_cases < b.open_cases : a.id < b.id;
  });
  if (!out.empty()) out.front().suggested = true;
  return out;
}

}  // namespace thads::http
