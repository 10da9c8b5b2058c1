// The steering block of the dashboard (issue 17 item 5), for the heads and
// the steering role: overdue directive tasks by body, the key cases the
// committee follows and their overdue steps, the next meeting, the latest
// issued periodic report; each figure links to its list.
#include "http/dashboard_blocks.h"
#include "http/pages.h"
#include "modules/steering/app/steering_overview.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;

std::optional<json> block(http::Ctx& ctx, const std::string& agency, Date today) {
  auto o = steering_overview(ctx.store(), ctx.session->user, agency, today);
  if (!o) return std::nullopt;
  json rows = json::array();
  rows.push_back({{"key", "steering_overdue"}, {"label", "Lượt nhiệm vụ theo chỉ thị quá hạn"},
                  {"value", o->overdue_cells}, {"href", "/steering/matrix"}});
  for (const auto& [name, n] : o->overdue_by_body)
    rows.push_back({{"key", "steering_overdue_body"}, {"label", "— " + name}, {"value", n}, {"href", "/steering/matrix"}});
  rows.push_back({{"key", "key_cases_followed"}, {"label", "Vụ việc trọng điểm Ban Chỉ đạo theo dõi"},
                  {"value", o->key_cases_followed}, {"href", "/steering/key-cases"}});
  rows.push_back({{"key", "key_cases_proposed"}, {"label", "Vụ việc đề nghị chờ Ban Chỉ đạo xem xét"},
                  {"value", o->key_cases_proposed}, {"href", "/steering/key-cases"}});
  rows.push_back({{"key", "key_steps_overdue"}, {"label", "Biện pháp của vụ việc trọng điểm quá hạn"},
                  {"value", o->key_steps_overdue}, {"href", "/steering/key-cases"}});
  json list = json::array();
  if (o->next_meeting)
    list.push_back({{"label", "Phiên họp tiếp theo: " + o->next_meeting->date.vn()},
                    {"href", "/steering/committees"}, {"note", o->next_meeting->committee}});
  if (!o->latest_report_id.empty())
    list.push_back({{"label", "Báo cáo định kỳ gần nhất: " + o->latest_report_id},
                    {"href", "/steering/reports/" + http::url_encode(o->latest_report_id) +
                                 "?version=" + std::to_string(o->latest_report_version)},
                    {"note", "phiên bản " + std::to_string(o->latest_report_version)}});
  for (const auto& k : o->key_cases)
    if (k.steps_overdue > 0)
      list.push_back({{"label", "Vụ việc " + k.case_id}, {"href", "/steering/key-cases"},
                      {"note", std::to_string(k.steps_overdue) + " biện pháp quá hạn"}});
  return http::dashboard_block("steering-block", "Chỉ đạo, điều hành thi hành án", std::move(rows), "Lịch họp, báo cáo và vụ việc cần đôn đốc", std::move(list));
}

[[maybe_unused]] const bool registered = [] {
  http::register_dashboard_block(&block);
  return true;
}();

}  // namespace
}  // namespace thads::steering
