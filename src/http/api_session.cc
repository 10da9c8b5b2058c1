// API: sessions (log in, log out, who am I, change password) and accounts.
#include "http/handlers.h"

namespace thads::http {
namespace {

nlohmann::json user_json(const User& u) {
  return {{"login", u.login},       {"role", std::string(to_string(u.role))},
          {"agency", u.agency},     {"officer", u.officer.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.officer)},
          {"active", u.active}};
}

std::string str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

Response api_login(Ctx& ctx, const Request& req) {
  // JSON only: a cross-site form cannot send it, which protects the login itself.
  auto body = json_body(req);
  if (!body || !body->is_object())
    return api_error(415, "bad_field", "send {\"login\":…, \"password\":…} as application/json",
                     "Yêu cầu không đúng định dạng.");
  auto res = log_in(ctx.store(), str(*body, "login"), str(*body, "password"), req.client, ctx.now,
                    ctx.app.config().policy);
  if (auto* no = std::get_if<LoginRefused>(&res)) {
    if (no->code == "locked") {
      Response r = api_error(429, "locked", "too many failed logins; try again later",
                             "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " +
                                 std::to_string((no->retry_after + 59) / 60) + " phút.");
      r.header("Retry-After", std::to_string(no->retry_after));
      return r;
    }
    return api_error(401, "bad_credentials", "wrong login or password", "Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  const auto& ok = std::get<LoginOk>(res);
  nlohmann::json j = user_json(ok.user);
  j["user"] = ok.user.login;
  j["csrf"] = ok.csrf;
  j["expires_at"] = ok.expires_at;
  Response r = json_response(200, j);
  r.header("Set-Cookie", session_cookie(ctx.app, ok.token));
  return r;
}

Response api_logout(Ctx& ctx, const Request&) {
  log_out(ctx.store(), ctx.token);
  Response r = json_response(200, {{"ok", true}});
  r.header("Set-Cookie", clear_session_cookie(ctx.app));
  return r;
}

Response api_whoami(Ctx& ctx, const Request&) {
  nlohmann::json j = user_json(ctx.session->user);
  j["user"] = ctx.session->user.login;
  j["csrf"] = ctx.session->csrf;
  j["expires_at"] = ctx.session->created_at + ctx.app.config().policy.absolute_seconds;
  return json_response(200, j);
}

Response api_change_password(Ctx& ctx, const Request& req) {
  auto body = json_body(req);
  if (!body || !body->is_object())
    return api_error(415, "bad_field", "send {\"old_password\":…, \"new_password\":…} as application/json",
                     "Yêu cầu không đúng định dạng.");
  auto res = change_password(ctx.store(), ctx.actor.login, str(*body, "old_password"), str(*body, "new_password"),
                             ctx.token, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  ctx.app.cache().note_write();
  return json_response(200, {{"ok", true}});
}

Response api_users(Ctx& ctx, const Request& req) {
  const Access& access = ctx.access();
  if (auto v = access.manage_users(ctx.actor, ctx.actor.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::api, v);
  nlohmann::json items = nlohmann::json::array();
  for (const User& u : list_users(ctx.store()))
    if (access.in_subtree(ctx.actor, u.agency)) items.push_back(user_json(u));
  return json_response(200, {{"items", items}});
}

Response api_add_user(Ctx& ctx, const Request& req) {
  auto body = json_body(req);
  if (!body || !body->is_object())
    return api_error(415, "bad_field", "send the user as application/json", "Yêu cầu không đúng định dạng.");
  const NewUser nu{str(*body, "login"), str(*body, "role"), str(*body, "agency"), str(*body, "officer")};
  const Access& access = ctx.access();
  if (auto v = access.manage_users(ctx.actor, nu.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::api, v);
  auto res = add_user(ctx.store(), nu, str(*body, "password"), ctx.actor.login, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  ctx.app.cache().note_write();
  return json_response(201, user_json(std::get<User>(res)));
}

}  // namespace thads::http
