// The legal calendar in force for a store: the official calendar shipped
// with thads, overridden by the store's `holiday` records.
#pragma once

#include <vector>

#include "domain/calendar.h"
#include "domain/interchange.h"

namespace thads {

Calendar official_calendar_with(const std::vector<HolidayRec>& overrides);

}  // namespace thads
