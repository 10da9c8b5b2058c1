// The freeze budget (oversight.md "request", `over_freeze`): an account
// freeze (phong tỏa tài khoản, L.THADS Art. 67) never holds more than the
// case still owes.
//
// Contract: pure. Both sides are judged as of the new request's date: the
// case's remaining amount from its money events dated on or before it, and the
// case's other freeze requests standing on that date.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "domain/event.h"
#include "domain/refusal.h"
#include "modules/oversight/domain/stream.h"

namespace thads::oversight {

// `a` sends a request to freeze an account (a `sent` of purpose
// `freeze_account`): the acts the budget judges.
bool is_freeze_request(const Act& a);

// The amount a freeze request holds on `on`: 0 unless it is a
// `freeze_account` sent on or before `on`, not withdrawn (its `sent` voided,
// whatever the dates), not lifted or closed by then, and not answered
// `not_found` or `refused` by its latest answer by then.
Money standing_freeze(const Stream& request, Date on);

// The case's remaining amount on `on` (its events dated on or before it).
Money remaining_on(std::span<const Event> case_stream, Date on);

// over_freeze when `sent` (a freeze_account act) with the `others` standing
// would exceed what `case_stream` still owes on its date; nullopt otherwise.
std::optional<Refusal> check_freeze_budget(const Act& sent, std::span<const Event> case_stream,
                                           const std::vector<const Stream*>& others);

}  // namespace thads::oversight
