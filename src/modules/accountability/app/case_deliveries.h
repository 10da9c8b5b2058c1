// The case page's view of the decisions sent to the procuracy (issue 15:
// a delivery form on the case page): each decision on enforcement of the case
// (domain/records.h is_decision) with its Art. 38 due day (3 working days,
// Luật THADS 2008 Art. 38), the sending that counts (day, how) and its status,
// and whether the user may record a sending or its correction.
//
// Contract: reads only. Read by heads, clerks, supervisors and the procuracy
// of the case's subtree (acc_access.h read_deliveries), else `forbidden` /
// `not_found`; recorded by heads and clerks (record_delivery): the writes are
// app/acc_use_cases.h record_delivery_act.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/agency_tree.h"
#include "domain/date.h"
#include "domain/event.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads::accountability {

struct DecisionLine {
  int64_t seq = 0;
  std::string type;  // the case event type
  Date date, due;
  std::optional<Date> sent;
  std::string how;     // of the sending that counts
  std::string status;  // on_time | late | overdue | pending (procuracy_review.h)
};
struct CaseDeliveries {
  bool may_record = false;
  std::vector<DecisionLine> lines;
};

std::variant<CaseDeliveries, Refusal> case_deliveries(Store& store, const User& user, const std::string& case_id,
                                                      const std::vector<Event>& events, Date today);
// The same with the agency tree the caller holds (a server's ReadCache::tree,
// current at the request), instead of reading it from the store.
std::variant<CaseDeliveries, Refusal> case_deliveries(Store& store, const AgencyTree& tree, const User& user,
                                                      const std::string& case_id, const std::vector<Event>& events,
                                                      Date today);

// "Trực tiếp", "Bưu chính", "Điện tử" (how a decision was sent).
std::string how_label_vi(const std::string& how);

}  // namespace thads::accountability
