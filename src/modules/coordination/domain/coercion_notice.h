// Who must have the coercion plan at once (Luật THADS 2008 Art. 72(2),
// legal-rules.md §2.7): a coercion that mobilises forces is planned, and the
// plan is sent immediately to the procuracy (Viện kiểm sát), the same-level
// police (Công an, who draft the protection plan within 3 working days: a
// `protection` request) and the commune People's Committee (UBND xã). The
// case page lists, for each mobilised `coercion_planned` event, which of the
// three received a request on or after the plan's date, and warns of those
// that did not. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace thads::coordination {

// A request of the case, as the notice needs it.
struct SentRequest {
  std::string body_type;  // the body's type (oversight.md `body.type`)
  std::string purpose;
  Date sent;
};

struct PlanRecipient {
  std::string role;  // police | people_committee | procuracy
  std::optional<Date> sent_on;  // the first matching request on or after the plan's date
};

// The three recipients of a plan dated `plan_date`: police by a `protection`
// request to a police body; the commune People's Committee and the procuracy
// by any request to a body of that type.
std::vector<PlanRecipient> plan_recipients(Date plan_date, const std::vector<SentRequest>& requests);

}  // namespace thads::coordination
