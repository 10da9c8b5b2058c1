// What the journal's tail touched, by agency: the reads behind the agency
// positions of the app layer (app/agency_positions.h), which let an answer
// held for one agency's subtree outlive a write to another agency.
//
// Contract: read-only; valid on SQLite and PostgreSQL; the caller holds the
// read transaction that makes several reads one snapshot when it needs one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace thads {

struct JournalTouch {
  int64_t pos = 0;
  std::string kind, stream;
};

struct JournalTouches {
  std::vector<JournalTouch> entries;  // in journal order
  bool too_many = false;              // more than `max` entries: the rest is not read
};

// The journal's entries after position `since`, at most `max` of them.
JournalTouches journal_touches(Db& db, int64_t since, int64_t max);

// The agencies (distinct, sorted) of `case_ids` (distinct) in the cases
// read model; nullopt when one of them is not there. A case's agency is set
// when it is opened and never changes (a file entrusted or pulled up ends
// here and is opened again at the other agency).
std::optional<std::vector<std::string>> case_agencies(Db& db, const std::vector<std::string>& case_ids);

}  // namespace thads
