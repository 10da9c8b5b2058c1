// Intake page: a judgment handed over by a court and an enforcement request
// become an enforcement decision (case_opened), optionally with an officer.
#include "http/event_form.h"
#include "http/handlers.h"
#include "app/intake.h"
#include "http/pages.h"
#include "app/workload.h"

namespace thads::http {
namespace {

using json = nlohmann::json;
constexpr int kObligationRows = 4;

void put(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// The case_opened fields of interchange.md from the intake form.
json case_opened_from_form(Params& f) {
  json ev{{"agency", f["agency"]}, {"mode", f["mode"]}, {"judgment_kind", f["judgment_kind"]}};
  put(ev, "date", form_date(f["date"]));
  json judgment = json::object();
  put(judgment, "number", f["judgment_number"]);
  put(judgment, "court", f["judgment_court"]);
  put(judgment, "date", form_date(f["judgment_date"]));
  put(judgment, "effective_date", form_date(f["judgment_effective_date"]));
  put(judgment, "received_date", form_date(f["judgment_received_date"]));
  ev["judgment"] = judgment;
  json debtor{{"name", f["debtor_name"]}, {"kind", f["debtor_kind"]}};
  put(debtor, "id_number", f["debtor_id_number"]);
  put(debtor, "address", f["debtor_address"]);
  ev["debtor"] = debtor;
  ev["creditor"] = {{"name", f["creditor_name"]}, {"kind", f["creditor_kind"]}};
  put(ev["creditor"], "id_number", f["creditor_id_number"]);
  put(ev["creditor"], "address", f["creditor_address"]);
  ev["obligations"] = json::array();
  for (int i = 1; i <= kObligationRows; ++i) {
    const std::string cat = f["obligation_category_" + std::to_string(i)];
    const std::string amount = f["obligation_amount_" + std::to_string(i)];
    if (cat.empty()) continue;
    json o{{"category", cat}};
    if (!amount.empty()) {
      if (auto n = parse_amount(amount)) o["amount"] = *n;
      else o["amount"] = amount;  // refused as bad_field
    }
    ev["obligations"].push_back(o);
  }
  if (f["mode"] == "on_request") put(ev, "request_date", form_date(f["request_date"]));
  if (!f["late_acceptance_reason"].empty()) ev["late_acceptance"] = {{"reason", f["late_acceptance_reason"]}};
  return ev;
}

json choices(const std::vector<Choice>& c, const std::string& selected) {
  json a = json::array();
  for (const Choice& x : c) a.push_back({{"value", x.value}, {"label", x.label}, {"selected", x.value == selected}});
  return a;
}

Response intake_form(Ctx& ctx, const Request& req, int status, Params values, const json& error) {
  json agencies = json::array();
  const std::string agency = values["agency"].empty() ? ctx.actor.agency : values["agency"];
  for (const std::string& code : ctx.access().subtree_codes(ctx.actor)) {
    const auto& n = ctx.tree().at(*ctx.tree().find(code));
    agencies.push_back({{"value", code}, {"label", n.name + " (" + code + ")"}, {"selected", code == agency}});
  }
  json officers = json::array();
  if (ctx.actor.role == Role::head)
    for (const OfficerLoad& o : officer_loads(ctx.store(), agency))
      officers.push_back({{"value", o.id},
                          {"label", o.name + " — " + std::to_string(o.open_cases) + " việc" + (o.suggested ? " (đề xuất)" : "")},
                          {"selected", o.id == values["officer"]}});
  json obligations = json::array();
  for (int i = 1; i <= kObligationRows; ++i) {
    const std::string n = std::to_string(i);
    obligations.push_back({{"n", n},
                           {"categories", choices(obligation_categories(), values["obligation_category_" + n])},
                           {"amount", values["obligation_amount_" + n]}});
  }
  json v = json::object();
  for (const auto& [k, val] : values) v[k] = val;
  if (!v.contains("date")) v["date"] = today_vn(ctx);
  return render_page(ctx, req, status, "intake", "Tiếp nhận bản án, yêu cầu thi hành án",
                     {{"agencies", agencies},
                      {"kinds", choices(judgment_kinds(), values["judgment_kind"].empty() ? "civil" : values["judgment_kind"])},
                      {"on_request", values["mode"] == "on_request"},
                      {"debtor_org", values["debtor_kind"] == "organization"},
                      {"creditor_kind_" + (values["creditor_kind"].empty() ? std::string("person") : values["creditor_kind"]), true},
                      {"officers", officers}, {"can_assign", !officers.empty()},
                      {"obligations", obligations}, {"v", v}, {"error", error}});
}

}  // namespace

Response page_intake(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().open_case(ctx.actor, ctx.actor.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  return intake_form(ctx, req, 200, {}, false);
}

Response page_intake_post(Ctx& ctx, const Request& req) {
  Params f = req.form();
  if (auto v = ctx.access().open_case(ctx.actor, f["agency"].empty() ? ctx.actor.agency : f["agency"]);
      v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  IntakeRequest in{case_opened_from_form(f), f["officer"]};
  auto res = register_case(ctx.store(), ctx.access(), ctx.actor, in, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res))
    return intake_form(ctx, req, r->code == "forbidden" ? 403 : 422, f,
                       json{{"code", r->code}, {"message", refusal_vi(*r)}, {"article", r->article}, {"detail", r->message}});
  ctx.app.cache().note_write();
  return redirect("/cases/" + url_encode(std::get<IntakeResult>(res).case_id) + "?ok=opened");
}

}  // namespace thads::http
