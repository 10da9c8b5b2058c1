#include "domain/reference_change.h"

namespace thads {

void apply_change(AgencyRecord& a, const ReferenceChange& c) {
  if (c.name) a.name = *c.name;
}

void apply_change(OfficerRecord& o, const ReferenceChange& c) {
  if (c.name) o.name = *c.name;
  if (c.agency) o.agency = *c.agency;
  if (c.role) o.role = *c.role;
  if (c.active) o.active = *c.active;
}

void apply_change(TargetRecord& t, const ReferenceChange& c) {
  if (c.cases_rate_x100) t.cases_rate_x100 = *c.cases_rate_x100;
  if (c.money_rate_x100) t.money_rate_x100 = *c.money_rate_x100;
}

void apply_change(HolidayRec& h, const ReferenceChange& c) {
  if (c.type) h.day.type = *c.type;
  if (c.name) h.day.name = *c.name;
}

TargetKey target_key(const std::string& key) {
  const size_t slash = key.rfind('/');
  if (slash == std::string::npos || slash == 0 || key.size() - slash != 5) return {};
  int year = 0;
  for (size_t i = slash + 1; i < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9') return {};
    year = year * 10 + (key[i] - '0');
  }
  return {key.substr(0, slash), year};
}

}  // namespace thads
