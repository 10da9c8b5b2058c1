#include "modules/oversight/app/grievance_dashboard.h"

#include <algorithm>

#include "app/calendar_source.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {

GrievanceDue grievance_due(Store& store, const std::vector<std::string>& agencies, Date today, int horizon_working_days) {
  GrievanceDue g;
  if (agencies.empty()) return g;
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(today, horizon_working_days);
  for (const char* kind : {"complaint", "procuracy"}) {
    const bool complaint = std::string_view(kind) == "complaint";
    StreamFilter f;
    f.kind = kind;
    f.state = "open";
    f.agencies = agencies;
    f.limit = 100000;
    for (const StreamRow& row : list_streams(store.db(), f)) {
      const auto acts = load_acts(store.db(), complaint ? StreamKind::complaint : StreamKind::procuracy, row.id);
      for (const Deadline& d : stream_deadlines(acts, today, cal)) {
        // `lodge` is the complainant's (or the procuracy's) own time limit, not the agency's.
        if (d.action == "lodge" || d.met_on) continue;
        if (!complaint && d.action == "remedy") ++g.awaiting_remedy;
        if (horizon < d.due) continue;
        const bool overdue = d.due < today;
        ++(complaint ? (overdue ? g.complaints_overdue : g.complaints_due) : (overdue ? g.procuracy_overdue : g.procuracy_due));
        if (overdue) ++g.overdue_by_agency[row.agency];
        g.items.push_back({row.id, row.kind, row.agency, row.title, d.label_vi, d.article, d.due, overdue});
      }
    }
  }
  std::stable_sort(g.items.begin(), g.items.end(), [](const DueItem& a, const DueItem& b) { return a.due < b.due; });
  return g;
}

}  // namespace thads::oversight
