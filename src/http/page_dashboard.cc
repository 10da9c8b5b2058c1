// Pages: the dashboard of an agency subtree, and the official forms on
// screen (and as xlsx).
#include "app/report_layout.h"
#include "http/case_search.h"
#include "http/dashboard_blocks.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"

namespace thads::http {
namespace {

using json = nlohmann::json;
namespace rl = report_layout;

json agency_options(Ctx& ctx, const std::string& selected) {
  json a = json::array();
  for (const std::string& code : ctx.access().subtree_codes(ctx.actor)) {
    const auto& n = ctx.tree().at(*ctx.tree().find(code));
    a.push_back({{"value", code}, {"label", n.name + " (" + code + ")"}, {"selected", code == selected}});
  }
  return a;
}

std::string list_href(const std::string& agency, const std::string& query) {
  return "/cases?agency=" + url_encode(agency) + "&" + query;
}

// The columns of a report as cells, each linking to the cases behind it.
json columns_json(const Report& rep, const Columns& cols, bool links) {
  json cells = json::array();
  for (const rl::FormColumn* c : rl::form_columns(rep.form)) {
    const bool money = rep.form == Form::money;
    std::string value = c->field ? (money ? vnd(cols.*(c->field)) : rl::group_thousands(cols.*(c->field)))
                                 : rl::percent_vn(cols.completion_rate_x100);
    const std::string key = c->field ? column_key(c->field) : "";
    json cell{{"header", c->header}, {"value", value}, {"key", key.empty() ? "completion_rate" : key}};
    if (links && !key.empty())
      cell["href"] = list_href(rep.agency, "column=" + key + "&form=" + std::string(to_string(rep.form)) + "&from=" +
                                               rep.period.from.iso() + "&to=" + rep.period.to.iso());
    cells.push_back(cell);
  }
  return cells;
}

json count_items(const std::vector<CountItem>& items, const std::string& agency, const std::string& param,
                 const std::string& extra, bool links) {
  json a = json::array();
  for (const CountItem& i : items) {
    json x{{"key", i.key}, {"label", i.label}, {"count", rl::group_thousands(i.count)}};
    if (links) x["href"] = list_href(agency, param + "=" + url_encode(i.key) + extra);
    a.push_back(x);
  }
  return a;
}

// A bar chart of the cumulative completion rates, month by month, as SVG
// attributes (no inline styles: the CSP forbids them). The twelve months of
// the statistical year always have their slot, so the chart keeps its scale
// early in the year; the y axis is marked every 25%.
json chart_json(const Dashboard& d) {
  constexpr int kHeight = 200, kSlot = 56, kLeft = 44, kMonths = 12;
  json months = json::array(), reached = json::array();
  auto bar = [&](const std::optional<int64_t>& r) { return r ? static_cast<int>(*r * kHeight / 10000) : 0; };
  const Date start = fiscal_year_start(d.fiscal_year);
  for (int i = 0; i < kMonths; ++i) {
    const Date m = start.plus_months(i);
    const MonthPoint* p = static_cast<size_t>(i) < d.months.size() ? &d.months[static_cast<size_t>(i)] : nullptr;
    const std::optional<int64_t> rc = p ? p->cases_rate_x100 : std::nullopt, rm = p ? p->money_rate_x100 : std::nullopt;
    const int hc = bar(rc), hm = bar(rm);
    json x{{"x_cases", kLeft + i * kSlot + 4}, {"x_money", kLeft + i * kSlot + 24}, {"x_label", kLeft + i * kSlot + 24},
           {"y_cases", kHeight - hc + 10}, {"h_cases", hc}, {"y_money", kHeight - hm + 10}, {"h_money", hm},
           {"label", (m.month() < 10 ? "0" : "") + std::to_string(m.month()) + "/" + std::to_string(m.year() % 100)},
           {"cases_rate", p ? rl::percent_vn(rc) : "—"}, {"money_rate", p ? rl::percent_vn(rm) : "—"},
           {"reached", p != nullptr}};
    if (p) reached.push_back(x);
    months.push_back(std::move(x));
  }
  json ticks = json::array();
  for (int pct = 0; pct <= 100; pct += 25)
    ticks.push_back({{"y", kHeight - pct * kHeight / 100 + 10}, {"label", std::to_string(pct) + "%"}});
  const int width = kLeft + kMonths * kSlot + 8;
  json c{{"months", months}, {"reached", reached}, {"ticks", ticks}, {"left", kLeft}, {"tick_x", kLeft - 6},
         {"width", width}, {"base", kHeight + 10}};
  auto target_y = [&](const std::optional<int64_t>& t) { return t ? json(kHeight - static_cast<int>(*t * kHeight / 10000) + 10) : json(false); };
  c["target_cases_y"] = target_y(d.cases.target_rate_x100);
  c["target_money_y"] = target_y(d.money.target_rate_x100);
  return c;
}

}  // namespace

Response page_dashboard(Ctx& ctx, const Request& req) {
  auto q = dashboard_query(ctx, req);
  if (auto* r = std::get_if<Refusal>(&q)) return error_page(ctx, req, 400, refusal_vi(*r));
  DashboardQuery& dq = std::get<DashboardQuery>(q);
  if (auto v = ctx.access().view_dashboard(ctx.actor, dq.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  auto stats = ctx.app.cache().stats(ctx.store());
  auto res = build_dashboard(ctx.store(), *stats, dq);
  if (auto* r = std::get_if<Refusal>(&res)) return error_page(ctx, req, 422, refusal_vi(*r));
  const Dashboard& d = std::get<Dashboard>(res);
  const bool links = ctx.access().search_cases(ctx.actor) == Verdict::allow;
  const std::string today = "&today=" + dq.today.iso();
  json data{
      {"agencies", agency_options(ctx, d.agency)},
      {"fy", d.fiscal_year},
      {"agency", d.agency},
      {"agency_name", d.agency_name},
      {"from", d.period.from.vn()},
      {"to", d.period.to.vn()},
      {"cases_rate", rl::percent_vn(d.cases.columns.completion_rate_x100)},
      {"cases_target", rl::percent_vn(d.cases.target_rate_x100)},
      {"money_rate", rl::percent_vn(d.money.columns.completion_rate_x100)},
      {"money_target", rl::percent_vn(d.money.target_rate_x100)},
      {"cases_columns", columns_json(d.cases, d.cases.columns, links)},
      {"money_columns", columns_json(d.money, d.money.columns, links)},
      {"carried_cases", rl::group_thousands(d.cases.columns.carried_to_next)},
      {"carried_money", vnd(d.money.columns.carried_to_next)},
      {"chart", chart_json(d)},
      {"backlog", count_items(d.backlog_by_age, d.agency, "age", today, links)},
      {"unable", count_items(d.unable_by_reason, d.agency, "reason", today, links)},
      {"has_unable", !d.unable_by_reason.empty()},
      {"overdue", count_items(d.overdue_by_officer, d.agency, "overdue", today, links)},
      {"has_overdue", !d.overdue_by_officer.empty()},
      {"links", links},
      {"blocks", module_dashboard_blocks(ctx, d.agency, dq.today)}};
  if (links)
    data["carried_href"] = list_href(d.agency, "column=carried_to_next&form=cases&from=" + d.period.from.iso() +
                                                   "&to=" + d.period.to.iso());
  return render_page(ctx, req, 200, "dashboard", "Tổng quan kết quả thi hành án", data);
}

Response page_reports(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  const Form form = req.q("form") == "money" ? Form::money : Form::cases;
  auto q = report_query(ctx, req, form);
  if (auto* r = std::get_if<Refusal>(&q)) return error_page(ctx, req, 400, refusal_vi(*r));
  ReportQuery& rq = std::get<ReportQuery>(q);
  if (auto v = ctx.access().view_reports(ctx.actor, rq.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  auto res = compute_report(ctx, rq);
  if (auto* r = std::get_if<Refusal>(&res)) return error_page(ctx, req, 422, refusal_vi(*r));
  const Report& rep = std::get<Report>(res);
  if (req.q("format") == "xlsx") return xlsx_response(rep);
  const bool links = ctx.access().search_cases(ctx.actor) == Verdict::allow;
  json headers = json::array(), rows = json::array();
  for (const rl::FormColumn* c : rl::form_columns(form)) headers.push_back(c->header);
  for (const ReportRow& r : rep.rows) rows.push_back({{"label", r.label}, {"cells", columns_json(rep, r.columns, false)}});
  json by = json::array();
  for (const char* b : {"", "agency", "mode", "judgment_kind", "flag"})
    by.push_back({{"value", b}, {"label", *b ? rl::label_header(b) : "Không chia"}, {"selected", rq.by == b}});
  const std::string xlsx = "/reports?form=" + std::string(to_string(form)) + "&from=" + rq.period.from.iso() +
                           "&to=" + rq.period.to.iso() + "&agency=" + url_encode(rep.agency) +
                           "&by=" + url_encode(rq.by) + "&format=xlsx";
  return render_page(ctx, req, 200, "reports", "Báo cáo thống kê thi hành án dân sự",
                     {{"title_form", rl::title_of(form)},
                      {"agency_line", rl::agency_line(rep)},
                      {"period", rl::period_of(rep)},
                      {"unit", form == Form::money ? "Đơn vị tính: đồng" : "Đơn vị tính: việc"},
                      {"money", form == Form::money},
                      {"from", rq.period.from.vn()},
                      {"to", rq.period.to.vn()},
                      {"agencies", agency_options(ctx, rep.agency)},
                      {"by", by},
                      {"label_header", rl::label_header(rq.by)},
                      {"headers", headers},
                      {"rows", rows},
                      {"total", columns_json(rep, rep.columns, links)},
                      {"target", rl::percent_vn(rep.target_rate_x100)},
                      {"xlsx_href", xlsx}});
}

}  // namespace thads::http
