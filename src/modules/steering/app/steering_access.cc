#include "modules/steering/app/steering_access.h"

namespace thads::steering {

Verdict read_steering(const Access& access, const Actor& a, const std::string& agency) {
  if (!access.in_subtree(a, agency)) return Verdict::not_found;
  return a.role == Role::admin ? Verdict::forbidden : Verdict::allow;
}

Verdict read_key_cases(const Access& access, const Actor& a, const std::string& agency) {
  if (!access.in_subtree(a, agency)) return Verdict::not_found;
  const bool ok = a.role == Role::head || a.role == Role::supervisor || a.role == Role::procuracy ||
                  a.role == Role::steering;
  return ok ? Verdict::allow : Verdict::forbidden;
}

Verdict record_steering(const Access& access, const Actor& a, const WriteScope& s) {
  if (!access.in_subtree(a, s.agency)) return Verdict::not_found;
  const bool leads = a.role == Role::head || a.role == Role::steering;
  switch (s.kind) {
    case Kind::task_report:
      if (a.role == Role::body) return !a.officer.empty() && a.officer == s.body ? Verdict::allow : Verdict::forbidden;
      if (a.role == Role::head) return access.in_subtree(a, s.body) ? Verdict::allow : Verdict::forbidden;
      return Verdict::forbidden;
    case Kind::key_case:
      if (s.type == "proposed") return a.role == Role::head ? Verdict::allow : Verdict::forbidden;
      if (s.type == "step_done" && a.role == Role::body)
        return !a.officer.empty() && a.officer == s.step_owner ? Verdict::allow : Verdict::forbidden;
      return leads ? Verdict::allow : Verdict::forbidden;
    default: return leads ? Verdict::allow : Verdict::forbidden;
  }
}

}  // namespace thads::steering
