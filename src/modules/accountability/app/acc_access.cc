#include "modules/accountability/app/acc_access.h"

namespace thads::accountability {

bool reads_kind(Role r, Kind k) {
  if (r == Role::head || r == Role::supervisor) return true;
  return k == Kind::inspection && r == Role::procuracy;
}

Verdict read_record(const Access& access, const Actor& a, const Scope& s) {
  if (!access.in_subtree(a, s.agency)) return Verdict::not_found;
  return reads_kind(a.role, s.kind) ? Verdict::allow : Verdict::forbidden;
}

Verdict write_record(const Access& access, const Actor& a, const Scope& s) {
  if (!access.in_subtree(a, s.agency)) return Verdict::not_found;
  if (a.role != Role::head) return Verdict::forbidden;
  if (s.kind == Kind::inspection && !access.in_subtree(a, s.by)) return Verdict::forbidden;
  return Verdict::allow;
}

Verdict record_delivery(const Access& access, const Actor& a, const std::string& case_agency) {
  if (!access.in_subtree(a, case_agency)) return Verdict::not_found;
  return a.role == Role::head || a.role == Role::clerk ? Verdict::allow : Verdict::forbidden;
}

Verdict view_review(const Access& access, const Actor& a, const std::string& agency) {
  if (!access.in_subtree(a, agency)) return Verdict::not_found;
  return a.role == Role::procuracy || a.role == Role::head || a.role == Role::supervisor ? Verdict::allow
                                                                                        : Verdict::forbidden;
}

}  // namespace thads::accountability
