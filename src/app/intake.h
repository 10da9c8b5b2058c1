// Intake use case: a judgment handed over by a court and, for on-request
// cases, the creditor's request, become an enforcement decision
// (case_opened) under a new case id, optionally with the assigned officer.
//
// Rules checked here, before the domain's own checks:
// - Art. 30 L.THADS (thời hiệu yêu cầu thi hành án): an on-request case whose
//   request came more than 5 years after the judgment took effect is refused
//   (`limitation_expired`) unless a late acceptance is recorded with its
//   reason (NĐ62 Art. 4(2)–(4): force majeure or an objective obstacle); the
//   reason is kept in the event as `late_acceptance` {reason}, an extension
//   field the v1 reader ignores, so the audit chain holds it.
// - Art. 28(1): a court should hand over the judgment within 30 days of its
//   effective date; a later `judgment.received_date` is a warning.
// Both rules are also shown as warnings on the case page (case_warnings).
//
// This file is free of HTTP: it belongs with the use cases of src/app and
// can move there as it is.
#pragma once

#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/access.h"
#include "domain/event.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct CaseWarning {
  std::string code;
  std::string message_vi;
  std::string article;
  std::string date;  // ISO, may be empty
};

// Art. 30: nullopt when the request is in time (or the case is proactive).
std::optional<Refusal> limitation_refusal(const CaseOpened& c);
// Warnings of an opened case: late transfer (Art. 28) and a request accepted
// after the limitation period (Art. 30) with its recorded reason.
std::vector<CaseWarning> intake_warnings(const CaseOpened& c, const nlohmann::json& raw_case_opened);
// The same, with the opening event's JSON asked for only when a warning needs
// it (the late request's reason: rare), so a case read does not parse it.
std::vector<CaseWarning> intake_warnings(const CaseOpened& c, const std::function<nlohmann::json()>& raw_case_opened);

struct IntakeRequest {
  nlohmann::json event;  // case_opened fields (type optional), as interchange.md
  std::string officer;   // assign at once (head only); may be empty
};

struct IntakeResult {
  std::string case_id;
  int64_t version = 0;
  std::vector<CaseWarning> warnings;
};

// Checks access (Access::open_case; assignment needs record_on_case), the
// limitation period, then records case_opened (and officer_assigned) through
// record_event. Refusals: the codes of record_event, limitation_expired,
// forbidden, not_found (agency outside the actor's subtree).
std::variant<IntakeResult, Refusal> register_case(Store& store, const Access& access, const Actor& actor,
                                                  const IntakeRequest& req, int64_t now);

}  // namespace thads
