#include "http/api_admin.h"

#include <sstream>

#include "app/reference_admin.h"
#include "app/user_admin.h"
#include "http/handlers.h"

namespace thads::http {
namespace {

using json = nlohmann::json;

std::string text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

json user_out(const User& u) {
  return {{"login", u.login},   {"role", std::string(to_string(u.role))},
          {"agency", u.agency}, {"officer", u.officer.empty() ? json(nullptr) : json(u.officer)},
          {"active", u.active}, {"must_change_password", u.must_change}};
}

Response answer(Ctx& ctx, const std::variant<User, Refusal>& res) {
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  ctx.app.cache().note_write();
  return json_response(200, user_out(std::get<User>(res)));
}

std::optional<Response> not_admin(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().manage_users(ctx.actor, ctx.actor.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::api, v);
  return std::nullopt;
}

}  // namespace

Response api_edit_user(Ctx& ctx, const Request& req) {
  if (auto no = not_admin(ctx, req)) return *no;
  auto body = json_body(req);
  if (!body || !body->is_object())
    return api_error(415, "bad_field", "send {\"role\", \"agency\", \"officer\", \"active\"?} as application/json",
                     "Yêu cầu không đúng định dạng.");
  const std::string& login = req.param("login");
  auto res = edit_user(ctx.store(), ctx.actor.login, login,
                       UserEdit{text(*body, "role"), text(*body, "agency"), text(*body, "officer")}, ctx.now);
  if (std::holds_alternative<User>(res) && body->contains("active")) {
    if (!(*body)["active"].is_boolean())
      return refusal_response({"bad_field", "field 'active' must be true or false", ""});
    res = admin_set_active(ctx.store(), ctx.actor.login, login, (*body)["active"].get<bool>(), ctx.now);
  }
  return answer(ctx, res);
}

Response api_reset_password(Ctx& ctx, const Request& req) {
  if (auto no = not_admin(ctx, req)) return *no;
  auto body = json_body(req);
  if (!body || !body->is_object())
    return api_error(415, "bad_field", "send {\"password\"} as application/json", "Yêu cầu không đúng định dạng.");
  return answer(ctx, reset_password(ctx.store(), ctx.actor.login, req.param("login"), text(*body, "password"), ctx.now));
}

Response api_unlock_user(Ctx& ctx, const Request& req) {
  if (auto no = not_admin(ctx, req)) return *no;
  return answer(ctx, unlock_user(ctx.store(), ctx.actor.login, req.param("login"), ctx.now));
}

Response api_import(Ctx& ctx, const Request& req) {
  if (auto no = not_admin(ctx, req)) return *no;
  const std::string& type = req.header("content-type");
  if (!type.starts_with("application/x-ndjson") && !type.starts_with("application/jsonl"))
    return api_error(415, "bad_field", "send the interchange file as application/x-ndjson (JSON Lines)",
                     "Gửi tệp dữ liệu trao đổi dạng JSON Lines (application/x-ndjson).");
  std::istringstream in(req.body);
  const ImportResult r = admin_import(ctx.store(), ctx.actor.login, in, ctx.now);
  json out{{"lines", r.lines},
           {"events_added", r.events_added},
           {"references_added", r.references_added},
           {"duplicates", r.duplicates},
           {"stored", r.ok()}};
  json refusals = json::array();
  for (const LineRefusal& l : r.refusals)
    refusals.push_back({{"line", l.line}, {"code", l.refusal.code}, {"message", l.refusal.message},
                        {"message_vi", refusal_vi(l.refusal)}, {"article", l.refusal.article}});
  out["refusals"] = refusals;
  if (r.ok()) ctx.app.cache().note_write();
  const int status = r.ok() ? 200 : (r.refusals.front().refusal.code == "forbidden" ? 403 : 422);
  return json_response(status, out);
}

}  // namespace thads::http
