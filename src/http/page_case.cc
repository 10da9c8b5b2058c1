// The case page: parties, obligations, money ledger, deadlines, warnings,
// timeline, and a form for every act the user may record.
#include <algorithm>
#include <optional>
#include <set>

#include "app/case_commands.h"
#include "domain/interchange.h"
#include "domain/voided.h"
#include "http/case_page_blocks.h"
#include "app/case_detail.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "app/workload.h"

namespace thads::http {
namespace {

using json = nlohmann::json;

std::string party_kind(const std::string& k) {
  return k == "person" ? "Cá nhân" : k == "organization" ? "Tổ chức" : k == "state" ? "Nhà nước" : k;
}

// "Số tiền: 1.000.000 đ; Hình thức: Tự nguyện nộp" from an event's payload.
std::string details_of(const Event& e) {
  if (e.type == EventType::case_opened && e.opened()) return "Số tiền phải thi hành: " + vnd(e.opened()->opened_amount());
  json raw = json::parse(e.raw, nullptr, false);
  std::string out;
  for (const FormField& f : form_fields(e.type)) {
    if (!raw.is_object() || !raw.contains(f.name)) continue;
    const json& v = raw[f.name];
    std::string text;
    if (f.kind == FormField::amount && v.is_number_integer()) text = vnd(v.get<int64_t>());
    else if (f.kind == FormField::flag) text = v == true ? "có" : "không";
    else if (f.kind == FormField::date && v.is_string()) text = vn_date(v.get<std::string>());
    else if (v.is_string()) text = f.kind == FormField::choice ? code_label(f.name, v.get<std::string>()) : v.get<std::string>();
    else text = v.dump();
    out += (out.empty() ? "" : "; ") + f.label + ": " + text;
  }
  return out;
}

json field_json(const FormField& f, const std::string& value, const std::vector<Choice>& choices) {
  json opts = json::array();
  for (const Choice& c : choices) opts.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == value}});
  const bool select = f.kind == FormField::choice || f.kind == FormField::officer || f.kind == FormField::agency;
  return {{"name", f.name},       {"label", f.label},
          {"value", value},       {"required", f.required},
          {"is_date", f.kind == FormField::date},
          {"is_amount", f.kind == FormField::amount || f.kind == FormField::integer},
          {"is_text", f.kind == FormField::text},
          // The longest text the domain accepts (docs/interchange.md "Field lengths").
          {"maxlength", f.name == "reason" ? "2000" : "500"},
          {"is_flag", f.kind == FormField::flag},
          {"checked", f.kind == FormField::flag && !value.empty()},
          {"is_select", select},  {"options", opts}};
}

struct FormState {
  std::string failed_type;  // the form to reopen after a refusal
  Params values;            // what the user typed
};

// Choices for the officer and agency fields, built only when a form needs them.
struct Choices {
  Ctx& ctx;
  const CaseView& c;
  std::optional<std::vector<Choice>> officers, others, above;

  const std::vector<Choice>& of(const FormField& f, EventType t) {
    if (f.kind == FormField::officer) {
      if (!officers) {
        officers.emplace();
        for (const OfficerLoad& o : officer_loads(ctx.store(), c.agency))
          officers->push_back({o.id, o.name + " — " + std::to_string(o.open_cases) + " việc đang thi hành" +
                                         (o.suggested ? " (đề xuất)" : "")});
      }
      return *officers;
    }
    if (f.kind != FormField::agency) return f.choices;
    const AgencyTree& tree = ctx.tree();
    const auto own = tree.find(c.agency);
    auto& list = t == EventType::pulled_up ? above : others;
    if (!list) {
      list.emplace();
      for (size_t i = 0; i < tree.size(); ++i) {
        const int n = static_cast<int>(i);
        if (own && n == *own) continue;
        // Pulling a file up goes to an agency above the case's own.
        if (t == EventType::pulled_up && !(own && tree.within(*own, n))) continue;
        list->push_back({tree.at(n).code, tree.at(n).name + " (" + tree.at(n).code + ")"});
      }
    }
    return *list;
  }
};

// True when the actor is offered the form of act `t` on the case.
bool offered(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, EventType t) {
  if (ctx.access().record_on_case(ctx.actor, scope, t) != Verdict::allow) return false;
  if (d.state.ended && t != EventType::voided) return false;
  return !check_status(d.state, t);  // the status alone would refuse it (e.g. resuming an active case)
}

bool offers_forms(Ctx& ctx, const CaseDetail& d, const CaseScope& scope) {
  const auto& types = recordable_types();
  return std::any_of(types.begin(), types.end(), [&](EventType t) { return offered(ctx, d, scope, t); });
}

json forms_json(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, const FormState& st) {
  json forms = json::array();
  Choices choices{ctx, d.view, {}, {}, {}};
  for (EventType t : recordable_types()) {
    if (!offered(ctx, d, scope, t)) continue;
    const std::string type(to_string(t));
    const bool failed = st.failed_type == type;
    auto value_of = [&](const std::string& name) {
      auto it = st.values.find(name);
      return failed && it != st.values.end() ? it->second : std::string();
    };
    json fields = json::array();
    for (const FormField& f : form_fields(t)) {
      const std::vector<Choice>& options = choices.of(f, t);
      std::string v = value_of(f.name);
      if (f.kind == FormField::officer && v.empty() && !options.empty()) v = options.front().value;  // the suggestion
      fields.push_back(field_json(f, v, options));
    }
    const std::string date = value_of("date");
    forms.push_back({{"type", type}, {"label", std::string(label_vi(t))}, {"id", "form-" + type},
                     {"open", failed}, {"date", date.empty() ? today_vn(ctx) : date}, {"fields", fields}});
  }
  return forms;
}

json ledger_json(const CaseDetail& d) {
  const CaseView& v = d.view;
  json cols = json::array(), payout = json::array();
  for (const Collection& c : d.ledger.collections)
    cols.push_back({{"seq", c.seq}, {"date", c.date.vn()}, {"method", code_label("method", c.method)},
                    {"amount", vnd(c.amount)}, {"amount_words", amount_in_words(c.amount)}, {"fee", vnd(c.fee)},
                    {"voluntary", c.voluntary_period}, {"reversed", c.reversed},
                    {"reversal_pending", c.reversal != 0 && !c.reversed}});
  json reversals = json::array();
  for (const Reversal& r : d.ledger.reversals)
    reversals.push_back({{"seq", r.seq}, {"reverses", r.reverses}, {"date", r.date.vn()},
                         {"entry", std::string(label_vi(r.entry_type))}, {"amount", vnd(r.amount)},
                         {"reason", r.reason}, {"recorded_by", r.recorded_by}, {"approved", r.approved},
                         {"approved_on", r.approved_on ? r.approved_on->vn() : ""}, {"approved_by", r.approved_by}});
  for (const Allocation& a : d.ledger.payout.claims)
    payout.push_back({{"label", category_label(a.category)}, {"priority", a.priority}, {"owed", vnd(a.owed)},
                      {"paid", vnd(a.paid)}, {"outstanding", vnd(a.outstanding)}});
  return {{"opened", vnd(v.opened_amount)},   {"collected", vnd(v.collected)},
          {"reduced", vnd(v.reduced)},        {"written_off", vnd(v.written_off)},
          {"paid_out", vnd(v.paid_out)},      {"undistributed", vnd(v.collected - v.paid_out)},
          {"remaining", vnd(v.remaining)},    {"fee_due", vnd(d.ledger.fee_due)},
          {"fee_note", d.ledger.fee_note},    {"collections", cols},
          {"has_collections", !cols.empty()}, {"payout", payout},
          {"has_reversals", !reversals.empty()}, {"reversals", reversals},
          {"has_payout", !payout.empty()},    {"returned", vnd(d.ledger.payout.returned_to_debtor)}};
}

// The data of case_body.mustache: the parts of the case page that depend on
// the case alone (not on the user, the officers' names or the agency tree).
json case_parts(const CaseDetail& d) {
  const CaseOpened& c = *d.opened;
  const SeqSet voided = voided_seqs(d.events);
  std::set<int64_t> reversed;
  for (const MoneyEntry& m : d.state.money_entries)
    if (m.reversed) reversed.insert(m.seq);
  json events = json::array();
  for (const Event& e : d.events)
    events.push_back({{"seq", e.seq}, {"date", e.date.vn()}, {"label", std::string(label_vi(e.type))},
                      {"type", std::string(to_string(e.type))}, {"details", details_of(e)},
                      {"recorded_at", vn_datetime(e.recorded_at)}, {"actor", e.actor}, {"voided", voided.count(e.seq) != 0},
                      {"reversed", reversed.count(e.seq) != 0}});
  json obligations = json::array();
  for (const Obligation& o : c.obligations)
    obligations.push_back({{"label", category_label(o.category)}, {"amount", o.amount ? vnd(*o.amount) : "—"},
                           {"amount_words", o.amount ? amount_in_words(*o.amount) : ""},
                           {"priority", priority_of(o.category) < 0 ? std::string("—") : std::to_string(priority_of(o.category))}});
  json deadlines = json::array();
  for (const Deadline& x : d.deadlines.report.deadlines)
    deadlines.push_back({{"label", x.label_vi}, {"action", x.action}, {"due", x.due.vn()},
                         {"status", std::string(to_string(x.state))},
                         {"status_label", x.state == Deadline::State::met ? "Đã thực hiện đúng hạn"
                                          : x.state == Deadline::State::missed ? "Quá hạn" : "Chưa đến hạn"},
                         {"met_on", x.met_on ? x.met_on->vn() : ""},
                         {"days_late", x.days_late > 0 ? json(x.days_late) : json(false)},
                         {"article", x.article}});
  json warnings = json::array();
  for (const CaseWarning& w : d.warnings) warnings.push_back({{"code", w.code}, {"message", w.message_vi}, {"article", w.article}});
  return {{"judgment", {{"number", c.judgment.number}, {"court", c.judgment.court}, {"date", c.judgment.date.vn()},
                        {"effective_date", c.judgment.effective_date.vn()},
                        {"received_date", c.judgment.received_date ? c.judgment.received_date->vn() : ""}}},
          {"debtor", {{"name", c.debtor.name}, {"kind", party_kind(c.debtor.kind)}, {"id_number", c.debtor.id_number},
                      {"address", c.debtor.address}}},
          {"creditor", {{"name", c.creditor.name}, {"kind", party_kind(c.creditor.kind)},
                        {"id_number", c.creditor.id_number}, {"address", c.creditor.address}}},
          {"obligations", obligations}, {"ledger", ledger_json(d)},
          {"deadlines", deadlines}, {"has_deadlines", !deadlines.empty()},
          {"warnings", warnings}, {"has_warnings", !warnings.empty()},
          {"events", events}};
}

json case_page_data(Ctx& ctx, const CaseCache::Read& r, const std::string& officer_full_name, const FormState& st) {
  const CaseDetail& d = *r.detail;
  const CaseView& v = d.view;
  const CaseOpened& c = *d.opened;
  json forms = forms_json(ctx, d, r.scope, st);
  std::string agency_name = v.agency, officer_name = v.officer;
  if (auto i = ctx.tree().find(v.agency)) agency_name = ctx.tree().at(*i).name;
  if (!v.officer.empty() && !officer_full_name.empty()) officer_name = officer_full_name + " (" + v.officer + ")";
  json data;
  data["case"] = {{"id", v.case_id}, {"status", v.status}, {"status_label", status_label(v.status)},
                  {"ended_label", v.ended.empty() ? "" : std::string(label_vi(*event_type_from(v.ended)))},
                  {"end_date", v.ended.empty() ? "" : v.end_date.vn()}, {"agency", v.agency},
                  {"agency_name", agency_name}, {"officer", v.officer}, {"officer_name", officer_name}, {"version", v.version},
                  {"mode", mode_label(std::string(to_string(c.mode)))},
                  {"kind", judgment_kind_label(c.judgment_kind)}, {"opened", d.events.front().date.vn()},
                  {"request_date", c.request_date ? c.request_date->vn() : ""},
                  {"public_unable", v.public_unable}};
  data["has_forms"] = !forms.empty();
  data["forms"] = std::move(forms);
  return data;
}

// The case page. What depends on the case alone (parties, ledger,
// deadlines, timeline) is rendered once per build of the case and kept with
// it in the case cache; the summary, the messages and the forms, which depend
// on the user and the request, are rendered around it every time.
Response render_case(Ctx& ctx, const Request& req, int status, const std::string& id, const FormState& st,
                     const json& error, const std::string& ok) {
  auto today = today_param(ctx, req);
  auto r = ctx.app.cases().read(ctx.store(), id, today.value_or(vn_date_of(ctx.now)), false,
                                [&](const CaseScope& s) { return ctx.access().read_case(ctx.actor, s); });
  if (auto* v = std::get_if<Verdict>(&r)) return deny(ctx, req, Kind::page, *v);
  const auto& d = std::get<CaseCache::Read>(r);
  std::shared_ptr<const std::string> body = d.page_body;
  if (!body) {
    std::string html = ctx.app.templates().render("case_body", case_parts(*d.detail));
    html.shrink_to_fit();  // kept with the case: not the rendering's reserve
    body = std::make_shared<const std::string>(std::move(html));
    ctx.app.cases().keep_page_body(id, d.detail, body);
  }
  const std::string officer = officer_name(ctx.store(), d.scope.officer);
  const std::string title = "Hồ sơ thi hành án " + id;
  const std::string sections = module_case_sections(ctx, *d.detail, d.scope, today.value_or(vn_date_of(ctx.now)));
  if (error.is_null() && !offers_forms(ctx, *d.detail, d.scope)) {
    // Without forms (a supervisor, the procuracy, a closed case for most),
    // the summary is made of the case's version, its officer's name, its
    // agency's name and the message only: its rendering is kept by them.
    std::string key = id;
    key += '\x1f';
    key += std::to_string(d.detail->view.version);
    key += '\x1f';
    key += officer;
    key += '\x1f';
    if (auto i = ctx.tree().find(d.detail->view.agency)) key += ctx.tree().at(*i).name;
    key += '\x1f';
    key += ok;
    key += '\x1f';
    key += sections;
    auto data = [&] {
      json j = case_page_data(ctx, d, officer, st);
      j["sections"] = sections;
      j["error"] = error;
      j["ok"] = ok;
      return j;
    };
    return render_page(ctx, req, status, "case", title, key, data, "body", *body);
  }
  json data = case_page_data(ctx, d, officer, st);
  data["sections"] = sections;
  data["error"] = error;
  data["ok"] = ok;
  return render_page(ctx, req, status, "case", title, std::move(data), "body", *body);
}

}  // namespace

Response page_case(Ctx& ctx, const Request& req) {
  const std::string ok = req.q("ok") == "recorded" ? "Đã ghi nhận." : req.q("ok") == "opened" ? "Đã thụ lý việc thi hành án." : "";
  return render_case(ctx, req, 200, req.param("id"), {}, false, ok);
}

Response page_case_event(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  Params form = req.form();
  const std::string& ver = form["expected_version"];
  const int64_t expected =
      !ver.empty() && ver.size() < 10 && ver.find_first_not_of("0123456789") == std::string::npos ? std::stoll(ver) : -1;
  auto res = record_event(ctx.store(), CaseActor{ctx.access(), ctx.actor}, id, expected, event_from_form(form), ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden")
      return deny(ctx, req, Kind::page, r->code == "not_found" ? Verdict::not_found : Verdict::forbidden);
    const json error{{"code", r->code}, {"message", refusal_vi(*r)}, {"article", r->article}, {"detail", r->message}};
    return render_case(ctx, req, r->code == "version_conflict" ? 409 : 422, id, FormState{form["type"], form}, error, "");
  }
  ctx.app.cache().note_write();
  // The success message is the first thing on the page: the browser goes to
  // it (#flash-ok), not to the timeline below, so it stays in view.
  return redirect("/cases/" + url_encode(id) + "?ok=recorded#flash-ok");
}

}  // namespace thads::http
