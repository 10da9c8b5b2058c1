// The accountability reports on screen (issue 15 item 6):
// /reports/complaints (complaints and denunciations) and
// /reports/procuracy-supervision (form 04/TKLN-THADS), for any period and
// agency subtree the reader may see. Each figure links to the files it
// counts (the list under the form); the spreadsheet is the report's xlsx.
// Denunciations are listed only to those who read them (oversight_access.h).
#include "app/modules.h"
#include "app/report_layout.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"
#include "http/route_registry.h"
#include "modules/oversight/app/grievance_reports.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/domain/grievance_report.h"
#include "modules/oversight/http/oversight_forms.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

struct Column {
  const char* title;
  const char* json_key;   // the report's object holding it
  const char* list_kind;  // "" when its figures do not link
};

template <class Columns>
Response render(Ctx& ctx, const Request& req, const char* form, const char* title, const char* intro,
                std::span<const ColumnDef<Columns>> defs, const std::vector<Column>& cols) {
  auto args = http::module_report_args(ctx, req, form);
  if (auto* r = std::get_if<Refusal>(&args))
    return r->code == "forbidden" ? http::deny(ctx, req, http::Kind::page, Verdict::forbidden)
                                  : http::error_page(ctx, req, 400, http::refusal_vi(*r));
  ReportArgs& a = std::get<ReportArgs>(args);
  auto res = (*module_report(form))(ctx.store(), a);
  if (auto* r = std::get_if<Refusal>(&res)) return http::error_page(ctx, req, 422, http::refusal_vi(*r));
  ReportOutput& out = std::get<ReportOutput>(res);
  const std::string path = std::string("/reports/") + form;
  const std::string query = "from=" + a.from.iso() + "&to=" + a.to.iso() + "&agency=" + http::url_encode(a.agency);
  if (req.q("format") == "xlsx") return http::xlsx_download(out.xlsx, std::string("thads-") + form + "-" + a.agency + ".xlsx");
  const std::string show = req.q("show"), show_kind = req.q("kind");
  json headers = json::array(), rows = json::array();
  for (const Column& c : cols) headers.push_back(c.title);
  for (const auto& d : defs) {
    json cells = json::array();
    for (const Column& c : cols) {
      json cell{{"value", report_layout::group_thousands(out.json[c.json_key][d.key].template get<int64_t>())}};
      const auto k = stream_kind_from(c.list_kind);
      if (k && reads_kind(ctx.actor.role, *k))
        cell["href"] = path + "?" + query + "&kind=" + c.list_kind + "&show=" + d.key + "#files";
      cells.push_back(cell);
    }
    rows.push_back({{"caption", d.caption_vi}, {"key", d.key}, {"cells", cells}, {"active", show == d.key}});
  }
  json files = json::array();
  if (const auto k = stream_kind_from(show_kind); k && !show.empty() && reads_kind(ctx.actor.role, *k)) {
    auto lists = report_lists(ctx.store(), a, *k);
    if (auto* l = std::get_if<std::map<std::string, std::vector<std::string>>>(&lists))
      for (const std::string& id : (*l)[show]) {
        auto row = stream_row(ctx.store().db(), id);
        if (!row) continue;
        files.push_back({{"id", id}, {"href", "/oversight/" + http::url_encode(id)},
                         {"opened", http::vn_date(row->opened)}, {"agency", row->agency},
                         {"title", *k == StreamKind::denunciation ? std::string() : row->title},
                         {"state", state_label(row->state)}});
      }
  }
  return http::render_page(ctx, req, 200, "oversight_grievance_report", title,
                           {{"form", form}, {"intro", intro}, {"from", a.from.iso()}, {"to", a.to.iso()},
                            {"agency", a.agency}, {"period", a.from.vn() + " – " + a.to.vn()},
                            {"headers", headers}, {"rows", rows}, {"files", files}, {"has_files", !files.empty()},
                            {"xlsx", path + "?" + query + "&format=xlsx"}});
}

Response page_complaints(Ctx& ctx, const Request& req) {
  return render(ctx, req, "complaints", "Kết quả giải quyết khiếu nại, tố cáo",
                "Khiếu nại, tố cáo về thi hành án dân sự (Điều 140–159 Luật Thi hành án dân sự)", grievance_columns(),
                {{"Khiếu nại", "complaints", "complaint"}, {"Tố cáo", "denunciations", "denunciation"}});
}

Response page_procuracy(Ctx& ctx, const Request& req) {
  return render(ctx, req, "procuracy-supervision", "Biểu 04/TKLN-THADS — kết quả kiểm sát",
                "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát (Điều 160–161 Luật Thi hành án dân sự; "
                "Thông tư liên tịch 12/2021/TTLT-BTP-VKSNDTC-TANDTC)",
                procuracy_columns(),
                {{"Kháng nghị", "protests", ""},
                 {"Kiến nghị", "recommendations", ""},
                 {"Yêu cầu", "requirements", ""},
                 {"Tổng số", "total", "procuracy"}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/reports/complaints", http::Kind::page, http::Auth::session, page_complaints},
        {"GET", "/reports/procuracy-supervision", http::Kind::page, http::Auth::session, page_procuracy}};
  });
  return true;
}();

}  // namespace
}  // namespace thads::oversight
