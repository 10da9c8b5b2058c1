#include "http/dashboard.h"

#include <map>

#include "http/event_form.h"

namespace thads::http {
namespace {

std::string placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

Date month_end(Date d) { return Date::from_ymd(d.year(), d.month(), 1).plus_months(1).plus_days(-1); }

std::vector<CountItem> backlog(Store& store, const DashboardQuery& q) {
  const Date y1 = q.today.plus_months(-12), y2 = q.today.plus_months(-24), y5 = q.today.plus_months(-60);
  std::vector<CountItem> out{{"lt1", "Dưới 1 năm", 0}, {"1to2", "Từ 1 đến 2 năm", 0},
                             {"2to5", "Từ 2 đến 5 năm", 0}, {"gt5", "Trên 5 năm", 0}};
  std::vector<Value> params(q.agencies.begin(), q.agencies.end());
  store.db().run("SELECT opened_date, COUNT(*) FROM cases WHERE agency IN (" + placeholders(q.agencies.size()) +
                     ") AND status IN ('active', 'postponed_agreed', 'postponed_suspended', 'unable') "
                     "GROUP BY opened_date",
                 params, [&](const Row& r) {
                   const auto d = Date::parse(r.s(0));
                   if (!d) return;
                   const size_t i = *d > y1 ? 0 : *d > y2 ? 1 : *d > y5 ? 2 : 3;
                   out[i].count += r.i(1);
                 });
  return out;
}

std::vector<CountItem> unable_reasons(Store& store, const DashboardQuery& q) {
  std::vector<CountItem> out;
  std::vector<Value> params(q.agencies.begin(), q.agencies.end());
  store.db().run("SELECT unable_reason, COUNT(*) FROM cases WHERE agency IN (" + placeholders(q.agencies.size()) +
                     ") AND status = 'unable' GROUP BY unable_reason ORDER BY unable_reason",
                 params, [&](const Row& r) { out.push_back({r.s(0), choice_label("reason", r.s(0)), r.i(1)}); });
  return out;
}

std::vector<CountItem> overdue(Store& store, const DashboardQuery& q) {
  std::vector<CountItem> out;
  std::vector<Value> params{q.today.iso()};
  params.insert(params.end(), q.agencies.begin(), q.agencies.end());
  store.db().run("SELECT p.officer, COALESCE(MAX(o.name), ''), COUNT(*) FROM pending_deadlines p "
                 "LEFT JOIN officers o ON o.id = p.officer WHERE p.due < ? AND p.agency IN (" +
                     placeholders(q.agencies.size()) + ") GROUP BY p.officer ORDER BY COUNT(*) DESC, p.officer",
                 params, [&](const Row& r) {
                   const std::string id = r.s(0);
                   out.push_back({id.empty() ? "-" : id,
                                  id.empty() ? "Chưa phân công" : (r.s(1).empty() ? id : r.s(1) + " (" + id + ")"),
                                  r.i(2)});
                 });
  return out;
}

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
  rq.form = Form::cases;
  auto c = stats.compute(rq);
  if (auto* r = std::get_if<Refusal>(&c)) return *r;
  d.cases = std::get<Report>(c);
  d.agency_name = d.cases.agency_name;
  rq.form = Form::money;
  d.money = std::get<Report>(stats.compute(rq));
  // Month by month, cumulative from 01/10 as the official reports are.
  for (Date m = start; m <= end; m = Date::from_ymd(m.year(), m.month(), 1).plus_months(1)) {
    MonthPoint p;
    p.to = month_end(m) < end ? month_end(m) : end;
    rq.period = {start, p.to};
    rq.form = Form::cases;
    p.cases_rate_x100 = std::get<Report>(stats.compute(rq)).columns.completion_rate_x100;
    rq.form = Form::money;
    p.money_rate_x100 = std::get<Report>(stats.compute(rq)).columns.completion_rate_x100;
    d.months.push_back(p);
  }
  d.backlog_by_age = backlog(store, q);
  d.unable_by_reason = unable_reasons(store, q);
  d.overdue_by_officer = overdue(store, q);
  return d;
}

}  // namespace thads::http
