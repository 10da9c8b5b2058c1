#include "modules/steering/app/steering_overview.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/agency_directory.h"
#include "modules/steering/app/steering_access.h"
#include "modules/steering/app/steering_import.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {

std::optional<SteeringOverview> steering_overview(Store& store, const User& user, const std::string& agency,
                                                  Date today) {
  if (user.role != Role::head && user.role != Role::steering) return std::nullopt;
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Actor actor = Actor::of(user);
  const std::string scope_code = agency.empty() ? user.agency : agency;
  auto scope = tree.find(scope_code);
  if (!scope || !access.in_subtree(actor, scope_code)) return std::nullopt;
  const auto within = [&](const std::string& code) {
    auto i = tree.find(code);
    return i && tree.within(*i, *scope);
  };
  const Ledger l = load_ledger(store.db());
  BodyCodes names(store.db(), [&](const std::string& c) { return tree.find(c).has_value(); });
  SteeringOverview o;
  std::map<std::string, int64_t> late;
  for (const auto& [key, t] : l.tasks()) {
    if (!within(agency_of_task(l, t))) continue;
    for (const std::string& b : t.bodies)
      for (const Cell& c : l.cells(t, b, today))
        if (c.overdue) {
          ++o.overdue_cells;
          const std::string n = names.name(b);
          ++late[n.empty() ? b : n];
        }
  }
  o.overdue_by_body.assign(late.begin(), late.end());
  std::stable_sort(o.overdue_by_body.begin(), o.overdue_by_body.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [id, k] : l.key_cases()) {
    if (!within(k.agency)) continue;
    if (k.state == "proposed") ++o.key_cases_proposed;
    if (k.state != "accepted") continue;
    ++o.key_cases_followed;
    SteeringOverview::KeyLine line{id, k.case_id, k.stuck_reason, 0};
    for (const Step& s : k.steps) line.steps_overdue += s.overdue(today) ? 1 : 0;
    o.key_steps_overdue += line.steps_overdue;
    o.key_cases.push_back(std::move(line));
  }
  std::stable_sort(o.key_cases.begin(), o.key_cases.end(),
                   [](const auto& a, const auto& b) { return a.steps_overdue > b.steps_overdue; });
  for (const auto& [id, m] : l.meetings()) {
    auto c = l.committees().find(m.text("committee"));
    if (c == l.committees().end() || !within(c->second.text("agency")) || m.date < today) continue;
    if (!o.next_meeting || m.date < o.next_meeting->date)
      o.next_meeting = SteeringOverview::Meeting{id, c->second.text("name"), m.date};
  }
  Date latest;
  for (const auto& [id, versions] : l.periodic_reports()) {
    if (!within(versions.front().text("agency"))) continue;
    if (o.latest_report_id.empty() || versions.back().date >= latest) {
      latest = versions.back().date;
      o.latest_report_id = id;
      o.latest_report_version = versions.back().seq;
    }
  }
  return o;
}

}  // namespace thads::steering
