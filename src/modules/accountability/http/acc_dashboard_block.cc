// The inspections block of the dashboards (issue 15 item 7): the remedies
// ordered by inspections of the subtree that are overdue or due within 5
// working days, each linking to its inspection, and the way to the
// procuracy's review (/accountability/review). Heads, supervisors and the
// procuracy (who read inspections, app/acc_access.h) see it; the steering
// role sees the figures only.
#include "app/accounts.h"
#include "http/dashboard_blocks.h"
#include "http/pages.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/app/acc_use_cases.h"

namespace thads::accountability {
namespace {

using json = nlohmann::json;

std::optional<json> block(http::Ctx& ctx, const std::string& agency, Date today) {
  const Role role = ctx.actor.role;
  const bool reads = reads_kind(role, Kind::inspection);
  if (!reads && role != Role::steering) return std::nullopt;
  QueueQuery q;
  q.today = today;
  const std::vector<QueueItem> items = queue_items(ctx.store(), q, ctx.access().subtree_codes(ctx.actor, agency));
  int64_t overdue = 0, due = 0;
  json list = json::array();
  for (const QueueItem& i : items) {
    ++(i.bucket == "overdue" ? overdue : due);
    if (reads && list.size() < 20)
      list.push_back({{"label", i.label_vi + " — " + i.case_id}, {"href", i.page + http::url_encode(i.case_id)},
                      {"note", (i.bucket == "overdue" ? "quá hạn từ " : "hạn ") + i.due.vn() + " · " + i.agency}});
  }
  const std::string list_href = "/accountability?kind=inspection&agency=" + http::url_encode(agency);
  json rows = json::array();
  rows.push_back({{"key", "remedies_overdue"}, {"label", "Yêu cầu khắc phục sau kiểm tra đã quá hạn"}, {"value", overdue}});
  rows.push_back({{"key", "remedies_due"}, {"label", "Yêu cầu khắc phục đến hạn trong 5 ngày làm việc"}, {"value", due}});
  if (reads) {
    for (json& r : rows) r["href"] = list_href;
    if (view_review(ctx.access(), ctx.actor, agency) == Verdict::allow)
      list.push_back({{"label", "Kiểm sát việc xác định chưa có điều kiện thi hành án"},
                      {"href", "/accountability/review?agency=" + http::url_encode(agency)},
                      {"note", "Điều 44, 44a, 38 Luật Thi hành án dân sự"}});
  }
  return http::dashboard_block("inspections", "Kiểm tra và khắc phục", std::move(rows), "Việc cần theo dõi", std::move(list));
}

[[maybe_unused]] const bool registered = [] {
  http::register_dashboard_block(&block);
  return true;
}();

}  // namespace
}  // namespace thads::accountability
