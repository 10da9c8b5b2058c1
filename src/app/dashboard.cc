#include "app/dashboard.h"

#include <tuple>

#include "domain/code_labels.h"

namespace thads {
namespace {

Date month_end(Date d) { return Date::from_ymd(d.year(), d.month(), 1).plus_months(1).plus_days(-1); }

}  // namespace

std::variant<Dashboard, Refusal> build_dashboard(Store& store, const StatsSnapshot& stats, const DashboardQuery& q) {
  Dashboard d;
  d.agency = q.agency;
  d.fiscal_year = q.fiscal_year;
  const Date start = fiscal_year_start(q.fiscal_year);
  Date end = fiscal_year_end(q.fiscal_year);
  if (q.today < end) end = q.today;
  if (end < start) end = start;
  d.period = {start, end};
  ReportQuery rq;
  rq.agency = q.agency;
  rq.period = d.period;
  auto both = stats.compute_both(rq);
  if (auto* r = std::get_if<Refusal>(&both)) return *r;
  std::tie(d.cases, d.money) = std::get<std::pair<Report, Report>>(std::move(both));
  d.agency_name = d.cases.agency_name;
  rq.by = "agency";
  auto by_agency = stats.compute_both(rq);
  if (auto* r = std::get_if<Refusal>(&by_agency)) return *r;
  std::tie(d.cases_by_agency, d.money_by_agency) = std::get<std::pair<Report, Report>>(std::move(by_agency));
  rq.by.clear();
  // Month by month, cumulative from 01/10 as the official reports are.
  for (Date m = start; m <= end; m = Date::from_ymd(m.year(), m.month(), 1).plus_months(1)) {
    MonthPoint p;
    p.to = month_end(m) < end ? month_end(m) : end;
    rq.period = {start, p.to};
    const auto [cases, money] = std::get<std::pair<Report, Report>>(stats.compute_both(rq));
    p.cases_rate_x100 = cases.columns.completion_rate_x100;
    p.money_rate_x100 = money.columns.completion_rate_x100;
    d.months.push_back(p);
  }
  auto now = stats.current(q.agency, q.today);
  if (auto* r = std::get_if<Refusal>(&now)) return *r;
  const CurrentFigures& f = std::get<CurrentFigures>(now);
  d.backlog_by_age = {{"lt1", "Dưới 1 năm", f.backlog_by_age[0]}, {"1to2", "Từ 1 đến 2 năm", f.backlog_by_age[1]},
                      {"2to5", "Từ 2 đến 5 năm", f.backlog_by_age[2]}, {"gt5", "Trên 5 năm", f.backlog_by_age[3]}};
  for (const auto& [code, n] : f.unable_by_reason) d.unable_by_reason.push_back({code, code_label("reason", code), n});
  for (const auto& o : f.overdue_by_officer)
    d.overdue_by_officer.push_back({o.officer.empty() ? "-" : o.officer,
                                    o.officer.empty() ? "Chưa phân công"
                                                      : (o.name.empty() ? o.officer : o.name + " (" + o.officer + ")"),
                                    o.count});
  return d;
}

}  // namespace thads
