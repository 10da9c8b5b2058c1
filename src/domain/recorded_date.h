// The rule that an act is recorded on or after its date (interchange.md,
// "event"): a date after the Vietnam-time day of `recorded_at` would put a
// future act on the record (and lock a case, whose dates never decrease).
// One definition for cases and every module's records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/date.h"

namespace thads {

// The problem ("field 'date' (…) is after the day the act is recorded (…)")
// when `date` lies after the Vietnam-time day of `recorded_at`, else nullopt.
std::optional<std::string> recorded_before_date(Date date, int64_t recorded_at);

}  // namespace thads
