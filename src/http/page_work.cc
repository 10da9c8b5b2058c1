// Pages of the daily work: the work queue, search, and case lists.
#include "app/case_deadlines.h"
#include "http/case_search.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"

namespace thads::http {
namespace {

// The rows of a case table (web/templates/_case_row.mustache), each
// rendered from the row's texts as fills: the row's markup is rendered once
// and kept, so a list costs the escaping and copying of its texts only.
std::string case_rows_html(Ctx& ctx, const std::vector<CaseRowRef>& rows) {
  std::string html;
  html.reserve(rows.size() * 400);
  std::vector<Templates::Fill> fills{{"href", {}},     {"id", {}},     {"agency", {}},
                                     {"debtor", {}},   {"creditor", {}}, {"judgment", {}},
                                     {"opened", {}},   {"status", {}}, {"remaining", {}}};
  for (const CaseRowRef& r : rows) {
    const std::string href = "/cases/" + url_encode(std::string(r.case_id));
    const std::string opened = vn_date(std::string(r.opened_date));
    const std::string status = status_label(std::string(r.status));
    const std::string remaining = vnd(r.remaining);
    const std::string_view texts[] = {href, r.case_id, r.agency, r.debtor_name, r.creditor_name, r.judgment_number,
                                      opened, status, remaining};
    for (size_t i = 0; i < fills.size(); ++i) fills[i].text = texts[i];
    ctx.app.templates().append(html, "_case_row", fills);
  }
  return html;
}

std::string case_rows_html(Ctx& ctx, const std::vector<CaseRow>& rows) {
  std::vector<CaseRowRef> refs;
  refs.reserve(rows.size());
  for (const CaseRow& r : rows) refs.push_back(CaseRowRef::of(r));
  return case_rows_html(ctx, refs);
}

nlohmann::json queue_group(const std::vector<QueueItem>& items, const std::string& bucket) {
  nlohmann::json a = nlohmann::json::array();
  for (const QueueItem& i : items) {
    if (i.bucket != bucket) continue;
    a.push_back({{"case", i.case_id},
                 {"href", (i.kind == "case" ? "/cases/" : "/oversight/") + url_encode(i.case_id)},
                 {"debtor", i.debtor_name},
                 {"action", i.label_vi},
                 {"action_id", i.action},
                 {"due", i.due.vn()},
                 {"days_late", i.days_late},
                 {"article", i.article},
                 {"officer", i.officer}});
  }
  return a;
}

std::string describe(const CaseFilter& f, const Request& req) {
  if (!f.age.empty()) return "Việc chưa kết thúc theo thời gian tồn đọng (" + req.q("age") + ")";
  if (!f.unable_reason.empty())
    return "Việc chưa có điều kiện thi hành" +
           (f.unable_reason == "*" ? std::string() : ": " + choice_label("reason", f.unable_reason));
  if (!f.overdue_officer.empty())
    return "Việc có thời hạn đã quá" +
           (f.overdue_officer == "*" ? std::string() : " — chấp hành viên " + f.overdue_officer);
  if (!f.officer.empty()) return "Việc đang thi hành của chấp hành viên " + f.officer;
  if (!f.column.empty())
    return "Việc được tính vào cột \"" + f.column + "\" (" + (f.form == Form::money ? "tiền" : "việc") + ", " +
           f.period.from.vn() + " – " + f.period.to.vn() + ")";
  return "Danh sách việc";
}

}  // namespace

Response page_queue(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  if (auto v = ctx.access().work_queue(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::page, v);
  auto today = today_param(ctx, req);
  if (!today) return error_page(ctx, req, 400, "Ngày không hợp lệ.");
  QueueQuery q;
  q.today = *today;
  q.agency = ctx.actor.agency;
  q.officer = queue_officer(ctx.actor, req.q("officer"));
  auto res = deadline_queue(ctx.store(), q);
  if (auto* r = std::get_if<Refusal>(&res)) return error_page(ctx, req, 422, refusal_vi(*r));
  const auto& items = std::get<std::vector<QueueItem>>(res);
  return render_page(ctx, req, 200, "queue", "Việc cần làm",
                     {{"today", today->vn()},
                      {"mine", ctx.actor.role == Role::officer},
                      {"overdue", queue_group(items, "overdue")},
                      {"due_today", queue_group(items, "due_today")},
                      {"upcoming", queue_group(items, "upcoming")},
                      {"has_overdue", !queue_group(items, "overdue").empty()},
                      {"has_due_today", !queue_group(items, "due_today").empty()},
                      {"has_upcoming", !queue_group(items, "upcoming").empty()},
                      {"count", items.size()}});
}

Response page_search(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().search_cases(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::page, v);
  const std::string& q = req.q("q");
  nlohmann::json data{{"q", q}, {"searched", !q.empty()}};
  std::string rows;
  if (!q.empty()) {
    constexpr size_t kLimit = 100;
    const FoundCases found =
        find_cases(ctx.store(), ctx.app.cache(), SearchQuery{q, ctx.access().subtree_codes(ctx.actor), kLimit});
    rows = case_rows_html(ctx, found.rows);
    data["has_rows"] = !found.rows.empty();
    data["count"] = found.rows.size();
    data["truncated"] = found.rows.size() == kLimit;
  }
  return render_page(ctx, req, 200, "search", "Tra cứu hồ sơ", data, "case_rows", rows);
}

Response page_case_list(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  CaseFilter f;
  const std::string agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  f.agencies = ctx.access().subtree_codes(ctx.actor, agency);
  if (f.agencies.empty()) return deny(ctx, req, Kind::page, Verdict::not_found);
  if (auto v = ctx.access().search_cases(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::page, v);
  auto today = today_param(ctx, req);
  if (!today) return error_page(ctx, req, 400, "Ngày không hợp lệ.");
  f.today = *today;
  f.age = req.q("age");
  f.unable_reason = req.q("reason");
  f.overdue_officer = req.q("overdue");
  f.officer = req.q("officer");
  if (!req.q("column").empty()) {
    auto from = Date::parse(req.q("from")), to = Date::parse(req.q("to"));
    if (!is_column(req.q("column")) || !from || !to) return error_page(ctx, req, 400, "Tham số không hợp lệ.");
    f.column = req.q("column");
    f.form = req.q("form") == "money" ? Form::money : Form::cases;
    f.period = {*from, *to};
  }
  const CaseList list = list_cases(ctx.store(), f);
  return render_page(ctx, req, 200, "case_list", "Danh sách việc thi hành án",
                     {{"description", describe(f, req)},
                      {"agency", agency},
                      {"has_rows", !list.rows.empty()},
                      {"total", list.total},
                      {"truncated", list.total > list.rows.size()},
                      {"shown", list.rows.size()}},
                     "case_rows", case_rows_html(ctx, list.rows));
}

}  // namespace thads::http
