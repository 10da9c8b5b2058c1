// Coercion plans of a case (issue 16 item 5; Luật THADS 2008 Art. 72;
// NĐ 62/2015 Art. 13; NĐ 152/2026 Art. 42): recording a plan is ONE act that
// writes, in one write transaction, the `coercion_plan` record
// (domain/coercion_plan.h), the core `coercion_planned` event
// (mobilised_forces true, scheduled_date the plan's date of coercion) and the
// three requests Art. 72(2) requires: the police (`protection`, whose answer,
// the protection plan, is due within 3 working days), the commune People's
// Committee and the procuracy (`other`). Each body is the active one of its
// type registered for the case's agency, else for the nearest agency above
// (or the one the caller names). A refusal writes nothing.
//
// Rights (checked inside the transaction): the user may record a
// coercion_planned event on the case (access.h) and send requests for it
// (oversight_access.h): the case's officer or a head of its subtree. The bans
// (plan_bans) refuse the plan with their codes; only a head whose subtree
// holds the case overrides a ban, by giving a reason; an override by anyone
// else is `override_forbidden`. Voiding a plan (type voided, with a reason)
// records that the plan no longer stands; its coercion_planned event stays
// (interchange v1 voids no coercion_planned event) and so do its requests
// (withdraw them on each request if needed). Also this module's import of `coercion_plan`.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "app/modules.h"
#include "domain/agency_tree.h"
#include "domain/refusal.h"
#include "modules/coordination/domain/coercion_plan.h"
#include "store/store.h"

namespace thads::coordination {

struct PlanView {
  CoercionPlan plan;
  bool voided = false;
  std::string void_reason, voided_by;
  std::vector<Ban> bans;  // the bans it broke (each overridden, else it would not be recorded)
};

// `fields`: date (default today), person {name, id_number?} (default the
// case's debtor), measure, scheduled_date, start_time, place, method,
// forces, costs, large, chairman_report_date, overrides [{ban, reason}],
// bodies {police?, people_committee?, procuracy?} (codes; default: by area).
std::variant<PlanView, Refusal> record_coercion_plan(Store& store, const User& user, const std::string& case_id,
                                                     nlohmann::json fields, int64_t now_unix);

std::variant<PlanView, Refusal> void_coercion_plan(Store& store, const User& user, const std::string& case_id,
                                                   int64_t seq, const std::string& reason, int64_t now_unix);

// The plans of a case the user reads (not_found outside the user's subtree).
std::variant<std::vector<PlanView>, Refusal> coercion_plans(Store& store, const User& user, const std::string& case_id);

// May the user record a plan on the case / override a ban on it?
bool may_plan(Store& store, const User& user, const std::string& case_id);
bool may_override(Store& store, const User& user, const std::string& case_id);

// The same three with the agency tree the caller holds (a server's
// ReadCache::tree, current at the request) instead of reading it.
std::variant<std::vector<PlanView>, Refusal> coercion_plans(Store& store, const AgencyTree& tree, const User& user,
                                                            const std::string& case_id);
bool may_plan(Store& store, const AgencyTree& tree, const User& user, const std::string& case_id);
bool may_override(Store& store, const AgencyTree& tree, const User& user, const std::string& case_id);

// The import of `coercion_plan` records (with the module's other kinds).
class PlanImport {
 public:
  explicit PlanImport(ImportContext& ctx) : ctx_(ctx) {}
  ModuleImport::Outcome on(ModuleRecord& m, Refusal& why);

 private:
  ImportContext& ctx_;
};

}  // namespace thads::coordination
