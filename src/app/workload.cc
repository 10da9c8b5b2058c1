#include "app/workload.h"
#include "store/case_queries.h"

#include <algorithm>
#include <cmath>

namespace thads {

std::vector<OfficerLoad> officer_loads(Store& store, const std::string& agency) {
  std::vector<OfficerLoad> out;
  for (auto& o : officers_with_open_cases(store.db(), agency)) out.push_back({o.id, o.name, o.open_cases, false});
  std::stable_sort(out.begin(), out.end(), [](const OfficerLoad& a, const OfficerLoad& b) {
    return a.open_cases != b.open_cases ? a.open_cases < b.open_cases : a.id < b.id;
  });
  if (!out.empty()) out.front().suggested = true;
  return out;
}

std::variant<WorkloadView, Verdict> officer_workload(Store& store, const Access& access, const Actor& actor,
                                                     const std::string& agency, Date today) {
  WorkloadView v;
  v.agency = agency.empty() ? actor.agency : agency;
  if (auto verdict = access.view_workload(actor, v.agency); verdict != Verdict::allow) return verdict;
  const auto works = officer_workloads(store.db(), access.subtree_codes(actor, v.agency), today.iso());
  for (const OfficerWork& w : works) {
    v.open_cases += w.open_cases;
    v.owed += w.owed;
    v.overdue += w.overdue;
  }
  const auto n = static_cast<int64_t>(works.size());
  if (n > 0) v.mean_open_x100 = v.open_cases * 100 / n;
  double squares = 0;
  for (const OfficerWork& w : works) {
    OfficerBalance b;
    b.work = w;
    if (const int64_t all = w.open_cases + w.ended_cases; all > 0) b.completion_x100 = w.ended_cases * 10000 / all;
    b.share_x100 = v.open_cases > 0 ? w.open_cases * 100 * n / v.open_cases : 100;
    b.balance = b.share_x100 > 125 ? "high" : b.share_x100 < 75 ? "low" : "even";
    const double d = static_cast<double>(w.open_cases) - static_cast<double>(v.open_cases) / static_cast<double>(n);
    squares += d * d;
    v.officers.push_back(std::move(b));
  }
  if (n > 0 && v.open_cases > 0)
    v.spread_x100 = std::llround(std::sqrt(squares / static_cast<double>(n)) /
                                 (static_cast<double>(v.open_cases) / static_cast<double>(n)) * 100);
  std::stable_sort(v.officers.begin(), v.officers.end(), [](const OfficerBalance& a, const OfficerBalance& b) {
    return a.work.open_cases != b.work.open_cases ? a.work.open_cases > b.work.open_cases : a.work.id < b.work.id;
  });
  return v;
}

}  // namespace thads
