#include "app/dashboard.h"

#include <tuple>

#include "app/answer_cache.h"
#include "domain/code_labels.h"

namespace thads {
namespace {

Date month_end(Date d) { return Date::from_ymd(d.year(), d.month(), 1).plus_months(1).plus_days(-1); }

// The dashboards of every agency of a national store for a day fit many
// times: a few KB each, and at most some tens of KB with the rows by agency.
constexpr size_t kMaxHeldBytes = 32u << 20;

AnswerCache<Dashboard>& held() {
  static AnswerCache<Dashboard> c(kMaxHeldBytes);
  return c;
}

size_t bytes_of(const Dashboard& d) {
  size_t n = sizeof(Dashboard) + d.months.size() * sizeof(MonthPoint);
  for (const Report* r : {&d.cases, &d.money, &d.cases_by_agency, &d.money_by_agency})
    for (const ReportRow& row : r->rows) n += sizeof(ReportRow) + row.key.size() + row.label.size();
  for (const auto* items : {&d.backlog_by_age, &d.unable_by_reason, &d.overdue_by_officer})
    for (const CountItem& i : *items) n += sizeof(CountItem) + i.key.size() + i.label.size();
  return n;
}

}  // namespace

std::variant<std::shared_ptr<const Dashboard>, Refusal> held_dashboard(Store& store, ReadCache& cache,
                                                                       const DashboardQuery& q) {
  // The position first, then statistics at least that new.
  const int64_t position = cache.position_for(store, q.agency);
  const std::string key = std::to_string(cache.id()) + '\x1f' + q.agency + '\x1f' + std::to_string(q.fiscal_year) +
                          '\x1f' + q.today.iso();
  if (auto kept = held().get(key, position)) return kept;
  const std::shared_ptr<const StatsSnapshot> stats = cache.stats(store);
  auto res = build_dashboard(store, *stats, q);
  if (auto* r = std::get_if<Refusal>(&res)) return *r;
  auto d = std::make_shared<const Dashboard>(std::move(std::get<Dashboard>(res)));
  held().put(key, position, d, bytes_of(*d) + key.size());
  return d;
}

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
  // One fold gives the agencies below side by side and the subtree's total
  // (Report::columns of a report by agency is the whole scope's): the total
  // is that report without its rows, as a report without breakdown is.
  rq.by = "agency";
  auto by_agency = stats.compute_both(rq);
  if (auto* r = std::get_if<Refusal>(&by_agency)) return *r;
  std::tie(d.cases_by_agency, d.money_by_agency) = std::get<std::pair<Report, Report>>(std::move(by_agency));
  for (auto [whole, rows] : {std::pair{&d.cases, &d.cases_by_agency}, std::pair{&d.money, &d.money_by_agency}}) {
    whole->form = rows->form;
    whole->period = rows->period;
    whole->agency = rows->agency;
    whole->agency_name = rows->agency_name;
    whole->columns = rows->columns;
    whole->target_rate_x100 = rows->target_rate_x100;
  }
  d.agency_name = d.cases.agency_name;
  rq.by.clear();
  // Month by month, cumulative from 01/10 as the official reports are; the
  // running month ends on `end`, whose figures are the year's above.
  for (Date m = start; m <= end; m = Date::from_ymd(m.year(), m.month(), 1).plus_months(1)) {
    MonthPoint p;
    p.to = month_end(m) < end ? month_end(m) : end;
    if (p.to == end) {
      p.cases_rate_x100 = d.cases.columns.completion_rate_x100;
      p.money_rate_x100 = d.money.columns.completion_rate_x100;
    } else {
      rq.period = {start, p.to};
      const auto [cases, money] = std::get<std::pair<Report, Report>>(stats.compute_both(rq));
      p.cases_rate_x100 = cases.columns.completion_rate_x100;
      p.money_rate_x100 = money.columns.completion_rate_x100;
    }
    d.months.push_back(p);
  }
  auto now = stats.current(q.agency, q.today);
  if (auto* r = std::get_if<Refusal>(&now)) return *r;
  const CurrentFigures& f = std::get<CurrentFigures>(now);
  for (size_t i = 0; i < 4; ++i)
    d.backlog_by_age.push_back({kBacklogAges[i].key, kBacklogAges[i].label_vi, f.backlog_by_age[i]});
  for (const auto& [code, n] : f.unable_by_reason) d.unable_by_reason.push_back({code, code_label("reason", code), n});
  for (const auto& o : f.overdue_by_officer)
    d.overdue_by_officer.push_back({o.officer.empty() ? "-" : o.officer,
                                    o.officer.empty() ? "Chưa phân công"
                                                      : (o.name.empty() ? o.officer : o.name + " (" + o.officer + ")"),
                                    o.count});
  return d;
}

}  // namespace thads
