#include "modules/steering/http/steering_json.h"

#include "http/handlers.h"
#include "http/pages.h"

namespace thads::steering {

using json = nlohmann::json;

std::string status_label_vi(const std::string& s) {
  if (s == "not_started") return "Chưa triển khai";
  if (s == "in_progress") return "Đang thực hiện";
  if (s == "done") return "Hoàn thành";
  return "Chưa báo cáo";
}

std::string size_vn(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " byte";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  const int64_t tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

json document_json(const AttachmentRef& a) {
  return {{"sha256", a.sha256},
          {"name", a.name},
          {"media_type", a.media_type},
          {"size", a.size},
          {"size_vn", size_vn(a.size)},
          {"type_label", media_type_label_vi(a.media_type)},
          {"href", "/steering/attachments/" + a.sha256 + "?name=" + http::url_encode(a.name)}};
}

std::string steering_refusal_vi(const Refusal& r) {
  const std::string mb = std::to_string(kMaxAttachmentBytes / (1024 * 1024));
  if (r.code == "file_too_large") return "Tệp đính kèm quá lớn: mỗi tệp tối đa " + mb + " MB.";
  if (r.code == "file_empty") return "Tệp đính kèm rỗng (0 byte); hãy chọn lại tệp.";
  if (r.code == "file_type_not_accepted")
    return "Loại tệp không được nhận. Chỉ nhận PDF, văn bản (DOC, DOCX, ODT), bảng tính (XLS, XLSX, ODS), ảnh (JPG, PNG) "
           "và văn bản thuần (TXT).";
  if (r.code == "bad_file_name")
    return "Tên tệp không hợp lệ (quá dài hoặc có ký tự điều khiển, dấu / hoặc \\); hãy đổi tên tệp rồi gửi lại.";
  if (r.code == "too_many_files")
    return "Mỗi báo cáo kèm tối đa " + std::to_string(kMaxAttachmentsPerReport) + " tệp.";
  if (r.code == "integrity_error")
    return "Nội dung tệp lưu trữ không khớp mã băm của nó (có thể đã bị sửa); hãy báo quản trị hệ thống.";
  return http::refusal_vi(r);
}

json cell_json(const Cell& c) {
  json j{{"period", c.period.key},
         {"period_label", period_label_vi(c.period)},
         {"due", c.due.iso()},
         {"due_vn", c.due.vn()},
         {"status", c.status},
         {"status_label", c.overdue ? "Quá hạn" : status_label_vi(c.status)},
         {"text", c.text},
         {"overdue", c.overdue},
         {"done_late", c.done_late}};
  j["reported"] = c.reported ? json(c.reported->iso()) : json(nullptr);
  j["done_on"] = c.done_on ? json(c.done_on->iso()) : json(nullptr);
  json docs = json::array();
  for (const AttachmentRef& a : c.documents) docs.push_back(document_json(a));
  j["documents"] = docs;
  j["has_documents"] = !docs.empty();
  return j;
}

json task_json(const Task& t) {
  json j{{"task", t.key},         {"source", t.source}, {"from_meeting", t.from_meeting}, {"number", t.number},
         {"text", t.text},        {"owner", t.owner},   {"bodies", t.bodies},
         {"periodicity", std::string(to_string(t.periodicity))},
         {"periodicity_label", std::string(label_vi(t.periodicity))}, {"start", t.start.iso()}};
  j["deadline"] = t.deadline ? json(t.deadline->iso()) : json(nullptr);
  j["deadline_vn"] = t.deadline ? t.deadline->vn() : "";
  return j;
}

json body_cells_json(const BodyCells& b) {
  json cells = json::array();
  for (const Cell& c : b.cells) cells.push_back(cell_json(c));
  json latest = b.cells.empty() ? json(nullptr) : cells.back();
  return {{"body", b.body}, {"name", b.name}, {"overdue", b.overdue}, {"cells", cells}, {"latest", latest}};
}

json directive_json(const DirectiveView& v) {
  const Record& d = *v.directive;
  json tasks = json::array();
  for (const TaskLine& l : v.tasks) {
    json t = task_json(*l.task);
    t["depth"] = l.depth;
    t["indent"] = l.depth * 2;
    json bodies = json::array();
    for (const BodyCells& b : l.bodies) bodies.push_back(body_cells_json(b));
    t["body_cells"] = bodies;
    tasks.push_back(std::move(t));
  }
  return {{"id", d.key},
          {"number", d.text("number")},
          {"issuer", d.text("issuer")},
          {"date", d.date.iso()},
          {"date_vn", d.date.vn()},
          {"title", d.text("title")},
          {"agency", d.text("agency")},
          {"replaces", d.text("replaces")},
          {"replaced_by", v.replaced_by ? json(*v.replaced_by) : json(nullptr)},
          {"tasks", tasks}};
}

json matrix_json(const Matrix& m) {
  json rows = json::array();
  for (const MatrixRow& r : m.rows) {
    json row = task_json(*r.task);
    row["source_title"] = r.source_title;
    row["body"] = body_cells_json(r.body);
    rows.push_back(std::move(row));
  }
  json late = json::array();
  for (const auto& [name, n] : m.late_bodies) late.push_back({{"body", name}, {"overdue", n}});
  return {{"rows", rows}, {"overdue_cells", m.overdue_cells}, {"late_bodies", late}};
}

json key_case_json(const KeyCase& k, Date today) {
  json steps = json::array();
  int64_t overdue = 0;
  for (const Step& s : k.steps) {
    const bool late = s.overdue(today);
    overdue += late;
    steps.push_back({{"step", s.number},
                     {"text", s.text},
                     {"owner", s.owner},
                     {"deadline", s.deadline.iso()},
                     {"deadline_vn", s.deadline.vn()},
                     {"done_on", s.done_on ? json(s.done_on->iso()) : json(nullptr)},
                     {"overdue", late}});
  }
  json reasons = json::array();
  for (const std::string& r : k.reasons) reasons.push_back({{"code", r}, {"label", reason_label_vi(r)}});
  json history = json::array();
  for (const Record& r : k.history) {
    json h = r.p;
    h["date_vn"] = r.date.vn();
    history.push_back(std::move(h));
  }
  static const std::map<std::string, std::string> kState{
      {"proposed", "Đề xuất"}, {"accepted", "Đang theo dõi"}, {"rejected", "Không chấp nhận"}, {"closed", "Đã kết thúc"}};
  return {{"id", k.id},
          {"case", k.case_id},
          {"agency", k.agency},
          {"state", k.state},
          {"state_label", kState.count(k.state) ? kState.at(k.state) : k.state},
          {"committee", k.committee},
          {"reasons", reasons},
          {"stuck_reason", k.stuck_reason},
          {"proposed_on", k.proposed_on.iso()},
          {"proposed_vn", k.proposed_on.vn()},
          {"steps", steps},
          {"overdue_steps", overdue},
          {"version", static_cast<int64_t>(k.history.size())},
          {"history", history}};
}

json committee_json(const CommitteeView& c) {
  static const std::map<std::string, std::string> kRole{
      {"head", "Trưởng ban"}, {"deputy", "Phó Trưởng ban"}, {"member", "Thành viên"}, {"secretariat", "Tổ giúp việc"}};
  json members = json::array();
  for (const Record* m : c.members)
    members.push_back({{"person", m->text("person")},
                       {"body", m->text("body")},
                       {"role", m->text("role")},
                       {"role_label", kRole.count(m->text("role")) ? kRole.at(m->text("role")) : m->text("role")},
                       {"from", m->date.iso()},
                       {"from_vn", m->date.vn()},
                       {"to", m->text("to")}});
  json meetings = json::array();
  for (const Record* m : c.meetings) {
    json agenda = json::array(), conclusions = json::array();
    for (const std::string& a : m->list("agenda")) agenda.push_back(a);
    for (const std::string& a : m->list("conclusions")) conclusions.push_back(a);
    meetings.push_back({{"id", m->key}, {"date", m->date.iso()}, {"date_vn", m->date.vn()}, {"agenda", agenda},
                        {"conclusions", conclusions}});
  }
  const Record& r = *c.committee;
  return {{"id", r.key},
          {"name", r.text("name")},
          {"level", r.text("level")},
          {"level_label", r.text("level") == "province" ? "Cấp tỉnh" : "Cấp huyện"},
          {"agency", r.text("agency")},
          {"valid_from", r.date.iso()},
          {"valid_from_vn", r.date.vn()},
          {"valid_to", r.text("valid_to")},
          {"members", members},
          {"meetings", meetings}};
}

}  // namespace thads::steering
