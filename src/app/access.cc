#include "app/access.h"

namespace thads {
namespace {

bool reads_cases(Role r) {
  return r == Role::officer || r == Role::clerk || r == Role::head || r == Role::supervisor ||
         r == Role::procuracy;
}

}  // namespace


bool Access::in_subtree(const Actor& a, const std::string& agency) const {
  auto scope = tree_.find(a.agency);
  auto node = tree_.find(agency);
  return scope && node && tree_.within(*node, *scope);
}

std::vector<std::string> Access::subtree_codes(const Actor& a, const std::string& agency) const {
  std::vector<std::string> out;
  const std::string& root_code = agency.empty() ? a.agency : agency;
  if (!in_subtree(a, root_code)) return out;
  const int root = *tree_.find(root_code);
  for (size_t i = 0; i < tree_.size(); ++i)
    if (tree_.within(static_cast<int>(i), root)) out.push_back(tree_.at(static_cast<int>(i)).code);
  return out;
}

Verdict Access::read_case(const Actor& a, const CaseScope& c) const {
  if (!in_subtree(a, c.agency)) return Verdict::not_found;
  return reads_cases(a.role) ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::record_on_case(const Actor& a, const CaseScope& c, EventType t) const {
  if (!in_subtree(a, c.agency)) return Verdict::not_found;
  if (t == EventType::case_opened) return Verdict::forbidden;  // a case is opened once, by intake
  switch (a.role) {
    case Role::head: return Verdict::allow;
    // Only the head assigns officers, and only the head approves a reversal
    // of a money entry that an officer or clerk recorded (docs/formats/reversal.md).
    case Role::clerk:
      return t == EventType::officer_assigned || t == EventType::reversal_approved ? Verdict::forbidden : Verdict::allow;
    case Role::officer:
      if (t == EventType::officer_assigned || t == EventType::reversal_approved) return Verdict::forbidden;
      return !a.officer.empty() && c.officer == a.officer ? Verdict::allow : Verdict::forbidden;
    case Role::steering:
    case Role::admin:
      return Verdict::forbidden;
    default: return Verdict::forbidden;
  }
}

Verdict Access::open_case(const Actor& a, const std::string& agency) const {
  if (!in_subtree(a, agency)) return Verdict::not_found;
  return a.role == Role::head || a.role == Role::clerk ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::search_cases(const Actor& a) const {
  return reads_cases(a.role) ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::work_queue(const Actor& a) const {
  return reads_cases(a.role) ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::view_reports(const Actor& a, const std::string& agency) const {
  if (!in_subtree(a, agency)) return Verdict::not_found;
  return a.role == Role::admin || a.role == Role::body ? Verdict::forbidden : Verdict::allow;
}

Verdict Access::view_dashboard(const Actor& a, const std::string& agency) const {
  if (!in_subtree(a, agency)) return Verdict::not_found;
  const bool ok = a.role == Role::head || a.role == Role::supervisor || a.role == Role::procuracy ||
                  a.role == Role::steering;
  return ok ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::view_workload(const Actor& a, const std::string& agency) const {
  if (!in_subtree(a, agency)) return Verdict::not_found;
  const bool ok = a.role == Role::head || a.role == Role::supervisor || a.role == Role::procuracy;
  return ok ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::manage_users(const Actor& a, const std::string& agency) const {
  if (!in_subtree(a, agency)) return Verdict::not_found;
  return a.role == Role::admin ? Verdict::allow : Verdict::forbidden;
}

Verdict Access::view_metrics(const Actor& a) const {
  return a.role == Role::admin ? Verdict::allow : Verdict::forbidden;
}

}  // namespace thads
