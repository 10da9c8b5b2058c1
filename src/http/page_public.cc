// Pages: the public list of debtors without conditions (no login), and the
// administrators' account page.
#include <set>

#include "app/report_layout.h"
#include "app/user_admin.h"
#include "http/admin_view.h"
#include "app/case_search.h"
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
  std::set<std::string> locked;
  for (const auto& [login, until] : locked_logins(ctx.store(), ctx.now)) locked.insert(login);
  json users = json::array();
  for (const User& u : list_users(ctx.store()))
    if (ctx.access().in_subtree(ctx.actor, u.agency))
      users.push_back({{"login", u.login}, {"role", std::string(label_vi(u.role))},
                       {"agency", agency_label(ctx, u.agency)}, {"officer", u.officer}, {"active", u.active},
                       {"locked", locked.count(u.login) > 0}});
  auto get = [&](const char* k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  return render_page(ctx, req, status, "users", "Quản lý tài khoản",
                     {{"users", users}, {"roles", role_options(get("role"))},
                      {"agencies", agency_options(ctx, get("agency"))}, {"officers", officer_options(ctx, get("officer"))},
                      {"login", get("login")}, {"error", error}, {"ok", req.q("ok") == "1"}});
}

std::string agency_name(const AgencyTree& tree, const std::string& code) {
  auto i = tree.find(code);
  return i ? tree.at(*i).name : code;
}

// The agencies a public list shows: the subtree of `agency` (which must lie
// in `province` when both are given), else of `province`, else all.
struct PublicScope {
  std::vector<std::string> agencies;  // empty: all
  bool none = false;                  // nothing can match (unknown code, agency outside the province)
};
PublicScope public_scope(const AgencyTree& tree, const std::string& province, const std::string& agency) {
  PublicScope s;
  const std::string& root = agency.empty() ? province : agency;
  if (root.empty()) return s;
  auto r = tree.find(root);
  auto p = province.empty() ? r : tree.find(province);
  if (!r || !p || !tree.within(*r, *p)) {
    s.none = true;
    return s;
  }
  for (size_t i = 0; i < tree.size(); ++i)
    if (tree.within(static_cast<int>(i), *r)) s.agencies.push_back(tree.at(static_cast<int>(i)).code);
  return s;
}

// The provinces (level province), or every agency below the national level.
json place_options(const AgencyTree& tree, const std::string& selected, bool provinces) {
  json a = json::array();
  a.push_back({{"value", ""}, {"label", provinces ? "Tất cả tỉnh, thành phố" : "Tất cả cơ quan"}, {"selected", selected.empty()}});
  for (size_t i = 0; i < tree.size(); ++i) {
    const AgencyNode& n = tree.at(static_cast<int>(i));
    if (provinces ? n.level != "province" : n.level == "national") continue;
    a.push_back({{"value", n.code}, {"label", n.name}, {"selected", n.code == selected}});
  }
  return a;
}

}  // namespace

Response page_public_unable(Ctx& ctx, const Request& req) {
  const std::string& q = req.q("q");
  const std::string& province = req.q("province");
  const std::string& agency = req.q("agency");
  const size_t offset = offset_of(req);
  const PublicScope scope = public_scope(ctx.tree(), province, agency);
  PublicList list;
  if (!scope.none) list = public_unable_list(ctx.store(), PublicQuery{q, kPage, offset}, scope.agencies);
  json items = json::array();
  for (const CaseRow& r : list.rows) {
    // What must still be done: the money owed, and the obligations that are
    // not money by their name ("Giao tài sản"), never "0 đ" for them.
    std::string obligation = r.remaining > 0 ? vnd(r.remaining) : "";
    if (auto it = list.non_money.find(r.case_id); it != list.non_money.end())
      for (const std::string& c : it->second) obligation += (obligation.empty() ? "" : "; ") + category_label(c);
    if (obligation.empty()) obligation = vnd(r.remaining);
    items.push_back({{"name", r.debtor_name}, {"address", r.debtor_address}, {"judgment", r.judgment_number},
                     {"court", r.court}, {"decision", r.case_id}, {"decision_date", vn_date(r.opened_date)},
                     {"agency", agency_name(ctx.tree(), r.agency)},
                     {"remaining", obligation}, {"reason", code_label("reason", r.unable_reason)},
                     {"decided_on", vn_date(r.unable_date)}});
  }
  const std::string base = "/public/unable-debtors?q=" + url_encode(q) + "&province=" + url_encode(province) +
                           "&agency=" + url_encode(agency) + "&offset=";
  json data{{"q", q},
            {"items", items},
            {"has_items", !items.empty()},
            {"count", items.size()},
            {"total", report_layout::group_thousands(static_cast<int64_t>(list.total))},
            {"shown_from", items.empty() ? 0 : offset + 1},
            {"shown_to", offset + items.size()},
            {"provinces", place_options(ctx.tree(), province, true)},
            {"agencies", place_options(ctx.tree(), agency, false)}};
  if (offset > 0) data["prev_href"] = base + std::to_string(offset >= kPage ? offset - kPage : 0);
  if (offset + items.size() < list.total) data["next_href"] = base + std::to_string(offset + kPage);
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
    return users_page(ctx, req, 422, json{{"code", r->code}, {"message", refusal_vi(*r)}}, f);
  ctx.app.cache().note_write();
  return redirect("/admin/users?ok=1");
}

}  // namespace thads::http
