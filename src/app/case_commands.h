// Case commands: record one act on a case (any event type of interchange.md)
// on behalf of an actor, with the same checks and refusals as the import.
//
// Contract: the caller states the version it read (the case's last seq; 0 to
// open a new case). If the stream moved on meanwhile the command is refused
// with `version_conflict` and nothing is written. Otherwise the event, the
// read models and the audit chain are written in one transaction. The actor
// is recorded in the event, so the audit chain shows who did what.
// Authorisation is the command's own: inside the write transaction, against
// the case as it stands there (its agency and officer), the actor must be
// allowed the act by access.h (record_on_case for the act's type, open_case
// for a case_opened); otherwise `not_found` (the case is unknown, or outside
// the actor's subtree) or `forbidden`, and nothing is written.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "app/access.h"
#include "domain/case_view.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct Recorded {
  int64_t version = 0;  // the case's new version (= the event's seq)
  CaseView view;
};

// Who records: the rules (access) and the actor, recorded in each event.
struct CaseActor {
  const Access& access;
  const Actor& actor;
};

// `fields`: the event's fields (type, date and payload), without kind, case
// and seq, which the command sets. recorded_at is `now_unix`. An
// officer_assigned names an officer the store knows (else unknown_officer)
// of the case's agency or an agency under it (else officer_outside_agency).
std::variant<Recorded, Refusal> record_event(Store& store, const CaseActor& who, const std::string& case_id,
                                            int64_t expected_version, const nlohmann::json& fields,
                                            int64_t now_unix);
// The same inside the caller's write transaction, which it does not commit:
// a module's use case that writes an act together with its own records in
// one transaction (the coercion plan and its requests). The rights are
// checked here as in record_event.
std::variant<Recorded, Refusal> record_event_in(Store& store, WriteTx& tx, const CaseActor& who,
                                               const std::string& case_id, int64_t expected_version,
                                               const nlohmann::json& fields, int64_t now_unix);
// record_event acts on a case that exists (an unknown case is not_found,
// even for a case_opened: cases are opened by the intake, intake.h).
// record_events: several acts on one case in one transaction, in order (seq
// expected + 1, + 2, …), all recorded or none; the first may be the
// case_opened of a new case (the intake's opening and assignment).
std::variant<Recorded, Refusal> record_events(Store& store, const CaseActor& who, const std::string& case_id,
                                             int64_t expected_version, const std::vector<nlohmann::json>& acts,
                                             int64_t now_unix);

// A new case id for an agency: "<AGENCY>-<YEAR>-<000001>", unused so far.
std::string next_case_id(Store& store, const std::string& agency, int year);

}  // namespace thads
