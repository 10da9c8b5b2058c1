// Who may read and record the accountability records (issue 15 items 4-5).
// Over the inspected (or the officer's) agency:
// - a record outside the user's subtree is not_found (its existence stays hidden);
// - inspections: read by heads, supervisors and the procuracy; recorded by a
//   head whose subtree holds the inspecting agency (`by`: the agency itself,
//   or the superior for its inspection of a lower agency);
// - violations (the register of officers' violations): read by heads and
//   supervisors, recorded by heads; never read by officers, clerks, the
//   procuracy or steering;
// - deliveries of decisions to the procuracy: recorded by heads and clerks
//   of the case's subtree;
// - the procuracy's review page: the procuracy, heads and supervisors.
#pragma once

#include <string>

#include "app/access.h"
#include "modules/accountability/domain/records.h"

namespace thads::accountability {

struct Scope {
  Kind kind = Kind::inspection;
  std::string agency, by;
};

bool reads_kind(Role r, Kind k);
Verdict read_record(const Access& access, const Actor& a, const Scope& s);
Verdict write_record(const Access& access, const Actor& a, const Scope& s);
Verdict record_delivery(const Access& access, const Actor& a, const std::string& case_agency);
Verdict view_review(const Access& access, const Actor& a, const std::string& agency);

}  // namespace thads::accountability
