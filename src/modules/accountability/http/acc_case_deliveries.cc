// The decisions sent to the procuracy, as a section of the case page (issue
// 15: a delivery form on the case page), through the case page's section
// registry (http/case_page_blocks.h): each decision on enforcement of the
// case with its Art. 38 due day, when and how it was sent, its status, and for
// heads and clerks a form to record the sending (day, how) or to void the
// sending that counts (day, reason).
//
// Route: POST /cases/{id}/deliveries (type sent | voided). A refusal shows the
// form again with what was typed and the reason in Vietnamese (422); success
// returns to the case page's section. The handler parses, calls one use case
// (app/acc_use_cases.h record_delivery_act) and renders.
#include "http/case_page_blocks.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/accountability/app/acc_use_cases.h"
#include "modules/accountability/app/case_deliveries.h"

namespace thads::accountability {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

constexpr const char* kArticle = "Luật THADS 2008 Điều 38";

std::string status_vi(const std::string& s) {
  if (s == "on_time") return "Gửi đúng hạn";
  if (s == "late") return "Gửi quá hạn";
  if (s == "overdue") return "Chưa gửi, đã quá hạn";
  return "Chưa gửi, còn hạn";
}

json how_options(const std::string& selected) {
  json out = json::array();
  for (const char* h : {"hand", "post", "electronic"})
    out.push_back({{"value", h}, {"label", how_label_vi(h)}, {"selected", selected == h}});
  return out;
}

// The form of one act on one decision: what was typed (after a refusal) or the defaults.
json act_form(const std::string& case_id, int64_t decision, bool voiding, const std::string& csrf, const std::string& date,
              const std::string& how, const std::string& reason) {
  return {{"action", "/cases/" + http::url_encode(case_id) + "/deliveries"},
          {"csrf", csrf},
          {"decision", decision},
          {"type", voiding ? "voided" : "sent"},
          {"is_void", voiding},
          {"date", date},
          {"hows", how_options(how)},
          {"reason", reason},
          {"button", voiding ? "Hủy lần gửi này" : "Ghi nhận đã gửi"}};
}

std::string section(Ctx& ctx, const CaseDetail& d, const CaseScope&, Date today) {
  if (!ctx.session) return {};
  const std::string& id = d.view.case_id;
  auto res = case_deliveries(ctx.store(), ctx.tree(), ctx.session->user, id, d.events, today);
  auto* cd = std::get_if<CaseDeliveries>(&res);
  if (!cd) return {};
  json lines = json::array();
  for (const DecisionLine& l : cd->lines) {
    json line{{"seq", l.seq}, {"label", std::string(label_vi(*event_type_from(l.type)))},
              {"date", l.date.vn()}, {"due", l.due.vn()}, {"sent", l.sent ? json(l.sent->vn()) : json(false)},
              {"how", how_label_vi(l.how)}, {"status", l.status}, {"status_label", status_vi(l.status)}};
    line["form"] = cd->may_record ? act_form(id, l.seq, l.sent.has_value(), ctx.session->csrf, today.vn(), "", "") : json(false);
    lines.push_back(std::move(line));
  }
  json data{{"case", id}, {"article", kArticle}, {"lines", lines}, {"has_lines", !lines.empty()},
            {"may_record", cd->may_record}};
  return ctx.app.templates().render("accountability_case_deliveries", data);
}

// The Vietnamese reason of a delivery refusal (the API keeps the code).
std::string refusal_text_vi(const Refusal& r) {
  if (r.code == "seq_conflict")
    return "Quyết định này đã được ghi nhận là đã gửi Viện kiểm sát. Muốn sửa ngày gửi, hãy hủy lần gửi đó (ghi rõ lý do) "
           "rồi ghi nhận lại.";
  if (r.code == "void_target") return "Quyết định này chưa có lần gửi nào đang có hiệu lực để hủy.";
  if (r.code == "bad_transition") return "Ngày ghi nhận không được trước ngày của lần ghi nhận trước (ngày gửi hoặc ngày hủy).";
  if (r.code == "bad_field" && r.message.find("on or after its date") != std::string::npos)
    return "Ngày gửi không được trước ngày ra quyết định.";
  if (r.code == "bad_field" && r.message.find("'reason'") != std::string::npos) return "Lý do hủy: chưa nhập; đây là thông tin bắt buộc.";
  return http::refusal_vi(r);
}

Response page_delivery(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  http::Params form = req.form();
  const bool voiding = form["type"] == "voided";
  json fields{{"type", voiding ? "voided" : "sent"}, {"date", http::form_date(form["date"])}};
  const std::string& dec = form["decision"];
  const bool numeric = !dec.empty() && dec.size() < 10 && dec.find_first_not_of("0123456789") == std::string::npos;
  fields["decision"] = numeric ? json(std::stoll(dec)) : json(dec);
  if (voiding) fields["reason"] = form["reason"];
  else if (!form["how"].empty()) fields["how"] = form["how"];
  auto res = record_delivery_act(ctx.store(), ctx.session->user, id, fields, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
    if (r->code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
    json data{{"case", id}, {"case_href", "/cases/" + http::url_encode(id)}, {"article", kArticle},
              {"error", {{"code", r->code}, {"message", refusal_text_vi(*r)}, {"detail", r->message}}},
              {"form", act_form(id, numeric ? std::stoll(dec) : 0, voiding, ctx.session->csrf, form["date"], form["how"],
                                form["reason"])}};
    return http::render_page(ctx, req, 422, "accountability_delivery", "Gửi quyết định cho Viện kiểm sát — " + id,
                             std::move(data));
  }
  ctx.app.cache().note_write();
  return http::redirect("/cases/" + http::url_encode(id) + "?ok=recorded#deliveries");
}

[[maybe_unused]] const bool registered = [] {
  http::register_case_page_section(&section);
  http::register_routes([] {
    return std::vector<http::Route>{
        {"POST", "/cases/:id/deliveries", http::Kind::page, http::Auth::session, page_delivery},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::accountability
