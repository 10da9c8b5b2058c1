#include "modules/oversight/app/oversight_access.h"

namespace thads::oversight {

bool reads_kind(Role r, StreamKind k) {
  if (r == Role::admin || r == Role::body) return false;  // body: steering module only
  if (k == StreamKind::denunciation) return r == Role::head || r == Role::supervisor;
  return true;
}

namespace {
// The accused head's own agency: its heads are the accused (Art. 157).
bool accused(const Actor& a, const StreamScope& s) {
  return s.kind == StreamKind::denunciation && s.accused_head && a.role == Role::head && a.agency == s.agency;
}
}  // namespace

StreamScope scope_of_opening(const Act& opening, const std::string& officer, const std::string& case_officer) {
  return {opening.kind, opening.text("agency"), officer, case_officer,
          opening.kind == StreamKind::denunciation && opening.text("against") == "head"};
}

Verdict read_stream(const Access& access, const Actor& a, const StreamScope& s) {
  if (!access.in_subtree(a, s.agency)) return Verdict::not_found;
  if (accused(a, s)) return Verdict::forbidden;
  return reads_kind(a.role, s.kind) ? Verdict::allow : Verdict::forbidden;
}

Verdict record_on_stream(const Access& access, const Actor& a, const StreamScope& s, const std::string& type) {
  if (!access.in_subtree(a, s.agency)) return Verdict::not_found;
  if (accused(a, s)) return Verdict::forbidden;
  const bool opening = is_opening(s.kind, type);
  switch (a.role) {
    case Role::head: return Verdict::allow;
    case Role::clerk: return opening && s.kind != StreamKind::request ? Verdict::allow : Verdict::forbidden;
    case Role::procuracy: return opening && s.kind == StreamKind::procuracy ? Verdict::allow : Verdict::forbidden;
    case Role::officer:
      if (a.officer.empty()) return Verdict::forbidden;
      if (s.kind == StreamKind::admin_judgment)
        return !opening && type != "officer_assigned" && s.officer == a.officer ? Verdict::allow : Verdict::forbidden;
      if (s.kind == StreamKind::request) return s.case_officer == a.officer ? Verdict::allow : Verdict::forbidden;
      return Verdict::forbidden;
    default: return Verdict::forbidden;
  }
}

}  // namespace thads::oversight
