// The records of one decision sent to the procuracy (docs/formats/
// accountability.md "delivery"): sendings and their corrections, numbered by
// `seq` from 1 per (case, decision).
//
// Contract: pure. decide_delivery() says what a new record does to the
// records stored for its (case, decision), in the precedence of
// interchange.md:
// - a `seq` already stored: the same record (as parsed JSON) is a duplicate,
//   another is `seq_conflict`; a `seq` past the next is `seq_gap`;
// - `voided` needs a sending that counts just before it (else `void_target`:
//   nothing sent, or the sending already voided) and is dated on or after
//   that sending (dates never decrease: `bad_transition`);
// - a new sending (seq > 1) needs the one before it voided (else
//   `seq_conflict`: the decision was already sent), and is dated on or after
//   the correction (`bad_transition`).
// The sending that counts is the last record when it is not voided.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/refusal.h"
#include "modules/accountability/domain/records.h"

namespace thads::accountability {

struct DeliveryDuplicate {};
struct DeliveryAppend {};
using DeliveryDecision = std::variant<DeliveryAppend, DeliveryDuplicate, Refusal>;

DeliveryDecision decide_delivery(const std::vector<Delivery>& stored, const Delivery& next);

// A decision on enforcement is sent to the procuracy within 3 working days
// of its date (Luật THADS 2008 Art. 38; legal-rules.md §2.2 row 13).
inline constexpr int kSendToProcuracyWorkingDays = 3;
// The sending's status against its due day: on_time, late (sent after it),
// overdue (not sent, past it), pending (not sent, not yet due).
std::string delivery_status(Date due, const std::optional<Date>& sent, Date today);

// The sending that counts (nullptr when none: never sent, or voided).
const Delivery* counting_delivery(const std::vector<Delivery>& stored);

}  // namespace thads::accountability
