// Pages: one account for the administrator (/admin/users/{login}): edit
// role, agency and officer, deactivate or reactivate, reset the password,
// unlock after too many failed logins. The use cases (app/user_admin.h)
// check the rights again inside their transaction.
#include "app/user_admin.h"
#include "http/admin_view.h"
#include "http/handlers.h"
#include "http/pages.h"

namespace thads::http {
namespace {

using json = nlohmann::json;

std::string time_vn(int64_t unix) {
  const int64_t local = unix + 7 * 3600;
  const Date d = vn_date_of(unix);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02lld:%02lld", static_cast<long long>((local / 3600) % 24),
                static_cast<long long>((local / 60) % 60));
  return std::string(hm) + " " + d.vn();
}

Response user_page(Ctx& ctx, const Request& req, int status, const User& u, const json& error, const std::string& ok) {
  json roles = json::array();
  for (Role r : kAllRoles)
    roles.push_back({{"value", std::string(to_string(r))}, {"label", std::string(label_vi(r))}, {"selected", r == u.role}});
  std::string locked_until;
  for (const auto& [login, until] : locked_logins(ctx.store(), ctx.now))
    if (login == u.login) locked_until = time_vn(until);
  return render_page(ctx, req, status, "admin_user", "Tài khoản " + u.login,
                     {{"login", u.login},
                      {"role", std::string(label_vi(u.role))},
                      {"agency", agency_label(ctx, u.agency) + " (" + u.agency + ")"},
                      {"officer", u.officer},
                      {"active", u.active},
                      {"must_change", u.must_change},
                      {"locked_until", locked_until},
                      {"roles", roles},
                      {"agencies", agency_options(ctx, u.agency)},
                      {"officers", officer_options(ctx, u.officer)},
                      {"error", error},
                      {"ok", ok}});
}

const char* done_message(const std::string& action) {
  if (action == "edit") return "Đã cập nhật vai trò, cơ quan và chấp hành viên.";
  if (action == "deactivate") return "Đã khóa tài khoản; mọi phiên đăng nhập của tài khoản đã kết thúc.";
  if (action == "activate") return "Đã mở lại tài khoản.";
  if (action == "reset") return "Đã đặt lại mật khẩu; người dùng phải đổi mật khẩu khi đăng nhập.";
  if (action == "unlock") return "Đã mở khóa đăng nhập.";
  return "";
}

std::variant<User, Refusal> apply(Ctx& ctx, const std::string& login, Params& f) {
  const std::string& action = f["action"];
  const std::string& admin = ctx.actor.login;
  if (action == "edit") return edit_user(ctx.store(), admin, login, UserEdit{f["role"], f["agency"], f["officer"]}, ctx.now);
  if (action == "deactivate" || action == "activate")
    return admin_set_active(ctx.store(), admin, login, action == "activate", ctx.now);
  if (action == "reset") {
    if (f["password"] != f["confirm_password"])
      return Refusal{"bad_field", "field 'confirm_password': the passwords differ", ""};
    return reset_password(ctx.store(), admin, login, f["password"], ctx.now);
  }
  if (action == "unlock") return unlock_user(ctx.store(), admin, login, ctx.now);
  return Refusal{"bad_field", "field 'action': unknown action", ""};
}

}  // namespace

Response page_admin_user(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  auto u = find_user(ctx.store(), req.param("login"));
  if (!u || !ctx.access().in_subtree(ctx.actor, u->agency)) return deny(ctx, req, Kind::page, Verdict::not_found);
  const std::string& done = req.q("done");
  return user_page(ctx, req, 200, *u, nullptr, done_message(done));
}

Response page_admin_user_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  const std::string& login = req.param("login");
  auto before = find_user(ctx.store(), login);
  if (!before || !ctx.access().in_subtree(ctx.actor, before->agency)) return deny(ctx, req, Kind::page, Verdict::not_found);
  Params f = req.form();
  auto res = apply(ctx, login, f);
  if (auto* r = std::get_if<Refusal>(&res))
    return user_page(ctx, req, r->code == "forbidden" ? 403 : 422, *before,
                     json{{"code", r->code}, {"message", refusal_vi(*r)}}, "");
  ctx.app.cache().note_write();
  return redirect("/admin/users/" + url_encode(login) + "?done=" + url_encode(f["action"]));
}

}  // namespace thads::http
