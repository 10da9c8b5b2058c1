// The periodic report's pages and API (app/periodic_report.h): the draft of
// any period and agency of the user's subtree (figures, PDF, ODT), issuing
// it as a version (head, steering), the issued versions with what changed
// from the one each replaces. Handlers parse, call one use case, render.
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/periodic_report_render.h"

namespace thads::steering {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

bool leads(Role r) { return r == Role::head || r == Role::steering; }

// The quarter of the statistical year that holds `d` ("2027-Q1" for
// 15/11/2026): the default period of the form.
std::string quarter_of(Date d) {
  const int fy = d.month() >= 10 ? d.year() + 1 : d.year();
  const int q = d.month() >= 10 ? 1 : static_cast<int>((d.month() - 1) / 3) + 2;
  return std::to_string(fy) + "-Q" + std::to_string(q);
}

Response document_response(const ojson& doc, const std::string& format) {
  const std::string name = doc["id"].get<std::string>() + (doc["seq"].get<int64_t>() > 0
                                                              ? "-v" + std::to_string(doc["seq"].get<int64_t>())
                                                              : std::string("-du-thao"));
  Response r;
  if (format == "pdf") {
    r.content_type = "application/pdf";
    r.body = report_pdf(doc);
  } else if (format == "odt") {
    auto odt = report_odt(doc, report_template_path());
    if (auto* x = std::get_if<Refusal>(&odt)) return http::refusal_response(*x);
    r.content_type = "application/vnd.oasis.opendocument.text";
    r.body = std::get<std::string>(std::move(odt));
  } else {
    return http::json_text_response(200, doc.dump());
  }
  r.header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
  return r;
}

bool known_format(const std::string& f) { return f.empty() || f == "json" || f == "pdf" || f == "odt"; }

Response bad_format() {
  return http::api_error(400, "bad_field", "format must be json, pdf or odt", "Định dạng không hợp lệ.");
}

// What changed from the version a re-issue replaces, and the case events
// recorded in between that may explain it: {changes: [...], recorded_between:
// {events: [{case, seq, type, date, recorded_at, actor}], counted, complete}}.
// Empty for a first version.
json changes_json(Store& store, const User& u, const ojson& doc) {
  json out{{"changes", json::array()},
           {"recorded_between", {{"events", json::array()}, {"counted", 0}, {"complete", true}}}};
  const int64_t seq = doc["seq"].get<int64_t>();
  const std::string id = doc["id"].get<std::string>();
  if (seq <= 1) return out;
  if (auto prev = issued_version(store, &u, id, seq - 1); std::holds_alternative<ojson>(prev))
    for (const std::string& c : figure_changes(std::get<ojson>(prev)["figures"], doc["figures"]))
      out["changes"].push_back(c);
  if (auto rec = recorded_between(store, &u, id, seq); std::holds_alternative<RecordedBetween>(rec)) {
    const RecordedBetween& r = std::get<RecordedBetween>(rec);
    for (const RecordedEvent& e : r.events)
      out["recorded_between"]["events"].push_back({{"case", e.case_id}, {"seq", e.seq}, {"type", e.type},
                                                   {"date", e.date.iso()}, {"recorded_at", e.recorded_at},
                                                   {"actor", e.actor}});
    out["recorded_between"]["counted"] = r.counted;
    out["recorded_between"]["complete"] = r.complete;
  }
  return out;
}

// ---- API --------------------------------------------------------------------

Response api_draft(Ctx& ctx, const Request& req) {
  if (!known_format(req.q("format"))) return bad_format();
  const auto stats = ctx.app.cache().stats(ctx.store());  // the server's statistics, not a reload
  auto d = draft_report(ctx.store(), &ctx.session->user, req.q("agency"), req.q("period"), vn_date_of(ctx.now), stats.get());
  if (auto* r = std::get_if<Refusal>(&d)) return http::refusal_response(*r);
  return document_response(std::get<ojson>(d), req.q("format"));
}

Response api_issue(Ctx& ctx, const Request& req) {
  auto body = http::json_body(req);
  if (!body || !body->is_object())
    return http::api_error(400, "bad_field", "send the report's fields as application/json", "Yêu cầu không đúng định dạng.");
  IssueRequest rq;
  for (auto [field, key] : {std::pair{&rq.agency, "agency"}, {&rq.period, "period"}, {&rq.number, "number"},
                            {&rq.difficulties, "difficulties"}, {&rq.proposals, "proposals"}, {&rq.signer, "signer"},
                            {&rq.place, "place"}, {&rq.reason, "reason"}})
    if (body->contains(key) && (*body)[key].is_string()) *field = (*body)[key].get<std::string>();
  auto res = issue_report(ctx.store(), ctx.session->user, rq, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  ctx.app.cache().note_write();
  const Recorded& rec = std::get<Recorded>(res);
  return http::json_response(201, {{"id", rec.key}, {"seq", rec.seq}});
}

json versions_json(const IssuedReport& r) {
  json vs = json::array();
  for (const ojson& v : r.versions)
    vs.push_back({{"seq", v["seq"]}, {"date", v["date"]}, {"number", v["number"]}, {"actor", v.value("actor", "")},
                  {"reason", v.value("reason", "")}});
  return vs;
}

Response api_issued(Ctx& ctx, const Request&) {
  auto res = issued_reports(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  json items = json::array();
  for (const IssuedReport& r : std::get<std::vector<IssuedReport>>(res))
    items.push_back({{"id", r.id}, {"agency", r.agency}, {"period", r.period}, {"versions", versions_json(r)}});
  return http::json_response(200, {{"items", items}});
}

Response api_version(Ctx& ctx, const Request& req) {
  if (!known_format(req.q("format"))) return bad_format();
  const int64_t v = req.q("version").empty() ? 0 : std::atoll(req.q("version").c_str());
  auto res = issued_version(ctx.store(), &ctx.session->user, req.param("id"), v);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  ojson& doc = std::get<ojson>(res);
  if (req.q("format").empty() || req.q("format") == "json")
    doc["changes_from_previous"] = ojson::parse(changes_json(ctx.store(), ctx.session->user, doc).dump());
  return document_response(doc, req.q("format"));
}

// ---- pages ------------------------------------------------------------------

json form_values(const Request& req, http::Params* posted) {
  json f;
  for (const char* k : {"agency", "period", "number", "difficulties", "proposals", "signer", "place", "reason"})
    f[k] = posted ? (*posted)[k] : req.q(k);
  return f;
}

Response reports_page(Ctx& ctx, const Request& req, json form, const std::string& error) {
  const User& u = ctx.session->user;
  if (form["agency"].get<std::string>().empty()) form["agency"] = u.agency;
  json data{{"form", form}, {"error", error}, {"may_issue", leads(u.role)}};
  if (form["period"].get<std::string>().empty()) form["period"] = quarter_of(vn_date_of(ctx.now));
  data["form"] = form;
  // The draft of the period asked for, when one is.
  if (!req.q("period").empty() || !error.empty()) {
    const auto stats = ctx.app.cache().stats(ctx.store());
    auto d = draft_report(ctx.store(), &u, form["agency"], form["period"], vn_date_of(ctx.now), stats.get());
    if (auto* r = std::get_if<Refusal>(&d)) {
      if (error.empty()) data["error"] = http::refusal_vi(*r);
    } else {
      const ojson& doc = std::get<ojson>(d);
      json view = json::parse(report_view(doc).dump());
      view["id"] = doc["id"];
      const std::string q = "agency=" + http::url_encode(doc["agency"].get<std::string>()) +
                            "&period=" + http::url_encode(doc["period"].get<std::string>());
      view["pdf_href"] = "/steering/report-file?" + q + "&format=pdf";
      view["odt_href"] = "/steering/report-file?" + q + "&format=odt";
      data["draft"] = view;
    }
  }
  auto issued = issued_reports(ctx.store(), u);
  json items = json::array();
  if (auto* list = std::get_if<std::vector<IssuedReport>>(&issued))
    for (const IssuedReport& r : *list) {
      json vs = versions_json(r);
      for (json& v : vs) {
        v["href"] = "/steering/reports/" + http::url_encode(r.id) + "?version=" + v["seq"].dump();
        v["date_vn"] = http::vn_date(v["date"].get<std::string>());
      }
      items.push_back({{"id", r.id}, {"agency", r.agency}, {"period", r.period}, {"versions", vs}});
    }
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["ok"] = !req.q("ok").empty();
  return http::render_page(ctx, req, error.empty() ? 200 : 422, "steering_reports",
                           "Báo cáo định kỳ gửi cấp ủy, Ủy ban nhân dân", std::move(data));
}

Response page_reports(Ctx& ctx, const Request& req) {
  if (ctx.session->user.role == Role::admin || ctx.session->user.role == Role::body)
    return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return reports_page(ctx, req, form_values(req, nullptr), "");
}

Response page_issue(Ctx& ctx, const Request& req) {
  http::Params f = req.form();
  IssueRequest rq{f["agency"], f["period"], f["number"], f["difficulties"], f["proposals"], f["signer"], f["place"],
                  f["reason"]};
  auto res = issue_report(ctx.store(), ctx.session->user, rq, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "forbidden" || r->code == "not_found")
      return http::deny(ctx, req, http::Kind::page, r->code == "forbidden" ? Verdict::forbidden : Verdict::not_found);
    return reports_page(ctx, req, form_values(req, &f), http::refusal_vi(*r));
  }
  ctx.app.cache().note_write();
  const Recorded& rec = std::get<Recorded>(res);
  return http::redirect("/steering/reports/" + http::url_encode(rec.key) + "?version=" + std::to_string(rec.seq) +
                        "&ok=1");
}

Response page_version(Ctx& ctx, const Request& req) {
  const User& u = ctx.session->user;
  const int64_t v = req.q("version").empty() ? 0 : std::atoll(req.q("version").c_str());
  auto res = issued_version(ctx.store(), &u, req.param("id"), v);
  if (auto* r = std::get_if<Refusal>(&res))
    return http::deny(ctx, req, http::Kind::page, r->code == "forbidden" ? Verdict::forbidden : Verdict::not_found);
  const ojson& doc = std::get<ojson>(res);
  const int64_t seq = doc["seq"].get<int64_t>();
  json data = json::parse(report_view(doc).dump());
  const json why = changes_json(ctx.store(), u, doc);
  const json& changes = why["changes"];
  json recorded = json::array();
  for (json e : why["recorded_between"]["events"]) {
    e["date_vn"] = http::vn_date(e["date"].get<std::string>());
    e["recorded_vn"] = http::vn_datetime(e["recorded_at"].get<int64_t>());
    e["href"] = "/cases/" + http::url_encode(e["case"].get<std::string>());
    recorded.push_back(std::move(e));
  }
  data["recorded"] = recorded;
  data["has_recorded"] = !recorded.empty();
  data["recorded_counted"] = why["recorded_between"]["counted"];
  data["recorded_more"] = why["recorded_between"]["counted"].get<int64_t>() > static_cast<int64_t>(recorded.size());
  data["recorded_incomplete"] = !why["recorded_between"]["complete"].get<bool>();
  const std::string base = "/api/v1/steering/reports/" + http::url_encode(doc["id"].get<std::string>()) +
                           "?version=" + std::to_string(seq) + "&format=";
  data["id"] = doc["id"];
  data["pdf_href"] = "/steering/report-file?id=" + http::url_encode(doc["id"].get<std::string>()) +
                     "&version=" + std::to_string(seq) + "&format=pdf";
  data["odt_href"] = "/steering/report-file?id=" + http::url_encode(doc["id"].get<std::string>()) +
                     "&version=" + std::to_string(seq) + "&format=odt";
  data["json_href"] = base + "json";
  data["changes"] = changes;
  data["has_changes"] = !changes.empty();
  data["date_vn"] = http::vn_date(doc["date"].get<std::string>());
  data["actor"] = doc.value("actor", "");
  data["may_issue"] = leads(u.role);
  data["agency"] = doc["agency"];
  data["period"] = doc["period"];
  data["ok"] = !req.q("ok").empty();
  return http::render_page(ctx, req, 200, "steering_report",
                           "Báo cáo " + doc["figures"]["period_label"].get<std::string>() + ", phiên bản " +
                               std::to_string(seq),
                           std::move(data));
}

Response page_file(Ctx& ctx, const Request& req) {
  const std::string& format = req.q("format");
  if (format != "pdf" && format != "odt") return http::error_page(ctx, req, 400, "Định dạng không hợp lệ.");
  const User& u = ctx.session->user;
  const auto stats = req.q("id").empty() ? ctx.app.cache().stats(ctx.store()) : nullptr;
  std::variant<ojson, Refusal> doc =
      req.q("id").empty()
          ? draft_report(ctx.store(), &u, req.q("agency"), req.q("period"), vn_date_of(ctx.now), stats.get())
          : issued_version(ctx.store(), &u, req.q("id"), std::atoll(req.q("version").c_str()));
  if (auto* r = std::get_if<Refusal>(&doc)) {
    if (r->code == "forbidden" || r->code == "not_found")
      return http::deny(ctx, req, http::Kind::page, r->code == "forbidden" ? Verdict::forbidden : Verdict::not_found);
    return http::error_page(ctx, req, 422, http::refusal_vi(*r));
  }
  return document_response(std::get<ojson>(doc), format);
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/api/v1/steering/report-draft", Kind::api, Auth::session, api_draft},
        {"GET", "/api/v1/steering/reports", Kind::api, Auth::session, api_issued},
        {"POST", "/api/v1/steering/reports", Kind::api, Auth::session, api_issue},
        {"GET", "/api/v1/steering/reports/:id", Kind::api, Auth::session, api_version},
        {"GET", "/steering/reports", Kind::page, Auth::session, page_reports},
        {"POST", "/steering/reports", Kind::page, Auth::session, page_issue},
        {"GET", "/steering/reports/:id", Kind::page, Auth::session, page_version},
        {"GET", "/steering/report-file", Kind::page, Auth::session, page_file},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::steering
