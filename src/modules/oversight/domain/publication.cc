#include "modules/oversight/domain/publication.h"

#include <algorithm>

namespace thads::oversight {

std::vector<std::string> required_portals(std::string_view level) {
  if (level == "central" || level == "province") return {"province", "national", "government"};
  return {"province"};
}

std::optional<Publication> current_publication(const Stream& s) {
  if (!s.exists() || s.withdrawn() || s.acts().front().kind != StreamKind::admin_judgment) return std::nullopt;
  const auto history = s.effective();
  std::vector<std::string> portals;
  std::optional<Date> since;
  const Act* compel = nullptr;
  for (const Act* a : history) {
    if (a->type == "compel_order") compel = a;
    if (a->type == "unpublished") portals.clear(), since.reset();
    if (a->type != "published") continue;
    if (!since) since = a->date;
    for (const auto& p : a->p["portals"]) portals.push_back(p.get<std::string>());
  }
  if (!since || !compel) return std::nullopt;
  const Act& r = *history.front();
  Publication p;
  p.id = r.id;
  p.agency = r.text("agency");
  p.debtor_name = r.text("debtor", "name");
  p.debtor_address = r.text("debtor", "address");
  p.obligation = r.text("obligation");
  p.compel_number = compel->text("number");
  p.compel_court = compel->text("court");
  p.compel_order_date = compel->date_of("order_date").value_or(compel->date);
  p.since = *since;
  for (const char* name : {"province", "national", "government"})
    if (std::find(portals.begin(), portals.end(), name) != portals.end()) p.portals.emplace_back(name);
  return p;
}

}  // namespace thads::oversight
