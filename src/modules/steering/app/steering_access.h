// Who may read and record what in the steering module (issue 17): the one
// place that decides it, for the use cases of steering_use_cases.h (and,
// through them, the API and the pages).
//
// Rules (over the agency of the record: a directive's `agency`, a
// committee's, a task's directive or meeting's, a key case's):
// - Everyone sees only the agency subtree they are bound to; outside it the
//   answer is not_found, never forbidden.
// - Reading: every role but admin reads directives, tasks, committees and
//   meetings of the subtree; the key-case register is read by head,
//   supervisor, procuracy and steering (not by officers, clerks or bodies:
//   it names cases and why they are stuck).
// - Recording:
//   - directives, their tasks, committees, members, meetings and meeting
//     tasks: head and steering (the committee's secretariat);
//   - a task report: a `body` user for its own body only (User::officer is
//     the body's code), and the head for an agency of the subtree named
//     among the task's bodies (the enforcement agency reporting itself);
//   - key cases: the head proposes; the committee's acts (accepted,
//     rejected, stuck, steps, closed) are entered by steering or the head;
//     a step is marked done by them or by the `body` user of its owner.
//   - a periodic report (an issued version): head and steering;
//   - officer, clerk, supervisor, procuracy, admin: nothing. Nobody changes
//     a case here: steering records never touch case streams.
//
// Contract: pure decisions over the Access of app/access.h.
#pragma once

#include <string>

#include "app/access.h"
#include "modules/steering/domain/records.h"

namespace thads::steering {

Verdict read_steering(const Access& access, const Actor& a, const std::string& agency);
Verdict read_key_cases(const Access& access, const Actor& a, const std::string& agency);

// What a record asks for: its kind and type, its agency, the body it
// reports for (task_report) and, for a step_done, the step's owner.
struct WriteScope {
  Kind kind = Kind::directive;
  std::string type, agency, body, step_owner;
};
Verdict record_steering(const Access& access, const Actor& a, const WriteScope& s);

}  // namespace thads::steering
