// Page: the officers' workloads of a head's subtree (/workload), with a CSV
// download of the same table.
#include "app/report_layout.h"
#include "app/table_export.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "app/workload.h"

namespace thads::http {
namespace {

using json = nlohmann::json;
namespace rl = report_layout;

std::string balance_label(const std::string& b) {
  if (b == "high") return "Cao";
  if (b == "low") return "Thấp";
  return "Cân đối";
}

std::string percent(int64_t x100) { return rl::percent_vn(x100 * 100); }

ExportTable workload_table(const WorkloadView& v) {
  ExportTable t;
  t.sheet = "Phan bo cong viec";
  t.headers = {"Mã chấp hành viên", "Chấp hành viên", "Cơ quan", "Việc chưa kết thúc", "Số tiền còn phải thi hành (đ)",
               "Thời hạn đã quá", "Việc đã kết thúc", "Tỷ lệ hoàn thành", "So với bình quân", "Mức tải"};
  for (const OfficerBalance& b : v.officers)
    t.rows.push_back({ExportCell::of(b.work.id), ExportCell::of(b.work.name), ExportCell::of(b.work.agency),
                      ExportCell::num(b.work.open_cases), ExportCell::num(b.work.owed), ExportCell::num(b.work.overdue),
                      ExportCell::num(b.work.ended_cases), ExportCell::of(rl::percent_vn(b.completion_x100)),
                      ExportCell::of(percent(b.share_x100)), ExportCell::of(balance_label(b.balance))});
  return t;
}

}  // namespace

Response page_workload(Ctx& ctx, const Request& req) {
  auto today = today_param(ctx, with_form_dates(req));
  if (!today) return error_page(ctx, req, 400, "Ngày không hợp lệ.");
  auto res = officer_workload(ctx.store(), ctx.access(), ctx.actor, req.q("agency"), *today);
  if (auto* v = std::get_if<Verdict>(&res)) return deny(ctx, req, Kind::page, *v);
  const WorkloadView& w = std::get<WorkloadView>(res);
  if (req.q("format") == "csv") {
    Response r = text_response(200, table_to_csv(workload_table(w)), "text/csv; charset=utf-8");
    r.header("Content-Disposition", "attachment; filename=\"phan-bo-cong-viec-" + w.agency + ".csv\"");
    return r;
  }
  json rows = json::array();
  for (const OfficerBalance& b : w.officers) {
    const std::string list = "/cases?agency=" + url_encode(b.work.agency) + "&officer=" + url_encode(b.work.id);
    rows.push_back({{"id", b.work.id},
                    {"name", b.work.name},
                    {"agency", b.work.agency},
                    {"open", rl::group_thousands(b.work.open_cases)},
                    {"open_href", list + "&status=open"},
                    {"owed", vnd(b.work.owed)},
                    {"overdue", rl::group_thousands(b.work.overdue)},
                    {"overdue_href", "/cases?agency=" + url_encode(b.work.agency) + "&overdue=" + url_encode(b.work.id)},
                    {"queue_href", "/queue?officer=" + url_encode(b.work.id)},
                    {"ended", rl::group_thousands(b.work.ended_cases)},
                    {"completion", rl::percent_vn(b.completion_x100)},
                    {"share", percent(b.share_x100)},
                    {"balance", b.balance},
                    {"balance_label", balance_label(b.balance)}});
  }
  json agencies = json::array();
  for (const std::string& code : ctx.access().subtree_codes(ctx.actor))
    agencies.push_back({{"value", code}, {"label", ctx.tree().at(*ctx.tree().find(code)).name}, {"selected", code == w.agency}});
  const std::string mean = rl::percent_vn(w.mean_open_x100);  // "8,50%": the mean with two decimals
  return render_page(ctx, req, 200, "workload", "Phân bổ công việc của chấp hành viên",
                     {{"agency", w.agency},
                      {"agencies", agencies},
                      {"today", today->vn()},
                      {"rows", rows},
                      {"has_rows", !rows.empty()},
                      {"count", rows.size()},
                      {"open", rl::group_thousands(w.open_cases)},
                      {"owed", vnd(w.owed)},
                      {"overdue", rl::group_thousands(w.overdue)},
                      {"mean", mean.substr(0, mean.size() - 1)},
                      {"spread", percent(w.spread_x100)},
                      {"csv_href", "/workload?agency=" + url_encode(w.agency) + "&format=csv"}});
}

}  // namespace thads::http
