// Fuzz target: the date and time parsers (Date::parse "YYYY-MM-DD",
// parse_rfc3339, parse_as_known_at, the page's dd/mm/yyyy form_date, the
// holiday day types) and the calendar arithmetic on what they accept: a
// parsed date prints back as itself.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/interchange.h"
#include "fuzz_support.h"
#include "http/event_form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const std::string s = fuzz::text_of(data, size);
  if (const auto d = Date::parse(s)) {
    if (d->iso() != s) std::abort();
    if (Date::parse(d->iso()) != d) std::abort();
    (void)d->vn();
    (void)d->plus_months(12);
    (void)fiscal_year_of(*d);
    (void)vn_date_of(static_cast<int64_t>(d->days()) * 86400);
  }
  if (const auto t = parse_rfc3339(s)) {
    const std::string utc = format_rfc3339_utc(*t);
    if (parse_rfc3339(utc) != t) std::abort();
    (void)vn_date_of(*t);
  }
  (void)parse_as_known_at(s);
  const std::string iso = http::form_date(s);
  if (iso != s && !Date::parse(iso)) std::abort();  // what form_date changes is a date
  (void)day_type_from(s);
  return 0;
}
