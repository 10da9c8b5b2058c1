// The pages of the oversight streams (issue 14 items 2-4, issues 15-16 for
// the same streams): the list per kind with its tabs and filters, the file's
// page (facts, timeline, deadlines with their articles, a form for every act
// the state and the user's role allow), the registration forms, and the list
// of monitoring files nobody monitors yet. Handlers parse, call one use case
// (app/record_act.h, app/oversight_read.h) and render.
#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/interchange.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/app/record_act.h"
#include "modules/oversight/domain/publication.h"
#include "modules/oversight/http/oversight_forms.h"
#include "modules/oversight/domain/file_documents.h"
#include "modules/oversight/http/intake_view.h"

namespace thads::oversight {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

const char* tab_label(StreamKind k) {
  switch (k) {
    case StreamKind::admin_judgment: return "Theo dõi THAHC";
    case StreamKind::complaint: return "Khiếu nại";
    case StreamKind::denunciation: return "Tố cáo";
    case StreamKind::procuracy: return "VKS";
    case StreamKind::request: return "Yêu cầu";
  }
  return "";
}

const User& user_of(Ctx& ctx) { return ctx.session->user; }

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, 422, http::refusal_vi(r));
}

json error_json(const Refusal& r) {
  return {{"code", r.code}, {"message", http::refusal_vi(r)}, {"article", r.article}, {"detail", r.message}};
}

int status_of(const Refusal& r) {
  return r.code == "version_conflict" ? 409 : r.code == "not_found" ? 404 : r.code == "forbidden" ? 403 : 422;
}

// What a form typed before a refusal, to show it again.
struct FormState {
  std::string type;
  http::Params values;
};

// The choices of the fields that list agencies, officers, bodies or acts.
struct Options {
  Ctx& ctx;
  std::string agency;         // the agency whose officers are listed
  std::string default_agency;
  std::string default_case;
  std::vector<ActChoice> voidable;  // the acts a `voided` may target
  std::optional<std::vector<ActChoice>> agencies, officers, body_list;

  const std::vector<ActChoice>& of(const ActField& f) {
    switch (f.kind) {
      case ActField::agency:
        if (!agencies) {
          agencies.emplace();
          for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
            const auto i = ctx.tree().find(c);
            agencies->push_back({c, (i ? ctx.tree().at(*i).name : c) + " (" + c + ")"});
          }
        }
        return *agencies;
      case ActField::officer:
        if (!officers) {
          officers.emplace();
          bool first = true;
          for (const OfficerLoad& o : monitoring_officers(ctx.store(), agency)) {
            officers->push_back({o.id, o.name + " — " + std::to_string(o.open_files) + " hồ sơ đang theo dõi" +
                                           (first ? " (đề xuất)" : "")});
            first = false;
          }
        }
        return *officers;
      case ActField::body:
        if (!body_list) {
          body_list.emplace();
          for (const BodyRecord& b : bodies(ctx.store().db())) body_list->push_back({b.code, b.name + " (" + b.code + ")"});
        }
        return *body_list;
      case ActField::number: return f.name == "voids" ? voidable : f.choices;
      default: return f.choices;
    }
  }
};

json field_json(const ActField& f, const std::string& value, const std::vector<ActChoice>& options,
                const http::Params* typed) {
  json opts = json::array();
  for (const ActChoice& c : options) opts.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == value}});
  json checks = json::array();
  if (f.kind == ActField::multi)
    for (const ActChoice& c : f.choices) {
      const std::string name = f.name + "_" + c.value;
      checks.push_back({{"name", name}, {"label", c.label}, {"checked", typed && typed->count(name) > 0}});
    }
  const bool multi = f.kind == ActField::multi;
  const bool select = (!options.empty() && !multi) || f.kind == ActField::choice || f.kind == ActField::integer_choice ||
                      f.kind == ActField::yes_no || f.kind == ActField::agency || f.kind == ActField::officer ||
                      f.kind == ActField::body;
  const bool flag = f.kind == ActField::flag;
  return {{"name", f.name},
          {"label", f.label},
          {"value", value},
          {"required", f.required},
          {"is_date", f.kind == ActField::date},
          {"is_text", !select && !flag && f.kind != ActField::date && !multi},
          {"is_flag", flag},
          {"checked", flag && !value.empty()},
          {"is_select", select},
          {"options", opts},
          {"is_multi", multi},
          {"checks", checks}};
}

json form_json(Ctx& ctx, StreamKind k, const std::string& type, const FormState& st, Options& o) {
  const bool failed = st.type == type;
  auto value_of = [&](const std::string& n) {
    if (!failed) return std::string();
    auto it = st.values.find(n);
    return it == st.values.end() ? std::string() : it->second;
  };
  json fields = json::array();
  for (const ActField& f : act_fields(k, type)) {
    const std::vector<ActChoice>& opts = o.of(f);
    std::string v = value_of(f.name);
    if (!failed && f.kind == ActField::officer && !opts.empty()) v = opts.front().value;  // the suggestion
    if (!failed && f.kind == ActField::agency) v = o.default_agency;
    if (!failed && f.name == "case") v = o.default_case;
    fields.push_back(field_json(f, v, opts, failed ? &st.values : nullptr));
  }
  const std::string date = value_of("date");
  return {{"type", type},     {"label", act_label(k, type)}, {"id", "form-" + type},
          {"open", failed},   {"date", date.empty() ? http::today_vn(ctx) : date}, {"fields", fields}};
}

// A probe of act `type` at the end of the stream: does the domain accept it
// now (transitions, the end, corrections)? References are not checked here.
bool accepted(const Stream& s, StreamKind k, const std::string& type, Date day, int64_t voids = 0) {
  Act a;
  a.kind = k;
  a.id = s.acts().front().id;
  a.seq = s.version() + 1;
  a.type = type;
  a.date = std::max(day, s.acts().back().date);
  a.p = json::object();
  if (voids > 0) a.p["voids"] = voids;
  Refs refs;
  refs.agency_known = refs.case_known = refs.body_known = [](const std::string&) { return true; };
  return s.decide(a, refs).kind == Decision::accept;
}

// The status shown for a deadline: đúng hạn (met), quá hạn (missed, or
// open past its day), còn hạn (open); `css` gets met | missed | open.
std::string deadline_status(const Deadline& d, Date today, std::string& css) {
  if (d.state == Deadline::State::met) {
    css = "met";
    return "Đúng hạn";
  }
  if (d.state == Deadline::State::missed || d.due < today) {
    css = "missed";
    return "Quá hạn";
  }
  css = "open";
  return "Còn hạn";
}

json stream_data(Ctx& ctx, const StreamView& v, Date today, const FormState& st) {
  const Stream& s = v.stream;
  const Act& opening = s.acts().front();
  const StreamKind k = v.kind;
  std::map<std::string, std::string> officer_names;
  for (const OfficerRecord& o : ctx.store().officers()) officer_names[o.id] = o.name;
  std::string agency_name = v.row.agency;
  if (auto i = ctx.tree().find(v.row.agency)) agency_name = ctx.tree().at(*i).name;

  std::set<int64_t> voided;
  for (const Act& a : s.acts())
    if (a.type == "voided") voided.insert(a.integer("voids"));
  json acts = json::array();
  for (const Act& a : s.acts()) {
    std::string details = act_details(k, a.type, a.p);
    if (a.type == "officer_assigned" && officer_names.count(a.text("officer")))
      details = "Chấp hành viên: " + officer_names[a.text("officer")] + " (" + a.text("officer") + ")";
    acts.push_back({{"seq", a.seq}, {"date", a.date.vn()}, {"label", act_label(k, a.type)}, {"type", a.type},
                    {"details", details}, {"recorded_at", http::vn_datetime(a.recorded_at)}, {"actor", a.actor},
                    {"voided", voided.count(a.seq) > 0}});
  }
  json deadlines = json::array();
  for (const Deadline& d : v.deadlines) {
    std::string css;
    const std::string label = deadline_status(d, today, css);
    deadlines.push_back({{"action", d.action}, {"label", d.label_vi}, {"due", d.due.vn()}, {"status", css},
                         {"status_label", label}, {"met_on", d.met_on ? d.met_on->vn() : ""},
                         {"days_late", d.days_late > 0 ? json(d.days_late) : json(false)}, {"article", d.article}});
  }
  json facts = json::array();
  for (const auto& [label, text] : act_facts(k, opening.type, opening.p)) facts.push_back({{"label", label}, {"value", text}});

  json data;
  const std::string officer = v.row.officer;
  data["stream"] = {{"id", v.row.id},
                    {"kind", v.row.kind},
                    {"kind_label", std::string(label_vi(k))},
                    {"opening", act_label(k, opening.type)},
                    {"state", v.row.state},
                    {"state_label", state_label(v.row.state)},
                    {"end_date", v.row.end_date.empty() ? "" : http::vn_date(v.row.end_date)},
                    {"agency", v.row.agency},
                    {"agency_name", agency_name},
                    {"opened", http::vn_date(v.row.opened)},
                    {"case", v.row.case_id},
                    {"officer", officer},
                    {"officer_name", officer.empty() ? "" : (officer_names.count(officer) ? officer_names[officer] : officer) + " (" + officer + ")"},
                    {"version", s.version()},
                    {"is_admin", k == StreamKind::admin_judgment}};
  data["facts"] = facts;
  if (k == StreamKind::admin_judgment) {
    json required = json::array();
    const auto pub = current_publication(s);
    for (const std::string& p : required_portals(opening.text("debtor", "level"))) {
      const bool on = pub && std::find(pub->portals.begin(), pub->portals.end(), p) != pub->portals.end();
      required.push_back({{"label", portal_label(p)}, {"on", on}});
    }
    json current = json::array();
    if (pub)
      for (const std::string& p : pub->portals) current.push_back(portal_label(p));
    // The file's documents (NĐ 71/2016 Art. 14), present or still missing.
    json docs = json::array();
    for (const FileDocument& d : admin_file_documents(s)) {
      std::string dates;
      for (const Date& x : d.dates) dates += (dates.empty() ? "" : ", ") + x.vn();
      const char* state = d.state == FileDocument::State::present ? "present"
                          : d.state == FileDocument::State::missing ? "missing"
                                                                      : "optional";
      const char* label = d.state == FileDocument::State::present ? "Đã có"
                          : d.state == FileDocument::State::missing ? "Còn thiếu"
                                                                      : "Chỉ khi phát sinh";
      docs.push_back({{"key", d.key}, {"label", d.label}, {"article", d.article}, {"state", state},
                      {"state_label", label}, {"dates", dates}});
    }
    data["documents"] = {{"items", docs}};
    data["publication"] = {{"required", required},
                           {"published", pub.has_value()},
                           {"since", pub ? pub->since.vn() : ""},
                           {"portals", current}};
  }
  data["acts"] = acts;
  data["deadlines"] = deadlines;
  data["has_deadlines"] = !deadlines.empty();

  // The forms: every act the state allows and the user's role may record.
  StreamScope scope = scope_of_opening(opening, officer, "");
  if (k == StreamKind::request) scope.case_officer = case_officer(ctx.store().db(), v.row.case_id);
  Options o{ctx, v.row.agency, v.row.agency, v.row.case_id, {}, {}, {}, {}};
  for (int64_t seq = 1; seq <= s.version(); ++seq)
    if (accepted(s, k, "voided", today, seq)) {
      const Act& t = s.acts()[static_cast<size_t>(seq - 1)];
      o.voidable.push_back({std::to_string(seq), "#" + std::to_string(seq) + " — " + act_label(k, t.type) + " (" + t.date.vn() + ")"});
    }
  json forms = json::array();
  for (const std::string& type : act_types(k)) {
    if (is_opening(k, type)) continue;
    if (record_on_stream(ctx.access(), ctx.actor, scope, type) != Verdict::allow) continue;
    if (type == "voided" ? o.voidable.empty() : !accepted(s, k, type, today)) continue;
    forms.push_back(form_json(ctx, k, type, st, o));
  }
  data["has_forms"] = !forms.empty();
  data["forms"] = forms;
  data["intake"] = intake_view(ctx.store(), v);  // complaints, denunciations (issue 15)
  return data;
}

Response render_stream(Ctx& ctx, const Request& req, int status, const std::string& id, const FormState& st,
                       const json& error, const std::string& ok) {
  const Date today = vn_date_of(ctx.now);
  auto res = read_stream(ctx.store(), user_of(ctx), id, today);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const StreamView& v = std::get<StreamView>(res);
  json data = stream_data(ctx, v, today, st);
  data["error"] = error;
  data["ok"] = ok;
  return http::render_page(ctx, req, status, "oversight_stream",
                           std::string(label_vi(v.kind)) + " — " + v.row.id, std::move(data));
}

Response page_stream(Ctx& ctx, const Request& req) {
  const std::string& ok = req.q("ok");
  return render_stream(ctx, req, 200, req.param("id"), {}, false,
                       ok == "recorded" ? "Đã ghi nhận." : ok == "opened" ? "Đã vào sổ, mở hồ sơ." : "");
}

Response page_stream_act(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  http::Params form = req.form();
  const std::string& ver = form["expected_seq"];
  std::optional<int64_t> expected;
  if (!ver.empty() && ver.size() < 10 && ver.find_first_not_of("0123456789") == std::string::npos)
    expected = std::stoll(ver);
  else
    expected = -1;  // a form always states the version it showed
  auto kind = kind_of(ctx.store().db(), id);
  if (!kind) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  auto res = record_act(ctx.store(), user_of(ctx), kind, id, act_from_form(*kind, form), expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden") return refusal_page(ctx, req, *r);
    return render_stream(ctx, req, status_of(*r), id, FormState{form["type"], form}, error_json(*r), "");
  }
  ctx.app.cache().note_write();
  return http::redirect("/oversight/" + http::url_encode(id) + "?ok=recorded#timeline");
}

// --- registration ---------------------------------------------------------

Response render_new(Ctx& ctx, const Request& req, int status, StreamKind k, const FormState& st, const json& error) {
  if (!reads_kind(ctx.actor.role, k)) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  // ?case=&agency=&type= prefill the form (the procuracy's review links here, issue 15).
  const std::string agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  Options o{ctx, ctx.actor.agency, agency, req.q("case"), {}, {}, {}, {}};
  const StreamScope scope{k, ctx.actor.agency, "", ctx.actor.officer};
  json forms = json::array();
  for (const std::string& type : act_types(k))
    if (is_opening(k, type) && record_on_stream(ctx.access(), ctx.actor, scope, type) == Verdict::allow)
      forms.push_back(form_json(ctx, k, type, st, o));
  if (forms.empty()) return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  const std::string wanted = st.type.empty() ? req.q("type") : std::string();
  bool shown = false;
  for (json& f : forms)
    if (!wanted.empty() && f["type"] == wanted) f["open"] = true, shown = true;
  if (!shown && (forms.size() == 1 || st.type.empty())) forms[0]["open"] = true;
  json data{{"kind", std::string(to_string(k))}, {"kind_label", std::string(label_vi(k))}, {"forms", forms},
            {"error", error}, {"today", http::today_vn(ctx)}};
  if (k == StreamKind::admin_judgment) {
    const auto loads = monitoring_officers(ctx.store(), ctx.actor.agency);
    if (!loads.empty())
      data["suggestion"] = {{"id", loads.front().id}, {"name", loads.front().name},
                            {"open_files", loads.front().open_files}};
  }
  return http::render_page(ctx, req, status, "oversight_new", "Đăng ký: " + std::string(label_vi(k)), std::move(data));
}

Response page_new(Ctx& ctx, const Request& req) {
  const auto k = stream_kind_from(req.q("kind").empty() ? "admin_judgment" : req.q("kind"));
  if (!k) return http::error_page(ctx, req, 400, "Loại hồ sơ không hợp lệ.");
  return render_new(ctx, req, 200, *k, {}, false);
}

Response page_new_post(Ctx& ctx, const Request& req) {
  http::Params form = req.form();
  const auto k = stream_kind_from(form["kind"]);
  if (!k) return http::error_page(ctx, req, 400, "Loại hồ sơ không hợp lệ.");
  auto res = open_stream(ctx.store(), user_of(ctx), *k, "", act_from_form(*k, form), ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "forbidden" || r->code == "not_found") return refusal_page(ctx, req, *r);
    return render_new(ctx, req, status_of(*r), *k, FormState{form["type"], form}, error_json(*r));
  }
  ctx.app.cache().note_write();
  return http::redirect("/oversight/" + http::url_encode(std::get<ActRecorded>(res).id) + "?ok=opened");
}

// --- lists ----------------------------------------------------------------

Response page_list(Ctx& ctx, const Request& req) {
  const std::string kind = req.q("kind").empty() ? "admin_judgment" : req.q("kind");
  const std::string& state = req.q("state");
  const std::string& agency = req.q("agency");
  int64_t offset = 0;
  if (const std::string& o = req.q("offset"); !o.empty() && o.size() < 8 && o.find_first_not_of("0123456789") == std::string::npos)
    offset = std::stoll(o);
  constexpr int64_t kPage = 100;
  auto res = list_streams_for(ctx.store(), user_of(ctx), ListQuery{kind, state, agency, kPage, offset});
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const StreamList& l = std::get<StreamList>(res);
  const std::string filter = (state.empty() ? "" : "&state=" + http::url_encode(state)) +
                             (agency.empty() ? "" : "&agency=" + http::url_encode(agency));
  json tabs = json::array();
  for (StreamKind k : kStreamKinds) {
    if (!reads_kind(ctx.actor.role, k)) continue;
    const std::string name(to_string(k));
    tabs.push_back({{"kind", name}, {"label", tab_label(k)}, {"count", l.counts.count(name) ? l.counts.at(name) : 0},
                    {"active", name == kind}, {"href", "/oversight?kind=" + name + filter}});
  }
  json rows = json::array();
  for (const StreamRow& r : l.rows)
    rows.push_back({{"id", r.id}, {"href", "/oversight/" + http::url_encode(r.id)}, {"title", r.title},
                    {"agency", r.agency}, {"case", r.case_id}, {"opened", http::vn_date(r.opened)},
                    {"state", r.state}, {"state_label", state_label(r.state)}, {"officer", r.officer}});
  json states = json::array();
  for (const char* s : {"open", "ended", "withdrawn"})
    states.push_back({{"value", s}, {"label", state_label(s)}, {"selected", state == s}});
  json agencies = json::array();
  for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
    const auto i = ctx.tree().find(c);
    agencies.push_back({{"value", c}, {"label", (i ? ctx.tree().at(*i).name : c) + " (" + c + ")"}, {"selected", c == agency}});
  }
  const auto k = stream_kind_from(kind);
  bool may_register = false;
  if (k)
    for (const std::string& type : act_types(*k))
      may_register |= is_opening(*k, type) &&
                      record_on_stream(ctx.access(), ctx.actor, {*k, ctx.actor.agency, "", ctx.actor.officer}, type) ==
                          Verdict::allow;
  json data{{"kind", kind},
            {"tabs", tabs},
            {"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", l.total},
            {"states", states},
            {"agencies", agencies},
            {"may_register", may_register},
            {"is_admin", kind == "admin_judgment"}};
  const std::string base = "/oversight?kind=" + kind + filter + "&offset=";
  if (offset > 0) data["prev_href"] = base + std::to_string(std::max<int64_t>(0, offset - kPage));
  if (offset + kPage < l.total) data["next_href"] = base + std::to_string(offset + kPage);
  return http::render_page(ctx, req, 200, "oversight_list", "Theo dõi, khiếu nại, tố cáo, kiểm sát, yêu cầu",
                           std::move(data));
}

Response page_unmonitored(Ctx& ctx, const Request& req) {
  auto res = unmonitored_files(ctx.store(), user_of(ctx));
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  json rows = json::array();
  for (const Unmonitored& u : std::get<std::vector<Unmonitored>>(res))
    rows.push_back({{"id", u.row.id}, {"href", "/oversight/" + http::url_encode(u.row.id)}, {"title", u.row.title},
                    {"agency", u.row.agency}, {"opened", http::vn_date(u.row.opened)},
                    {"no_officer", u.no_officer}, {"no_notice", u.no_notice}});
  return http::render_page(ctx, req, 200, "oversight_unmonitored",
                           "Bản án hành chính chưa được phân công hoặc chưa thông báo",
                           {{"rows", rows}, {"has_rows", !rows.empty()}, {"count", rows.size()}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/oversight", Kind::page, Auth::session, page_list},
        {"POST", "/oversight", Kind::page, Auth::session, page_new_post},
        {"GET", "/oversight/new", Kind::page, Auth::session, page_new},
        {"GET", "/oversight/unmonitored", Kind::page, Auth::session, page_unmonitored},
        {"GET", "/oversight/:id", Kind::page, Auth::session, page_stream},
        {"POST", "/oversight/:id/acts", Kind::page, Auth::session, page_stream_act},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::oversight
