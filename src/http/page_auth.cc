// Pages: home, log in, log out, change password.
#include <sodium.h>

#include "http/handlers.h"
#include "http/pages.h"

namespace thads::http {
namespace {

std::string random_token() {
  unsigned char b[24];
  randombytes_buf(b, sizeof b);
  char hex[sizeof b * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

// Only local paths: never redirect to another site after login. `next` is
// already decoded: it must start with one '/' not followed by '/' or '\\'
// ("//evil.example" and "/\\evil.example" name another host to a browser),
// and hold no control character or space anywhere (a browser drops tabs and
// line ends from a URL, so "/\t/evil.example" is "//evil.example", and CR LF
// would end the Location header). Anything else goes to "/".
std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/";
  for (const char ch : next) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return "/";
  }
  return next;
}

std::string home_of(Role r) {
  switch (r) {
    case Role::officer:
    case Role::clerk: return "/queue";
    case Role::admin: return "/admin/users";
    case Role::body: return "/steering";
    default: return "/dashboard";
  }
}

Response login_form(Ctx& ctx, const Request& req, int status, const std::string& error, const std::string& login,
                    const std::string& next) {
  // Double-submit token for the login form itself (there is no session yet):
  // a Strict cookie, sent only by the login form of this site.
  const std::string t = random_token();
  Response r = render_page(ctx, req, status, "login", "Đăng nhập",
                           {{"error", error}, {"login", login}, {"next", safe_next(next)}, {"login_csrf", t}});
  r.header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + t + "; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600" +
                             (ctx.app.config().secure_cookies ? "; Secure" : ""));
  return r;
}

}  // namespace

Response page_home(Ctx& ctx, const Request&) {
  if (!ctx.session) return redirect("/login");
  return redirect(home_of(ctx.session->user.role));
}

Response page_login(Ctx& ctx, const Request& req) {
  if (ctx.session) return redirect(safe_next(req.q("next")));
  return login_form(ctx, req, 200, "", "", req.q("next"));
}

Response page_login_post(Ctx& ctx, const Request& req) {
  Params f = req.form();
  const std::string& presented = f["login_csrf"];
  auto cookie = req.cookies.find(kLoginCsrfCookie);
  if (presented.empty() || cookie == req.cookies.end() || cookie->second != presented)
    return login_form(ctx, req, 403, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", f["login"], f["next"]);
  auto res = log_in(ctx.store(), f["login"], f["password"], req.client, ctx.now, ctx.app.config().policy);
  if (auto* no = std::get_if<LoginRefused>(&res)) {
    if (no->code == "locked")
      return login_form(ctx, req, 429,
                        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " +
                            std::to_string((no->retry_after + 59) / 60) + " phút.",
                        f["login"], f["next"]);
    return login_form(ctx, req, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", f["login"], f["next"]);
  }
  const auto& ok = std::get<LoginOk>(res);
  const std::string next = safe_next(f["next"]);
  Response r = redirect(next == "/" ? home_of(ok.user.role) : next);
  r.header("Set-Cookie", session_cookie(ctx.app, ok.token));
  return r;
}

Response page_logout(Ctx& ctx, const Request&) {
  log_out(ctx.store(), ctx.token);
  Response r = redirect("/login");
  r.header("Set-Cookie", clear_session_cookie(ctx.app));
  return r;
}

Response page_password(Ctx& ctx, const Request& req) {
  return render_page(ctx, req, 200, "password", "Đổi mật khẩu",
                     {{"ok", req.q("ok") == "1"}, {"must", ctx.session && ctx.session->user.must_change}});
}

Response page_password_post(Ctx& ctx, const Request& req) {
  Params f = req.form();
  if (f["new_password"] != f["confirm_password"])
    return render_page(ctx, req, 422, "password", "Đổi mật khẩu", {{"error", "Mật khẩu nhập lại không khớp."}});
  auto res = change_password(ctx.store(), ctx.actor.login, f["old_password"], f["new_password"], ctx.token, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    const std::string msg = r->code == "bad_credentials" ? "Mật khẩu hiện tại không đúng." : refusal_vi(*r);
    return render_page(ctx, req, 422, "password", "Đổi mật khẩu", {{"error", msg}});
  }
  ctx.app.cache().note_write();
  return redirect("/password?ok=1");
}

}  // namespace thads::http
