// The register of bodies for admins (issue 16 item 1): /admin/bodies lists
// the bodies of the admin's area (filter by area and type) with a form to
// add one; /admin/bodies/{code} corrects its name or area and deactivates or
// reactivates it. The API: GET/POST /api/v1/bodies, GET/PUT
// /api/v1/bodies/{code}. Handlers parse, call one use case
// (app/body_register.h, which checks the rights) and render.
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/coordination/app/body_register.h"

namespace thads::coordination {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

const User& user_of(Ctx& ctx) { return ctx.session->user; }

json entry_json(const BodyEntry& e) {
  json j{{"code", e.body.code}, {"name", e.body.name}, {"type", e.body.type},
         {"active", e.active},  {"changes", e.changes}};
  j["agency"] = e.body.agency.empty() ? json(nullptr) : json(e.body.agency);
  return j;
}

json error_json(const Refusal& r) {
  return {{"code", r.code}, {"message", http::refusal_vi(r)}, {"detail", r.message}};
}

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, 422, http::refusal_vi(r));
}

int status_of(const Refusal& r) {
  return r.code == "version_conflict" ? 409 : r.code == "not_found" ? 404 : r.code == "forbidden" ? 403 : 422;
}

json agency_options(Ctx& ctx, const std::string& selected, bool with_none) {
  json out = json::array();
  if (with_none) out.push_back({{"value", ""}, {"label", "— toàn quốc, không thuộc địa bàn nào —"}, {"selected", selected.empty()}});
  for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
    const auto i = ctx.tree().find(c);
    out.push_back({{"value", c}, {"label", (i ? ctx.tree().at(*i).name : c) + " (" + c + ")"}, {"selected", c == selected}});
  }
  return out;
}

json type_options(const std::string& selected) {
  json out = json::array();
  for (const char* t : kBodyTypes) out.push_back({{"value", t}, {"label", body_type_label(t)}, {"selected", selected == t}});
  return out;
}

bool root_admin(Ctx& ctx) {
  auto i = ctx.tree().find(ctx.actor.agency);
  return i && ctx.tree().at(*i).parent.empty();
}

Response render_list(Ctx& ctx, const Request& req, int status, const http::Params& typed, const json& error) {
  if (!manages_bodies(user_of(ctx))) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  const std::string& agency = req.q("agency");
  const std::string& type = req.q("type");
  auto res = list_bodies(ctx.store(), user_of(ctx), BodyQuery{agency, type, false});
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  json rows = json::array();
  for (const BodyEntry& e : std::get<std::vector<BodyEntry>>(res)) {
    std::string area = e.body.agency;
    if (auto i = ctx.tree().find(area)) area = ctx.tree().at(*i).name + " (" + area + ")";
    rows.push_back({{"code", e.body.code}, {"name", e.body.name}, {"type_label", body_type_label(e.body.type)},
                    {"area", area.empty() ? "Toàn quốc" : area}, {"active", e.active},
                    {"href", "/admin/bodies/" + http::url_encode(e.body.code)}});
  }
  auto typed_of = [&](const char* k) {
    auto it = typed.find(k);
    return it == typed.end() ? std::string() : it->second;
  };
  json data{{"rows", rows},
            {"has_rows", !rows.empty()},
            {"count", rows.size()},
            {"filter_agencies", agency_options(ctx, agency, false)},
            {"filter_types", type_options(type)},
            {"agencies", agency_options(ctx, typed_of("agency").empty() ? ctx.actor.agency : typed_of("agency"), root_admin(ctx))},
            {"types", type_options(typed_of("type"))},
            {"code", typed_of("code")},
            {"name", typed_of("name")},
            {"error", error},
            {"ok", req.q("ok") == "added" ? "Đã thêm cơ quan, tổ chức." : req.q("ok") == "changed" ? "Đã lưu thay đổi." : ""}};
  return http::render_page(ctx, req, status, "coordination_bodies", "Cơ quan, tổ chức phối hợp", std::move(data));
}

Response page_bodies(Ctx& ctx, const Request& req) { return render_list(ctx, req, 200, {}, false); }

Response page_bodies_post(Ctx& ctx, const Request& req) {
  http::Params form = req.form();
  json fields{{"code", form["code"]}, {"name", form["name"]}, {"type", form["type"]}};
  if (!form["agency"].empty()) fields["agency"] = form["agency"];
  auto res = add_body(ctx.store(), user_of(ctx), fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "forbidden" || r->code == "not_found") return refusal_page(ctx, req, *r);
    return render_list(ctx, req, status_of(*r), form, error_json(*r));
  }
  ctx.app.cache().note_write();
  return http::redirect("/admin/bodies?ok=added");
}

Response render_body(Ctx& ctx, const Request& req, int status, const std::string& code, const json& error) {
  if (!manages_bodies(user_of(ctx))) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  auto res = read_body(ctx.store(), user_of(ctx), code);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const BodyEntry& e = std::get<BodyEntry>(res);
  json body = entry_json(e);
  body["active_attr"] = e.active ? "true" : "false";  // mustache renders a false flag as nothing
  json data{{"body", body},
            {"type_label", body_type_label(e.body.type)},
            {"agencies", agency_options(ctx, e.body.agency, e.body.agency.empty())},
            {"error", error}};
  return http::render_page(ctx, req, status, "coordination_body", "Cơ quan, tổ chức: " + e.body.name, std::move(data));
}

Response page_body(Ctx& ctx, const Request& req) { return render_body(ctx, req, 200, req.param("code"), false); }

Response page_body_post(Ctx& ctx, const Request& req) {
  http::Params form = req.form();
  const std::string& code = req.param("code");
  json fields = json::object();
  if (form["action"] == "deactivate") fields["active"] = false;
  else if (form["action"] == "activate") fields["active"] = true;
  else {
    fields["name"] = form["name"];
    if (!form["agency"].empty()) fields["agency"] = form["agency"];
  }
  std::optional<int64_t> expected = -1;
  if (const std::string& v = form["expected_changes"]; !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos)
    expected = std::stoll(v);
  auto res = change_body(ctx.store(), user_of(ctx), code, fields, expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "forbidden" || r->code == "not_found") return refusal_page(ctx, req, *r);
    return render_body(ctx, req, status_of(*r), code, error_json(*r));
  }
  ctx.app.cache().note_write();
  return http::redirect("/admin/bodies?ok=changed");
}

// --- API --------------------------------------------------------------------

Response api_bodies(Ctx& ctx, const Request& req) {
  auto res = list_bodies(ctx.store(), user_of(ctx), BodyQuery{req.q("agency"), req.q("type"), req.q("active") == "true"});
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const BodyEntry& e : std::get<std::vector<BodyEntry>>(res)) items.push_back(entry_json(e));
  return http::json_response(200, {{"items", items}, {"total", items.size()}});
}

Response api_body(Ctx& ctx, const Request& req) {
  auto res = read_body(ctx.store(), user_of(ctx), req.param("code"));
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return http::json_response(200, entry_json(std::get<BodyEntry>(res)));
}

Response api_add_body(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object())
    return http::api_error(400, "bad_field", R"(send {"code","name","type","agency"?} as application/json)",
                           "Yêu cầu không đúng định dạng.");
  auto res = add_body(ctx.store(), user_of(ctx), *body, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  ctx.app.cache().note_write();
  return http::json_response(201, entry_json(std::get<BodyEntry>(res)));
}

Response api_change_body(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object() || !body->contains("expected_changes") || !(*body)["expected_changes"].is_number_integer())
    return http::api_error(400, "bad_field", R"(send {"name"?,"agency"?,"active"?,"expected_changes":N} as application/json)",
                           "Yêu cầu không đúng định dạng.");
  const int64_t expected = (*body)["expected_changes"].get<int64_t>();
  body->erase("expected_changes");
  auto res = change_body(ctx.store(), user_of(ctx), req.param("code"), *body, expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  ctx.app.cache().note_write();
  return http::json_response(200, entry_json(std::get<BodyEntry>(res)));
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/admin/bodies", Kind::page, Auth::session, page_bodies},
        {"POST", "/admin/bodies", Kind::page, Auth::session, page_bodies_post},
        {"GET", "/admin/bodies/:code", Kind::page, Auth::session, page_body},
        {"POST", "/admin/bodies/:code", Kind::page, Auth::session, page_body_post},
        {"GET", "/api/v1/bodies", Kind::api, Auth::session, api_bodies},
        {"POST", "/api/v1/bodies", Kind::api, Auth::session, api_add_body},
        {"GET", "/api/v1/bodies/:code", Kind::api, Auth::session, api_body},
        {"PUT", "/api/v1/bodies/:code", Kind::api, Auth::session, api_change_body},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::coordination
