#include "modules/steering/app/periodic_report_render.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <minizip/zip.h>

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "app/pdf_document.h"
#include "app/report_layout.h"

namespace thads::steering {
namespace {

namespace mu = kainjow::mustache;
using report_layout::group_thousands;
using report_layout::signed_thousands;

struct Line {
  const char* key;
  const char* label;
};
constexpr Line kCaseLines[] = {
    {"carried_over", "Số cũ chuyển sang"},     {"new", "Thụ lý mới"},
    {"accepted", "Tổng số phải thi hành"},     {"entrusted_out", "Ủy thác đi"},
    {"with_conditions", "Có điều kiện thi hành"}, {"completed", "Thi hành xong"},
    {"reduced", "Giảm thi hành"},              {"terminated", "Đình chỉ thi hành"},
    {"in_progress", "Đang thi hành"},          {"postponed_suspended", "Hoãn, tạm đình chỉ"},
    {"without_conditions", "Chưa có điều kiện thi hành"}, {"carried_to_next", "Chuyển kỳ sau"},
    {"completion_rate", "Tỷ lệ thi hành xong (trên số có điều kiện)"},
};

std::optional<int64_t> x100(const ojson& v) {
  if (!v.is_number()) return std::nullopt;
  return std::llround(v.get<double>() * 100.0);
}

// The rows of one form: this period, the same period last year, the change.
ojson rows_of(const ojson& now, const ojson& last, bool money) {
  ojson rows = ojson::array();
  const ojson& a = now["columns"];
  const ojson& b = last["columns"];
  for (const Line& l : kCaseLines) {
    if (!a.contains(l.key)) continue;
    if (std::string_view(l.key) == "completion_rate") {
      auto x = x100(a[l.key]), y = x100(b[l.key]);
      rows.push_back({{"label", l.label}, {"now", report_layout::percent_vn(x)}, {"last", report_layout::percent_vn(y)},
                      {"change", report_layout::rate_change_vn(x, y)}});
      continue;
    }
    const int64_t x = a[l.key].get<int64_t>(), y = b[l.key].get<int64_t>();
    const std::string unit = money ? " đ" : "";
    rows.push_back({{"label", l.label}, {"now", group_thousands(x) + unit}, {"last", group_thousands(y) + unit},
                    {"change", signed_thousands(x - y) + unit}});
  }
  return rows;
}

std::string str(const ojson& o, const char* k) { return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : ""; }

// A cell of a module's table: whole numbers grouped by thousands, text as is.
std::string cell_text(const ojson& c) {
  if (c.is_number_integer()) return group_thousands(c.get<int64_t>());
  return c.is_string() ? c.get<std::string>() : "";
}

// The modules' parts (figures.sections), numbered from 1, ready for a
// template: columns [{name, num}], rows [{cells: [{v, num}]}] (num: a
// figure's column, right-aligned), note.
ojson sections_view(const ojson& f) {
  ojson out = ojson::array();
  if (!f.contains("sections") || !f["sections"].is_array()) return out;
  // An imported record's figures are any object (docs/formats/steering.md):
  // what is not of the shape written here is left out, never read blind.
  const auto list = [](const ojson& o, const char* k) {
    return o.is_object() && o.contains(k) && o[k].is_array() ? o[k] : ojson::array();
  };
  int n = 0;
  for (const ojson& x : f["sections"]) {
    if (!x.is_object()) continue;
    ojson cols = ojson::array(), rows = ojson::array();
    const ojson columns = list(x, "columns");
    for (size_t i = 0; i < columns.size(); ++i) cols.push_back({{"name", cell_text(columns[i])}, {"num", i > 0}});
    for (const ojson& r : list(x, "rows")) {
      if (!r.is_array()) continue;
      ojson cells = ojson::array();  // as many as the columns
      for (size_t i = 0; i < columns.size(); ++i)
        cells.push_back({{"v", i < r.size() ? cell_text(r[i]) : ""}, {"num", i > 0}});
      rows.push_back({{"cells", cells}});
    }
    out.push_back({{"number", ++n}, {"key", str(x, "key")}, {"title", str(x, "title")}, {"columns", cols},
                   {"column_count", static_cast<int64_t>(std::max<size_t>(columns.size(), 1))}, {"rows", rows},
                   {"note", str(x, "note")}});
  }
  return out;
}

std::string vn_of(const ojson& iso) {
  auto d = iso.is_string() ? Date::parse(iso.get<std::string>()) : std::nullopt;
  return d ? d->vn() : "";
}


mu::data shell(const ojson& j) {
  switch (j.type()) {
    case ojson::value_t::object: return mu::data{mu::data::type::object};
    case ojson::value_t::array: return mu::data{mu::data::type::list};
    case ojson::value_t::string:
      return j.get_ref<const std::string&>().empty() ? mu::data{false} : mu::data{j.get<std::string>()};
    case ojson::value_t::boolean: return mu::data{j.get<bool>()};
    case ojson::value_t::null:
    case ojson::value_t::discarded: return mu::data{false};
    default: return mu::data{j.dump()};
  }
}
mu::data to_data(const ojson& j) {
  mu::data d = shell(j);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
  } else if (j.is_array()) {
    for (const auto& v : j) d.push_back(to_data(v));
  }
  return d;
}

}  // namespace

ojson report_view(const ojson& doc) {
  const ojson& f = doc["figures"];
  const int64_t seq = doc.value("seq", int64_t{0});
  const Date date = Date::parse(str(doc, "date")).value_or(Date::from_ymd(2000, 1, 1));
  ojson v;
  v["governing_body"] = "";
  v["issuing_body"] = str(f, "agency_name");
  v["number"] = str(doc, "number").empty() ? "     /BC-THADS" : str(doc, "number");
  v["place"] = str(doc, "place");
  v["place_and_date"] = place_and_date(str(doc, "place").empty() ? "............" : str(doc, "place"), date);
  v["title"] = "BÁO CÁO";
  v["subtitle"] = "Kết quả thi hành án dân sự, theo dõi thi hành án hành chính " + str(f, "period_label");
  v["period_label"] = str(f, "period_label");
  v["period_label_short"] = "Kỳ này";
  v["last_period_label"] = f["last_year"].value("period_label", "");
  v["from"] = vn_of(f["from"]);
  v["to"] = vn_of(f["to"]);
  v["draft"] = seq == 0;
  v["version"] = seq;
  v["replaces"] = doc.contains("replaces") ? std::to_string(doc["replaces"].get<int64_t>()) : "";
  v["reason"] = str(doc, "reason");
  v["case_rows"] = rows_of(f["cases"], f["cases_last_year"], false);
  // Reports issued before these parts existed have none: they are left out.
  const bool backlog = f.contains("backlog") && f["backlog"].is_object();
  v["has_backlog"] = backlog;
  if (backlog) {
    const ojson& b = f["backlog"];
    const auto count = [](const ojson& o, const char* k) {
      return o.is_object() && o.contains(k) && o[k].is_number_integer() ? group_thousands(o[k].get<int64_t>()) : "";
    };
    v["backlog_as_of"] = vn_of(b.contains("as_of") ? b["as_of"] : ojson());
    v["backlog_open"] = count(b, "open");
    ojson age = ojson::array(), unable = ojson::array();
    for (const char* key : {"by_age", "unable_by_reason"})
      if (b.contains(key) && b[key].is_array())
        for (const ojson& a : b[key])
          if (a.is_object())
            (std::string_view(key) == "by_age" ? age : unable)
                .push_back({{"label", str(a, "label")}, {"cases", count(a, "cases")}});
    v["has_unable"] = !unable.empty();
    v["backlog_rows"] = age;
    v["unable_rows"] = unable;
  }
  v["sections"] = sections_view(f);
  v["money_rows"] = rows_of(f["money"], f["money_last_year"], true);
  auto target = x100(f["cases"]["target_rate"]);
  v["target_rate"] = target ? report_layout::percent_vn(target) : "";
  const ojson& t = f["tasks"];
  v["tasks_cells"] = t["cells"];
  v["tasks_done"] = t["done"];
  v["tasks_done_late"] = t["done_late"];
  v["tasks_overdue"] = t["overdue"];
  v["late_bodies"] = t["late_bodies"];
  ojson items = t["overdue_items"];
  for (ojson& i : items) i["due"] = vn_of(i["due"]);
  v["overdue_items"] = items;
  const ojson& k = f["key_cases"];
  v["key_total"] = k["total"];
  for (const char* s : {"accepted", "proposed", "closed", "rejected"}) v[std::string("key_") + s] = k[s];
  v["key_items"] = k["items"];
  ojson meetings = f["meetings"];
  for (ojson& m : meetings) m["date"] = vn_of(m["date"]);
  v["meetings"] = meetings;
  v["difficulties"] = str(doc, "difficulties").empty() ? "(Thủ trưởng cơ quan bổ sung.)" : str(doc, "difficulties");
  v["proposals"] = str(doc, "proposals");
  v["recipients"] = ojson::array({"Thường trực cấp ủy", "Ủy ban nhân dân", "Ban Chỉ đạo thi hành án dân sự", "Lưu: VT"});
  v["signer_title"] = "THỦ TRƯỞNG CƠ QUAN";
  v["signer"] = str(doc, "signer");
  return v;
}

std::string report_pdf(const ojson& doc) {
  const ojson v = report_view(doc);
  PdfDocument pdf;
  pdf.set_info("Báo cáo " + str(v, "period_label"), str(v, "issuing_body"));
  OfficialHeader h;
  h.issuing_body = str(v, "issuing_body");
  h.number = "Số: " + str(v, "number");
  h.place = str(v, "place").empty() ? "............" : str(v, "place");
  h.date = Date::parse(str(doc, "date")).value_or(Date::from_ymd(2000, 1, 1));
  pdf.official_header(h);
  pdf.title(str(v, "title"));
  pdf.subtitle(str(v, "subtitle"));
  if (v["draft"].get<bool>()) pdf.subtitle("(Dự thảo, chưa ban hành)");
  if (!str(v, "replaces").empty())
    pdf.subtitle("Phiên bản " + v["version"].dump() + ", thay thế phiên bản " + str(v, "replaces") + ": " +
                 str(v, "reason"));
  const auto table = [&](const ojson& rows) {
    PdfTable t;
    t.header = {"Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước", "Tăng, giảm"};
    t.widths = {3.2, 1.6, 1.6, 1.4};
    t.right_aligned = {false, true, true, true};
    for (const ojson& r : rows) t.rows.push_back({str(r, "label"), str(r, "now"), str(r, "last"), str(r, "change")});
    pdf.table(t);
  };
  pdf.heading("I. KẾT QUẢ THI HÀNH ÁN DÂN SỰ");
  pdf.heading("1. Về việc");
  table(v["case_rows"]);
  pdf.heading("2. Về tiền (đồng)");
  table(v["money_rows"]);
  if (!str(v, "target_rate").empty())
    pdf.paragraph("Chỉ tiêu được giao về tỷ lệ thi hành xong về việc: " + str(v, "target_rate") + ".");
  const ojson& f = doc["figures"];
  PdfBarChart chart;
  chart.title = "Số việc thi hành xong: kỳ này và cùng kỳ năm trước";
  chart.labels = {"Kỳ này", "Cùng kỳ năm trước"};
  chart.values = {f["cases"]["columns"]["completed"].get<int64_t>(),
                  f["cases_last_year"]["columns"]["completed"].get<int64_t>()};
  chart.unit = "việc";
  pdf.bar_chart(chart);
  PdfBarChart money;
  money.title = "Số tiền thi hành xong: kỳ này và cùng kỳ năm trước";
  money.labels = chart.labels;
  money.values = {f["money"]["columns"]["completed"].get<int64_t>(),
                  f["money_last_year"]["columns"]["completed"].get<int64_t>()};
  money.unit = "đồng";
  pdf.bar_chart(money);
  if (v["has_backlog"].get<bool>()) {
    pdf.heading("3. Việc chưa thi hành xong, tính đến ngày " + str(v, "backlog_as_of"));
    PdfTable t;
    t.header = {"Thời gian tồn đọng (từ khi thụ lý)", "Số việc"};
    t.widths = {4.0, 1.6};
    t.right_aligned = {false, true};
    for (const ojson& r : v["backlog_rows"]) t.rows.push_back({str(r, "label"), str(r, "cases")});
    t.rows.push_back({"Tổng số", str(v, "backlog_open")});
    pdf.table(t);
    if (!v["unable_rows"].empty()) {
      PdfTable u;
      u.header = {"Chưa có điều kiện thi hành, theo lý do", "Số việc"};
      u.widths = {4.0, 1.6};
      u.right_aligned = {false, true};
      for (const ojson& r : v["unable_rows"]) u.rows.push_back({str(r, "label"), str(r, "cases")});
      pdf.table(u);
    }
  }
  pdf.heading("II. THEO DÕI THI HÀNH ÁN HÀNH CHÍNH, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO, KIỂM SÁT VÀ PHỐI HỢP");
  if (v["sections"].empty()) pdf.paragraph("(Báo cáo này được lập trước khi có phần này.)");
  for (const ojson& x : v["sections"]) {
    pdf.heading(x["number"].dump() + ". " + str(x, "title"));
    if (x["columns"].empty()) continue;
    PdfTable t;
    for (const ojson& c : x["columns"]) {
      t.header.push_back(str(c, "name"));
      t.widths.push_back(t.widths.empty() ? 3.0 : 1.2);
      t.right_aligned.push_back(c["num"].get<bool>());
    }
    for (const ojson& r : x["rows"]) {
      std::vector<std::string> cells;
      for (const ojson& c : r["cells"]) cells.push_back(str(c, "v"));
      t.rows.push_back(std::move(cells));
    }
    pdf.table(t);
    if (!str(x, "note").empty()) pdf.line(str(x, "note"));
  }
  pdf.heading("III. THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO THEO CHỈ THỊ");
  pdf.paragraph("Trong kỳ có " + v["tasks_cells"].dump() + " lượt nhiệm vụ đến hạn báo cáo; đã hoàn thành " +
                v["tasks_done"].dump() + " (trong đó " + v["tasks_done_late"].dump() +
                " lượt hoàn thành sau hạn); quá hạn chưa hoàn thành " + v["tasks_overdue"].dump() + ".");
  for (const ojson& b : v["late_bodies"]) pdf.line("- " + str(b, "name") + ": " + b["overdue"].dump() + " lượt quá hạn.");
  for (const ojson& i : v["overdue_items"])
    pdf.line("+ " + str(i, "source") + ", nhiệm vụ " + str(i, "number") + " (" + str(i, "body_name") + ", hạn " +
             str(i, "due") + "): " + str(i, "text"));
  pdf.heading("IV. VỤ VIỆC TRỌNG ĐIỂM, PHỨC TẠP, KÉO DÀI");
  pdf.paragraph("Danh sách có " + v["key_total"].dump() + " vụ việc: " + v["key_accepted"].dump() +
                " vụ Ban Chỉ đạo đang theo dõi, " + v["key_proposed"].dump() + " vụ đề nghị, " +
                v["key_closed"].dump() + " vụ đã kết thúc, " + v["key_rejected"].dump() + " vụ không đưa vào danh sách.");
  for (const ojson& k : v["key_items"])
    pdf.line("- Việc " + str(k, "case") + " (" + str(k, "state_vi") + "): " + str(k, "reasons") +
             (str(k, "stuck_reason").empty() ? "" : "; vướng mắc: " + str(k, "stuck_reason")) + "; " +
             k["steps_open"].dump() + " biện pháp chưa xong, " + k["steps_overdue"].dump() + " quá hạn.");
  pdf.heading("V. HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO THI HÀNH ÁN DÂN SỰ");
  if (v["meetings"].empty()) pdf.paragraph("Trong kỳ không có phiên họp.");
  for (const ojson& m : v["meetings"])
    pdf.line("- Ngày " + str(m, "date") + ", " + str(m, "committee") + " họp: " + str(m, "agenda") + "." +
             (str(m, "conclusions").empty() ? "" : " Kết luận: " + str(m, "conclusions") + "."));
  pdf.heading("VI. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT");
  pdf.paragraph(str(v, "difficulties"));
  if (!str(v, "proposals").empty()) pdf.paragraph(str(v, "proposals"));
  SignatureBlock s;
  for (const ojson& r : v["recipients"]) s.recipients.push_back(r.get<std::string>());
  s.title = str(v, "signer_title");
  s.name = str(v, "signer");
  pdf.signature(s);
  return pdf.bytes();
}

std::string report_template_path() {
  if (const char* e = std::getenv("THADS_STEERING_REPORT_TEMPLATE"); e && *e) return e;
  return std::string(THADS_STEERING_TEMPLATES) + "/periodic_report.fodt";
}

namespace {

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// A part of the package: the flat document's root renamed, with copies of
// the children named in `parts` (in the flat document's order).
std::string part(xmlNodePtr root, const char* name, std::initializer_list<std::string_view> parts) {
  XmlDoc d(xmlNewDoc(BAD_CAST "1.0"), &xmlFreeDoc);
  xmlNodePtr r = xmlDocCopyNode(root, d.get(), 2);  // attributes and namespaces
  xmlNodeSetName(r, BAD_CAST name);
  xmlDocSetRootElement(d.get(), r);
  if (xmlAttrPtr a = xmlHasProp(r, BAD_CAST "mimetype")) xmlRemoveProp(a);
  for (xmlNodePtr c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view n(reinterpret_cast<const char*>(c->name));
    for (std::string_view p : parts)
      if (n == p) xmlAddChild(r, xmlDocCopyNode(c, d.get(), 1));
  }
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(d.get(), &mem, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(mem), static_cast<size_t>(size));
  xmlFree(mem);
  return out;
}

std::string manifest() {
  XmlDoc d(xmlNewDoc(BAD_CAST "1.0"), &xmlFreeDoc);
  xmlNodePtr r = xmlNewNode(nullptr, BAD_CAST "manifest:manifest");
  xmlDocSetRootElement(d.get(), r);
  xmlNewProp(r, BAD_CAST "xmlns:manifest", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
  xmlNewProp(r, BAD_CAST "manifest:version", BAD_CAST "1.2");
  const std::pair<const char*, const char*> entries[] = {{"/", "application/vnd.oasis.opendocument.text"},
                                                         {"content.xml", "text/xml"},
                                                         {"styles.xml", "text/xml"},
                                                         {"meta.xml", "text/xml"}};
  for (const auto& [path, type] : entries) {
    xmlNodePtr e = xmlNewChild(r, nullptr, BAD_CAST "manifest:file-entry", nullptr);
    xmlNewProp(e, BAD_CAST "manifest:full-path", BAD_CAST path);
    if (std::string_view(path) == "/") xmlNewProp(e, BAD_CAST "manifest:version", BAD_CAST "1.2");
    xmlNewProp(e, BAD_CAST "manifest:media-type", BAD_CAST type);
  }
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(d.get(), &mem, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(mem), static_cast<size_t>(size));
  xmlFree(mem);
  return out;
}

// The package: "mimetype" first and stored, then the parts deflated.
std::optional<std::string> zip_package(const std::vector<std::pair<std::string, std::string>>& files) {
  namespace fs = std::filesystem;
  static std::atomic<unsigned> n{0};
  const fs::path tmp = fs::temp_directory_path() /
                       ("thads-odt-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".odt");
  zipFile z = zipOpen64(tmp.c_str(), APPEND_STATUS_CREATE);
  if (!z) return std::nullopt;
  bool ok = true;
  for (const auto& [name, data] : files) {
    zip_fileinfo info{};
    const bool stored = name == "mimetype";
    ok = ok && zipOpenNewFileInZip(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, stored ? 0 : Z_DEFLATED,
                                   stored ? 0 : Z_DEFAULT_COMPRESSION) == ZIP_OK;
    ok = ok && zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())) == ZIP_OK;
    ok = ok && zipCloseFileInZip(z) == ZIP_OK;
  }
  ok = zipClose(z, nullptr) == ZIP_OK && ok;
  std::ifstream in(tmp, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::error_code ec;
  fs::remove(tmp, ec);
  if (!ok || !in) return std::nullopt;
  return ss.str();
}

}  // namespace

std::variant<std::string, Refusal> report_odt(const ojson& doc, const std::string& template_path) {
  std::ifstream in(template_path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Refusal{"template_unusable", "cannot read the report template " + template_path, ""};
  mu::mustache tmpl(text.str());
  if (!tmpl.is_valid()) return Refusal{"template_unusable", "report template: " + tmpl.error_message(), ""};
  const std::string flat = tmpl.render(to_data(report_view(doc)));
  XmlDoc d(xmlReadMemory(flat.data(), static_cast<int>(flat.size()), "report.fodt", "UTF-8", XML_PARSE_NONET),
           &xmlFreeDoc);
  xmlNodePtr root = d ? xmlDocGetRootElement(d.get()) : nullptr;
  if (!root || std::string_view(reinterpret_cast<const char*>(root->name)) != "document")
    return Refusal{"template_unusable", "the rendered report template is not a flat ODF document", ""};
  auto zip = zip_package({{"mimetype", "application/vnd.oasis.opendocument.text"},
                          {"META-INF/manifest.xml", manifest()},
                          {"content.xml", part(root, "document-content", {"scripts", "font-face-decls",
                                                                          "automatic-styles", "body"})},
                          {"styles.xml", part(root, "document-styles", {"font-face-decls", "styles",
                                                                        "automatic-styles", "master-styles"})},
                          {"meta.xml", part(root, "document-meta", {"meta"})}});
  if (!zip) return Refusal{"template_unusable", "cannot write the ODT package", ""};
  return *zip;
}

}  // namespace thads::steering
