// The coordination block of the dashboards of those who lead and check
// (issue 17 item 5, "bodies late on requests"; issue 16): the requests of
// the subtree this statistical year, answered late or left overdue, and the
// bodies with most requests overdue; each figure links to the requests it
// counts (for the roles that read the purpose ledger) or to the report.
#include <algorithm>

#include "app/accounts.h"
#include "http/dashboard_blocks.h"
#include "http/pages.h"
#include "modules/coordination/app/coordination_report.h"
#include "modules/coordination/app/purpose_ledger.h"

namespace thads::coordination {
namespace {

using json = nlohmann::json;

constexpr size_t kListedBodies = 10;

std::optional<json> block(http::Ctx& ctx, const std::string& agency, Date today) {
  const Role role = ctx.actor.role;
  if (role != Role::head && role != Role::supervisor && role != Role::steering && role != Role::procuracy)
    return std::nullopt;
  const Date from = fiscal_year_start(fiscal_year_of(today));
  auto res = coordination_report(ctx.store(), agency, from, today);
  if (!std::holds_alternative<CoordinationReport>(res)) return std::nullopt;
  const CoordinationReport& rep = std::get<CoordinationReport>(res);
  const std::string period =
      "agency=" + http::url_encode(agency) + "&from=" + from.iso() + "&to=" + today.iso() + "&as_of=" + today.iso();
  const bool ledger = reads_ledger(role);
  const auto href = [&](const std::string& body, const char* status) {
    return ledger ? "/coordination/requests?" + (body.empty() ? std::string() : "body=" + http::url_encode(body) + "&") +
                        period + (status[0] ? std::string("&status=") + status : std::string())
                  : "/coordination/report?" + period;
  };
  json rows = json::array();
  std::vector<const BodyPerformance*> late;
  for (const BodyPerformance& p : rep.bodies) {
    if (!p.body.empty()) {
      if (p.overdue > 0) late.push_back(&p);
      continue;
    }
    rows.push_back({{"key", "requests_sent"}, {"label", "Yêu cầu đã gửi cơ quan, tổ chức"}, {"value", p.sent},
                    {"href", href("", "")}});
    rows.push_back({{"key", "requests_late"}, {"label", "Trả lời chậm"}, {"value", p.late}, {"href", href("", "late")}});
    rows.push_back({{"key", "requests_overdue"}, {"label", "Quá hạn chưa trả lời"}, {"value", p.overdue},
                    {"href", href("", "overdue")}});
  }
  std::stable_sort(late.begin(), late.end(),
                   [](const BodyPerformance* a, const BodyPerformance* b) { return a->overdue > b->overdue; });
  json list = json::array();
  for (size_t i = 0; i < late.size() && i < kListedBodies; ++i) {
    const auto it = rep.names.find(late[i]->body);
    list.push_back({{"label", it != rep.names.end() ? it->second.first : late[i]->body},
                    {"href", href(late[i]->body, "overdue")},
                    {"note", std::to_string(late[i]->overdue) + " yêu cầu quá hạn chưa trả lời" +
                                 (late[i]->late ? ", " + std::to_string(late[i]->late) + " trả lời chậm" : "")}});
  }
  return http::dashboard_block("coordination", "Phối hợp của cơ quan, tổ chức (từ " + from.vn() + ")", std::move(rows),
                               "Cơ quan, tổ chức chậm trả lời nhiều nhất", std::move(list));
}

[[maybe_unused]] const bool registered = [] {
  http::register_dashboard_block(&block);
  return true;
}();

}  // namespace
}  // namespace thads::coordination
