#include "domain/recorded_date.h"

#include "domain/interchange.h"

namespace thads {

std::optional<std::string> recorded_before_date(Date date, int64_t recorded_at) {
  const Date day = vn_date_of(recorded_at);
  if (date <= day) return std::nullopt;
  return "field 'date' (" + date.iso() + ") is after the day the act is recorded (" + day.iso() + ")";
}

}  // namespace thads
