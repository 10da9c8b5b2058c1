// Access use cases: who may see and change what (issue 3, "Accounts and
// access"). One place decides, for the API, the pages and the CLI alike.
//
// Rules:
// - Every user is bound to an agency and sees only that agency's subtree
//   (the agency and every agency below it, AgencyTree::within). Anything
//   outside it answers not_found, never forbidden, so its existence is not
//   revealed.
// - officer (chấp hành viên): reads cases of the subtree; records acts only
//   on cases assigned to them (cases.officer == the user's officer id); never
//   assigns, never approves a reversal; never opens cases.
// - clerk: reads and records acts on cases of the subtree and registers new
//   cases (intake); does not assign officers nor approve reversals.
// - head (thủ trưởng): everything in the subtree, including assignment
//   (officer_assigned), approving a reversal of a money entry
//   (reversal_approved) and intake; sees the dashboard and the officers'
//   workloads (supervisor and procuracy see them too).
// - supervisor (cấp trên), procuracy (Viện kiểm sát): read everything in the
//   subtree (cases, queues, reports, dashboards); change nothing.
// - steering (Ban chỉ đạo): reports and dashboards of the subtree only; no
//   case details, no search, no work queue (forbidden inside the subtree).
// - admin: manages the accounts of the subtree; no case data.
// - body (issue 17): a user of an outside body; no case data, no reports,
//   no dashboard; its only rights are the steering module's (reporting on
//   its own directive tasks, src/modules/steering/app/steering_access.h).
// - Reports (official forms): every role but admin and body, within the subtree.
//
// Contract: pure decisions over an AgencyTree (immutable, shareable between
// threads); the caller loads the case's agency and officer from the read
// model and maps the verdict to its answer (404, 403).
#pragma once

#include <string>
#include <vector>

#include "app/accounts.h"
#include "domain/agency_tree.h"
#include "domain/event.h"

namespace thads {

// The person acting, as resolved from a session (or the CLI).
struct Actor {
  std::string login;
  Role role = Role::officer;
  std::string agency;
  std::string officer;  // officer record id, may be empty

  static Actor of(const User& u) { return Actor{u.login, u.role, u.agency, u.officer}; }
};

enum class Verdict { allow, forbidden, not_found };

// What the read model says about the case being accessed.
struct CaseScope {
  std::string agency;
  std::string officer;  // currently assigned officer, may be empty
};

class Access {
 public:
  explicit Access(const AgencyTree& tree) : tree_(tree) {}

  // The agency is the actor's agency or lies below it (unknown codes: false).
  bool in_subtree(const Actor& a, const std::string& agency) const;
  // Codes of the actor's subtree (or of `agency`'s subtree when it lies in
  // the actor's). Empty when the agency is outside or unknown.
  std::vector<std::string> subtree_codes(const Actor& a, const std::string& agency = "") const;

  Verdict read_case(const Actor& a, const CaseScope& c) const;
  // Recording an act of type `t` on an existing case.
  Verdict record_on_case(const Actor& a, const CaseScope& c, EventType t) const;
  // Registering a new case (case_opened) for `agency`.
  Verdict open_case(const Actor& a, const std::string& agency) const;
  Verdict search_cases(const Actor& a) const;
  Verdict work_queue(const Actor& a) const;
  Verdict view_reports(const Actor& a, const std::string& agency) const;
  Verdict view_dashboard(const Actor& a, const std::string& agency) const;
  // Officers' workloads of a subtree: those who read cases and oversee
  // officers (head, supervisor, procuracy).
  Verdict view_workload(const Actor& a, const std::string& agency) const;
  Verdict manage_users(const Actor& a, const std::string& agency) const;
  // The server's own metrics (routes, statuses, latencies): administrators only.
  Verdict view_metrics(const Actor& a) const;

 private:
  const AgencyTree& tree_;
};

}  // namespace thads
