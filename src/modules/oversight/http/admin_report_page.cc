// The monitoring report of administrative judgments on screen
// (/reports/admin-judgments): the contract's columns for any period and
// agency subtree the reader may see, each figure linking to the files it
// counts (the register's lines, Mẫu 19), and the spreadsheets of the report,
// the register and the reconciliation form 03/TKLN-THADS.
#include <cmath>

#include "app/modules.h"
#include "app/report_layout.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"
#include "http/route_registry.h"
#include "modules/oversight/domain/admin_report.h"

namespace thads::oversight {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

// Whether a register line is one of the files a column counts.
bool counted_in(const nlohmann::ordered_json& row, const std::string& column) {
  const bool open = row["ended_by"] == "";
  if (column == "total" || column.empty()) return true;
  if (column == "carried_over") return row["carried_over"].get<bool>();
  if (column == "received_new") return !row["carried_over"].get<bool>();
  if (column == "complied") return row["ended_by"] == "complied";
  if (column == "closed_other") return row["ended_by"] == "closed";
  if (!open) return false;
  if (column == "in_progress") return true;
  if (column == "with_compel_order") return row["compel_order"] != "";
  if (column == "published") return row["published"] != "";
  if (column.rfind("debtor_", 0) == 0) return row["debtor_level"] == column.substr(7);
  if (column == "reason_none") return row["delay_reason"] == "";
  if (column.rfind("reason_", 0) == 0) return row["delay_reason"] == column.substr(7);
  return false;
}

Response page_admin_report(Ctx& ctx, const Request& req) {
  auto args = http::module_report_args(ctx, req, "admin-judgments");
  if (auto* r = std::get_if<Refusal>(&args))
    return r->code == "forbidden" ? http::deny(ctx, req, http::Kind::page, Verdict::forbidden)
                                  : http::error_page(ctx, req, 400, http::refusal_vi(*r));
  ReportArgs& a = std::get<ReportArgs>(args);
  const std::string form = req.q("form");
  if (req.q("format") == "xlsx") {
    const ReportForm* f = module_report(form == "admin-register" || form == "admin-reconcile" ? form : "admin-judgments");
    auto res = (*f)(ctx.store(), a);
    if (auto* r = std::get_if<Refusal>(&res)) return http::error_page(ctx, req, 422, http::refusal_vi(*r));
    return http::xlsx_download(std::get<ReportOutput>(res).xlsx, "thads-" + form + "-" + a.agency + ".xlsx");
  }
  auto report = (*module_report("admin-judgments"))(ctx.store(), a);
  auto reg = (*module_report("admin-register"))(ctx.store(), a);
  if (auto* r = std::get_if<Refusal>(&report)) return http::error_page(ctx, req, 422, http::refusal_vi(*r));
  const json cols = std::get<ReportOutput>(report).json["columns"];
  const std::string query = "from=" + a.from.iso() + "&to=" + a.to.iso() + "&agency=" + http::url_encode(a.agency);
  const std::string show = req.q("show");
  json figures = json::array();
  for (const AdminColumn& c : admin_columns()) {
    const json& v = cols[c.key];
    json f{{"caption", c.caption_vi}, {"key", c.key}, {"active", show == c.key}};
    if (c.field) f["value"] = v.get<int64_t>(), f["href"] = "/reports/admin-judgments?" + query + "&show=" + c.key + "#files";
    else f["value"] = report_layout::percent_vn(v.is_null() ? std::nullopt : std::optional<int64_t>(std::llround(v.get<double>() * 100)));
    figures.push_back(f);
  }
  json files = json::array();
  if (!show.empty() && std::holds_alternative<ReportOutput>(reg))
    for (const nlohmann::ordered_json& r : std::get<ReportOutput>(reg).json["rows"])
      if (counted_in(r, show))
        files.push_back({{"id", r["id"]}, {"received", http::vn_date(r["received"].get<std::string>())},
                         {"debtor", r["debtor"]}, {"agency", r["agency"]},
                         {"state", r["ended_by"] == "complied" ? "Đã chấp hành xong"
                                   : r["ended_by"] == "closed" ? "Kết thúc theo dõi"
                                                               : "Đang theo dõi"}});
  return http::render_page(
      ctx, req, 200, "oversight_admin_report", "Kết quả theo dõi thi hành án hành chính",
      {{"from", a.from.iso()}, {"to", a.to.iso()}, {"agency", a.agency}, {"period", a.from.vn() + " – " + a.to.vn()},
       {"figures", figures}, {"files", files}, {"has_files", !files.empty()}, {"show", show},
       {"xlsx_report", "/reports/admin-judgments?" + query + "&format=xlsx"},
       {"xlsx_register", "/reports/admin-judgments?" + query + "&form=admin-register&format=xlsx"},
       {"xlsx_reconcile", "/reports/admin-judgments?" + query + "&form=admin-reconcile&format=xlsx"}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/reports/admin-judgments", http::Kind::page, http::Auth::session, page_admin_report}};
  });
  return true;
}();

}  // namespace
}  // namespace thads::oversight
