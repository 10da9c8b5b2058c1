// Applying a reference_change (docs/formats/reference-change.md) to the
// reference record it follows.
//
// Contract: pure. The record keeps its `raw` (the record as first written):
// the interchange format compares a re-imported record with that first
// version, so an export imported again stays a no-op after changes. The
// caller has checked that the change names this record (record and key) and
// that its seq is the next one.
#pragma once

#include "domain/interchange.h"

namespace thads {

void apply_change(AgencyRecord& a, const ReferenceChange& c);
void apply_change(OfficerRecord& o, const ReferenceChange& c);
void apply_change(TargetRecord& t, const ReferenceChange& c);
void apply_change(HolidayRec& h, const ReferenceChange& c);

// The interchange key of a target change, "AGENCY/FISCAL_YEAR", split;
// fiscal_year 0 when the key is not of that form.
struct TargetKey {
  std::string agency;
  int fiscal_year = 0;
};
TargetKey target_key(const std::string& key);

}  // namespace thads
