// Pages: the public list of debtors without conditions (no login), and the
// administrators' account page.
#include "http/case_search.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"

namespace thads::http {
namespace {

using json = nlohmann::json;
constexpr size_t kPage = 50;

size_t offset_of(const Request& req) {
  const std::string& o = req.q("offset");
  if (o.empty() || o.size() > 6 || o.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoul(o);
}

json role_options(const std::string& selected) {
  json a = json::array();
  for (Role r : kAllRoles)
    a.push_back({{"value", std::string(to_string(r))}, {"label", std::string(label_vi(r))},
                 {"selected", to_string(r) == selected}});
  return a;
}

Response users_page(Ctx& ctx, const Request& req, int status, const json& error, const Params& values) {
  json users = json::array();
  for (const User& u : list_users(ctx.store()))
    if (ctx.access().in_subtree(ctx.actor, u.agency))
      users.push_back({{"login", u.login}, {"role", std::string(label_vi(u.role))}, {"agency", u.agency},
                       {"officer", u.officer}, {"active", u.active}});
  json agencies = json::array();
  auto get = [&](const char* k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  for (const std::string& code : ctx.access().subtree_codes(ctx.actor))
    agencies.push_back({{"value", code}, {"label", code}, {"selected", code == get("agency")}});
  return render_page(ctx, req, status, "users", "Quản lý tài khoản",
                     {{"users", users}, {"roles", role_options(get("role"))}, {"agencies", agencies},
                      {"login", get("login")}, {"officer", get("officer")}, {"error", error},
                      {"ok", req.q("ok") == "1"}});
}

}  // namespace

Response page_public_unable(Ctx& ctx, const Request& req) {
  const std::string& q = req.q("q");
  const size_t offset = offset_of(req);
  auto rows = public_unable_debtors(ctx.store(), PublicQuery{q, kPage + 1, offset});
  const bool more = rows.size() > kPage;
  if (more) rows.pop_back();
  json items = json::array();
  for (const CaseRow& r : rows)
    items.push_back({{"name", r.debtor_name}, {"address", r.debtor_address}, {"judgment", r.judgment_number},
                     {"court", r.court}, {"decision", r.case_id}, {"decision_date", vn_date(r.opened_date)},
                     {"remaining", vnd(r.remaining)}, {"reason", choice_label("reason", r.unable_reason)},
                     {"decided_on", vn_date(r.unable_date)}});
  json data{{"q", q}, {"items", items}, {"has_items", !items.empty()}, {"count", items.size()}};
  if (offset > 0) data["prev_href"] = "/public/unable-debtors?q=" + url_encode(q) + "&offset=" + std::to_string(offset >= kPage ? offset - kPage : 0);
  if (more) data["next_href"] = "/public/unable-debtors?q=" + url_encode(q) + "&offset=" + std::to_string(offset + kPage);
  return render_page(ctx, req, 200, "public_unable", "Danh sách người phải thi hành án chưa có điều kiện thi hành",
                     data);
}

Response page_users(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().manage_users(ctx.actor, ctx.actor.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  return users_page(ctx, req, 200, false, {});
}

Response page_users_post(Ctx& ctx, const Request& req) {
  Params f = req.form();
  if (auto v = ctx.access().manage_users(ctx.actor, f["agency"]); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  auto res = add_user(ctx.store(), NewUser{f["login"], f["role"], f["agency"], f["officer"]}, f["password"],
                      ctx.actor.login, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res))
    return users_page(ctx, req, 422, json{{"code", r->code}, {"message", refusal_vi(*r)}, {"detail", r->message}}, f);
  ctx.app.cache().note_write();
  return redirect("/admin/users?ok=1");
}

}  // namespace thads::http
