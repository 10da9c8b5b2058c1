// API of the oversight streams (oversight.md): open a stream, record an act,
// read a stream with its deadlines, list the streams of the user's subtree.
// Each handler parses, calls one use case (app/record_act.h,
// app/oversight_read.h, which check the user's rights) and renders; refusals
// answer as the case API's (refusal_response: 404 not_found, 403 forbidden,
// 409 version_conflict, 422 otherwise).
#include <algorithm>

#include "app/case_deadlines.h"
#include "domain/interchange.h"
#include "http/handlers.h"
#include "http/route_registry.h"
#include "modules/oversight/app/complaint_intake_read.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/app/record_act.h"

namespace thads::oversight {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

json row_json(const StreamRow& r) {
  return {{"id", r.id},         {"kind", r.kind},       {"agency", r.agency},   {"case", r.case_id},
          {"opened", r.opened}, {"state", r.state},     {"end_date", r.end_date}, {"officer", r.officer},
          {"title", r.title},   {"version", r.version}};
}

Response bad_body(const char* shape) {
  return http::api_error(400, "bad_field", std::string("send ") + shape + " as application/json",
                         "Yêu cầu không đúng định dạng.");
}

Response recorded(Ctx& ctx, const ActRecorded& r) {
  ctx.app.cache().note_write();
  return http::json_response(201, {{"id", r.id}, {"kind", std::string(to_string(r.kind))}, {"version", r.version},
                                   {"state", r.row.state}, {"officer", r.row.officer}});
}

Response api_open(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object()) return bad_body(R"({"kind":…,"id":…,"type":…,"date":…, …payload})");
  json fields = *body;
  const std::string kind_name = fields.value("kind", std::string());
  const auto kind = stream_kind_from(kind_name);
  if (!kind)
    return http::refusal_response(Refusal{"unknown_kind", "kind must be one of the five oversight streams", ""});
  std::string id;
  if (fields.contains("id")) {
    if (!fields["id"].is_string()) return http::refusal_response(Refusal{"bad_field", "id must be a string", ""});
    id = fields["id"].get<std::string>();
  }
  fields.erase("kind");
  fields.erase("id");
  fields.erase("seq");
  auto res = open_stream(ctx.store(), ctx.session->user, *kind, id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return recorded(ctx, std::get<ActRecorded>(res));
}

Response api_act(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object()) return bad_body(R"({"type":…,"date":…, …payload, "expected_seq":N})");
  json fields = *body;
  if (!fields.contains("expected_seq") || !fields["expected_seq"].is_number_integer())
    return http::refusal_response(Refusal{"bad_field", "expected_seq (the stream's version read) is required", ""});
  const int64_t expected = fields["expected_seq"].get<int64_t>();
  for (const char* k : {"expected_seq", "kind", "id", "seq"}) fields.erase(k);
  auto res = record_act(ctx.store(), ctx.session->user, std::nullopt, req.param("id"), fields, expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return recorded(ctx, std::get<ActRecorded>(res));
}

Response api_stream(Ctx& ctx, const Request& req) {
  auto today = http::today_param(ctx, req);
  if (!today) return http::refusal_response(Refusal{"bad_field", "today must be YYYY-MM-DD", ""});
  auto res = read_stream(ctx.store(), ctx.session->user, req.param("id"), *today);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  const StreamView& v = std::get<StreamView>(res);
  json acts = json::array();
  for (const Act& a : v.stream.acts()) {
    json j = json::parse(a.raw, nullptr, false);
    j["recorded_at"] = format_rfc3339_utc(a.recorded_at);
    if (!a.actor.empty()) j["actor"] = a.actor;
    acts.push_back(std::move(j));
  }
  json out{{"id", v.row.id},
           {"kind", v.row.kind},
           {"today", today->iso()},
           {"summary", row_json(v.row)},
           {"acts", acts},
           {"deadlines", json::parse(deadlines_json(v.deadlines).dump())}};
  if (auto in = intake_of(ctx.store(), v)) out["intake"] = intake_json(*in);  // issue 15
  return http::json_response(200, out);
}

int64_t number_param(const Request& req, const char* name, int64_t fallback, int64_t max) {
  const std::string& v = req.q(name);
  if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::min<int64_t>(std::stoll(v), max);
}

Response api_list(Ctx& ctx, const Request& req) {
  ListQuery q{req.q("kind"), req.q("state"), req.q("agency"), number_param(req, "limit", 200, 1000),
              number_param(req, "offset", 0, 10'000'000)};
  auto res = list_streams_for(ctx.store(), ctx.session->user, q);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  const StreamList& l = std::get<StreamList>(res);
  json items = json::array();
  for (const StreamRow& r : l.rows) items.push_back(row_json(r));
  return http::json_response(200, {{"items", items}, {"total", l.total}, {"counts", l.counts}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/api/v1/oversight", http::Kind::api, http::Auth::session, api_list},
        {"POST", "/api/v1/oversight", http::Kind::api, http::Auth::session, api_open},
        {"GET", "/api/v1/oversight/:id", http::Kind::api, http::Auth::session, api_stream},
        {"POST", "/api/v1/oversight/:id/acts", http::Kind::api, http::Auth::session, api_act},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::oversight
