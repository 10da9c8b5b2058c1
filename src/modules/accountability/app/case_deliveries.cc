#include "modules/accountability/app/case_deliveries.h"

#include <map>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/domain/deliveries.h"
#include "modules/accountability/domain/records.h"
#include "modules/accountability/store/accountability_store.h"

namespace thads::accountability {

std::string how_label_vi(const std::string& how) {
  if (how == "hand") return "Trực tiếp";
  if (how == "post") return "Bưu chính";
  if (how == "electronic") return "Điện tử";
  return "";
}

std::variant<CaseDeliveries, Refusal> case_deliveries(Store& store, const User& user, const std::string& case_id,
                                                      const std::vector<Event>& events, Date today) {
  return case_deliveries(store, load_agency_tree(store), user, case_id, events, today);
}

std::variant<CaseDeliveries, Refusal> case_deliveries(Store& store, const AgencyTree& tree, const User& user,
                                                      const std::string& case_id, const std::vector<Event>& events,
                                                      Date today) {
  const std::string agency = case_agency(store.db(), case_id);
  if (agency.empty()) return Refusal{"not_found", "no such case: " + case_id, ""};
  const Access access(tree);
  const Actor actor = Actor::of(user);
  if (Verdict v = read_deliveries(access, actor, agency); v != Verdict::allow)
    return Refusal{v == Verdict::not_found ? "not_found" : "forbidden", "the deliveries of " + case_id + " are not yours", ""};
  CaseDeliveries out;
  out.may_record = record_delivery(access, actor, agency) == Verdict::allow;
  std::map<int64_t, Delivery> sent;
  for (Delivery& d : deliveries_of_case(store.db(), case_id)) sent.emplace(d.decision, std::move(d));
  const Calendar cal = official_calendar_with(store.holidays());
  for (const Event* e : effective_history(events)) {
    if (!is_decision(to_string(e->type))) continue;
    DecisionLine l;
    l.seq = e->seq;
    l.type = std::string(to_string(e->type));
    l.date = e->date;
    l.due = cal.add_working_days(e->date, kSendToProcuracyWorkingDays);
    if (auto it = sent.find(e->seq); it != sent.end()) l.sent = it->second.date, l.how = it->second.how;
    l.status = delivery_status(l.due, l.sent, today);
    out.lines.push_back(std::move(l));
  }
  return out;
}

}  // namespace thads::accountability
