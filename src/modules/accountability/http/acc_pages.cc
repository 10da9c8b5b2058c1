// The pages of inspections and officers' violations (issue 15 item 5):
// /accountability (the list, a tab per kind), /accountability/new (opening
// forms), /accountability/{id} (facts, timeline, remedies due, a form for
// every act the state and the user's right allow). Handlers parse, call one
// use case (app/acc_use_cases.h) and render.
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/app/acc_use_cases.h"
#include "modules/accountability/http/acc_forms.h"
#include "modules/accountability/store/accountability_store.h"

namespace thads::accountability {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, 422, http::refusal_vi(r));
}
json error_json(const Refusal& r) {
  return {{"code", r.code}, {"message", http::refusal_vi(r)}, {"detail", r.message}};
}
int status_of(const Refusal& r) {
  return r.code == "version_conflict" ? 409 : r.code == "not_found" ? 404 : r.code == "forbidden" ? 403 : 422;
}
std::string state_vi(const std::string& s) { return s == "ended" ? "Đã kết thúc" : "Đang thực hiện"; }

// The form of act `type`; `seqs` are the choices of a seq field.
json form_json(Ctx& ctx, Kind k, const std::string& type, const std::vector<Choice>& seqs,
               const std::string& default_agency) {
  json fields = json::array();
  for (const Field& f : fields_of(k, type)) {
    std::vector<Choice> options = f.choices;
    if (f.kind == Field::seq) options = seqs;
    if (f.kind == Field::agency)
      for (const std::string& c : ctx.access().subtree_codes(ctx.actor)) {
        const auto i = ctx.tree().find(c);
        options.push_back({c, (i ? ctx.tree().at(*i).name : c) + " (" + c + ")"});
      }
    json opts = json::array();
    for (const Choice& c : options)
      opts.push_back({{"value", c.value}, {"label", c.label}, {"selected", f.kind == Field::agency && c.value == default_agency}});
    const bool select = f.kind == Field::choice || f.kind == Field::agency || f.kind == Field::seq;
    fields.push_back({{"name", f.name}, {"label", f.label}, {"required", f.required}, {"is_date", f.kind == Field::date},
                      {"is_text", f.kind == Field::text}, {"is_select", select}, {"options", opts}});
  }
  return {{"type", type}, {"label", act_label(k, type)}, {"id", "form-" + type}, {"date", http::today_vn(ctx)},
          {"fields", fields}};
}

// Would the domain accept `type` now (transitions and the end)? The form
// is offered only then; references are checked when it is posted.
bool accepted(const AccStream& s, Kind k, const std::string& type, const std::vector<Choice>& seqs) {
  if (is_opening(k, type)) return false;
  if (s.ending() && type != "remedy_done") return false;
  if ((type == "remedy_ordered" || type == "remedy_done") && seqs.empty()) return false;
  if (type == "measure")
    for (const Rec& r : s.recs())
      if (r.type == "measure") return false;
  return true;
}

Response render_record(Ctx& ctx, const Request& req, int status, const std::string& id, const json& error) {
  const Date today = vn_date_of(ctx.now);
  auto res = read_record(ctx.store(), ctx.session->user, id, today);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const View& v = std::get<View>(res);
  json timeline = json::array();
  std::vector<Choice> findings, open_remedies;
  for (const Rec& r : v.stream.recs()) {
    timeline.push_back({{"seq", r.seq}, {"date", r.date.vn()}, {"label", act_label(v.kind, r.type)}, {"type", r.type},
                        {"details", details_of(v.kind, r)}, {"actor", r.actor}});
    if (r.type == "finding") findings.push_back({std::to_string(r.seq), "#" + std::to_string(r.seq) + " — " + r.text("text")});
  }
  json deadlines = json::array();
  for (const Deadline& d : v.deadlines) {
    const bool late = d.state == Deadline::State::missed || (!d.met_on && d.due < today);
    deadlines.push_back({{"label", d.label_vi}, {"due", d.due.vn()}, {"met_on", d.met_on ? d.met_on->vn() : ""},
                         {"status", d.met_on ? (late ? "Khắc phục quá hạn" : "Đã khắc phục") : (late ? "Quá hạn" : "Còn hạn")},
                         {"css", late ? "missed" : d.met_on ? "met" : "open"}});
    if (!d.met_on) open_remedies.push_back({d.note, "#" + d.note + " — " + d.label_vi});
  }
  const Rec& o = v.stream.recs().front();
  const Scope scope{v.kind, o.text("agency"), o.text("by")};
  json forms = json::array();
  if (write_record(ctx.access(), ctx.actor, scope) == Verdict::allow)
    for (const std::string& type : types_of(v.kind)) {
      const auto& seqs = type == "remedy_ordered" ? findings : open_remedies;
      if (accepted(v.stream, v.kind, type, seqs)) forms.push_back(form_json(ctx, v.kind, type, seqs, ""));
    }
  json data{{"id", v.row.id}, {"id_of_record", v.row.id}, {"kind_label", std::string(label_vi(v.kind))}, {"agency", v.row.agency},
            {"by", v.row.by}, {"mode", choice_label("mode", v.row.mode)}, {"officer", v.row.officer},
            {"opened", http::vn_date(v.row.opened)}, {"state", state_vi(v.row.state)}, {"version", v.row.version},
            {"measure", choice_label("measure", v.row.measure)}, {"is_inspection", v.kind == Kind::inspection},
            {"timeline", timeline}, {"deadlines", deadlines}, {"has_deadlines", !deadlines.empty()},
            {"forms", forms}, {"has_forms", !forms.empty()}, {"error", error},
            {"ok", req.q("ok") == "recorded" ? "Đã ghi nhận." : ""}};
  return http::render_page(ctx, req, status, "accountability_record", std::string(label_vi(v.kind)) + " — " + v.row.id,
                           std::move(data));
}

Response page_record(Ctx& ctx, const Request& req) { return render_record(ctx, req, 200, req.param("id"), false); }

Response page_record_act(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  http::Params form = req.form();
  const std::string& ver = form["expected_seq"];
  const std::optional<int64_t> expected =
      !ver.empty() && ver.size() < 10 && ver.find_first_not_of("0123456789") == std::string::npos ? std::stoll(ver) : -1;
  auto row = kind_of(ctx.store().db(), id);
  if (!row) return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  auto res = record_act(ctx.store(), ctx.session->user, id, act_from_form(*row, form), expected, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden") return refusal_page(ctx, req, *r);
    return render_record(ctx, req, status_of(*r), id, error_json(*r));
  }
  ctx.app.cache().note_write();
  return http::redirect("/accountability/" + http::url_encode(id) + "?ok=recorded");
}

Response render_new(Ctx& ctx, const Request& req, int status, Kind k, const json& error) {
  if (write_record(ctx.access(), ctx.actor, {k, ctx.actor.agency, ctx.actor.agency}) != Verdict::allow)
    return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  json forms = json::array();
  forms.push_back(form_json(ctx, k, k == Kind::inspection ? "opened" : "recorded", {}, ctx.actor.agency));
  return http::render_page(ctx, req, status, "accountability_new", "Vào sổ: " + std::string(label_vi(k)),
                           {{"kind", std::string(to_string(k))}, {"forms", forms}, {"error", error}});
}

Response page_new(Ctx& ctx, const Request& req) {
  const auto k = kind_from(req.q("kind").empty() ? "inspection" : req.q("kind"));
  if (!k) return http::error_page(ctx, req, 400, "Loại hồ sơ không hợp lệ.");
  return render_new(ctx, req, 200, *k, false);
}

Response page_new_post(Ctx& ctx, const Request& req) {
  http::Params form = req.form();
  const auto k = kind_from(form["kind"]);
  if (!k) return http::error_page(ctx, req, 400, "Loại hồ sơ không hợp lệ.");
  auto res = open_record(ctx.store(), ctx.session->user, *k, "", act_from_form(*k, form), ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "forbidden" || r->code == "not_found") return refusal_page(ctx, req, *r);
    return render_new(ctx, req, status_of(*r), *k, error_json(*r));
  }
  ctx.app.cache().note_write();
  return http::redirect("/accountability/" + http::url_encode(std::get<Recorded>(res).id) + "?ok=recorded");
}

Response page_list(Ctx& ctx, const Request& req) {
  const std::string kind = req.q("kind").empty() ? "inspection" : req.q("kind");
  auto res = list_records(ctx.store(), ctx.session->user, kind, req.q("state"), req.q("agency"), 200, 0);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const ListResult& l = std::get<ListResult>(res);
  json tabs = json::array();
  for (Kind k : kKinds)
    if (reads_kind(ctx.actor.role, k))
      tabs.push_back({{"label", std::string(label_vi(k))}, {"href", "/accountability?kind=" + std::string(to_string(k))},
                      {"active", to_string(k) == kind}});
  json rows = json::array();
  for (const Summary& s : l.rows)
    rows.push_back({{"id", s.id}, {"href", "/accountability/" + http::url_encode(s.id)}, {"agency", s.agency},
                    {"by", s.by}, {"opened", http::vn_date(s.opened)}, {"state", state_vi(s.state)},
                    {"title", s.title}, {"officer", s.officer}, {"measure", choice_label("measure", s.measure)},
                    {"remedies", std::to_string(s.remedies_done) + "/" + std::to_string(s.remedies)}});
  const auto k = kind_from(kind);
  return http::render_page(ctx, req, 200, "accountability_list", "Kiểm tra, xử lý vi phạm",
                           {{"kind", kind}, {"is_inspection", kind == "inspection"}, {"tabs", tabs}, {"rows", rows},
                            {"has_rows", !rows.empty()}, {"total", l.total},
                            {"may_register", k && write_record(ctx.access(), ctx.actor, {*k, ctx.actor.agency, ctx.actor.agency}) == Verdict::allow}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/accountability", Kind::page, Auth::session, page_list},
        {"POST", "/accountability", Kind::page, Auth::session, page_new_post},
        {"GET", "/accountability/new", Kind::page, Auth::session, page_new},
        {"GET", "/accountability/:id", Kind::page, Auth::session, page_record},
        {"POST", "/accountability/:id/acts", Kind::page, Auth::session, page_record_act},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::accountability
