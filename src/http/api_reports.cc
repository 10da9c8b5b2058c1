// API: official reports, the work queue, the dashboard, officers' workloads.
#include "app/case_deadlines.h"
#include "app/queue_answers.h"
#include "app/report_render.h"
#include "http/handlers.h"
#include "http/held_gzip.h"
#include "http/report_access.h"
#include "app/workload.h"

namespace thads::http {
namespace {

nlohmann::json rate(const std::optional<int64_t>& x100) {
  return x100 ? nlohmann::json(static_cast<double>(*x100) / 100.0) : nlohmann::json(nullptr);
}

nlohmann::json items_json(const std::vector<CountItem>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : v) a.push_back({{"key", i.key}, {"label", i.label}, {"count", i.count}});
  return a;
}

}  // namespace

Response api_report(Ctx& ctx, const Request& req) {
  const std::string& form = req.param("form");
  if (form != "cases" && form != "money") {
    if (const ReportForm* module = module_report(form)) return module_report_response(ctx, req, *module, form);
    return deny(ctx, req, Kind::api, Verdict::not_found);
  }
  auto q = report_query(ctx, req, form == "money" ? Form::money : Form::cases);
  if (auto* r = std::get_if<Refusal>(&q)) return api_error(400, r->code, r->message, refusal_vi(*r));
  ReportQuery& rq = std::get<ReportQuery>(q);
  if (auto v = ctx.access().view_reports(ctx.actor, rq.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::api, v);
  auto res = compute_report(ctx, rq);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  Report& rep = std::get<Report>(res);
  if (rq.as_known_at) rep.as_known_at = req.q("as_known_at");
  const std::string& format = req.q("format");
  if (format == "xlsx") return xlsx_response(rep);
  if (!format.empty() && format != "json")
    return api_error(400, "bad_field", "format must be json or xlsx", refusal_message_vi("bad_field"));
  return json_text_response(200, report_to_json(rep));
}

Response api_queue(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().work_queue(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::api, v);
  auto today = today_param(ctx, req);
  if (!today) return api_error(400, "bad_field", "today must be YYYY-MM-DD", "Ngày không hợp lệ.");
  QueueQuery q;
  q.today = *today;
  q.agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  if (!ctx.access().in_subtree(ctx.actor, q.agency)) return deny(ctx, req, Kind::api, Verdict::not_found);
  // An officer's queue is their own cases; others may ask for one officer.
  q.officer = queue_officer(ctx.actor, req.q("officer"));
  // Held at the journal's position for this scope and day (app/queue_answers.h).
  auto res = held_deadline_queue(ctx.store(), ctx.app.cache(), q);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  // Sent compressed to a client that accepts gzip, compressed once while held (http/held_gzip.h).
  const auto& answer = std::get<std::shared_ptr<const QueueAnswer>>(res);
  return held_json_response(req, answer, answer->json);
}

Response api_dashboard(Ctx& ctx, const Request& req) {
  auto q = dashboard_query(ctx, req);
  if (auto* r = std::get_if<Refusal>(&q)) return api_error(400, r->code, r->message, refusal_vi(*r));
  DashboardQuery& dq = std::get<DashboardQuery>(q);
  if (auto v = ctx.access().view_dashboard(ctx.actor, dq.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::api, v);
  auto res = held_dashboard(ctx.store(), ctx.app.cache(), dq);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  const Dashboard& d = *std::get<std::shared_ptr<const Dashboard>>(res);
  nlohmann::json months = nlohmann::json::array();
  for (const MonthPoint& m : d.months)
    months.push_back({{"to", m.to.iso()}, {"cases_rate", rate(m.cases_rate_x100)}, {"money_rate", rate(m.money_rate_x100)}});
  return json_response(200, {{"agency", d.agency},
                             {"fiscal_year", d.fiscal_year},
                             {"from", d.period.from.iso()},
                             {"to", d.period.to.iso()},
                             {"cases", nlohmann::json::parse(report_to_json(d.cases))},
                             {"money", nlohmann::json::parse(report_to_json(d.money))},
                             {"months", months},
                             {"backlog_by_age", items_json(d.backlog_by_age)},
                             {"unable_by_reason", items_json(d.unable_by_reason)},
                             {"overdue_by_officer", items_json(d.overdue_by_officer)}});
}

Response api_officers(Ctx& ctx, const Request& req) {
  const std::string agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  if (!ctx.access().in_subtree(ctx.actor, agency)) return deny(ctx, req, Kind::api, Verdict::not_found);
  if (auto v = ctx.access().search_cases(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::api, v);
  nlohmann::json items = nlohmann::json::array();
  for (const OfficerLoad& o : officer_loads(ctx.store(), agency))
    items.push_back({{"id", o.id}, {"name", o.name}, {"open_cases", o.open_cases}, {"suggested", o.suggested}});
  return json_response(200, {{"agency", agency}, {"items", items}});
}

}  // namespace thads::http
