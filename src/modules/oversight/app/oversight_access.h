// Who may read and record what on the oversight streams (issue 14 item 8,
// issue 15 items 3-4, issue 16): the one place that decides it, for the
// use cases of record_act.h and oversight_read.h (and, through them, the API
// and the pages).
//
// Rules (over the agency of the stream: the opening act's `agency`):
// - Everyone sees only the agency subtree they are bound to; a stream
//   outside it answers not_found, never forbidden (its existence stays hidden).
// - Reading: officer, clerk, head, supervisor, procuracy and steering read
//   the streams of their subtree; admin reads none. A denunciation is read
//   only by heads and supervisors (never by an officer it may accuse:
//   officers, clerks, the procuracy and steering never read denunciations).
// - Recording:
//   - head: every act of the subtree (registration, assignment, answers);
//   - clerk: the openings only (received, lodged, the procuracy's protest /
//     recommendation / requirement received), not requests to bodies;
//   - officer: the acts of the monitoring files assigned to them (not the
//     opening, not the assignment), and the requests of the cases assigned
//     to them (sending them included);
//   - procuracy: its own protests, recommendations and requirements
//     addressed to agencies of its subtree (the openings of `procuracy`), and
//     nothing else;
//   - supervisor, steering, admin: nothing.
//
// Contract: pure decisions over the Access of app/access.h.
#pragma once

#include <string>

#include "app/access.h"
#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

struct StreamScope {
  StreamKind kind = StreamKind::admin_judgment;
  std::string agency;        // the opening's agency
  std::string officer;       // the monitoring officer (admin_judgment), may be empty
  std::string case_officer;  // the officer of the request's case, may be empty
  // A denunciation against the head of `agency` (issue 15 item 3): resolved
  // by the agency above (Luật THADS Art. 157), never read by the accused:
  // the heads of `agency` itself neither read nor record on it.
  bool accused_head = false;
};

// The scope of a stream from its opening act (accused_head included).
StreamScope scope_of_opening(const Act& opening, const std::string& officer, const std::string& case_officer);

bool reads_kind(Role r, StreamKind k);
Verdict read_stream(const Access& access, const Actor& a, const StreamScope& s);
// Recording an act of type `type` (the opening included) on the stream.
Verdict record_on_stream(const Access& access, const Actor& a, const StreamScope& s, const std::string& type);

}  // namespace thads::oversight
