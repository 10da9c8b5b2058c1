#include "app/calendar_source.h"

namespace thads {

Calendar official_calendar_with(const std::vector<HolidayRec>& overrides) {
  Calendar cal = Calendar::official();
  for (const auto& h : overrides) cal.set(h.day);
  return cal;
}

}  // namespace thads
