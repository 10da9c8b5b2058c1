// Coercion plans on the case page (issue 16 item 5; Luật THADS 2008 Art. 72):
// the block of the coordination section (the plans, their three requests,
// the overridden bans, the form) and its routes. One act records the plan,
// the case's coercion_planned event and the three requests
// (app/coercion_plans.h); a ban refuses the plan unless a head overrides it
// with a reason.
//
// Routes: GET /cases/{id}/coercion-plans/new (the form alone, shown again
// with the reasons after a refusal), POST /cases/{id}/coercion-plans,
// POST /cases/{id}/coercion-plans/{seq}/void, GET
// /cases/{id}/coercion-plans/{seq}/pdf; the API GET and POST
// /api/v1/cases/{id}/coercion-plans. Handlers parse, call one use case and
// render.
#include "app/calendar_source.h"
#include "app/settings.h"
#include "app/case_detail.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/coordination/app/coercion_plan_pdf.h"
#include "modules/coordination/app/coercion_plans.h"
#include "modules/coordination/http/coercion_plan_view.h"
#include "modules/oversight/http/oversight_forms.h"

namespace thads::coordination {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

std::string case_path(const std::string& id) { return "/cases/" + http::url_encode(id); }

std::string ban_label(const std::string& code) {
  if (code == "coercion_at_night") return "Cưỡng chế ban đêm (22 giờ – 06 giờ)";
  if (code == "coercion_on_day_off") return "Cưỡng chế vào ngày nghỉ, ngày lễ";
  if (code == "coercion_near_tet") return "Cưỡng chế trong 15 ngày trước, sau Tết Nguyên đán";
  if (code == "chairman_report_late") return "Báo cáo Chủ tịch Ủy ban nhân dân chậm";
  return code;
}

const char* role_label(const std::string& role) {
  return role == "police"             ? "Công an (kế hoạch bảo vệ cưỡng chế)"
         : role == "people_committee" ? "Ủy ban nhân dân cấp xã"
                                      : "Viện kiểm sát nhân dân";
}

json request_json(const std::string& role, const std::string& id, const CaseRequests& cr, Date today) {
  json r{{"role", role}, {"label", role_label(role)}, {"id", id}, {"href", "/oversight/" + http::url_encode(id)}};
  for (const RequestLine& l : cr.lines)
    if (l.row.id == id) {
      json deadlines = json::array();
      for (const Deadline& d : l.deadlines) deadlines.push_back(deadline_json(d, today));
      r["body"] = l.body_name;
      r["state"] = oversight::state_label(l.row.state);
      r["answer"] = l.answer.empty() ? json(false) : json(http::vn_date(l.answer_date));
      r["deadlines"] = deadlines;
    }
  return r;
}

json plan_json(const PlanView& v, const CaseRequests* cr, Date today, const std::string& case_id) {
  const CoercionPlan& p = v.plan;
  json costs = json::array(), overrides = json::array(), bans = json::array(), requests = json::array();
  for (const CostItem& c : p.costs) costs.push_back({{"item", c.item}, {"amount", http::vnd(c.amount)}});
  for (const Override& o : p.overrides)
    overrides.push_back({{"ban", o.ban}, {"label", ban_label(o.ban)}, {"reason", o.reason}, {"by", o.by},
                         {"article", override_article(p, o.ban)}});
  for (const Ban& b : v.bans) bans.push_back({{"code", b.code}, {"message", b.message_vi}, {"article", b.article}});
  if (cr)
    for (const auto& [role, id] : {std::pair<std::string, std::string>{"police", p.police_request},
                                   {"people_committee", p.commune_request},
                                   {"procuracy", p.procuracy_request}})
      requests.push_back(request_json(role, id, *cr, today));
  return {{"seq", p.seq}, {"date", p.date.vn()}, {"person", p.person_name}, {"person_id", p.person_id},
          {"measure", p.measure}, {"measure_label", measure_label(p.measure)}, {"scheduled", p.scheduled.vn()},
          {"start_time", start_time_text(p.start_minutes)}, {"place", p.place}, {"method", p.method},
          {"forces", {{"police", p.forces.police}, {"commune", p.forces.commune}, {"militia", p.forces.militia},
                      {"other", p.forces.other}, {"other_note", p.forces.other_note}}},
          {"costs", costs}, {"total", http::vnd(p.cost_total)}, {"large", p.large},
          {"chairman_report_date", p.chairman_report_date ? p.chairman_report_date->vn() : ""},
          {"overrides", overrides}, {"has_overrides", !overrides.empty()}, {"bans", bans},
          {"requests", requests}, {"event_seq", p.event_seq}, {"voided", v.voided},
          {"void_reason", v.void_reason}, {"voided_by", v.voided_by}, {"actor", p.actor},
          {"pdf_href", case_path(case_id) + "/coercion-plans/" + std::to_string(p.seq) + "/pdf"},
          {"void_action", case_path(case_id) + "/coercion-plans/" + std::to_string(p.seq) + "/void"}};
}

// The form's values: what was typed, else the case's debtor and today.
json plan_form(Ctx& ctx, const std::string& case_id, const CaseOpened* opened, const http::Params* typed,
               bool may_override) {
  auto v = [&](const std::string& k, const std::string& fallback) {
    if (!typed) return fallback;
    auto it = typed->find(k);
    return it == typed->end() ? std::string() : it->second;
  };
  json measures = json::array(), costs = json::array(), bans = json::array();
  for (const char* m : kCoercionMeasures)
    measures.push_back({{"value", m}, {"label", measure_label(m)}, {"selected", v("measure", "") == m}});
  for (int i = 1; i <= 3; ++i) {
    const std::string k = "cost." + std::to_string(i);
    costs.push_back({{"n", i}, {"item", v(k + ".item", "")}, {"amount", v(k + ".amount", "")}});
  }
  if (may_override)
    for (const char* b : kBanCodes)
      bans.push_back({{"code", b}, {"label", ban_label(b)}, {"checked", !v(std::string("override.") + b, "").empty()}});
  return {{"action", case_path(case_id) + "/coercion-plans"},
          {"date", v("date", http::today_vn(ctx))},
          {"person_name", v("person.name", opened ? opened->debtor.name : "")},
          {"person_id", v("person.id_number", opened ? opened->debtor.id_number : "")},
          {"measures", measures},
          {"scheduled_date", v("scheduled_date", "")},
          {"start_time", v("start_time", "08:00")},
          {"place", v("place", opened ? opened->debtor.address : "")},
          {"method", v("method", "")},
          {"police", v("forces.police", "")}, {"commune", v("forces.commune", "")},
          {"militia", v("forces.militia", "")}, {"other", v("forces.other", "")},
          {"other_note", v("forces.other_note", "")},
          {"costs", costs},
          {"large", !v("large", "").empty()},
          {"chairman_report_date", v("chairman_report_date", "")},
          {"may_override", may_override}, {"bans", bans}, {"override_reason", v("override_reason", "")}};
}

// The use case's fields from the posted form (dd/mm/yyyy dates, amounts
// with thousand separators). Malformed input is passed on as text for the
// domain to refuse.
json plan_from_form(const http::Params& f) {
  auto get = [&](const std::string& k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
  };
  auto number = [&](const std::string& k) -> json {
    const std::string s = get(k);
    if (s.empty()) return 0;
    auto n = http::parse_amount(s);
    return n ? json(*n) : json(s);
  };
  json out = json::object();
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
  };
  put("date", http::form_date(get("date")));
  put("scheduled_date", http::form_date(get("scheduled_date")));
  put("chairman_report_date", http::form_date(get("chairman_report_date")));
  put("measure", get("measure"));
  put("start_time", get("start_time"));
  put("place", get("place"));
  put("method", get("method"));
  if (!get("person.name").empty()) {
    out["person"] = {{"name", get("person.name")}};
    if (!get("person.id_number").empty()) out["person"]["id_number"] = get("person.id_number");
  }
  out["forces"] = {{"police", number("forces.police")}, {"commune", number("forces.commune")},
                   {"militia", number("forces.militia")}, {"other", number("forces.other")}};
  if (!get("forces.other_note").empty()) out["forces"]["other_note"] = get("forces.other_note");
  out["costs"] = json::array();
  for (int i = 1; i <= 3; ++i) {
    const std::string k = "cost." + std::to_string(i);
    if (get(k + ".item").empty() && get(k + ".amount").empty()) continue;
    out["costs"].push_back({{"item", get(k + ".item")}, {"amount", number(k + ".amount")}});
  }
  out["large"] = !get("large").empty();
  json overrides = json::array();
  for (const char* b : kBanCodes)
    if (!get(std::string("override.") + b).empty()) overrides.push_back({{"ban", b}, {"reason", get("override_reason")}});
  if (!overrides.empty()) out["overrides"] = overrides;
  return out;
}

// A plan's refusal in Vietnamese: the module's own codes, else the catalogue's.
std::string plan_refusal_vi(const Refusal& r) {
  const std::string vi = ban_text_vi(r.code);
  if (!vi.empty()) return vi + " Thủ trưởng cơ quan thi hành án có thể cho phép, ghi rõ lý do.";
  if (r.code == "missing_body")
    return "Chưa có trong danh mục cơ quan phối hợp: " + r.message + ". Đề nghị quản trị viên bổ sung trước khi lập kế hoạch.";
  if (r.code == "override_forbidden")
    return "Chỉ Thủ trưởng cơ quan thi hành án (hoặc cấp trên) mới được cho phép cưỡng chế trái quy định này.";
  return http::refusal_vi(r);
}

// The refusal as the form shows it: each ban broken, in Vietnamese, with its article.
json error_json(const Refusal& r, const std::vector<Ban>& bans) {
  json list = json::array();
  for (const Ban& b : bans) list.push_back({{"code", b.code}, {"message", b.message_vi}, {"article", b.article}});
  return {{"code", r.code}, {"message", plan_refusal_vi(r)}, {"article", r.article}, {"detail", r.message}, {"bans", list}};
}

Response deny_refusal(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, r.code == "version_conflict" ? 409 : 422, http::refusal_vi(r));
}

Response render_form(Ctx& ctx, const Request& req, int status, const std::string& case_id, const http::Params* typed,
                     const json& error) {
  auto c = case_scope(ctx.store(), case_id);
  if (!c) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (Verdict v = ctx.access().read_case(ctx.actor, *c); v != Verdict::allow) return http::deny(ctx, req, http::Kind::page, v);
  if (!may_plan(ctx.store(), ctx.session->user, case_id)) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  auto detail = load_case_detail(ctx.store(), case_id, vn_date_of(ctx.now));
  if (!detail) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  json data{{"case", case_id}, {"case_href", case_path(case_id)}, {"error", error},
            {"plan_form", plan_form(ctx, case_id, detail->opened.get(), typed,
                                    may_override(ctx.store(), ctx.session->user, case_id))}};
  return http::render_page(ctx, req, status, "coordination_coercion_plan", "Kế hoạch cưỡng chế — " + case_id,
                           std::move(data));
}

Response page_form(Ctx& ctx, const Request& req) { return render_form(ctx, req, 200, req.param("id"), nullptr, false); }

// The bans the typed plan breaks, for the refusal's list (nothing when it does not parse).
std::vector<Ban> bans_of_typed(Ctx& ctx, const std::string& case_id, json fields) {
  fields["kind"] = "coercion_plan";
  fields["case"] = case_id;
  fields["seq"] = 1;
  fields["type"] = "planned";
  fields.erase("overrides");
  if (!fields.contains("date")) fields["date"] = vn_date_of(ctx.now).iso();
  if (!fields.contains("person")) fields["person"] = {{"name", "-"}};
  auto p = parse_coercion_plan(fields, ctx.now, true);
  auto* plan = std::get_if<CoercionPlan>(&p);
  if (!plan) return {};
  return plan_bans(*plan, official_calendar_with(ctx.store().holidays()), legal_settings().tet_window_days);
}

Response page_record(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  http::Params form = req.form();
  const json fields = plan_from_form(form);
  auto res = record_coercion_plan(ctx.store(), ctx.session->user, id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden") return deny_refusal(ctx, req, *r);
    const bool ban = !ban_text_vi(r->code).empty();
    return render_form(ctx, req, 422, id, &form, error_json(*r, ban ? bans_of_typed(ctx, id, fields) : std::vector<Ban>{}));
  }
  ctx.app.cache().note_write();
  return http::redirect(case_path(id) + "?ok=recorded#coercion-plans");
}

std::optional<int64_t> seq_param(const Request& req) {
  const std::string& v = req.param("seq");
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(v);
}

Response page_void(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  auto seq = seq_param(req);
  if (!seq) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  http::Params form = req.form();
  auto res = void_coercion_plan(ctx.store(), ctx.session->user, id, *seq, form["reason"], ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return deny_refusal(ctx, req, *r);
  ctx.app.cache().note_write();
  return http::redirect(case_path(id) + "?ok=recorded#coercion-plans");
}

Response page_pdf(Ctx& ctx, const Request& req) {
  auto seq = seq_param(req);
  if (!seq) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  auto res = coercion_plan_pdf(ctx.store(), ctx.session->user, req.param("id"), *seq);
  if (auto* r = std::get_if<Refusal>(&res)) return deny_refusal(ctx, req, *r);
  PlanPdf& pdf = std::get<PlanPdf>(res);
  Response out = http::text_response(200, std::move(pdf.bytes), "application/pdf");
  out.header("Content-Disposition", "inline; filename=\"" + pdf.filename + "\"");
  return out;
}

// --- API --------------------------------------------------------------------

Response api_list(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  auto res = coercion_plans(ctx.store(), ctx.session->user, id);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  const Date today = vn_date_of(ctx.now);
  for (const PlanView& v : std::get<std::vector<PlanView>>(res)) items.push_back(plan_json(v, nullptr, today, id));
  return http::json_response(200, {{"items", items}, {"total", items.size()}});
}

Response api_record(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object())
    return http::api_error(400, "bad_field", "send the plan as a JSON object (docs/formats/coordination.md)",
                           "Yêu cầu không đúng định dạng.");
  const std::string& id = req.param("id");
  auto res = record_coercion_plan(ctx.store(), ctx.session->user, id, *body, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden" || r->code == "version_conflict") return http::refusal_response(*r);
    return http::api_error(422, r->code, r->message, plan_refusal_vi(*r), r->article);
  }
  ctx.app.cache().note_write();
  const PlanView& v = std::get<PlanView>(res);
  json out = plan_json(v, nullptr, vn_date_of(ctx.now), id);
  out["requests"] = {{"police", v.plan.police_request},
                     {"people_committee", v.plan.commune_request},
                     {"procuracy", v.plan.procuracy_request}};
  return http::json_response(201, out);
}

}  // namespace

json coercion_block(Ctx& ctx, const std::string& case_id, const CaseRequests& cr, Date today, const CaseOpened* opened,
                    bool case_ended) {
  json plans = json::array(), event_seqs = json::array();
  auto res = coercion_plans(ctx.store(), ctx.tree(), ctx.session->user, case_id);
  if (auto* list = std::get_if<std::vector<PlanView>>(&res))
    for (const PlanView& v : *list) {
      plans.push_back(plan_json(v, &cr, today, case_id));
      event_seqs.push_back(v.plan.event_seq);
    }
  const bool may = !case_ended && may_plan(ctx.store(), ctx.tree(), ctx.session->user, case_id);
  if (may)
    for (json& p : plans) p["may_void"] = !p["voided"].get<bool>();
  json form = false;
  if (may) form = plan_form(ctx, case_id, opened, nullptr, may_override(ctx.store(), ctx.tree(), ctx.session->user, case_id));
  return {{"plans", plans}, {"has_plans", !plans.empty()}, {"plan_form", form}, {"event_seqs", event_seqs}};
}

namespace {

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/cases/:id/coercion-plans/new", Kind::page, Auth::session, page_form},
        {"POST", "/cases/:id/coercion-plans", Kind::page, Auth::session, page_record},
        {"POST", "/cases/:id/coercion-plans/:seq/void", Kind::page, Auth::session, page_void},
        {"GET", "/cases/:id/coercion-plans/:seq/pdf", Kind::page, Auth::session, page_pdf},
        {"GET", "/api/v1/cases/:id/coercion-plans", Kind::api, Auth::session, api_list},
        {"POST", "/api/v1/cases/:id/coercion-plans", Kind::api, Auth::session, api_record},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::coordination
