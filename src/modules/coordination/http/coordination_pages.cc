// The purpose ledger and the coordination report on screen (issue 16 items
// 3 and 6): /coordination/requests lists every request of the user's subtree
// with its purpose, subject, sender and outcome, filtered by body, sender,
// purpose, period and status; GET /api/v1/coordination/requests answers the
// same in JSON. /coordination/report shows the report of
// app/coordination_report.h, each figure linking to the requests it counts.
// Handlers parse, call one use case and render.
#include <algorithm>
#include <map>

#include "app/accounts.h"
#include "app/report_layout.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/coordination/app/body_register.h"
#include "modules/coordination/app/coordination_report.h"
#include "modules/coordination/app/purpose_ledger.h"
#include "modules/oversight/http/oversight_forms.h"

namespace thads::coordination {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;
using oversight::StreamKind;

const User& user_of(Ctx& ctx) { return ctx.session->user; }

std::string purpose_label(const std::string& p) { return oversight::choice_text(StreamKind::request, "sent", "purpose", p); }
std::string result_label(const std::string& r) { return oversight::choice_text(StreamKind::request, "answered", "result", r); }

int64_t number_param(const Request& req, const char* name, int64_t fallback, int64_t max) {
  const std::string& v = req.q(name);
  if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::min<int64_t>(std::stoll(v), max);
}

// The query of a page's or the API's GET (dates already YYYY-MM-DD).
LedgerQuery ledger_query(const Request& req, Date today, int64_t limit) {
  LedgerQuery q;
  q.agency = req.q("agency"), q.body = req.q("body"), q.sender = req.q("officer"), q.purpose = req.q("purpose");
  q.subject_id = req.q("subject_id"), q.from = req.q("from"), q.to = req.q("to"), q.status = req.q("status");
  q.as_of = req.q("as_of").empty() ? (q.to.empty() ? today.iso() : q.to) : req.q("as_of");
  q.limit = number_param(req, "limit", limit, 1000);
  q.offset = number_param(req, "offset", 0, 10'000'000);
  return q;
}

std::string outcome_of(const LedgerRow& r) {
  if (r.state == "withdrawn") return "Đã hủy";
  std::string out = r.result.empty() ? "Chưa trả lời" : result_label(r.result);
  if (r.first_answer && r.answer_due) out += *r.first_answer <= *r.answer_due ? " (đúng hạn)" : " (chậm)";
  if (!r.first_answer && r.answer_due) out += " — hạn " + r.answer_due->vn();
  if (r.state == "ended") out += "; đã kết thúc";
  return out;
}

json row_json(const LedgerRow& r) {
  json j{{"id", r.id},          {"case", r.case_id},      {"agency", r.agency},
         {"body", r.body},      {"purpose", r.purpose},   {"subject", {{"name", r.subject_name}}},
         {"sender", r.sender},  {"sent", r.sent.iso()},   {"result", r.result.empty() ? json(nullptr) : json(r.result)},
         {"state", r.state}};
  if (!r.subject_id.empty()) j["subject"]["id_number"] = r.subject_id;
  if (r.amount > 0) j["amount"] = r.amount;
  j["answer_due"] = r.answer_due ? json(r.answer_due->iso()) : json(nullptr);
  j["first_answer"] = r.first_answer ? json(r.first_answer->iso()) : json(nullptr);
  return j;
}

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, 422, http::refusal_vi(r));
}

json options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  json out = json::array();
  for (const auto& [v, l] : values) out.push_back({{"value", v}, {"label", l}, {"selected", v == selected}});
  return out;
}

Response page_ledger(Ctx& ctx, const Request& raw) {
  const Request req = http::with_form_dates(raw);
  const Date today = vn_date_of(ctx.now);
  constexpr int64_t kPage = 100;
  const LedgerQuery q = ledger_query(req, today, kPage);
  auto res = purpose_ledger(ctx.store(), user_of(ctx), q);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const LedgerPage& page = std::get<LedgerPage>(res);
  std::map<std::string, std::string> names;
  std::vector<std::pair<std::string, std::string>> body_values;
  if (auto b = list_bodies(ctx.store(), user_of(ctx), BodyQuery{}); auto* list = std::get_if<std::vector<BodyEntry>>(&b))
    for (const BodyEntry& e : *list) names[e.body.code] = e.body.name, body_values.emplace_back(e.body.code, e.body.name);
  json rows = json::array();
  for (const LedgerRow& r : page.rows)
    rows.push_back({{"id", r.id}, {"href", "/oversight/" + http::url_encode(r.id)}, {"case", r.case_id},
                    {"case_href", "/cases/" + http::url_encode(r.case_id)}, {"sent", r.sent.vn()},
                    {"body", names.count(r.body) ? names[r.body] : r.body}, {"purpose", purpose_label(r.purpose)},
                    {"subject", r.subject_name}, {"subject_id", r.subject_id}, {"sender", r.sender},
                    {"outcome", outcome_of(r)}});
  std::vector<std::pair<std::string, std::string>> purposes, agencies;
  for (const char* p : {"verify_assets", "freeze_account", "stop_transfer", "protection", "other"}) purposes.emplace_back(p, purpose_label(p));
  for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
    const auto i = ctx.tree().find(c);
    agencies.emplace_back(c, (i ? ctx.tree().at(*i).name : c) + " (" + c + ")");
  }
  const std::vector<std::pair<std::string, std::string>> statuses{
      {"on_time", "Trả lời đúng hạn"}, {"late", "Trả lời chậm"}, {"unanswered", "Chưa trả lời"}, {"overdue", "Chưa trả lời, quá hạn"}};
  json data{{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", page.total},
            {"bodies", options(body_values, q.body)},
            {"purposes", options(purposes, q.purpose)},
            {"agencies", options(agencies, q.agency)},
            {"statuses", options(statuses, q.status)},
            {"officer", q.sender},
            {"subject_id", q.subject_id},
            {"from", http::vn_date(q.from)},
            {"to", http::vn_date(q.to)}};
  std::string filter;
  for (const char* k : {"agency", "body", "officer", "purpose", "subject_id", "from", "to", "status", "as_of"})
    if (!req.q(k).empty()) filter += std::string("&") + k + "=" + http::url_encode(req.q(k));
  const std::string base = "/coordination/requests?offset=";
  if (q.offset > 0) data["prev_href"] = base + std::to_string(std::max<int64_t>(0, q.offset - kPage)) + filter;
  if (q.offset + kPage < page.total) data["next_href"] = base + std::to_string(q.offset + kPage) + filter;
  return http::render_page(ctx, req, 200, "coordination_ledger", "Nhật ký yêu cầu cơ quan, tổ chức", std::move(data));
}

Response api_ledger(Ctx& ctx, const Request& req) {
  auto res = purpose_ledger(ctx.store(), user_of(ctx), ledger_query(req, vn_date_of(ctx.now), 200));
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  const LedgerPage& page = std::get<LedgerPage>(res);
  json items = json::array();
  for (const LedgerRow& r : page.rows) items.push_back(row_json(r));
  return http::json_response(200, {{"items", items}, {"total", page.total}});
}

bool sees_report(Role r) { return r == Role::head || r == Role::supervisor || r == Role::steering || r == Role::procuracy; }

Response page_report(Ctx& ctx, const Request& raw) {
  const Request req = http::with_form_dates(raw);
  const Date today = vn_date_of(ctx.now);
  const std::string agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  if (!sees_report(ctx.actor.role)) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  if (Verdict v = ctx.access().view_reports(ctx.actor, agency); v != Verdict::allow)
    return http::deny(ctx, req, http::Kind::page, v);
  const Date from = Date::parse(req.q("from")).value_or(Date::from_ymd(today.year(), 1, 1));
  const Date to = Date::parse(req.q("to")).value_or(today);
  auto res = coordination_report(ctx.store(), agency, from, to);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const CoordinationReport& rep = std::get<CoordinationReport>(res);
  const bool links = reads_ledger(ctx.actor.role);
  const std::string period = "&agency=" + http::url_encode(agency) + "&from=" + from.iso() + "&to=" + to.iso() + "&as_of=" + to.iso();
  json rows = json::array();
  for (const BodyPerformance& p : rep.bodies) {
    const bool total = p.body.empty();
    const auto it = rep.names.find(p.body);
    const std::string base = "/coordination/requests?" + (total ? std::string() : "body=" + http::url_encode(p.body)) + period;
    auto fig = [&](int64_t v, const char* status) {
      json j{{"value", report_layout::group_thousands(v)}};
      if (links && v > 0) j["href"] = base + (status[0] ? std::string("&status=") + status : std::string());
      return j;
    };
    rows.push_back({{"body", p.body},
                    {"name", total ? "Tổng cộng" : it != rep.names.end() ? it->second.first : p.body},
                    {"total", total},
                    {"sent", fig(p.sent, "")},
                    {"on_time", fig(p.on_time, "on_time")},
                    {"late", fig(p.late, "late")},
                    {"unanswered", fig(p.unanswered, "unanswered")},
                    {"overdue", fig(p.overdue, "overdue")},
                    {"median", p.median_days ? std::to_string(*p.median_days) : "—"},
                    {"oldest", p.oldest_sent ? json{{"id", p.oldest_id}, {"sent", p.oldest_sent->vn()},
                                                    {"href", links ? "/oversight/" + http::url_encode(p.oldest_id) : ""}}
                                             : json(false)}});
  }
  json agencies = json::array();
  for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
    const auto i = ctx.tree().find(c);
    agencies.push_back({{"value", c}, {"label", (i ? ctx.tree().at(*i).name : c) + " (" + c + ")"}, {"selected", c == agency}});
  }
  json data{{"rows", rows}, {"agencies", agencies}, {"from", from.vn()}, {"to", to.vn()},
            {"xlsx", "/api/v1/reports/coordination?format=xlsx&agency=" + http::url_encode(agency) + "&from=" + from.iso() + "&to=" + to.iso()}};
  return http::render_page(ctx, req, 200, "coordination_report", "Phối hợp của cơ quan, tổ chức", std::move(data));
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/coordination/requests", Kind::page, Auth::session, page_ledger},
        {"GET", "/coordination/report", Kind::page, Auth::session, page_report},
        {"GET", "/api/v1/coordination/requests", Kind::api, Auth::session, api_ledger},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::coordination
