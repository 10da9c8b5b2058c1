// The requests section of the case page (issue 16 item 2), through the case
// page's section registry (http/case_page_blocks.h): the case's requests to
// other bodies with their deadlines and answers and a form for each act the
// user may record on them now (answer, reminder, lifting, closing); what is
// frozen and stopped, where, and how much of the debt it covers, with the
// warning to lift the excess; and the form to send a request (the subject is
// the case's debtor by default, with the ID number prefilled).
//
// Routes: POST /cases/{id}/requests (send), GET /cases/{id}/requests/new (the
// form alone, shown again with the reason after a refusal), POST
// /cases/{id}/requests/{rid}/acts (an act on one request). Handlers parse,
// call one use case (app/case_requests.h, oversight's record_act.h) and render.
#include <algorithm>

#include "http/case_page_blocks.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/coordination/app/body_register.h"
#include "modules/coordination/app/case_requests.h"
#include "modules/coordination/app/request_letter_pdf.h"
#include "modules/coordination/http/coercion_plan_view.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/http/oversight_forms.h"

namespace thads::coordination {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;
using oversight::StreamKind;

constexpr const char* kExcessArticle = "Luật THADS 2008 Điều 67; NĐ 62/2015/NĐ-CP Điều 13(1)";

std::string purpose_label(const std::string& p) { return oversight::choice_text(StreamKind::request, "sent", "purpose", p); }
std::string result_label(const std::string& r) { return oversight::choice_text(StreamKind::request, "answered", "result", r); }

}  // namespace

json deadline_json(const Deadline& d, Date today) {
  const bool met = d.state == Deadline::State::met;
  const bool late = !met && (d.state == Deadline::State::missed || d.due < today);
  return {{"label", d.label_vi}, {"due", d.due.vn()}, {"article", d.article},
          {"status", met ? "met" : late ? "missed" : "open"},
          {"status_label", met ? "Đúng hạn" : late ? "Quá hạn" : "Còn hạn"}, {"met_on", d.met_on ? d.met_on->vn() : ""}};
}

namespace {

json letters_json(const RequestLine& l, const std::string& case_id) {
  json out = json::array();
  for (const RequestLine::Letter& x : l.letters) {
    const std::string label = x.type == "sent"       ? "Văn bản yêu cầu"
                              : x.type == "reminded" ? "Văn bản đôn đốc " + http::vn_date(x.date)
                                                     : "Quyết định giải tỏa";
    out.push_back({{"label", label}, {"seq", x.seq},
                   {"href", "/cases/" + http::url_encode(case_id) + "/requests/" + http::url_encode(l.row.id) + "/letters/" +
                                std::to_string(x.seq)}});
  }
  return out;
}

json act_forms(const RequestLine& l, const std::string& case_id, const std::string& today) {
  json forms = json::array();
  for (const std::string& type : l.offered)
    forms.push_back({{"type", type}, {"label", oversight::act_label(StreamKind::request, type)},
                     {"action", "/cases/" + http::url_encode(case_id) + "/requests/" + http::url_encode(l.row.id) + "/acts"},
                     {"version", l.row.version}, {"today", today}, {"is_answer", type == "answered"}});
  return forms;
}

// The body choices of the send form: the active bodies the user reads.
json body_options(Ctx& ctx, const std::string& selected) {
  json out = json::array();
  auto res = list_bodies(ctx.tree(), *held_body_register(ctx.store(), ctx.app.cache()), ctx.session->user,
                         BodyQuery{"", "", true});
  if (auto* list = std::get_if<std::vector<BodyEntry>>(&res))
    for (const BodyEntry& b : *list)
      out.push_back({{"value", b.body.code}, {"label", b.body.name + " (" + b.body.code + ")"}, {"selected", b.body.code == selected}});
  return out;
}

json purpose_options(const std::string& selected) {
  json out = json::array();
  for (const char* p : {"verify_assets", "freeze_account", "stop_transfer", "protection", "other"})
    out.push_back({{"value", p}, {"label", purpose_label(p)}, {"selected", selected == p}});
  return out;
}

// The send form's values: what was typed, else the case's debtor and what is left to freeze.
json send_form(Ctx& ctx, const std::string& case_id, const CaseOpened& opened, Money to_freeze, const http::Params* typed) {
  auto v = [&](const char* k, const std::string& fallback) {
    if (!typed) return fallback;
    auto it = typed->find(k);
    return it == typed->end() ? std::string() : it->second;
  };
  return {{"action", "/cases/" + http::url_encode(case_id) + "/requests"},
          {"date", v("date", http::today_vn(ctx))},
          {"bodies", body_options(ctx, v("body", ""))},
          {"purposes", purpose_options(v("purpose", ""))},
          {"subject_name", v("subject.name", opened.debtor.name)},
          {"subject_id", v("subject.id_number", opened.debtor.id_number)},
          {"amount", v("amount", to_freeze > 0 ? std::to_string(to_freeze) : "")}};
}

json section_data(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, Date today) {
  const std::string& id = d.view.case_id;
  const CaseRequests cr = case_requests(ctx.store(), ctx.tree(), *held_body_register(ctx.store(), ctx.app.cache()),
                                        ctx.session->user, id, scope.agency, scope.officer, d.events, today);
  const std::string today_vn = today.vn();
  json lines = json::array(), frozen = json::array();
  for (const RequestLine& l : cr.lines) {
    json deadlines = json::array();
    for (const Deadline& x : l.deadlines) deadlines.push_back(deadline_json(x, today));
    lines.push_back({{"id", l.row.id}, {"href", "/oversight/" + http::url_encode(l.row.id)},
                     {"body", l.body_name}, {"purpose", purpose_label(l.purpose)},
                     {"subject", l.subject_name}, {"subject_id", l.subject_id},
                     {"amount", l.amount > 0 ? http::vnd(l.amount) : ""}, {"sent", http::vn_date(l.row.opened)},
                     {"state", oversight::state_label(l.row.state)},
                     {"answer", l.answer.empty() ? "" : result_label(l.answer)},
                     {"answer_date", http::vn_date(l.answer_date)}, {"reminders", l.reminders > 0 ? json(l.reminders) : json(false)},
                     {"deadlines", deadlines}, {"letters", letters_json(l, id)}, {"forms", act_forms(l, id, today_vn)}, {"has_forms", !l.offered.empty()}});
    if (l.frozen > 0 || l.stop_standing)
      frozen.push_back({{"id", l.row.id}, {"body", l.body_name}, {"purpose", purpose_label(l.purpose)},
                        {"amount", l.frozen > 0 ? http::vnd(l.frozen) : "—"}, {"subject_id", l.subject_id}});
  }
  json coercion = coercion_block(ctx, id, cr, today, d.opened.get(), d.state.ended);
  json plans = json::array();
  for (const CoercionPlanNotice& p : cr.coercion_plans) {
    // A plan recorded as a coercion_plan shows its own requests.
    if (std::find(coercion["event_seqs"].begin(), coercion["event_seqs"].end(), json(p.event_seq)) !=
        coercion["event_seqs"].end())
      continue;
    json recipients = json::array();
    for (const PlanRecipient& r : p.recipients)
      recipients.push_back({{"role", r.role},
                            {"label", r.role == "police"             ? "Công an cùng cấp (đề nghị bảo vệ cưỡng chế)"
                                      : r.role == "people_committee" ? "Ủy ban nhân dân cấp xã"
                                                                     : "Viện kiểm sát nhân dân cùng cấp"},
                            {"sent", r.sent_on ? json(r.sent_on->vn()) : json(false)}});
    plans.push_back({{"planned", p.planned.vn()}, {"scheduled", p.scheduled ? p.scheduled->vn() : ""},
                     {"recipients", recipients}});
  }
  const FreezeSummary& f = cr.freeze;
  json data{{"case", id},
            {"plans", plans},
            {"coercion", coercion},
            {"lines", lines},
            {"has_lines", !lines.empty()},
            {"frozen", frozen},
            {"has_frozen", !frozen.empty()},
            {"freeze", {{"frozen", http::vnd(f.frozen)}, {"remaining", http::vnd(f.remaining)},
                        {"coverage", f.coverage_percent}, {"stops", f.stops}}},
            {"excess", f.excess > 0 ? json{{"amount", http::vnd(f.excess)}, {"article", kExcessArticle}} : json(false)}};
  if (cr.may_send && !d.state.ended) {
    const Money room = f.remaining > f.frozen ? f.remaining - f.frozen : 0;
    data["send"] = send_form(ctx, id, *d.opened, room, nullptr);
  } else {
    data["send"] = false;
  }
  return data;
}

std::string section(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, Date today) {
  if (!ctx.session || !oversight::reads_kind(ctx.actor.role, StreamKind::request)) return {};
  json data = section_data(ctx, d, scope, today);
  data["csrf"] = ctx.session->csrf;
  return ctx.app.templates().render("coordination_case_section", data);
}

// --- routes -------------------------------------------------------------------

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, r.code == "version_conflict" ? 409 : 422, http::refusal_vi(r));
}

Response render_send(Ctx& ctx, const Request& req, int status, const std::string& case_id, const http::Params* typed,
                     const json& error) {
  auto c = case_scope(ctx.store(), case_id);
  if (!c) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (Verdict v = ctx.access().read_case(ctx.actor, *c); v != Verdict::allow) return http::deny(ctx, req, http::Kind::page, v);
  const Date today = vn_date_of(ctx.now);
  auto detail = load_case_detail(ctx.store(), case_id, today);
  if (!detail) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  const CaseRequests cr = case_requests(ctx.store(), ctx.session->user, case_id, c->agency, c->officer, detail->events, today);
  if (!cr.may_send) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  const Money room = cr.freeze.remaining > cr.freeze.frozen ? cr.freeze.remaining - cr.freeze.frozen : 0;
  json data{{"case", case_id}, {"case_href", "/cases/" + http::url_encode(case_id)},
            {"send", send_form(ctx, case_id, *detail->opened, room, typed)}, {"error", error},
            {"freeze", {{"frozen", http::vnd(cr.freeze.frozen)}, {"remaining", http::vnd(cr.freeze.remaining)}}}};
  return http::render_page(ctx, req, status, "coordination_send", "Gửi yêu cầu cơ quan, tổ chức — " + case_id, std::move(data));
}

Response page_send_form(Ctx& ctx, const Request& req) { return render_send(ctx, req, 200, req.param("id"), nullptr, false); }

Response page_send(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  http::Params form = req.form();
  form["type"] = "sent";
  json fields = oversight::act_from_form(StreamKind::request, form);
  auto res = send_request(ctx.store(), ctx.session->user, id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden") return refusal_page(ctx, req, *r);
    return render_send(ctx, req, 422, id, &form,
                       json{{"code", r->code}, {"message", http::refusal_vi(*r)}, {"article", r->article}, {"detail", r->message}});
  }
  ctx.app.cache().note_write();
  return http::redirect("/cases/" + http::url_encode(id) + "?ok=recorded#requests");
}

// GET /cases/{id}/requests/{rid}/letters/{seq}: the letter of one act as PDF.
Response page_letter(Ctx& ctx, const Request& req) {
  const std::string& v = req.param("seq");
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  auto res = request_letter_pdf(ctx.store(), ctx.session->user, req.param("id"), req.param("rid"), std::stoll(v));
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  LetterPdf& pdf = std::get<LetterPdf>(res);
  Response out = http::text_response(200, std::move(pdf.bytes), "application/pdf");
  out.header("Content-Disposition", "inline; filename=\"" + pdf.filename + "\"");
  return out;
}

Response page_request_act(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  const std::string& rid = req.param("rid");
  http::Params form = req.form();
  std::optional<int64_t> expected = -1;
  if (const std::string& v = form["expected_seq"]; !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos)
    expected = std::stoll(v);
  auto row = oversight::stream_row(ctx.store().db(), rid);
  if (!row || row->case_id != id) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  auto res = oversight::record_act(ctx.store(), ctx.session->user, StreamKind::request, rid,
                                   oversight::act_from_form(StreamKind::request, form), expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  ctx.app.cache().note_write();
  return http::redirect("/cases/" + http::url_encode(id) + "?ok=recorded#requests");
}

[[maybe_unused]] const bool registered = [] {
  http::register_case_page_section(&section);
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/cases/:id/requests/new", Kind::page, Auth::session, page_send_form},
        {"POST", "/cases/:id/requests", Kind::page, Auth::session, page_send},
        {"POST", "/cases/:id/requests/:rid/acts", Kind::page, Auth::session, page_request_act},
        {"GET", "/cases/:id/requests/:rid/letters/:seq", Kind::page, Auth::session, page_letter},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::coordination
