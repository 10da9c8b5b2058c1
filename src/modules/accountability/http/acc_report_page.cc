// The inspections report on screen (issue 15 item 6): /reports/inspections,
// for any period and agency subtree the reader may see (?from=&to=&agency=,
// as the other reports), with the spreadsheet (?format=xlsx); the JSON is
// /api/v1/reports/inspections. Each figure links to the records it counts
// (the list of inspections or of violations of the agency) when the reader
// may read them (app/acc_access.h).
#include "app/modules.h"
#include "app/report_layout.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"
#include "http/route_registry.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/domain/inspection_report.h"

namespace thads::accountability {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

Response page_inspections(Ctx& ctx, const Request& req) {
  auto args = http::module_report_args(ctx, req, "inspections");
  if (auto* r = std::get_if<Refusal>(&args))
    return r->code == "forbidden" ? http::deny(ctx, req, http::Kind::page, Verdict::forbidden)
                                  : http::error_page(ctx, req, 400, http::refusal_vi(*r));
  ReportArgs& a = std::get<ReportArgs>(args);
  auto res = (*module_report("inspections"))(ctx.store(), a);
  if (auto* r = std::get_if<Refusal>(&res)) return http::error_page(ctx, req, 422, http::refusal_vi(*r));
  ReportOutput& out = std::get<ReportOutput>(res);
  const std::string query = "from=" + a.from.iso() + "&to=" + a.to.iso() + "&agency=" + http::url_encode(a.agency);
  if (req.q("format") == "xlsx") return http::xlsx_download(out.xlsx, "thads-inspections-" + a.agency + ".xlsx");
  json rows = json::array();
  bool violations = false;
  for (const InspectionColumn& c : inspection_columns()) {
    violations |= std::string_view(c.key) == "violations";
    const Kind k = violations ? Kind::violation : Kind::inspection;
    json row{{"caption", c.caption_vi}, {"key", c.key},
             {"value", report_layout::group_thousands(out.json["columns"][c.key].get<int64_t>())}};
    if (reads_kind(ctx.actor.role, k))
      row["href"] = "/accountability?kind=" + std::string(to_string(k)) + "&agency=" + http::url_encode(a.agency);
    rows.push_back(std::move(row));
  }
  return http::render_page(ctx, req, 200, "accountability_report", "Kết quả kiểm tra và xử lý vi phạm",
                           {{"from", a.from.iso()}, {"to", a.to.iso()}, {"agency", a.agency},
                            {"period", a.from.vn() + " – " + a.to.vn()}, {"rows", rows},
                            {"xlsx", "/reports/inspections?" + query + "&format=xlsx"}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/reports/inspections", http::Kind::page, http::Auth::session, page_inspections}};
  });
  return true;
}();

}  // namespace
}  // namespace thads::accountability
