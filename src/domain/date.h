// Date: a calendar day (Gregorian), the unit of every legal date in thads.
//
// Contract: a Date is a value (days since 1970-01-01). It is valid for years
// 1900..2200; parse() accepts exactly "YYYY-MM-DD" and rejects impossible
// days. Pure: no clocks, no time zones (a legal date is a day, not an
// instant; "today" is always passed in by the caller).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace thads {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days) { Date d; d.days_ = days; return d; }
  static Date from_ymd(int y, unsigned m, unsigned d);
  // Parses "YYYY-MM-DD"; nullopt on any other shape or an impossible day.
  static std::optional<Date> parse(std::string_view s);

  constexpr int32_t days() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  // 0 = Monday … 6 = Sunday.
  unsigned weekday() const;
  bool is_weekend() const { return weekday() >= 5; }

  std::string iso() const;      // "2025-01-31"
  std::string vn() const;       // "31/01/2025", as the UI shows it

  constexpr Date plus_days(int32_t n) const { return from_days(days_ + n); }
  // Same day number n months later, or that month's last day (BLDS Art. 148(3)).
  Date plus_months(int n) const;

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  int32_t days_ = 0;
};

// The statistical year N runs from 01/10/(N-1) to 30/09/N (TTLT 12/2021 Art. 6).
int fiscal_year_of(Date d);
Date fiscal_year_start(int fy);
Date fiscal_year_end(int fy);

}  // namespace thads
