// The steering pages (issue 17 item 2): the directives with their task
// trees, entering a directive and its tasks, a body reporting progress on
// its own tasks, the follow-up owner's matrix of tasks × bodies × periods,
// the key-case register, the committees and their meetings. Handlers
// parse, call one use case (app/steering_use_cases.h) and render the
// steering_* templates.
#include <algorithm>

#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "http/server.h"
#include "modules/steering/app/steering_access.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/http/steering_json.h"

namespace thads::steering {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

Response refusal_page(Ctx& ctx, const Request& req, const Refusal& r) {
  if (r.code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
  if (r.code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
  return http::error_page(ctx, req, r.code == "version_conflict" ? 409 : 422, steering_refusal_vi(r));
}

bool leads(Role r) { return r == Role::head || r == Role::steering; }

// "31/01/2025" or "2025-01-31" as ISO; "" when neither.
std::string iso_of(const std::string& s) {
  if (Date::parse(s)) return s;
  unsigned d = 0, m = 0;
  int y = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%u/%u/%d%c", &d, &m, &y, &tail) == 3) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    if (Date::parse(buf)) return buf;
  }
  return "";
}

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

void put_text(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// Non-empty lines of a text area.
std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + "\n") {
    if (c == '\n') {
      while (!cur.empty() && (cur.back() == '\r' || cur.back() == ' ')) cur.pop_back();
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// The committee's act on a key case (steering.md key_case), from the act
// form of /steering/key-cases: only the fields of its type.
json key_case_act(http::Params& f, const std::string& today_iso) {
  const std::string& type = f["type"];
  json j{{"kind", "key_case"}, {"id", f["id"]}, {"type", type},
         {"date", f["date"].empty() ? today_iso : iso_of(f["date"])}};
  if (type == "accepted" || type == "rejected") {
    j["committee"] = f["committee"];
    put_text(j, "meeting", f["meeting"]);
    if (type == "rejected") j["reason"] = f["reason"];
  } else if (type == "stuck") {
    j["reason"] = f["reason"];
  } else if (type == "step") {
    j["step"] = std::atoll(f["step"].c_str());
    j["text"] = f["text"];
    j["owner"] = f["owner"];
    j["deadline"] = iso_of(f["deadline"]);
  } else if (type == "closed") {
    j["result"] = f["result"];
    put_text(j, "note", f["reason"]);
  }
  return j;
}

// A form of the steering pages as the record it enters.
json record_from_form(http::Params& f, const std::string& today_iso) {
  const std::string& form = f["form"];
  json j;
  if (form == "directive") {
    j = {{"kind", "directive"}, {"id", f["id"]}, {"number", f["number"]}, {"issuer", f["issuer"]},
         {"date", iso_of(f["date"])}, {"title", f["title"]}, {"agency", f["agency"]}};
    put_text(j, "replaces", f["replaces"]);
  } else if (form == "task") {
    j = {{"kind", "directive_task"}, {"directive", f["directive"]}, {"number", f["number"]}, {"text", f["text"]},
         {"bodies", split_codes(f["bodies"])}, {"owner", f["owner"]}};
    if (!f["deadline"].empty()) j["deadline"] = iso_of(f["deadline"]);
    else j["periodicity"] = f["periodicity"];
  } else if (form == "report") {
    j = {{"kind", "task_report"}, {"task", f["task"]}, {"body", f["body"]}, {"period", f["period"]},
         {"status", f["status"]}, {"text", f["text"]},
         {"date", f["date"].empty() ? today_iso : iso_of(f["date"])}};
  } else if (form == "propose") {
    j = {{"kind", "key_case"}, {"type", "proposed"}, {"case", f["case"]},
         {"agency", f["agency"]}, {"reasons", split_codes(f["reasons"])}, {"date", today_iso}};
  } else if (form == "committee") {
    j = {{"kind", "committee"}, {"id", f["id"]}, {"name", f["name"]}, {"level", f["level"]}, {"agency", f["agency"]},
         {"valid_from", iso_of(f["valid_from"])}};
    if (!f["valid_to"].empty()) j["valid_to"] = iso_of(f["valid_to"]);
  } else if (form == "member") {
    j = {{"kind", "committee_member"}, {"committee", f["committee"]}, {"person", f["person"]}, {"body", f["body"]},
         {"role", f["role"]}, {"from", iso_of(f["from"])}};
    if (!f["to"].empty()) j["to"] = iso_of(f["to"]);
  } else if (form == "meeting") {
    j = {{"kind", "meeting"}, {"id", f["id"]}, {"committee", f["committee"]}, {"date", iso_of(f["date"])},
         {"agenda", split_lines(f["agenda"])}};
    if (!split_lines(f["conclusions"]).empty()) j["conclusions"] = split_lines(f["conclusions"]);
  } else if (form == "key_case_act") {
    j = key_case_act(f, today_iso);
  } else if (form == "step_done") {
    j = {{"kind", "key_case"}, {"id", f["id"]}, {"type", "step_done"}, {"step", std::atoll(f["step"].c_str())},
         {"date", today_iso}};
  }
  return j;
}

// Where a form returns: a steering page only.
std::string back_of(http::Params& f) {
  const std::string& b = f["back"];
  if (b.rfind("/steering", 0) == 0 && b.find("//") == std::string::npos && b.find('\\') == std::string::npos) return b;
  return "/steering";
}

Response key_cases_page(Ctx& ctx, const Request& req, const std::string& error, const json& posted);
Response committees_page(Ctx& ctx, const Request& req, const std::string& error, const json& posted);
Response directive_page(Ctx& ctx, const Request& req, const std::string& id, const std::string& error,
                        const json& posted);

// Whether `id` is a recorded directive (a task's source may also be a meeting).
bool source_is_directive(Ctx& ctx, const std::string& id) {
  return std::holds_alternative<DirectiveView>(directive_view(ctx.store(), ctx.session->user, id, vn_date_of(ctx.now)));
}

Response page_record(Ctx& ctx, const Request& req) {
  http::Params form = req.form();
  json rec = record_from_form(form, vn_date_of(ctx.now).iso());
  if (rec.is_null()) return http::error_page(ctx, req, 400, "Biểu mẫu không hợp lệ.");
  // A progress report's attached documents (the "documents" file input).
  std::vector<Upload> uploads;
  if (form["form"] == "report")
    for (http::UploadedFile& f : req.files())
      if (f.field == "documents") uploads.push_back({std::move(f.filename), std::move(f.content_type), std::move(f.bytes)});
  auto res = record(ctx.store(), ctx.session->user, rec, ctx.now, uploads);
  if (auto* r = std::get_if<Refusal>(&res)) {
    // The committee's and key-case forms come back with the refusal in
    // Vietnamese and what was typed.
    const std::string& which = form["form"];
    const bool keeps = r->code != "forbidden" && r->code != "not_found";
    json posted = json::object();
    for (const char* k : {"form", "id", "name", "level", "agency", "valid_from", "valid_to", "committee", "person",
                          "body", "role", "from", "to", "date", "agenda", "conclusions", "type", "meeting", "reason",
                          "step", "text", "owner", "deadline", "result", "task", "period", "status"})
      posted[k] = form[k];
    // A progress report on a directive's task: back to the directive's page
    // (a browser cannot be given the chosen files again: it is told so).
    if (keeps && which == "report") {
      const std::string& task = form["task"];
      const std::string source = task.substr(0, task.rfind('/') == std::string::npos ? 0 : task.rfind('/'));
      std::string message = steering_refusal_vi(*r);
      if (!uploads.empty()) message += " Các tệp đã chọn chưa được lưu: hãy chọn lại tệp trước khi gửi.";
      if (!source.empty() && source_is_directive(ctx, source)) return directive_page(ctx, req, source, message, posted);
    }
    if (keeps && (which == "committee" || which == "member" || which == "meeting"))
      return committees_page(ctx, req, http::refusal_vi(*r), posted);
    if (keeps && which == "key_case_act") return key_cases_page(ctx, req, http::refusal_vi(*r), posted);
    return refusal_page(ctx, req, *r);
  }
  ctx.app.cache().note_write();
  std::string back = back_of(form);
  return http::redirect(back + (back.find('?') == std::string::npos ? "?" : "&") + "ok=1");
}

Response page_list(Ctx& ctx, const Request& req) {
  auto res = directive_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  json rows = json::array();
  for (const DirectiveRow& d : std::get<std::vector<DirectiveRow>>(res))
    rows.push_back({{"id", d.id}, {"href", "/steering/directives/" + http::url_encode(d.id)}, {"number", d.number},
                    {"issuer", d.issuer}, {"date", http::vn_date(d.date)}, {"title", d.title}, {"agency", d.agency},
                    {"tasks", d.tasks}, {"replaces", d.replaces}});
  const Role role = ctx.session->user.role;
  json data{{"rows", rows},
            {"has_rows", !rows.empty()},
            {"may_enter", leads(role)},
            {"reads_key_cases", role == Role::head || role == Role::steering || role == Role::supervisor ||
                                    role == Role::procuracy},
            {"reads_reports", role != Role::body},
            {"agency", ctx.session->user.agency},
            {"today", http::today_vn(ctx)},
            {"ok", !req.q("ok").empty()}};
  return http::render_page(ctx, req, 200, "steering_list", "Chỉ đạo, điều hành: chỉ thị và nhiệm vụ", std::move(data));
}

Response page_directive(Ctx& ctx, const Request& req) { return directive_page(ctx, req, req.param("id"), "", json::object()); }

// The directive's page; after a refused progress report, with the refusal
// in Vietnamese beside the report's form, open, and what was typed in it.
Response directive_page(Ctx& ctx, const Request& req, const std::string& id, const std::string& error,
                        const json& posted) {
  const Date today = vn_date_of(ctx.now);
  auto res = directive_view(ctx.store(), ctx.session->user, id, today);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const DirectiveView& v = std::get<DirectiveView>(res);
  json data = directive_json(v);
  const User& u = ctx.session->user;
  const Actor actor = Actor::of(u);
  // The report forms: one per (task, body) the user may report for, with
  // the periods not yet done.
  for (json& t : data["tasks"]) {
    json forms = json::array();
    for (json& b : t["body_cells"]) {
      const WriteScope scope{Kind::task_report, "", v.directive->text("agency"), b["body"].get<std::string>(), ""};
      if (record_steering(ctx.access(), actor, scope) != Verdict::allow) continue;
      json periods = json::array();
      for (const json& c : b["cells"])
        if (c["done_on"].is_null())
          periods.push_back({{"value", c["period"]}, {"label", c["period_label"].get<std::string>() +
                                                                   (c["overdue"].get<bool>() ? " (quá hạn)" : "")}});
      if (periods.empty()) continue;
      const bool mine = posted.value("form", "") == "report" && posted.value("task", "") == t["task"] &&
                        posted.value("body", "") == b["body"];
      const std::string status = mine ? posted.value("status", "") : "in_progress";
      json statuses = json::array();
      for (const char* st : {"in_progress", "done", "not_started"})
        statuses.push_back({{"value", st}, {"label", status_label_vi(st)}, {"selected", status == st}});
      if (mine)
        for (json& per : periods) per["selected"] = per["value"] == posted.value("period", "");
      forms.push_back({{"body", b["body"]}, {"name", b["name"]}, {"periods", periods}, {"statuses", statuses},
                       {"open", mine}, {"error", mine ? error : ""}, {"text", mine ? posted.value("text", "") : ""},
                       {"form_id", "report-" + t["number"].get<std::string>() + "-" + b["body"].get<std::string>()}});
    }
    t["report_forms"] = forms;
    t["has_report_forms"] = !forms.empty();
  }
  data["may_enter"] = leads(u.role);
  data["ok"] = !req.q("ok").empty();
  data["back"] = "/steering/directives/" + http::url_encode(v.directive->key);
  // The report forms' file input: what the server accepts (attachments.h),
  // checked in the browser too (forms.js) so that a file too large is told
  // before it is sent.
  std::string accept;
  for (const MediaType& m : kMediaTypes) accept += (accept.empty() ? "." : ",.") + std::string(m.extension);
  data["accept"] = accept + ",.jpeg";
  data["max_files"] = kMaxAttachmentsPerReport;
  data["max_file_bytes"] = kMaxAttachmentBytes;
  data["max_file_mb"] = kMaxAttachmentBytes / (1024 * 1024);
  data["max_total_bytes"] = http::kMaxBodyBytes - 64 * 1024;  // the form's other fields and the multipart framing
  data["has_tasks"] = !data["tasks"].empty();
  const std::string title = "Chỉ thị " + v.directive->text("number");
  return http::render_page(ctx, req, error.empty() ? 200 : 422, "steering_directive", title, std::move(data));
}

Response page_matrix(Ctx& ctx, const Request& req) {
  const Date today = vn_date_of(ctx.now);
  auto res = follow_up_matrix(ctx.store(), ctx.session->user, req.q("owner"), today);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  json data = matrix_json(std::get<Matrix>(res));
  data["has_rows"] = !data["rows"].empty();
  data["has_late"] = !data["late_bodies"].empty();
  data["owner"] = req.q("owner");
  data["today"] = today.vn();
  return http::render_page(ctx, req, 200, "steering_matrix", "Theo dõi thực hiện nhiệm vụ", std::move(data));
}

const char* const kKeyCaseActs[][2] = {{"accepted", "Ban Chỉ đạo chấp nhận theo dõi"},
                                       {"rejected", "Ban Chỉ đạo không chấp nhận"},
                                       {"stuck", "Ghi nguyên nhân vướng mắc"},
                                       {"step", "Giao biện pháp (người thực hiện, thời hạn)"},
                                       {"step_done", "Biện pháp đã thực hiện xong"},
                                       {"closed", "Kết thúc theo dõi"}};

// The acts that may follow a key case's state (ledger rules).
json acts_of(const std::string& state, const json& posted) {
  json out = json::array();
  for (const auto& a : kKeyCaseActs) {
    const std::string t = a[0];
    const bool fits = state == "proposed" ? (t == "accepted" || t == "rejected")
                                          : state == "accepted" && t != "accepted" && t != "rejected";
    if (fits) out.push_back({{"value", t}, {"label", a[1]}, {"selected", posted.value("type", "") == t}});
  }
  return out;
}

Response key_cases_page(Ctx& ctx, const Request& req, const std::string& error, const json& posted) {
  const Date today = vn_date_of(ctx.now);
  auto res = key_case_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const bool acts = leads(ctx.session->user.role);
  json committees = json::array();
  if (acts)
    if (auto c = committee_list(ctx.store(), ctx.session->user); std::holds_alternative<CommitteeList>(c))
      for (const CommitteeView& v : std::get<CommitteeList>(c).committees)
        committees.push_back({{"id", v.committee->key}, {"name", v.committee->text("name")}});
  json items = json::array();
  for (const KeyCase* k : std::get<KeyCaseList>(res).cases) {
    json item = key_case_json(*k, today);
    const bool mine = posted.value("id", "") == k->id;
    const json p = mine ? posted : json::object();
    item["acts"] = acts_of(k->state, p);
    item["may_act"] = acts && !item["acts"].empty();
    item["posted"] = p;
    item["next_step"] = mine && !p.value("step", "").empty() ? p.value("step", "") : std::to_string(k->steps.size() + 1);
    json cs = committees;
    for (json& c : cs) c["selected"] = mine && c["id"] == p.value("committee", "");
    item["committees"] = cs;
    for (const char* r : {"enforced", "terminated", "no_longer_key"})
      item[std::string("result_") + r] = mine && p.value("result", "") == r;
    items.push_back(std::move(item));
  }
  json candidates = json::array();
  if (auto c = proposal_candidates(ctx.store(), ctx.session->user, today); std::holds_alternative<std::vector<Candidate>>(c))
    for (const Candidate& x : std::get<std::vector<Candidate>>(c)) {
      json reasons = json::array();
      std::string codes;
      for (const std::string& r : x.reasons) {
        reasons.push_back(reason_label_vi(r));
        codes += (codes.empty() ? "" : ",") + r;
      }
      candidates.push_back({{"case", x.facts.case_id}, {"agency", x.facts.agency}, {"opened", x.facts.opened.vn()},
                            {"remaining", http::vnd(x.facts.remaining)}, {"reasons", reasons}, {"codes", codes}});
    }
  return http::render_page(ctx, req, error.empty() ? 200 : 422, "steering_key_cases",
                           "Vụ việc trọng điểm, phức tạp, kéo dài",
                           {{"items", items}, {"has_items", !items.empty()}, {"count", items.size()},
                            {"candidates", candidates}, {"has_candidates", !candidates.empty()},
                            {"may_propose", ctx.session->user.role == Role::head},
                            {"error", error}, {"today", today.vn()},
                            {"ok", !req.q("ok").empty()}});
}

Response page_key_cases(Ctx& ctx, const Request& req) { return key_cases_page(ctx, req, "", json::object()); }

Response committees_page(Ctx& ctx, const Request& req, const std::string& error, const json& posted) {
  auto res = committee_list(ctx.store(), ctx.session->user);
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_page(ctx, req, *r);
  const std::string which = posted.value("form", "");
  json items = json::array();
  for (const CommitteeView& c : std::get<CommitteeList>(res).committees) {
    json item = committee_json(c);
    const bool mine = which != "committee" && posted.value("committee", "") == c.committee->key;
    item["member_posted"] = mine && which == "member" ? posted : json::object();
    item["meeting_posted"] = mine && which == "meeting" ? posted : json::object();
    for (const char* r : {"head", "deputy", "member", "secretariat"})
      item[std::string("role_") + r] = mine && which == "member" && posted.value("role", "") == r;
    items.push_back(std::move(item));
  }
  const User& u = ctx.session->user;
  json created = which == "committee" ? posted : json{{"agency", u.agency}, {"level", "province"}};
  return http::render_page(ctx, req, error.empty() ? 200 : 422, "steering_committees", "Ban Chỉ đạo thi hành án dân sự",
                           {{"items", items},
                            {"has_items", !items.empty()},
                            {"may_enter", leads(u.role)},
                            {"created", created},
                            {"level_district", created.value("level", "") == "district"},
                            {"error", error},
                            {"today", http::today_vn(ctx)},
                            {"ok", !req.q("ok").empty()}});
}

Response page_committees(Ctx& ctx, const Request& req) { return committees_page(ctx, req, "", json::object()); }

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    using http::Auth;
    using http::Kind;
    return std::vector<http::Route>{
        {"GET", "/steering", Kind::page, Auth::session, page_list},
        {"POST", "/steering/records", Kind::page, Auth::session, page_record},
        {"GET", "/steering/directives/:id", Kind::page, Auth::session, page_directive},
        {"GET", "/steering/matrix", Kind::page, Auth::session, page_matrix},
        {"GET", "/steering/key-cases", Kind::page, Auth::session, page_key_cases},
        {"GET", "/steering/committees", Kind::page, Auth::session, page_committees},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::steering
