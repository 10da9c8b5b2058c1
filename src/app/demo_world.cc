#include "app/demo_world.h"

#include "domain/interchange.h"

namespace thads {

DemoWorld scan_demo(std::istream& in, Date today, int64_t stride) {
  DemoWorld w;
  w.today = today;
  int64_t seen = 0;
  for (std::string line; std::getline(in, line);) {
    // Only the three kinds of line it needs are parsed.
    const bool opened = line.find("\"case_opened\"") != std::string::npos;
    if (!opened && line.find("\"agency\"") == std::string::npos) continue;
    if (opened && seen++ % std::max<int64_t>(1, stride) != 0) continue;
    Record r = parse_line(line, (static_cast<int64_t>(today.days()) + 1) * 86400);
    if (auto* a = std::get_if<AgencyRecord>(&r)) {
      w.agencies.push_back({a->code, a->name, a->level, a->parent});
    } else if (auto* o = std::get_if<OfficerRecord>(&r)) {
      w.officers.push_back({o->id, o->agency});
    } else if (auto* e = std::get_if<Event>(&r); e && e->opened()) {
      const CaseOpened& o = *e->opened();
      w.cases.push_back({e->case_id, o.agency, o.debtor.name, o.debtor.id_number, e->date, o.opened_amount()});
    }
  }
  return w;
}

}  // namespace thads
