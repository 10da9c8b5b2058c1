// The complaints and procuracy block of the dashboards (issue 15 item 7):
// heads (the resolvers of their agency's complaints, Art. 142) and the
// procuracy see the complaints and the procuracy's acts due and overdue, with
// the list of what is due and links to the files; supervisors see the same
// and the overdue acts by agency; the steering role sees the counts only.
// Officers, clerks and administrators get no block.
#include "app/accounts.h"
#include "http/dashboard_blocks.h"
#include "http/pages.h"
#include "modules/oversight/app/grievance_dashboard.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;

std::optional<json> block(http::Ctx& ctx, const std::string& agency, Date today) {
  const Role role = ctx.actor.role;
  if (role != Role::head && role != Role::supervisor && role != Role::procuracy && role != Role::steering)
    return std::nullopt;
  const bool lists = role != Role::steering;
  const GrievanceDue g = grievance_due(ctx.store(), ctx.access().subtree_codes(ctx.actor, agency), today);
  const std::string scope = "&state=open&agency=" + http::url_encode(agency);
  json rows = json::array();
  auto row = [&](const char* key, const char* label, int64_t value, const char* kind) {
    json r{{"key", key}, {"label", label}, {"value", value}};
    if (lists) r["href"] = std::string("/oversight?kind=") + kind + scope;
    rows.push_back(std::move(r));
  };
  row("complaints_overdue", "Khiếu nại: việc đã quá hạn", g.complaints_overdue, "complaint");
  row("complaints_due", "Khiếu nại: việc đến hạn trong 5 ngày làm việc", g.complaints_due, "complaint");
  row("procuracy_overdue", "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát: việc đã quá hạn", g.procuracy_overdue,
      "procuracy");
  row("procuracy_due", "Kháng nghị, kiến nghị, yêu cầu: việc đến hạn trong 5 ngày làm việc", g.procuracy_due, "procuracy");
  row("awaiting_remedy", "Đã chấp nhận, đang chờ khắc phục (Điều 161)", g.awaiting_remedy, "procuracy");
  json list = json::array();
  if (lists) {
    if (role == Role::supervisor)
      for (const auto& [code, n] : g.overdue_by_agency)
        list.push_back({{"label", code}, {"href", "/oversight?kind=complaint&state=open&agency=" + http::url_encode(code)},
                        {"note", std::to_string(n) + " việc quá hạn"}});
    for (const DueItem& i : g.items) {
      if (list.size() >= 20) break;
      list.push_back({{"label", i.label + " — " + i.id},
                      {"href", "/oversight/" + http::url_encode(i.id)},
                      {"note", (i.overdue ? "quá hạn từ " : "hạn ") + i.due.vn() + " · " + i.agency + " · " + i.article}});
    }
  }
  return http::dashboard_block("grievances", "Khiếu nại và kiểm sát của Viện kiểm sát", std::move(rows), role == Role::supervisor ? "Việc quá hạn theo đơn vị; việc đến hạn" : "Việc đến hạn, quá hạn", std::move(list));
}

[[maybe_unused]] const bool registered = [] {
  http::register_dashboard_block(&block);
  return true;
}();

}  // namespace
}  // namespace thads::oversight
