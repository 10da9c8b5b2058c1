// Pages: the dashboard of an agency subtree, and the official forms on
// screen (and as xlsx).
#include <algorithm>
#include <iterator>

#include "app/report_layout.h"
#include "app/table_export.h"
#include "app/case_search.h"
#include "http/calendar_notice.h"
#include "http/dashboard_blocks.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/refusal_text.h"
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
// Money as "1.234.567 đ", or — on the official form, as its xlsx and
// statistics.md say — in thousand đồng without the sign ("1.235").
json columns_json(const Report& rep, const Columns& cols, bool links, bool thousands = false) {
  json cells = json::array();
  for (const rl::FormColumn* c : rl::form_columns(rep.form)) {
    const bool money = rep.form == Form::money;
    auto money_text = [&](Money m) { return thousands ? rl::group_thousands(to_thousand_vnd(m)) : vnd(m); };
    std::string value = c->field ? (money ? money_text(cols.*(c->field)) : rl::group_thousands(cols.*(c->field)))
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

// How many officers the overdue block of the page lists: a national head's
// page listed 2,676 (473 KB of its 588); the CSV of the block has them all.
constexpr size_t kOverdueShown = 20;

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


// --- the agency comparison ---------------------------------------------------

struct AgencyLine {
  std::string code, name;
  const Columns* cases = nullptr;
  const Columns* money = nullptr;
  int rank = 0;
};

constexpr const char* kCompareKeys[] = {"rank", "name", "to_enforce", "completed", "cases_rate", "money_to_enforce",
                                        "money_completed", "money_rate", "carried"};

// Ranked by the completion rate by cases (none last), then by money, then by code.
std::vector<AgencyLine> agency_lines(const Dashboard& d) {
  std::vector<AgencyLine> lines;
  for (size_t i = 0; i < d.cases_by_agency.rows.size() && i < d.money_by_agency.rows.size(); ++i) {
    const ReportRow& c = d.cases_by_agency.rows[i];
    lines.push_back({c.key, c.label.empty() ? c.key : c.label, &c.columns, &d.money_by_agency.rows[i].columns, 0});
  }
  auto rate = [](const std::optional<int64_t>& r) { return r ? *r : -1; };
  std::stable_sort(lines.begin(), lines.end(), [&](const AgencyLine& a, const AgencyLine& b) {
    if (rate(a.cases->completion_rate_x100) != rate(b.cases->completion_rate_x100))
      return rate(a.cases->completion_rate_x100) > rate(b.cases->completion_rate_x100);
    if (rate(a.money->completion_rate_x100) != rate(b.money->completion_rate_x100))
      return rate(a.money->completion_rate_x100) > rate(b.money->completion_rate_x100);
    return a.code < b.code;
  });
  for (size_t i = 0; i < lines.size(); ++i) lines[i].rank = static_cast<int>(i + 1);
  return lines;
}

int64_t compare_value(const AgencyLine& l, const std::string& key) {
  auto rate = [](const std::optional<int64_t>& r) { return r ? *r : -1; };
  if (key == "to_enforce") return l.cases->to_enforce;
  if (key == "completed") return l.cases->completed;
  if (key == "cases_rate") return rate(l.cases->completion_rate_x100);
  if (key == "money_to_enforce") return l.money->to_enforce;
  if (key == "money_completed") return l.money->completed;
  if (key == "money_rate") return rate(l.money->completion_rate_x100);
  if (key == "carried") return l.cases->carried_to_next;
  return l.rank;
}

void sort_lines(std::vector<AgencyLine>& lines, const std::string& key, bool desc) {
  std::stable_sort(lines.begin(), lines.end(), [&](const AgencyLine& a, const AgencyLine& b) {
    if (key == "name") {
      if (a.name != b.name) return desc ? a.name > b.name : a.name < b.name;
    } else if (compare_value(a, key) != compare_value(b, key)) {
      return desc ? compare_value(a, key) > compare_value(b, key) : compare_value(a, key) < compare_value(b, key);
    }
    return a.rank < b.rank;
  });
}

json comparison_json(const Dashboard& d, const std::vector<AgencyLine>& lines, bool links, const std::string& key,
                     bool desc) {
  json rows = json::array();
  const std::string period = "&from=" + d.period.from.iso() + "&to=" + d.period.to.iso();
  for (const AgencyLine& l : lines) {
    json r{{"rank", l.rank}, {"code", l.code}, {"name", l.name},
           {"dashboard_href", "/dashboard?agency=" + url_encode(l.code) + "&fy=" + std::to_string(d.fiscal_year)},
           {"to_enforce", rl::group_thousands(l.cases->to_enforce)}, {"completed", rl::group_thousands(l.cases->completed)},
           {"cases_rate", rl::percent_vn(l.cases->completion_rate_x100)},
           {"money_to_enforce", vnd(l.money->to_enforce)}, {"money_completed", vnd(l.money->completed)},
           {"money_rate", rl::percent_vn(l.money->completion_rate_x100)},
           {"carried", rl::group_thousands(l.cases->carried_to_next)}};
    if (links) {
      r["list_href"] = list_href(l.code, "status=open");
      r["to_enforce_href"] = list_href(l.code, "column=to_enforce&form=cases" + period);
      r["completed_href"] = list_href(l.code, "column=completed&form=cases" + period);
      r["carried_href"] = list_href(l.code, "column=carried_to_next&form=cases" + period);
    }
    rows.push_back(std::move(r));
  }
  json headers = json::array();
  const char* labels[] = {"Hạng", "Cơ quan", "Việc phải thi hành", "Thi hành xong (việc)", "Tỷ lệ về việc",
                          "Tiền phải thi hành", "Thi hành xong (tiền)", "Tỷ lệ về tiền", "Chuyển kỳ sau (việc)"};
  for (size_t i = 0; i < std::size(kCompareKeys); ++i) {
    const std::string k = kCompareKeys[i];
    const bool active = k == key;
    // Figures sort largest first on the first click; rank and name smallest first.
    const bool first_desc = k != "rank" && k != "name";
    const bool next_desc = active ? !desc : first_desc;
    headers.push_back({{"key", k}, {"label", labels[i]}, {"num", i != 1},
                       {"href", "/dashboard?agency=" + url_encode(d.agency) + "&fy=" + std::to_string(d.fiscal_year) +
                                    "&cmp=" + k + "&cmp_dir=" + (next_desc ? "desc" : "asc") + "#comparison"},
                       {"aria_sort", active ? (desc ? "descending" : "ascending") : "none"},
                       {"arrow", active ? (desc ? "▼" : "▲") : ""}});
  }
  return {{"rows", rows}, {"headers", headers}, {"has_rows", !rows.empty()}};
}

// --- CSV of each block --------------------------------------------------------

ExportTable columns_table(const Report& rep) {
  ExportTable t;
  t.headers = {"Chỉ tiêu", rep.form == Form::money ? "Số tiền (đ)" : "Số việc"};
  for (const rl::FormColumn* c : rl::form_columns(rep.form)) {
    if (c->field) t.rows.push_back({ExportCell::of(c->header), ExportCell::num(rep.columns.*(c->field))});
    else t.rows.push_back({ExportCell::of(c->header), ExportCell::of(rl::percent_vn(rep.columns.completion_rate_x100))});
  }
  return t;
}

ExportTable counts_table(const std::vector<CountItem>& items, const std::string& what) {
  ExportTable t;
  t.headers = {what, "Mã", "Số việc"};
  for (const CountItem& i : items) t.rows.push_back({ExportCell::of(i.label), ExportCell::of(i.key), ExportCell::num(i.count)});
  return t;
}

std::optional<ExportTable> block_table(const Dashboard& d, const std::string& block) {
  if (block == "cases") return columns_table(d.cases);
  if (block == "money") return columns_table(d.money);
  if (block == "backlog") return counts_table(d.backlog_by_age, "Thời gian tồn đọng");
  if (block == "unable") return counts_table(d.unable_by_reason, "Lý do chưa có điều kiện");
  if (block == "overdue") return counts_table(d.overdue_by_officer, "Chấp hành viên");
  if (block == "months") {
    ExportTable t;
    t.headers = {"Đến ngày", "Tỷ lệ về việc", "Tỷ lệ về tiền"};
    for (const MonthPoint& m : d.months)
      t.rows.push_back({ExportCell::of(m.to.vn()), ExportCell::of(rl::percent_vn(m.cases_rate_x100)),
                        ExportCell::of(rl::percent_vn(m.money_rate_x100))});
    return t;
  }
  if (block == "agencies") {
    ExportTable t;
    t.headers = {"Hạng", "Mã cơ quan", "Cơ quan", "Việc phải thi hành", "Thi hành xong (việc)", "Tỷ lệ về việc",
                 "Tiền phải thi hành (đ)", "Thi hành xong (đ)", "Tỷ lệ về tiền", "Chuyển kỳ sau (việc)"};
    for (const AgencyLine& l : agency_lines(d))
      t.rows.push_back({ExportCell::num(l.rank), ExportCell::of(l.code), ExportCell::of(l.name),
                        ExportCell::num(l.cases->to_enforce), ExportCell::num(l.cases->completed),
                        ExportCell::of(rl::percent_vn(l.cases->completion_rate_x100)), ExportCell::num(l.money->to_enforce),
                        ExportCell::num(l.money->completed), ExportCell::of(rl::percent_vn(l.money->completion_rate_x100)),
                        ExportCell::num(l.cases->carried_to_next)});
    return t;
  }
  return std::nullopt;
}

}  // namespace

Response page_dashboard(Ctx& ctx, const Request& req) {
  auto q = dashboard_query(ctx, req);
  if (auto* r = std::get_if<Refusal>(&q)) return error_page(ctx, req, 400, refusal_vi(*r));
  DashboardQuery& dq = std::get<DashboardQuery>(q);
  if (auto v = ctx.access().view_dashboard(ctx.actor, dq.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  auto res = held_dashboard(ctx.store(), ctx.app.cache(), dq);
  if (auto* r = std::get_if<Refusal>(&res)) return error_page(ctx, req, 422, refusal_vi(*r));
  const Dashboard& d = *std::get<std::shared_ptr<const Dashboard>>(res);
  if (const std::string& block = req.q("export"); !block.empty()) {
    auto t = block_table(d, block);
    if (!t) return error_page(ctx, req, 400, "Khối số liệu cần tải không hợp lệ.");
    Response r = text_response(200, table_to_csv(*t), "text/csv; charset=utf-8");
    r.header("Content-Disposition", "attachment; filename=\"tong-quan-" + block + "-" + d.agency + "-" +
                                        std::to_string(d.fiscal_year) + ".csv\"");
    return r;
  }
  const std::string& cmp = req.q("cmp");
  if (!cmp.empty() && std::find(std::begin(kCompareKeys), std::end(kCompareKeys), cmp) == std::end(kCompareKeys))
    return error_page(ctx, req, 400, "Cột sắp xếp không hợp lệ.");
  const bool cmp_desc = req.q("cmp_dir") == "desc";
  std::vector<AgencyLine> lines = agency_lines(d);
  sort_lines(lines, cmp.empty() ? "rank" : cmp, cmp_desc);
  const bool links = ctx.access().search_cases(ctx.actor) == Verdict::allow;
  const std::string today = "&today=" + dq.today.iso();
  // The officers with the most overdue deadlines first (Dashboard's order);
  // a national page lists the first kOverdueShown, the CSV all of them.
  const std::vector<CountItem> overdue_shown(
      d.overdue_by_officer.begin(),
      d.overdue_by_officer.begin() + static_cast<std::ptrdiff_t>(std::min(d.overdue_by_officer.size(), kOverdueShown)));
  json data{
      {"calendar_warning", calendar_warning(ctx, dq.today)},
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
      {"overdue", count_items(overdue_shown, d.agency, "overdue", today, links)},
      {"has_overdue", !d.overdue_by_officer.empty()},
      {"overdue_more", d.overdue_by_officer.size() > overdue_shown.size()},
      {"overdue_shown", overdue_shown.size()},
      {"overdue_all", rl::group_thousands(static_cast<int64_t>(d.overdue_by_officer.size()))},
      {"links", links},
      {"blocks", module_dashboard_blocks(ctx, d.agency, dq.today)},
      {"comparison", comparison_json(d, lines, links, cmp.empty() ? "rank" : cmp, cmp_desc)}};
  const std::string export_base = "/dashboard?agency=" + url_encode(d.agency) + "&fy=" + std::to_string(d.fiscal_year) +
                                  today + "&export=";
  for (const char* b : {"cases", "money", "months", "backlog", "unable", "overdue", "agencies"})
    data["csv_" + std::string(b)] = export_base + b;
  if (links)
    data["carried_href"] = list_href(d.agency, "column=carried_to_next&form=cases&from=" + d.period.from.iso() +
                                                   "&to=" + d.period.to.iso());
  return render_page(ctx, req, 200, "dashboard", "Tổng quan kết quả thi hành án", data);
}

static json by_options(const std::string& selected) {
  json by = json::array();
  for (const char* b : {"", "agency", "mode", "judgment_kind", "flag"})
    by.push_back({{"value", b}, {"label", *b ? rl::label_header(b) : "Không chia"}, {"selected", selected == b}});
  return by;
}

Response page_reports(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  const Form form = req.q("form") == "money" ? Form::money : Form::cases;
  auto q = report_query(ctx, req, form);
  if (auto* r = std::get_if<Refusal>(&q)) {
    // The page again with the form as typed and the field marked.
    const std::string field = refusal_field(*r);
    return render_page(ctx, req, 400, "reports", "Báo cáo thống kê thi hành án dân sự",
                       {{"money", form == Form::money},
                        {"from", raw.q("from")},
                        {"to", raw.q("to")},
                        {"agencies", agency_options(ctx, raw.q("agency").empty() ? ctx.actor.agency : raw.q("agency"))},
                        {"by", by_options(raw.q("by"))},
                        {"error", {{"code", r->code}, {"message", refusal_vi(*r)}, {"field", field}}},
                        {"from_invalid", field == "period.from"},
                        {"to_invalid", field == "period.to"}});
  }
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
  for (const ReportRow& r : rep.rows)
    rows.push_back({{"label", r.label}, {"cells", columns_json(rep, r.columns, false, true)}});
  const json by = by_options(rq.by);
  const std::string xlsx = "/reports?form=" + std::string(to_string(form)) + "&from=" + rq.period.from.iso() +
                           "&to=" + rq.period.to.iso() + "&agency=" + url_encode(rep.agency) +
                           "&by=" + url_encode(rq.by) + "&format=xlsx";
  return render_page(ctx, req, 200, "reports", "Báo cáo thống kê thi hành án dân sự",
                     {{"has_report", true},
                      {"title_form", rl::title_of(form)},
                      {"agency_line", rl::agency_line(rep)},
                      {"period", rl::period_of(rep)},
                      {"unit", form == Form::money ? "Đơn vị tính: nghìn đồng" : "Đơn vị tính: việc"},
                      {"money", form == Form::money},
                      {"from", rq.period.from.vn()},
                      {"to", rq.period.to.vn()},
                      {"agencies", agency_options(ctx, rep.agency)},
                      {"by", by},
                      {"label_header", rl::label_header(rq.by)},
                      {"headers", headers},
                      {"rows", rows},
                      {"total", columns_json(rep, rep.columns, links, true)},
                      {"target", rl::percent_vn(rep.target_rate_x100)},
                      {"xlsx_href", xlsx}});
}

}  // namespace thads::http
