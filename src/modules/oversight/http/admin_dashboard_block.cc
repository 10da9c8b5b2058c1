// The administrative-judgment block of the heads' and supervisors'
// dashboards (issue 14): files in progress, compelled, published, the acts
// overdue, by debtor level and by reason of delay, and the escalated files;
// each figure links to the files it counts.
#include "app/accounts.h"
#include "http/dashboard_blocks.h"
#include "http/pages.h"
#include "modules/oversight/app/oversight_queries.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;

std::optional<json> block(http::Ctx& ctx, const std::string& agency, Date today) {
  if (ctx.actor.role == Role::officer) return std::nullopt;
  auto res = admin_overview(ctx.store(), agency, today);
  if (!std::holds_alternative<AdminOverview>(res)) return std::nullopt;
  const AdminOverview& o = std::get<AdminOverview>(res);
  const std::string base = "/reports/admin-judgments?from=" + o.from.iso() + "&to=" + today.iso() +
                           "&agency=" + http::url_encode(agency) + "&show=";
  json rows = json::array();
  auto row = [&](const char* key, const char* label) {
    rows.push_back({{"key", key}, {"label", label}, {"value", o.columns[key].get<int64_t>()},
                    {"href", base + key + "#files"}});
  };
  row("in_progress", "Đang theo dõi");
  row("with_compel_order", "Có quyết định buộc thi hành");
  row("published", "Đang đăng tải công khai");
  rows.push_back({{"key", "overdue_acts"}, {"label", "Việc đã quá thời hạn"}, {"value", o.overdue_acts}});
  row("debtor_central", "Người phải thi hành cấp trung ương");
  row("debtor_province", "Người phải thi hành cấp tỉnh");
  row("debtor_district", "Người phải thi hành cấp huyện");
  row("debtor_commune", "Người phải thi hành cấp xã");
  row("reason_awaiting_funds", "Chậm vì chờ bố trí kinh phí");
  row("reason_awaiting_superior", "Chậm vì chờ ý kiến cấp trên");
  row("reason_disagrees", "Chậm vì không đồng ý với bản án");
  row("reason_objective_obstacle", "Chậm vì trở ngại khách quan");
  row("reason_unclear_judgment", "Chậm vì bản án chưa rõ");
  row("reason_none", "Chưa ghi nhận lý do chậm");
  json list = json::array();
  for (const auto& e : o.escalated)
    list.push_back({{"label", e.debtor}, {"href", "/oversight/" + e.id},
                    {"note", e.id + (e.level == "central" ? " · cấp trung ương" : e.level == "province" ? " · cấp tỉnh" : "")}});
  return http::dashboard_block("admin-judgments", "Theo dõi thi hành án hành chính", std::move(rows), "Hồ sơ báo cáo lên cấp trên (người phải thi hành cấp tỉnh, trung ương)", std::move(list));
}

[[maybe_unused]] const bool registered = [] {
  http::register_dashboard_block(&block);
  return true;
}();

}  // namespace
}  // namespace thads::oversight
