// Pages of the case lists: "Việc của tôi" (/my-cases), the lists of an
// agency subtree (/cases) and search (/search), with their totals, pages,
// sortable columns, filters, and CSV and xlsx downloads of the same list.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_set>

#include "app/report_layout.h"
#include "app/table_export.h"
#include "app/case_lists.h"
#include "app/answer_cache.h"
#include "app/held_officers.h"
#include "app/case_search.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"

namespace thads::http {
namespace {

using json = nlohmann::json;
using State = std::map<std::string, std::string>;  // the list's query parameters, in a stable order

// The parameters a list page keeps from request to request.
constexpr const char* kListKeys[] = {"q",      "agency", "status", "officer", "age",  "min",  "max",  "flag",
                                     "reason", "overdue", "column", "form",   "from", "to",   "today", "sort",
                                     "dir",    "size"};

struct Column {
  CaseSort sort;
  const char* label;
  bool num;
};
constexpr Column kColumns[] = {{CaseSort::id, "Số hồ sơ", false},
                               {CaseSort::agency, "Cơ quan", false},
                               {CaseSort::debtor, "Người phải thi hành án", false},
                               {CaseSort::creditor, "Người được thi hành án", false},
                               {CaseSort::judgment, "Bản án", false},
                               {CaseSort::opened, "Ngày thụ lý", false},
                               {CaseSort::status, "Trạng thái", false},
                               {CaseSort::officer, "Chấp hành viên", false},
                               {CaseSort::remaining, "Còn phải thi hành (đ)", true}};

struct Parsed {
  ListRequest list;
  State state;
  std::string error;  // Vietnamese, when a parameter is not allowed
};

size_t number_of(const std::string& s, size_t fallback) {
  if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  const size_t n = std::stoul(s);
  return n ? n : fallback;
}

Parsed parse_list(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  Parsed p;
  for (const char* k : kListKeys)
    if (!req.q(k).empty()) p.state[k] = req.q(k);
  ListRequest& l = p.list;
  ListFilters& f = l.filters;
  auto fail = [&](std::string m) {
    if (p.error.empty()) p.error = std::move(m);
  };
  auto today = today_param(ctx, req);
  if (!today) fail("Ngày tính không hợp lệ (dd/mm/yyyy).");
  else l.today = *today;
  l.agency = req.q("agency");
  if (auto s = sort_of(req.q("sort"))) l.sort = *s;
  else fail("Cột sắp xếp không hợp lệ.");
  if (req.q("dir") != "" && req.q("dir") != "asc" && req.q("dir") != "desc") fail("Chiều sắp xếp không hợp lệ.");
  l.descending = req.q("dir") == "desc";
  l.page = req.q("page").empty() ? 1 : number_of(req.q("page"), 1);
  if (l.page == 0) fail("Số trang không hợp lệ.");
  const std::string& size = req.q("size");
  l.size = size.empty() ? 50 : number_of(size, 50);
  if (l.size != 50 && l.size != 100 && l.size != 200) fail("Số dòng mỗi trang chỉ có thể là 50, 100 hoặc 200.");
  if (req.q("format") == "csv" || req.q("format") == "xlsx") l.size = 0;  // a download: the whole list
  f.status = req.q("status");
  if (!is_status_filter(f.status)) fail("Trạng thái không hợp lệ.");
  f.officer = req.q("officer");
  f.age = req.q("age");
  if (!is_age(f.age)) fail("Thời gian tồn đọng không hợp lệ.");
  f.flag = req.q("flag");
  if (!is_flag(f.flag)) fail("Dấu hiệu lọc không hợp lệ.");
  for (const char* k : {"min", "max"}) {
    if (req.q(k).empty()) continue;
    auto m = amount_of(req.q(k));
    if (!m) fail("Số tiền không hợp lệ: chỉ gồm chữ số, dấu chấm ngăn cách hàng nghìn (ví dụ 1.500.000).");
    (std::string(k) == "min" ? f.min_amount : f.max_amount) = m;
  }
  f.unable_reason = req.q("reason");
  f.overdue_officer = req.q("overdue");
  if (!req.q("column").empty()) {
    auto from = Date::parse(req.q("from")), to = Date::parse(req.q("to"));
    if (!is_column(req.q("column")) || !from || !to) fail("Tham số không hợp lệ.");
    else {
      f.column = req.q("column");
      f.form = req.q("form") == "money" ? Form::money : Form::cases;
      f.period = {*from, *to};
    }
  }
  return p;
}

std::string href_of(const std::string& path, const State& state, const State& overrides = {}) {
  State s = state;
  for (const auto& [k, v] : overrides) {
    if (v.empty()) s.erase(k);
    else s[k] = v;
  }
  std::string out = path;
  char sep = '?';
  for (const auto& [k, v] : s) {
    out += sep + k + "=" + url_encode(v);
    sep = '&';
  }
  return out;
}

std::string officer_label(const CaseListPage& page, const std::string& id) {
  if (id.empty()) return "Chưa phân công";
  auto it = page.officer_names.find(id);
  return it == page.officer_names.end() ? id : it->second;
}

// The rows of the case table (web/templates/_case_row.mustache), each
// rendered from the row's texts as fills.
std::string rows_html(Ctx& ctx, const CaseListPage& page) {
  std::string html;
  html.reserve(page.rows.size() * 450);
  std::vector<Templates::Fill> fills{{"href", {}},     {"id", {}},     {"agency", {}},  {"debtor", {}},
                                     {"creditor", {}}, {"judgment", {}}, {"opened", {}}, {"status", {}},
                                     {"officer", {}},  {"remaining", {}}};
  const Templates::Stamp row = ctx.app.templates().stamp("_case_row", fills);
  for (const CaseRow& r : page.rows) {
    const std::string href = "/cases/" + url_encode(r.case_id);
    const std::string opened = vn_date(r.opened_date);
    const std::string status = status_label(r.status);
    const std::string officer = officer_label(page, r.officer);
    const std::string remaining = vnd(r.remaining);
    const std::string_view texts[] = {href,   r.case_id, r.agency, r.debtor_name, r.creditor_name, r.judgment_number,
                                      opened, status,    officer,  remaining};
    for (size_t i = 0; i < fills.size(); ++i) fills[i].text = texts[i];
    row.append(html, fills);
  }
  return html;
}

ExportTable export_table(const CaseListPage& page) {
  ExportTable t;
  t.sheet = "Danh sach viec";
  for (const Column& c : kColumns) t.headers.push_back(c.label);
  for (const CaseRow& r : page.rows)
    t.rows.push_back({ExportCell::of(r.case_id), ExportCell::of(r.agency), ExportCell::of(r.debtor_name),
                      ExportCell::of(r.creditor_name), ExportCell::of(r.judgment_number),
                      ExportCell::of(vn_date(r.opened_date)), ExportCell::of(status_label(r.status)),
                      ExportCell::of(officer_label(page, r.officer)), ExportCell::num(r.remaining)});
  return t;
}

Response download(const ExportTable& t, const std::string& format, const std::string& name) {
  if (format == "csv") {
    Response r = text_response(200, table_to_csv(t), "text/csv; charset=utf-8");
    r.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    return r;
  }
  char path[] = "/tmp/thads-list-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return text_response(500, "Đã xảy ra lỗi hệ thống.");
  close(fd);
  std::string err;
  const bool ok = table_to_xlsx(t, path, &err);
  std::stringstream ss;
  if (ok) ss << std::ifstream(path, std::ios::binary).rdbuf();
  std::filesystem::remove(path);
  if (!ok) return text_response(500, "Không tạo được tệp Excel.");
  Response r = text_response(200, ss.str(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
  return r;
}

json options(const std::vector<std::pair<std::string, std::string>>& items, const std::string& selected) {
  json a = json::array();
  for (const auto& [v, label] : items) a.push_back({{"value", v}, {"label", label}, {"selected", v == selected}});
  return a;
}

using Items = std::vector<std::pair<std::string, std::string>>;

Items status_items(bool mine) {
  Items items{{mine ? "all" : "", "Tất cả trạng thái"}, {mine ? "" : "open", "Chưa kết thúc"}, {"closed", "Đã kết thúc"}};
  for (const char* s : {"active", "postponed_agreed", "postponed_suspended", "unable", "ended", "withdrawn"})
    items.emplace_back(s, status_label(s));
  return items;
}

// The officer filter offers the enforcement officers of the agency the list
// is filtered to (the reader's own when none), when there are at most this
// many: a national list would offer thousands (3,365 on the demo's national
// store, 238 KB of every search page, most of its time), which nobody scrolls.
constexpr size_t kOfficerChoices = 300;

struct OfficerChoices {
  std::string options;  // the <option> elements, rendered (_options.mustache)
  bool narrowed = false;  // more officers than kOfficerChoices: choose an agency first
};

// The filters' option lists of the list and search pages, held per server
// at the position where the agencies (and, for the officers, the officers'
// register) last changed, for the actor's place in the tree and the choice
// in force (AnswerCache, app/answer_cache.h). Building them read every
// agency and every officer of the subtree on each request: on the national
// store, 45% of a national user's search page (docs/benchmarks.md, "Session
// 28"). They are held as the markup of their <option> elements, rendered
// once by the templates and put in the page as a fill: as view-model JSON,
// the 390 agencies of a national user were copied into each page's data,
// printed for its rendering's key and walked by the template on every
// request, 37% of that page (docs/benchmarks.md, "Session 29"). The budget
// bounds what odd choices in the query can hold.
constexpr size_t kHeldOptionBytes = 8u << 20;

std::string option_markup(Ctx& ctx, const std::vector<std::pair<std::string, std::string>>& items,
                          const std::string& selected) {
  return ctx.app.templates().render("_options", json{{"options", options(items, selected)}});
}

// A fixed list's options (status, age, flag, page size), held per server and
// choice: the choice is one of the list's values, or none of them.
std::shared_ptr<const std::string> fixed_options(Ctx& ctx, std::string_view list, const Items& items,
                                                 const std::string& selected) {
  static AnswerCache<std::string> held(size_t{1} << 20);
  const bool known = std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.first == selected; });
  const std::string chosen = known ? selected : std::string("\x1f");  // a value no list has
  return held.get_or_make(answer_key({std::to_string(ctx.app.cache().id()), list, chosen}), 0, [&] {
    auto v = std::make_shared<const std::string>(option_markup(ctx, items, chosen));
    const size_t bytes = 64 + v->capacity();
    return std::pair<std::shared_ptr<const std::string>, size_t>(std::move(v), bytes);
  });
}

// The agency and the officer chosen come from the query as typed.
std::string options_key(Ctx& ctx, std::string_view what, std::string_view agency, std::string_view selected) {
  return answer_key({std::to_string(ctx.app.cache().id()), what, ctx.actor.agency, to_string(ctx.actor.role), agency,
                     selected});
}

OfficerChoices make_officer_options(Ctx& ctx, const std::string& selected, const std::string& agency) {
  const std::vector<std::string> codes = ctx.access().subtree_codes(ctx.actor, agency);
  const std::unordered_set<std::string_view> scope(codes.begin(), codes.end());
  std::vector<std::pair<std::string, std::string>> items{{"", "Tất cả chấp hành viên"}, {"-", "Chưa phân công"}};
  std::optional<std::pair<std::string, std::string>> chosen;
  size_t n = 0;
  for (const OfficerRecord& o : *held_officers(ctx.store(), ctx.app.cache())) {
    if (o.role != "enforcement_officer" || !scope.count(o.agency)) continue;
    ++n;
    if (o.id == selected) chosen.emplace(o.id, o.name + " (" + o.id + ")");
    if (n <= kOfficerChoices) items.emplace_back(o.id, o.name + " (" + o.id + ")");
  }
  OfficerChoices out;
  if (n > kOfficerChoices) {
    // Only the one chosen stays offered, so that the filter in force shows.
    items.resize(2);
    if (chosen) items.push_back(*chosen);
    out.narrowed = true;
  }
  out.options = option_markup(ctx, items, selected);
  return out;
}

std::shared_ptr<const OfficerChoices> officer_options(Ctx& ctx, const std::string& selected,
                                                      const std::string& agency) {
  static AnswerCache<OfficerChoices> held(kHeldOptionBytes);
  const int64_t position = ctx.app.cache().position_of(
      ctx.store(), {"agency", "reference_change:agency", "officer", "reference_change:officer"});
  return held.get_or_make(options_key(ctx, "officers", agency, selected), position, [&] {
    auto v = std::make_shared<const OfficerChoices>(make_officer_options(ctx, selected, agency));
    const size_t bytes = 64 + v->options.capacity();
    return std::pair<std::shared_ptr<const OfficerChoices>, size_t>(std::move(v), bytes);
  });
}

std::shared_ptr<const std::string> agency_options(Ctx& ctx, const std::string& selected) {
  static AnswerCache<std::string> held(kHeldOptionBytes);
  const std::string& chosen = selected.empty() ? ctx.actor.agency : selected;
  const int64_t position = ctx.app.cache().position_of(ctx.store(), {"agency", "reference_change:agency"});
  return held.get_or_make(options_key(ctx, "agencies", chosen, ""), position, [&] {
    std::vector<std::pair<std::string, std::string>> items;
    for (const std::string& code : ctx.access().subtree_codes(ctx.actor))
      items.emplace_back(code, ctx.tree().at(*ctx.tree().find(code)).name);
    auto v = std::make_shared<const std::string>(option_markup(ctx, items, chosen));
    const size_t bytes = 64 + v->capacity();
    return std::pair<std::shared_ptr<const std::string>, size_t>(std::move(v), bytes);
  });
}

std::string age_label(const std::string& age) {
  if (age == "lt1") return "dưới 1 năm";
  if (age == "1to2") return "từ 1 đến 2 năm";
  if (age == "2to5") return "từ 2 đến 5 năm";
  return "trên 5 năm";
}

std::string describe(const ListFilters& f) {
  if (!f.age.empty()) return "Việc chưa kết thúc đã thụ lý " + age_label(f.age);
  if (!f.unable_reason.empty())
    return "Việc chưa có điều kiện thi hành" +
           (f.unable_reason == "*" ? std::string() : ": " + code_label("reason", f.unable_reason));
  if (!f.overdue_officer.empty())
    return "Việc có thời hạn đã quá" +
           (f.overdue_officer == "*" ? std::string() : " — chấp hành viên " + f.overdue_officer);
  if (!f.column.empty())
    return "Việc được tính vào cột \"" + f.column + "\" (" + (f.form == Form::money ? "tiền" : "việc") + ", " +
           f.period.from.vn() + " – " + f.period.to.vn() + ")";
  return "";
}

struct ListView {
  std::string path;         // /cases, /my-cases, /search
  std::string title;
  std::string tmpl;         // case_list or search
  std::string export_name;  // file name of downloads
  bool mine = false;
};

// Answers a list: the page, or its download with ?format=csv|xlsx.
Response answer(Ctx& ctx, const Request& req, const ListView& view, const Parsed& p, const ListAnswer& a,
                json data) {
  if (const auto* v = std::get_if<Verdict>(&a)) return deny(ctx, req, Kind::page, *v);
  if (const auto* r = std::get_if<TooMany>(&a)) return error_page(ctx, req, 422, r->message_vi);
  const CaseListPage& page = std::get<CaseListPage>(a);
  const std::string& format = req.q("format");
  if (format == "csv" || format == "xlsx") return download(export_table(page), format, view.export_name);
  const State& st = p.state;
  json columns = json::array();
  for (const Column& c : kColumns) {
    const bool active = c.sort == p.list.sort;
    const bool next_desc = active && !p.list.descending;
    json col{{"label", c.label}, {"key", sort_key(c.sort)}, {"num", c.num},
             {"href", href_of(view.path, st, {{"sort", sort_key(c.sort)}, {"dir", next_desc ? "desc" : "asc"}})},
             {"aria_sort", active ? (p.list.descending ? "descending" : "ascending") : "none"},
             {"arrow", active ? (p.list.descending ? "▼" : "▲") : ""}};
    columns.push_back(col);
  }
  json pages = json::array();
  const size_t first = page.page > 3 ? page.page - 3 : 1, last = std::min(page.pages, page.page + 3);
  for (size_t n = first; n <= last; ++n)
    pages.push_back({{"n", n}, {"href", href_of(view.path, st, {{"page", std::to_string(n)}})}, {"current", n == page.page}});
  auto page_href = [&](size_t n) { return href_of(view.path, st, {{"page", std::to_string(n)}}); };
  json hidden = json::array();
  for (const char* k : {"q", "reason", "overdue", "column", "form", "from", "to", "sort", "dir"})
    if (st.count(k)) hidden.push_back({{"name", k}, {"value", st.at(k)}});
  const size_t shown_from = page.rows.empty() ? 0 : (page.page - 1) * page.size + 1;
  data["path"] = view.path;
  data["columns"] = columns;
  data["has_rows"] = !page.rows.empty();
  data["total"] = report_layout::group_thousands(static_cast<int64_t>(page.total));
  data["total_exact"] = page.total_exact;
  data["page"] = page.page;
  data["pages"] = page.pages;
  data["shown_from"] = shown_from;
  data["shown_to"] = shown_from ? shown_from + page.rows.size() - 1 : 0;
  data["page_links"] = pages;
  data["multi_page"] = page.pages > 1;
  if (page.page > 1) {
    data["first_href"] = page_href(1);
    data["prev_href"] = page_href(page.page - 1);
  }
  if (page.page < page.pages) {
    data["next_href"] = page_href(page.page + 1);
    data["last_href"] = page_href(page.pages);
  }
  data["order_ignored"] = !page.order_applied;
  data["csv_href"] = href_of(view.path, st, {{"format", "csv"}});
  data["xlsx_href"] = href_of(view.path, st, {{"format", "xlsx"}});
  data["hidden"] = hidden;
  static const Items kStatuses = status_items(false), kMyStatuses = status_items(true);
  static const Items kAges{{"", "Mọi thời gian"}, {"lt1", "Dưới 1 năm"}, {"1to2", "Từ 1 đến 2 năm"},
                           {"2to5", "Từ 2 đến 5 năm"}, {"gt5", "Trên 5 năm"}};
  static const Items kFlags{{"", "Không lọc"}, {"overdue", "Có thời hạn đã quá"},
                            {"public", "Đang công khai (chưa có điều kiện)"}, {"unassigned", "Chưa phân công chấp hành viên"}};
  static const Items kSizes{{"50", "50"}, {"100", "100"}, {"200", "200"}};
  const auto statuses = fixed_options(ctx, view.mine ? "my-statuses" : "statuses", view.mine ? kMyStatuses : kStatuses,
                                      st.count("status") ? st.at("status") : "");
  const auto ages = fixed_options(ctx, "ages", kAges, p.list.filters.age);
  const auto flags = fixed_options(ctx, "flags", kFlags, p.list.filters.flag);
  const auto sizes = fixed_options(ctx, "sizes", kSizes, std::to_string(p.list.size));
  const auto officers = officer_options(ctx, st.count("officer") ? st.at("officer") : "", p.list.agency);
  data["officers_narrowed"] = officers->narrowed;
  const auto agencies = agency_options(ctx, p.list.agency);
  data["mine"] = view.mine;
  data["min"] = st.count("min") ? st.at("min") : "";
  data["max"] = st.count("max") ? st.at("max") : "";
  data["today"] = st.count("today") ? vn_date(st.at("today")) : "";
  json counts = json::array();
  int64_t all = 0;
  for (const auto& [status, n] : page.by_status) {
    all += n;
    counts.push_back({{"key", status}, {"label", status_label(status)}, {"count", report_layout::group_thousands(n)},
                      {"href", href_of(view.path, {}, {{"status", status}})}});
  }
  data["by_status"] = counts;
  data["has_counts"] = view.mine;
  data["all_count"] = report_layout::group_thousands(all);
  const std::string rows = rows_html(ctx, page);
  const std::vector<Templates::Fill> fills{
      {"case_rows", rows, true},        {"agency_options", *agencies, true}, {"officer_options", officers->options, true},
      {"status_options", *statuses, true}, {"age_options", *ages, true},        {"flag_options", *flags, true},
      {"size_options", *sizes, true}};
  return render_page_with(ctx, req, 200, view.tmpl, view.title, std::move(data), fills);
}

}  // namespace

Response page_my_cases(Ctx& ctx, const Request& req) {
  const Parsed p = parse_list(ctx, req);
  if (!p.error.empty()) return error_page(ctx, req, 400, p.error);
  const ListView view{"/my-cases", "Việc của tôi", "case_list", "viec-cua-toi", true};
  const ListAnswer a = my_case_page(ctx.store(), ctx.access(), ctx.actor, p.list);
  const std::string status = req.q("status");
  const std::string description =
      status.empty() || status == "open" ? "Các việc chưa kết thúc được phân công cho bạn."
      : status == "all"                  ? "Tất cả các việc được phân công cho bạn."
                                         : "Các việc được phân công cho bạn — " +
                                               (status == "closed" ? std::string("đã kết thúc") : status_label(status)) + ".";
  return answer(ctx, req, view, p, a, {{"description", description}});
}

Response page_case_list(Ctx& ctx, const Request& req) {
  const Parsed p = parse_list(ctx, req);
  if (!p.error.empty()) return error_page(ctx, req, 400, p.error);
  const ListView view{"/cases", "Danh sách việc thi hành án", "case_list", "danh-sach-viec", false};
  const ListAnswer a = list_case_page(ctx.store(), ctx.access(), ctx.actor, p.list);
  const std::string agency = p.list.agency.empty() ? ctx.actor.agency : p.list.agency;
  std::string description = describe(p.list.filters);
  description = (description.empty() ? "Danh sách việc" : description) + " — cơ quan " + agency + ".";
  return answer(ctx, req, view, p, a, {{"description", description}});
}

Response page_search(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().search_cases(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::page, v);
  const std::string& q = req.q("q");
  if (q.empty())
    return render_page(ctx, req, 200, "search", "Tra cứu hồ sơ", json{{"q", ""}, {"searched", false}});
  const Parsed p = parse_list(ctx, req);
  if (!p.error.empty()) return error_page(ctx, req, 400, p.error);
  const ListView view{"/search", "Tra cứu hồ sơ", "search", "tra-cuu", false};
  const ListAnswer a = search_case_page(ctx.store(), ctx.app.cache(), ctx.access(), ctx.actor, q, p.list);
  return answer(ctx, req, view, p, a, {{"q", q}, {"searched", true}});
}

}  // namespace thads::http
