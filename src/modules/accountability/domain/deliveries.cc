#include "modules/accountability/domain/deliveries.h"

#include <string>

#include "domain/interchange.h"

namespace thads::accountability {

std::string delivery_status(Date due, const std::optional<Date>& sent, Date today) {
  if (sent) return due < *sent ? "late" : "on_time";
  return due < today ? "overdue" : "pending";
}

const Delivery* counting_delivery(const std::vector<Delivery>& stored) {
  return stored.empty() || stored.back().voided ? nullptr : &stored.back();
}

DeliveryDecision decide_delivery(const std::vector<Delivery>& stored, const Delivery& d) {
  const std::string key = d.case_id + "#" + std::to_string(d.decision);
  const auto n = static_cast<int64_t>(stored.size());
  if (d.seq <= n) {
    if (same_record(stored[static_cast<size_t>(d.seq - 1)].raw, d.raw)) return DeliveryDuplicate{};
    return Refusal{"seq_conflict", "record " + std::to_string(d.seq) + " of " + key + " differs from the stored one", ""};
  }
  if (d.seq > n + 1) return Refusal{"seq_gap", "the next record of " + key + " is " + std::to_string(n + 1), ""};
  const Delivery* last = stored.empty() ? nullptr : &stored.back();
  if (d.voided) {
    if (!last || last->voided) return Refusal{"void_target", "decision " + key + " has no sending to void", ""};
  } else if (last && !last->voided) {
    return Refusal{"seq_conflict", "decision " + key + " was already sent on " + last->date.iso(), ""};
  }
  if (last && d.date < last->date)
    return Refusal{"bad_transition", "dates never decrease: " + key + " has a record of " + last->date.iso(), ""};
  return DeliveryAppend{};
}

}  // namespace thads::accountability
