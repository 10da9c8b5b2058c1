// The warning that the holiday calendar runs out: the official notices of
// days off (Tết, make-up days) are announced year by year, and a deadline
// counted past the calendar's last entry may land on a day off the system
// does not know. Shown on the dashboard and the admin's calendar page when
// the calendar (shipped plus the store's holiday records) ends within six
// months of today.
#pragma once

#include <string>

#include "domain/date.h"
#include "http/app.h"

namespace thads::http {

// The Vietnamese warning, or "" when the calendar reaches past six months from today.
std::string calendar_warning(Ctx& ctx, Date today);

}  // namespace thads::http
