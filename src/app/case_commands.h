// Case commands: record one act on a case (any event type of interchange.md)
// on behalf of an actor, with the same checks and refusals as the import.
//
// Contract: the caller states the version it read (the case's last seq; 0 to
// open a new case). If the stream moved on meanwhile the command is refused
// with `version_conflict` and nothing is written. Otherwise the event, the
// read models and the audit chain are written in one transaction. The actor
// is recorded in the event, so the audit chain shows who did what.
// Authorisation (who may act on which case) is checked by the caller through
// access.h before calling.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "domain/case_view.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct Recorded {
  int64_t version = 0;  // the case's new version (= the event's seq)
  CaseView view;
};

// `fields`: the event's fields (type, date and payload), without kind, case
// and seq, which the command sets. recorded_at is `now_unix`. An
// officer_assigned names an officer the store knows (else unknown_officer)
// of the case's agency or an agency under it (else officer_outside_agency).
std::variant<Recorded, Refusal> record_event(Store& store, const std::string& case_id, int64_t expected_version,
                                            const nlohmann::json& fields, const std::string& actor,
                                            int64_t now_unix);

// The same inside the caller's write transaction, which it does not commit:
// a module's use case that writes an event together with its own records in
// one transaction (the caller checks the rights inside that transaction).
std::variant<Recorded, Refusal> record_event_in(Store& store, WriteTx& tx, const std::string& case_id,
                                               int64_t expected_version, const nlohmann::json& fields,
                                               const std::string& actor, int64_t now_unix);

// A new case id for an agency: "<AGENCY>-<YEAR>-<000001>", unused so far.
std::string next_case_id(Store& store, const std::string& agency, int year);

}  // namespace thads
