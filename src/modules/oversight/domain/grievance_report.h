// The accountability reports of issue 15 item 6, as folds over the streams:
// - `complaints`: complaints and denunciations about enforcement (khiếu nại,
//   tố cáo) by period and agency subtree — received, within competence
//   (admitted: thụ lý), resolved on time and late, upheld, partly upheld,
//   dismissed, pending (Luật THADS Art. 140–159; the periods of Art. 146 and
//   157(2) decide "on time");
// - `procuracy-supervision`: the results of the procuracy's supervision,
//   inter-agency form 04/TKLN-THADS (TTLT 12/2021/TTLT-BTP-VKSNDTC-TANDTC
//   Art. 4): protests, recommendations and requirements received, replied
//   (on time and late, Art. 161(1)), accepted, remedied, pending.
//
// Contract: pure. A stream counts in a period when it was opened on or
// before `to` and had not ended before `from`; acts dated after `to` never
// count, voided acts never count, a withdrawn stream (opening voided) counts
// nowhere. The caller filters by agency subtree and --as-known-at.
// Identities (tested as properties):
//   received = carried_over + received_new
//            = within_competence + not_admitted + awaiting_admission
//   within_competence = resolved + ended_other + pending
//   resolved = resolved_on_time + resolved_late = upheld + partly_upheld + dismissed
// and for form 04: received = remedied + closed + pending; accepted ≤ replied.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

struct GrievanceColumns {
  int64_t received = 0, carried_over = 0, received_new = 0, within_competence = 0, not_admitted = 0,
          awaiting_admission = 0, resolved = 0, resolved_on_time = 0, resolved_late = 0, upheld = 0,
          partly_upheld = 0, dismissed = 0, ended_other = 0, pending = 0;
};
struct ProcuracyColumns {
  int64_t received = 0, carried_over = 0, received_new = 0, replied = 0, replied_on_time = 0, replied_late = 0,
          accepted = 0, not_accepted = 0, reported_to_superior = 0, remedied = 0, closed = 0, pending = 0,
          pending_overdue = 0;
};

template <class Columns>
struct ColumnDef {
  const char* key;
  const char* caption_vi;
  int64_t Columns::*field;
};
std::span<const ColumnDef<GrievanceColumns>> grievance_columns();
std::span<const ColumnDef<ProcuracyColumns>> procuracy_columns();

// The keys of the columns one complaint or denunciation counts in for the
// period (empty: it does not count).
std::vector<std::string> grievance_keys(std::span<const Act> acts, Date from, Date to, const Calendar& cal);
// The same for one procuracy stream (protest, recommendation, requirement).
std::vector<std::string> procuracy_keys(std::span<const Act> acts, Date from, Date to, const Calendar& cal);

template <class Columns>
void add_keys(Columns& c, std::span<const ColumnDef<Columns>> defs, const std::vector<std::string>& keys) {
  for (const std::string& k : keys)
    for (const auto& d : defs)
      if (k == d.key) ++(c.*d.field);
}
template <class Columns>
nlohmann::ordered_json columns_json(const Columns& c, std::span<const ColumnDef<Columns>> defs) {
  nlohmann::ordered_json j;
  for (const auto& d : defs) j[d.key] = c.*d.field;
  return j;
}

}  // namespace thads::oversight
