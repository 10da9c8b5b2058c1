// Pages of the administrator for reference data: agencies, officers, the
// holiday calendar, yearly targets (each: the list and a form to add one),
// the settings in force (read-only, with their articles) and the import of
// an interchange file by upload. Changes go through app/reference_admin.h:
// checked as the import checks them, all or nothing, journaled (who, when).
#include <cmath>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "app/reference_admin.h"
#include "app/settings.h"
#include "app/settings_journal.h"
#include "domain/calendar.h"
#include "domain/reference_change.h"
#include "http/admin_view.h"
#include "http/calendar_notice.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/refusal_text.h"

namespace thads::http {
namespace {

using json = nlohmann::json;

json option_list(std::initializer_list<std::pair<const char*, const char*>> items, const std::string& selected) {
  json a = json::array();
  for (const auto& [v, l] : items) a.push_back({{"value", v}, {"label", l}, {"selected", selected == v}});
  return a;
}

json text_field(const char* name, const char* label, const std::string& value, const char* hint = "") {
  return {{"id", std::string("f-") + name}, {"name", name}, {"label", label}, {"value", value}, {"input", true},
          {"hint", hint}};
}

json select_field(const char* name, const char* label, json options) {
  return {{"id", std::string("f-") + name}, {"name", name}, {"label", label}, {"options", std::move(options)},
          {"select", true}};
}

// The refusals of an import, one line each, in Vietnamese.
json refusal_lines(const ImportResult& r) {
  json lines = json::array();
  for (const LineRefusal& l : r.refusals)
    lines.push_back({{"line", l.line}, {"code", l.refusal.code}, {"text", refusal_text(l.refusal) + (l.refusal.article.empty() ? "" : " (Căn cứ: " + l.refusal.article + ")")},
                     {"detail", l.refusal.message}});
  return lines;
}

struct ReferencePage {
  const char* tmpl_id;    // form and table ids
  const char* title;
  std::string intro;
  json headers;
  json rows;              // {"cells": [...], "edit": href or absent}
  json fields;
  const char* submit;
  bool multipart = false;
  // The change form of one record (?edit=KEY): it replaces the form to add.
  std::string edit_title;
  json edit_fields = json::array();
  json extra_tables = json::array();  // {"id", "title", "headers", "rows"}
};

Response show(Ctx& ctx, const Request& req, int status, const ReferencePage& p, const ImportResult* failed) {
  json data{{"has_form", !p.fields.empty() && p.edit_fields.empty()}, {"has_table", !p.headers.empty()},
            {"multipart", p.multipart}, {"has_edit", !p.edit_fields.empty()}, {"edit_title", p.edit_title},
            {"edit_fields", p.edit_fields}, {"extra_tables", p.extra_tables},
            {"intro", p.intro},       {"headers", p.headers}, {"rows", p.rows},   {"fields", p.fields},
            {"submit", p.submit},     {"page", p.tmpl_id},    {"action", req.path}, {"ok", req.q("ok") == "1"}};
  if (failed)
    data["error"] = {{"message", "Không lưu: dữ liệu nhập bị từ chối. Sửa các mục dưới đây rồi gửi lại."},
                     {"lines", refusal_lines(*failed)}};
  return render_page(ctx, req, status, "admin_reference", p.title, data);
}

std::string form_value(const Params& f, const char* k) {
  auto it = f.find(k);
  return it == f.end() ? std::string() : it->second;
}

// The change form of a record: the record's key and the number its change
// will take (a stale number, when someone changed it meanwhile, is refused
// as seq_conflict or seq_gap), the fields, and the reason (required).
json change_fields(Ctx& ctx, const std::string& record, const std::string& key, const Params& f, json fields) {
  const std::string seq = std::to_string(ctx.store().stream_entries("reference_change", record + "/" + key).size() + 1);
  json out = json::array();
  out.push_back({{"hidden", true}, {"name", "change_key"}, {"value", key}});
  out.push_back({{"hidden", true}, {"name", "change_seq"}, {"value", form_value(f, "change_seq").empty() ? seq : form_value(f, "change_seq")}});
  for (json& x : fields) out.push_back(std::move(x));
  out.push_back(text_field("reason", "Lý do sửa", form_value(f, "reason"), "Ví dụ: Quyết định điều động số 12/QĐ-THADS ngày 01/12/2026"));
  return out;
}

// The value of the change form: what was typed (after a refusal), else the
// record's current value.
std::string typed_or(const Params& f, const char* k, const std::string& current) {
  return f.count("change_key") ? form_value(f, k) : current;
}

// A reference_change record from a change form: only the fields whose value
// differs from the record's current one (nothing changed is refused).
json change_record(const char* record, const Params& f) {
  json rec{{"kind", "reference_change"}, {"record", record}, {"key", form_value(f, "change_key")},
           {"reason", form_value(f, "reason")}};
  const std::string seq = form_value(f, "change_seq");
  rec["seq"] = !seq.empty() && seq.size() < 10 && seq.find_first_not_of("0123456789") == std::string::npos
                   ? json(std::stoll(seq))
                   : json(seq);
  return rec;
}

// A rate typed as "83,9" or "83.90" (percent, two decimals at most) as a
// JSON number; the text unchanged (refused downstream) otherwise.
json rate_value(std::string s) {
  static const std::regex ok(R"(\d{1,3}([.,]\d{1,2})?)");
  if (!std::regex_match(s, ok)) return s;
  for (char& c : s)
    if (c == ',') c = '.';
  return json::parse(s);
}

json year_value(const std::string& s) {
  static const std::regex ok(R"(\d{4})");
  if (!std::regex_match(s, ok)) return s;
  return std::stoi(s);
}

// Records one reference record; redirects on success, shows the refusal.
Response record(Ctx& ctx, const Request& req, const json& rec, const std::function<ReferencePage(const Params&)>& page,
                const Params& f) {
  const ImportResult r = record_reference(ctx.store(), ctx.actor.login, rec, ctx.now);
  if (!r.ok()) {
    const bool forbidden = r.refusals.front().refusal.code == "forbidden";
    return show(ctx, req, forbidden ? 403 : 422, page(f), &r);
  }
  ctx.app.cache().note_write();
  return redirect(req.path + "?ok=1");
}

// The key of the record being changed: ?edit= on the page, or the change
// form sent back after a refusal.
std::string edit_key(const Params& f) {
  if (auto it = f.find("change_key"); it != f.end()) return it->second;
  if (auto it = f.find("edit"); it != f.end()) return it->second;
  return "";
}

std::string edit_href(const char* page, const std::string& key) { return std::string("/admin/") + page + "?edit=" + url_encode(key); }

ReferencePage agencies_page(Ctx& ctx, const Params& f) {
  json rows = json::array();
  const std::string key = edit_key(f);
  const AgencyRecord* editing = nullptr;
  const std::vector<AgencyRecord> all = ctx.store().agencies();
  for (const AgencyRecord& a : all) {
    rows.push_back({{"cells", {a.code, a.name, a.level, a.parent.empty() ? "" : agency_label(ctx, a.parent)}},
                    {"edit", edit_href("agencies", a.code)}, {"what", a.code}});
    if (a.code == key) editing = &a;
  }
  ReferencePage p{"agencies",
          "Cơ quan thi hành án",
          "Thêm một cơ quan vào cây cơ quan, hoặc bấm «Sửa» để đổi tên một cơ quan đã có (mã, cấp và cơ quan cấp trên "
          "không đổi: một cơ quan sắp xếp lại là một cơ quan mới).",
          {"Mã", "Tên", "Cấp", "Cơ quan cấp trên", "Thao tác"},
          rows,
          {text_field("code", "Mã cơ quan", form_value(f, "code"), "Ví dụ: HN-KV3"),
           text_field("name", "Tên cơ quan", form_value(f, "name")),
           select_field("level", "Cấp", option_list({{"province", "Cấp tỉnh"}, {"region", "Cấp khu vực"}, {"national", "Trung ương"}},
                                                   form_value(f, "level"))),
           select_field("parent", "Cơ quan cấp trên", agency_options(ctx, form_value(f, "parent")))},
          "Thêm cơ quan", false, "", json::array()};
  if (editing) {
    p.edit_title = "Sửa cơ quan " + editing->code;
    p.edit_fields = change_fields(ctx, "agency", editing->code, f,
                                  json::array({text_field("name", "Tên cơ quan", typed_or(f, "name", editing->name))}));
  }
  return p;
}

json role_options(const std::string& selected) {
  return option_list({{"enforcement_officer", "Chấp hành viên"}, {"clerk", "Thư ký"}, {"head", "Thủ trưởng"},
                      {"monitor", "Theo dõi"}},
                     selected);
}

std::string role_label(const std::string& role) {
  if (role == "enforcement_officer") return "Chấp hành viên";
  if (role == "clerk") return "Thư ký";
  if (role == "head") return "Thủ trưởng";
  if (role == "monitor") return "Theo dõi";
  return role;
}

ReferencePage officers_page(Ctx& ctx, const Params& f) {
  json rows = json::array();
  const std::string key = edit_key(f);
  std::optional<OfficerRecord> editing;
  const std::set<std::string> inactive = ctx.store().inactive_officers();
  for (OfficerRecord& o : ctx.store().officers()) {
    if (!ctx.access().in_subtree(ctx.actor, o.agency)) continue;
    o.active = !inactive.count(o.id);
    rows.push_back({{"cells", {o.id, o.name, agency_label(ctx, o.agency), role_label(o.role),
                               o.active ? "Đang công tác" : "Thôi công tác"}},
                    {"edit", edit_href("officers", o.id)}, {"what", o.id}});
    if (o.id == key) editing = o;
  }
  ReferencePage p{"officers",
          "Chấp hành viên, công chức",
          "Thêm một chấp hành viên (hoặc thư ký, thủ trưởng) vào một cơ quan. Tài khoản Chấp hành viên phải gắn với một người ở đây, cùng cơ quan. "
          "Bấm «Sửa» để đổi họ tên, chức danh, chuyển cơ quan (khi không còn việc đang thi hành) hoặc ghi nhận thôi công tác.",
          {"Mã", "Họ tên", "Cơ quan", "Chức danh", "Trạng thái", "Thao tác"},
          rows,
          {text_field("id", "Mã", form_value(f, "id"), "Ví dụ: HN-KV1-CHV-09"),
           text_field("name", "Họ và tên", form_value(f, "name")),
           select_field("agency", "Cơ quan", agency_options(ctx, form_value(f, "agency"))),
           select_field("role", "Chức danh", role_options(form_value(f, "role")))},
          "Thêm người", false, "", json::array()};
  if (editing) {
    p.edit_title = "Sửa " + editing->id + " — " + editing->name;
    p.edit_fields = change_fields(
        ctx, "officer", editing->id, f,
        json::array({text_field("name", "Họ và tên", typed_or(f, "name", editing->name)),
                     select_field("agency", "Cơ quan", agency_options(ctx, typed_or(f, "agency", editing->agency))),
                     select_field("role", "Chức danh", role_options(typed_or(f, "role", editing->role))),
                     select_field("active", "Trạng thái",
                                  option_list({{"true", "Đang công tác"}, {"false", "Thôi công tác (không phân công việc mới)"}},
                                              typed_or(f, "active", editing->active ? "true" : "false")))}));
  }
  return p;
}

ReferencePage holidays_page(Ctx& ctx, const Params& f) {
  json rows = json::array();
  std::map<std::string, std::pair<std::string, std::string>> days;  // iso -> (type, name)
  for (const HolidayRecord& h : shipped_holidays())
    days[h.date.iso()] = {std::string(to_string(h.type)), h.name + " (lịch chính thức đi kèm)"};
  std::set<std::string> recorded;  // days an admin or an import recorded: these can be changed
  const std::string key = edit_key(f);
  std::optional<HolidayRec> editing;
  for (const HolidayRec& h : ctx.store().holidays()) {
    days[h.day.date.iso()] = {std::string(to_string(h.day.type)), h.day.name};
    recorded.insert(h.day.date.iso());
    if (h.day.date.iso() == key) editing = h;
  }
  const std::string year = std::to_string(vn_date_of(ctx.now).year());
  std::string last;
  for (const auto& [iso, v] : days) {
    last = iso;
    if (iso.compare(0, 4, year) < 0) continue;
    json row{{"cells", {vn_date(iso), v.first == "day_off" ? "Ngày nghỉ" : "Ngày làm bù", v.second}}, {"what", vn_date(iso)}};
    if (recorded.count(iso)) row["edit"] = edit_href("holidays", iso);
    rows.push_back(std::move(row));
  }
  const std::string warning = calendar_warning(ctx, vn_date_of(ctx.now));
  const std::string intro = (warning.empty() ? "" : warning + " ") + "Lịch có ngày nghỉ lễ, Tết đến hết ngày " + vn_date(last) +
          ". Thêm ngày nghỉ và ngày làm bù theo thông báo chính thức của năm mới; thời hạn tính theo ngày làm việc sẽ tính lại.";
  ReferencePage p{"holidays",
          "Lịch ngày nghỉ, ngày làm bù",
          intro,
          {"Ngày", "Loại", "Tên (số thông báo)", "Thao tác"},
          rows,
          {text_field("date", "Ngày (dd/mm/yyyy)", form_value(f, "date"), "Ví dụ: 16/02/2027"),
           select_field("type", "Loại ngày", option_list({{"day_off", "Ngày nghỉ"}, {"working_day", "Ngày làm bù"}}, form_value(f, "type"))),
           text_field("name", "Tên ngày", form_value(f, "name"), "Ví dụ: Tết Nguyên đán"),
           text_field("notice", "Số thông báo", form_value(f, "notice"), "Ví dụ: 6150/TB-LĐTBXH")},
          "Thêm ngày", false, "", json::array()};
  if (editing) {
    p.edit_title = "Sửa ngày " + vn_date(editing->day.date.iso());
    p.edit_fields = change_fields(
        ctx, "holiday", editing->day.date.iso(), f,
        json::array({select_field("type", "Loại ngày",
                                  option_list({{"day_off", "Ngày nghỉ"}, {"working_day", "Ngày làm việc (làm bù, hoặc bỏ ngày nghỉ nhập nhầm)"}},
                                              typed_or(f, "type", std::string(to_string(editing->day.type))))),
                     text_field("name", "Tên ngày", typed_or(f, "name", editing->day.name))}));
  }
  return p;
}

ReferencePage targets_page(Ctx& ctx, const Params& f) {
  json rows = json::array();
  auto pct = [](int64_t x100) {
    std::string s = std::to_string(x100 / 100) + "," + (x100 % 100 < 10 ? "0" : "") + std::to_string(x100 % 100);
    return s + "%";
  };
  auto typed_pct = [](int64_t x100) {
    return std::to_string(x100 / 100) + "," + (x100 % 100 < 10 ? "0" : "") + std::to_string(x100 % 100);
  };
  const std::string key = edit_key(f);
  std::optional<TargetRecord> editing;
  for (const TargetRecord& t : ctx.store().targets()) {
    if (!ctx.access().in_subtree(ctx.actor, t.agency)) continue;
    const std::string k = t.agency + "/" + std::to_string(t.fiscal_year);
    rows.push_back({{"cells", {agency_label(ctx, t.agency), std::to_string(t.fiscal_year), pct(t.cases_rate_x100),
                               pct(t.money_rate_x100)}},
                    {"edit", edit_href("targets", k)}, {"what", k}});
    if (k == key) editing = t;
  }
  ReferencePage p{"targets",
          "Chỉ tiêu năm",
          "Chỉ tiêu tỷ lệ thi hành xong về việc và về tiền của một cơ quan trong một năm thống kê (từ 01/10 năm trước đến 30/09). "
          "Chỉ tiêu được giao lại trong năm: bấm «Sửa» và ghi căn cứ vào lý do.",
          {"Cơ quan", "Năm", "Tỷ lệ về việc", "Tỷ lệ về tiền", "Thao tác"},
          rows,
          {select_field("agency", "Cơ quan", agency_options(ctx, form_value(f, "agency"))),
           text_field("fiscal_year", "Năm thống kê", form_value(f, "fiscal_year"), "Ví dụ: 2027"),
           text_field("cases_rate", "Tỷ lệ về việc (%)", form_value(f, "cases_rate"), "Ví dụ: 83,90"),
           text_field("money_rate", "Tỷ lệ về tiền (%)", form_value(f, "money_rate"), "Ví dụ: 51,90")},
          "Giao chỉ tiêu", false, "", json::array()};
  if (editing) {
    p.edit_title = "Sửa chỉ tiêu " + agency_label(ctx, editing->agency) + " năm " + std::to_string(editing->fiscal_year);
    p.edit_fields = change_fields(
        ctx, "target", editing->agency + "/" + std::to_string(editing->fiscal_year), f,
        json::array({text_field("cases_rate", "Tỷ lệ về việc (%)", typed_or(f, "cases_rate", typed_pct(editing->cases_rate_x100))),
                     text_field("money_rate", "Tỷ lệ về tiền (%)", typed_or(f, "money_rate", typed_pct(editing->money_rate_x100)))}));
  }
  return p;
}

template <class Make>
Response get_page(Ctx& ctx, const Request& req, Make make) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params q;
  if (!req.q("edit").empty()) q["edit"] = req.q("edit");
  return show(ctx, req, 200, make(ctx, q), nullptr);
}

template <class Make>
std::function<ReferencePage(const Params&)> again(Ctx& ctx, Make make) {
  return [&ctx, make](const Params& f) { return make(ctx, f); };
}

struct SettingInfo {
  const char* key;
  const char* label;
  const char* article;
};

// The settings file's keys (docs/settings.md), what each is, and the rule
// it sets (shared/domain/legal-rules.md §2.2, §8.1).
constexpr SettingInfo kSettings[] = {
    {"issue_decision_wd_2025", "Thời hạn ra quyết định thi hành án (ngày làm việc)", "Điều 36(1), (2) Luật THADS; Luật 106/2025/QH15 [B]"},
    {"notify_wd_2025", "Thời hạn thông báo (ngày làm việc)", "Điều 39(2) Luật THADS [B]"},
    {"voluntary_days_2025", "Thời hạn tự nguyện thi hành án (ngày)", "Điều 45(1) Luật THADS [B]"},
    {"verify_days_2025", "Thời hạn xác minh điều kiện thi hành án (ngày)", "Điều 44(1) Luật THADS [B]"},
    {"reverify_months_2025", "Xác minh lại khi chưa có điều kiện (tháng)", "Điều 44(2) Luật THADS [B]"},
    {"reverify_months_long_2025", "Xác minh lại: người đang chấp hành án phạt tù, không rõ địa chỉ (tháng)", "Điều 44(2) Luật THADS [B]"},
    {"status_decision_wd_2025", "Thời hạn ra quyết định về việc chưa có điều kiện, hoãn, tạm đình chỉ, đình chỉ (ngày làm việc)", "Điều 44a(1) Luật THADS; Điều 9(4) NĐ 62/2015 [B]"},
    {"publish_wd_2025", "Thời hạn công khai thông tin người chưa có điều kiện (ngày làm việc)", "Điều 44a(3) Luật THADS [B]"},
    {"payout_days_2025", "Thời hạn chi trả tiền thi hành án (ngày)", "Điều 47(5) Luật THADS [B]"},
    {"tet_window_days", "Không cưỡng chế trong khoảng trước, sau Tết Nguyên đán (ngày)", "Điều 46(2) Luật THADS; Điều 13(2) NĐ 62/2015"},
    {"makeup_days_are_working_days", "Ngày làm bù là ngày làm việc", "legal-rules §8.1 [B]"},
};

}  // namespace

Response page_admin_settings(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  const json values = json::parse(legal_settings().to_json());
  const json defaults = json::parse(LegalSettings::defaults().to_json());
  json rows = json::array();
  for (const SettingInfo& s : kSettings) {
    auto text = [](const json& v) {
      return v.is_boolean() ? std::string(v.get<bool>() ? "Có" : "Không") : v.dump();
    };
    const json v = values.value(s.key, json()), d = defaults.value(s.key, json());
    rows.push_back({{"cells", {s.label, text(v), text(d), s.article, s.key}}});
  }
  // The modules' sections (register_settings_section, describe_settings_section).
  json extra = json::array();
  for (const auto& [key, view] : described_settings()) {
    json mrows = json::array();
    auto text = [](const json& v) { return v.is_boolean() ? std::string(v.get<bool>() ? "Có" : "Không") : v.dump(); };
    for (const SettingShown& x : view.rows)
      mrows.push_back({{"cells", {x.label, text(x.value), text(x.default_value), x.article, key + "." + x.key}}});
    extra.push_back({{"id", "settings-" + key}, {"title", view.title},
                     {"headers", {"Quy định", "Giá trị đang áp dụng", "Mặc định", "Căn cứ", "Khóa trong tệp"}},
                     {"rows", mrows}});
  }
  // The settings applied, as recorded in the audit journal (app/settings_journal.h).
  {
    const nlohmann::ordered_json defaults = settings_defaults();
    json hrows = json::array();
    for (const SettingsRecord& r : settings_history(ctx.store(), 20)) {
      std::string changed;
      for (const std::string& c : settings_changed_from(r.settings, defaults)) changed += (changed.empty() ? "" : "; ") + c;
      hrows.push_back({{"cells",
                        {vn_datetime(r.recorded_at), r.command, r.actor, r.file.empty() ? "(mặc định)" : r.file,
                         std::to_string(r.pos), changed.empty() ? "Tất cả theo mặc định" : changed}}});
    }
    extra.push_back({{"id", "settings-history"},
                     {"title", "Lịch sử áp dụng cấu hình (ghi trong nhật ký kiểm tra)"},
                     {"headers", {"Thời điểm", "Lệnh", "Người chạy", "Tệp cấu hình", "Vị trí trong nhật ký",
                                  "Khác với mặc định"}},
                     {"rows", hrows}});
  }
  ReferencePage p{"settings",
                  "Cấu hình triển khai",
                  "Các giá trị đang áp dụng, đọc từ tệp cấu hình (thads --settings TỆP hoặc biến môi trường THADS_SETTINGS; "
                  "xem docs/settings.md). Trang này chỉ để xem: muốn thay đổi, sửa tệp rồi khởi động lại máy chủ và chạy thads rebuild.",
                  {"Quy định", "Giá trị đang áp dụng", "Mặc định", "Căn cứ", "Khóa trong tệp"},
                  rows,
                  json::array(),
                  "", false, "", json::array()};
  p.extra_tables = std::move(extra);
  return show(ctx, req, 200, p, nullptr);
}

static ReferencePage import_page(Ctx&, const Params&) {
  json field{{"id", "f-file"}, {"name", "file"}, {"label", "Tệp dữ liệu trao đổi (JSON Lines, mỗi dòng một bản ghi)"},
             {"file", true}, {"hint", "Tối đa 4 MB. Tất cả các dòng được kiểm tra; chỉ cần một dòng bị từ chối thì không dòng nào được lưu."}};
  ReferencePage p{"import", "Nhập dữ liệu", "Nhập một tệp theo định dạng trao đổi dữ liệu (docs/formats, shared/domain/interchange.md): cơ quan, chấp hành viên, chỉ tiêu, ngày nghỉ, sự kiện của việc thi hành án.",
                  json::array(), json::array(), json::array({field}), "Nhập tệp", true, "", json::array()};
  return p;
}

Response page_admin_import(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  ReferencePage p = import_page(ctx, {});
  if (req.q("ok") == "1") {
    p.intro = "Đã nhập " + req.q("lines") + " dòng: " + req.q("events") + " sự kiện, " + req.q("references") +
              " bản ghi danh mục mới, " + req.q("duplicates") + " dòng đã có từ trước.";
  }
  return show(ctx, req, 200, p, nullptr);
}

Response page_admin_import_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params f = req.form();
  std::istringstream in(f["file"]);
  const ImportResult r = admin_import(ctx.store(), ctx.actor.login, in, ctx.now);
  if (!r.ok()) {
    ReferencePage p = import_page(ctx, f);
    if (r.lines == 0 && r.refusals.front().line != 0) p.intro = "Tệp trống.";
    return show(ctx, req, r.refusals.front().refusal.code == "forbidden" ? 403 : 422, p, &r);
  }
  ctx.app.cache().note_write();
  return redirect("/admin/import?ok=1&lines=" + std::to_string(r.lines) + "&events=" + std::to_string(r.events_added) +
                  "&references=" + std::to_string(r.references_added) + "&duplicates=" + std::to_string(r.duplicates));
}

Response page_admin_agencies(Ctx& ctx, const Request& req) { return get_page(ctx, req, agencies_page); }
Response page_admin_officers(Ctx& ctx, const Request& req) { return get_page(ctx, req, officers_page); }
Response page_admin_holidays(Ctx& ctx, const Request& req) { return get_page(ctx, req, holidays_page); }
Response page_admin_targets(Ctx& ctx, const Request& req) { return get_page(ctx, req, targets_page); }

Response page_admin_agencies_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params f = req.form();
  if (f.count("change_key")) {
    json rec = change_record("agency", f);
    for (const AgencyRecord& a : ctx.store().agencies())
      if (a.code == f["change_key"] && a.name != f["name"]) rec["name"] = f["name"];
    return record(ctx, req, rec, again(ctx, agencies_page), f);
  }
  json rec{{"kind", "agency"}, {"code", f["code"]}, {"name", f["name"]}, {"level", f["level"]},
           {"parent", f["parent"].empty() ? json(nullptr) : json(f["parent"])}};
  return record(ctx, req, rec, again(ctx, agencies_page), f);
}

Response page_admin_officers_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params f = req.form();
  if (f.count("change_key")) {
    json rec = change_record("officer", f);
    const bool was_active = !ctx.store().inactive_officers().count(f["change_key"]);
    for (const OfficerRecord& o : ctx.store().officers()) {
      if (o.id != f["change_key"]) continue;
      if (o.name != f["name"]) rec["name"] = f["name"];
      if (o.agency != f["agency"]) rec["agency"] = f["agency"];
      if (o.role != f["role"]) rec["role"] = f["role"];
      if ((f["active"] == "true") != was_active) rec["active"] = f["active"] == "true";
    }
    return record(ctx, req, rec, again(ctx, officers_page), f);
  }
  json rec{{"kind", "officer"}, {"id", f["id"]}, {"name", f["name"]}, {"agency", f["agency"]}, {"role", f["role"]}};
  return record(ctx, req, rec, again(ctx, officers_page), f);
}

Response page_admin_holidays_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params f = req.form();
  if (f.count("change_key")) {
    json rec = change_record("holiday", f);
    for (const HolidayRec& h : ctx.store().holidays()) {
      if (h.day.date.iso() != f["change_key"]) continue;
      if (to_string(h.day.type) != f["type"]) rec["type"] = f["type"];
      if (h.day.name != f["name"]) rec["name"] = f["name"];
    }
    return record(ctx, req, rec, again(ctx, holidays_page), f);
  }
  std::string name = f["name"];
  if (!f["notice"].empty()) name += " (Thông báo số " + f["notice"] + ")";
  json rec{{"kind", "holiday"}, {"date", form_date(f["date"])}, {"type", f["type"]}, {"name", name}};
  return record(ctx, req, rec, again(ctx, holidays_page), f);
}

Response page_admin_targets_post(Ctx& ctx, const Request& req) {
  if (auto no = admin_gate(ctx, req)) return *no;
  Params f = req.form();
  if (f.count("change_key")) {
    json rec = change_record("target", f);
    const TargetKey k = target_key(f["change_key"]);
    for (const TargetRecord& t : ctx.store().targets()) {
      if (t.agency != k.agency || t.fiscal_year != k.fiscal_year) continue;
      const json cases = rate_value(f["cases_rate"]), money = rate_value(f["money_rate"]);
      if (!cases.is_number() || std::llround(cases.get<double>() * 100.0) != t.cases_rate_x100) rec["cases_rate"] = cases;
      if (!money.is_number() || std::llround(money.get<double>() * 100.0) != t.money_rate_x100) rec["money_rate"] = money;
    }
    return record(ctx, req, rec, again(ctx, targets_page), f);
  }
  json rec{{"kind", "target"}, {"agency", f["agency"]}, {"fiscal_year", year_value(f["fiscal_year"])},
           {"cases_rate", rate_value(f["cases_rate"])}, {"money_rate", rate_value(f["money_rate"])}};
  return record(ctx, req, rec, again(ctx, targets_page), f);
}

}  // namespace thads::http
