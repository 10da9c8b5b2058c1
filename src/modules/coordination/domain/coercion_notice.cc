#include "modules/coordination/domain/coercion_notice.h"

namespace thads::coordination {

std::vector<PlanRecipient> plan_recipients(Date plan_date, const std::vector<SentRequest>& requests) {
  std::vector<PlanRecipient> out;
  for (const char* role : {"police", "people_committee", "procuracy"}) {
    PlanRecipient p{role, std::nullopt};
    for (const SentRequest& r : requests) {
      if (r.body_type != role || r.sent < plan_date) continue;
      if (p.role == "police" && r.purpose != "protection") continue;
      if (!p.sent_on || r.sent < *p.sent_on) p.sent_on = r.sent;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace thads::coordination
