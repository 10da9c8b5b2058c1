// API of the steering module (docs/api.md "Steering"): post any steering
// record, read the directives with their task trees, the follow-up matrix,
// the key-case register and the committees. Each handler parses, calls one
// use case (app/steering_use_cases.h, which checks the user's rights) and
// renders; refusals answer as the case API's (refusal_response).
#include "http/handlers.h"
#include "http/route_registry.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/http/steering_json.h"

namespace thads::steering {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

Response api_record(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object())
    return http::api_error(400, "bad_field", "send one steering record as application/json",
                           "Yêu cầu không đúng định dạng.");
  // A task report's files, sent whole in `attachments` (base64); the record
  // cites them in `documents` (docs/api.md "Steering").
  std::vector<Upload> uploads;
  if (auto it = body->find("attachments"); it != body->end()) {
    if (!it->is_array()) return http::refusal_response(Refusal{"bad_field", "field 'attachments' must be a list", ""});
    for (const json& a : *it) {
      if (!a.is_object() || !a.contains("name") || !a["name"].is_string() || !a.contains("content") ||
          !a["content"].is_string() || (a.contains("media_type") && !a["media_type"].is_string()))
        return http::refusal_response(
            Refusal{"bad_field", "each attachment must have a string 'name' and base64 'content'", ""});
      auto bytes = base64_decode(a["content"].get_ref<const std::string&>());
      if (!bytes) return http::refusal_response(Refusal{"bad_field", "an attachment's 'content' is not base64", ""});
      uploads.push_back({a["name"].get<std::string>(), a.value("media_type", std::string()), std::move(*bytes)});
    }
    body->erase("attachments");
  }
  auto res = record(ctx.store(), ctx.session->user, *body, ctx.now, uploads);
  if (auto* r = std::get_if<Refusal>(&res)) {
    const Refusal& why = *r;
    if (why.code.rfind("file_", 0) == 0 || why.code == "bad_file_name" || why.code == "too_many_files")
      return http::api_error(422, why.code, why.message, steering_refusal_vi(why));
    return http::refusal_response(why);
  }
  const Recorded& rec = std::get<Recorded>(res);
  ctx.app.cache().note_write();
  return http::json_response(rec.duplicate ? 200 : 201,
                             {{"kind", rec.kind}, {"key", rec.key}, {"seq", rec.seq}, {"duplicate", rec.duplicate}});
}

Response api_directives(Ctx& ctx, const Request&) {
  auto res = directive_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const DirectiveRow& d : std::get<std::vector<DirectiveRow>>(res))
    items.push_back({{"id", d.id}, {"number", d.number}, {"issuer", d.issuer}, {"date", d.date}, {"title", d.title},
                     {"agency", d.agency}, {"replaces", d.replaces}, {"tasks", d.tasks}});
  return http::json_response(200, {{"items", items}});
}

Response api_directive(Ctx& ctx, const Request& req) {
  auto today = http::today_param(ctx, req);
  if (!today) return http::refusal_response(Refusal{"bad_field", "today must be YYYY-MM-DD", ""});
  auto res = directive_view(ctx.store(), ctx.session->user, req.param("id"), *today);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return http::json_response(200, directive_json(std::get<DirectiveView>(res)));
}

Response api_matrix(Ctx& ctx, const Request& req) {
  auto today = http::today_param(ctx, req);
  if (!today) return http::refusal_response(Refusal{"bad_field", "today must be YYYY-MM-DD", ""});
  auto res = follow_up_matrix(ctx.store(), ctx.session->user, req.q("owner"), *today);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json out = matrix_json(std::get<Matrix>(res));
  out["today"] = today->iso();
  return http::json_response(200, out);
}

Response api_key_cases(Ctx& ctx, const Request& req) {
  auto today = http::today_param(ctx, req);
  if (!today) return http::refusal_response(Refusal{"bad_field", "today must be YYYY-MM-DD", ""});
  auto res = key_case_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const KeyCase* k : std::get<KeyCaseList>(res).cases) items.push_back(key_case_json(*k, *today));
  return http::json_response(200, {{"items", items}});
}

Response api_committees(Ctx& ctx, const Request&) {
  auto res = committee_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const CommitteeView& c : std::get<CommitteeList>(res).committees) items.push_back(committee_json(c));
  return http::json_response(200, {{"items", items}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"POST", "/api/v1/steering/records", http::Kind::api, http::Auth::session, api_record},
        {"GET", "/api/v1/steering/directives", http::Kind::api, http::Auth::session, api_directives},
        {"GET", "/api/v1/steering/directives/:id", http::Kind::api, http::Auth::session, api_directive},
        {"GET", "/api/v1/steering/matrix", http::Kind::api, http::Auth::session, api_matrix},
        {"GET", "/api/v1/steering/key-cases", http::Kind::api, http::Auth::session, api_key_cases},
        {"GET", "/api/v1/steering/committees", http::Kind::api, http::Auth::session, api_committees},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::steering
