// The inspections report (`thads report inspections`, issue 15 item 6): a
// fold over inspections and violation records for a period.
//
// Contract: pure. An inspection counts when opened on or before `to` and not
// concluded before `from` with all its remedies done before `from`; records
// dated after `to` never count. A violation counts when recorded in the
// period. Identities: inspections = planned + ad_hoc = self_inspections +
// by_superior; remedies = remedies_done_on_time + remedies_done_late +
// remedies_open; violations = reminders + criticisms + disciplined + no_measure.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

#include "modules/accountability/domain/machine.h"

namespace thads::accountability {

struct InspectionColumns {
  int64_t inspections = 0, planned = 0, ad_hoc = 0, self_inspections = 0, by_superior = 0, concluded = 0,
          findings = 0, remedies = 0, remedies_done_on_time = 0, remedies_done_late = 0, remedies_open = 0,
          remedies_overdue = 0, violations = 0, reminders = 0, criticisms = 0, disciplined = 0, no_measure = 0;
};
struct InspectionColumn {
  const char* key;
  const char* caption_vi;
  int64_t InspectionColumns::*field;
};
std::span<const InspectionColumn> inspection_columns();

void add_inspection(InspectionColumns& c, const AccStream& s, Date from, Date to);
void add_violation(InspectionColumns& c, const AccStream& s, Date from, Date to);
nlohmann::ordered_json columns_json(const InspectionColumns& c);

}  // namespace thads::accountability
