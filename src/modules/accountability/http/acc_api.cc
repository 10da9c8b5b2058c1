// API of the accountability records (issue 15; docs/formats/accountability.md):
// list, read, open and record acts on inspections and violations (a `voided`
// act corrects one), send a decision of a case to the procuracy and list what
// was sent, and the procuracy's review. Each handler parses, calls one use
// case (app/acc_use_cases.h, app/procuracy_review.h: they check the user's
// rights) and renders; refusals answer with their stable code as the case
// API does (404 not_found, 403 forbidden, 409 version_conflict, 422 otherwise).
#include <algorithm>

#include "app/case_deadlines.h"
#include "domain/interchange.h"
#include "http/handlers.h"
#include "http/route_registry.h"
#include "modules/accountability/app/acc_use_cases.h"
#include "modules/accountability/http/acc_review.h"

namespace thads::accountability {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

json summary_json(const Summary& s) {
  json j{{"id", s.id},           {"kind", s.kind},         {"agency", s.agency}, {"opened", s.opened},
         {"state", s.state},     {"end_date", s.end_date}, {"version", s.version}, {"title", s.title}};
  if (s.kind == "inspection") {
    j["by"] = s.by, j["mode"] = s.mode;
    j["findings"] = s.findings, j["remedies"] = s.remedies, j["remedies_done"] = s.remedies_done;
  } else {
    j["officer"] = s.officer, j["measure"] = s.measure;
  }
  return j;
}

Response bad_body(const char* shape) {
  return http::api_error(400, "bad_field", std::string("send ") + shape + " as application/json",
                         "Yêu cầu không đúng định dạng.");
}

Response recorded(Ctx& ctx, const Recorded& r) {
  ctx.app.cache().note_write();
  return http::json_response(201, {{"id", r.id}, {"kind", std::string(to_string(r.kind))}, {"version", r.version}});
}

int64_t number_param(const Request& req, const char* name, int64_t fallback, int64_t max) {
  const std::string& v = req.q(name);
  if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::min<int64_t>(std::stoll(v), max);
}

Response api_list(Ctx& ctx, const Request& req) {
  auto res = list_records(ctx.store(), ctx.session->user, req.q("kind"), req.q("state"), req.q("agency"),
                          number_param(req, "limit", 200, 1000), number_param(req, "offset", 0, 10'000'000));
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  const ListResult& l = std::get<ListResult>(res);
  json items = json::array();
  for (const Summary& s : l.rows) items.push_back(summary_json(s));
  return http::json_response(200, {{"items", items}, {"total", l.total}});
}

Response api_open(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object()) return bad_body(R"({"kind":"inspection"|"violation","id"?:…,"type":…,"date":…, …payload})");
  json fields = *body;
  const auto kind = kind_from(fields.value("kind", std::string()));
  if (!kind) return http::refusal_response(Refusal{"unknown_kind", "kind must be inspection or violation", ""});
  std::string id;
  if (fields.contains("id")) {
    if (!fields["id"].is_string()) return http::refusal_response(Refusal{"bad_field", "id must be a string", ""});
    id = fields["id"].get<std::string>();
  }
  for (const char* k : {"kind", "id", "seq", "recorded_at", "actor"}) fields.erase(k);
  auto res = open_record(ctx.store(), ctx.session->user, *kind, id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return recorded(ctx, std::get<Recorded>(res));
}

Response api_act(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object()) return bad_body(R"({"type":…,"date":…, …payload, "expected_seq":N})");
  json fields = *body;
  if (!fields.contains("expected_seq") || !fields["expected_seq"].is_number_integer())
    return http::refusal_response(Refusal{"bad_field", "expected_seq (the record's version read) is required", ""});
  const int64_t expected = fields["expected_seq"].get<int64_t>();
  for (const char* k : {"expected_seq", "kind", "id", "seq", "recorded_at", "actor"}) fields.erase(k);
  auto res = record_act(ctx.store(), ctx.session->user, req.param("id"), fields, expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return recorded(ctx, std::get<Recorded>(res));
}

Response api_record(Ctx& ctx, const Request& req) {
  auto today = http::today_param(ctx, req);
  if (!today) return http::refusal_response(Refusal{"bad_field", "today must be YYYY-MM-DD", ""});
  auto res = read_record(ctx.store(), ctx.session->user, req.param("id"), *today);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  const View& v = std::get<View>(res);
  json acts = json::array();
  for (const Rec& r : v.stream.recs()) {
    json j = json::parse(r.raw, nullptr, false);
    j["recorded_at"] = format_rfc3339_utc(r.recorded_at);
    if (!r.actor.empty()) j["actor"] = r.actor;
    acts.push_back(std::move(j));
  }
  return http::json_response(200, {{"id", v.row.id},
                                   {"kind", v.row.kind},
                                   {"today", today->iso()},
                                   {"summary", summary_json(v.row)},
                                   {"acts", acts},
                                   {"deadlines", json::parse(deadlines_json(v.deadlines).dump())}});
}

Response api_deliveries(Ctx& ctx, const Request& req) {
  const std::string& case_id = req.q("case");
  if (case_id.empty()) return http::refusal_response(Refusal{"bad_field", "missing query parameter 'case'", ""});
  auto res = read_deliveries(ctx.store(), ctx.session->user, case_id);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const DeliveryRow& d : std::get<std::vector<DeliveryRow>>(res))
    items.push_back({{"case", case_id}, {"decision", d.decision}, {"date", d.date.iso()}, {"how", d.how}, {"seq", d.seq}});
  return http::json_response(200, {{"items", items}});
}

// POST /api/v1/accountability/deliveries: {case, decision, date, how?} sends,
// {case, decision, type: "voided", date, reason} corrects the sending that counts.
Response api_send(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object()) return bad_body(R"({"case":…,"decision":N,"date":"YYYY-MM-DD"})");
  json fields = *body;
  if (!fields.contains("case") || !fields["case"].is_string())
    return http::refusal_response(Refusal{"bad_field", "missing field 'case'", ""});
  const std::string case_id = fields["case"].get<std::string>();
  fields.erase("case");
  fields.erase("seq");
  auto res = record_delivery_act(ctx.store(), ctx.session->user, case_id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  ctx.app.cache().note_write();
  const Recorded& rec = std::get<Recorded>(res);
  json out{{"case", case_id}, {"decision", fields["decision"]}, {"date", fields["date"]}, {"seq", rec.version}};
  if (fields.contains("type")) out["type"] = fields["type"];
  return http::json_response(201, out);
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    // The literal paths before /:id, which would take them.
    return std::vector<http::Route>{
        {"GET", "/api/v1/accountability", Kind::api, Auth::session, api_list},
        {"POST", "/api/v1/accountability", Kind::api, Auth::session, api_open},
        {"GET", "/api/v1/accountability/review", Kind::api, Auth::session, api_review},
        {"GET", "/api/v1/accountability/deliveries", Kind::api, Auth::session, api_deliveries},
        {"POST", "/api/v1/accountability/deliveries", Kind::api, Auth::session, api_send},
        {"GET", "/api/v1/accountability/:id", Kind::api, Auth::session, api_record},
        {"POST", "/api/v1/accountability/:id/acts", Kind::api, Auth::session, api_act},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::accountability
