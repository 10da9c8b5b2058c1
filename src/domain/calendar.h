// Calendar: the legal calendar of working days and days off, and the
// counting of time limits (thời hạn) on it.
//
// Contract: a Calendar is a value holding a set of dated records on top of the
// rule "Saturdays and Sundays are days off". A `day_off` record makes a day a
// day off (public holiday, Tết, substitute day off — ngày nghỉ bù / nghỉ hoán
// đổi); a `working_day` record makes a Saturday or Sunday a working day (make-up
// day — ngày làm bù). Later set() calls override earlier ones for the same day.
// Pure and deterministic; safe to share between threads once built.
//
// Counting follows the Civil Code (BLDS 2015, Art. 144–148), which applies to
// enforcement because the enforcement law has no counting rule of its own
// (Art. 145(1)): a period runs from the day after its start (Art. 147); a
// period whose last day is a day off ends on the next working day
// (Art. 148(5)).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"

namespace thads {

enum class DayType : uint8_t { day_off, working_day };
std::string_view to_string(DayType t);  // "day_off" | "working_day"
std::optional<DayType> day_type_from(std::string_view s);

struct HolidayRecord {
  Date date;
  DayType type = DayType::day_off;
  std::string name;
  friend bool operator==(const HolidayRecord&, const HolidayRecord&) = default;
};

// The official calendar shipped with thads (holidays_vn.cc), in date order:
// the same content as shared/domain/holidays-vn.jsonl.
std::span<const HolidayRecord> shipped_holidays();

// Mùng 1 Tết (first day of the lunar year) in Vietnam (UTC+7), 2020–2035,
// ascending. Astronomical facts, not announcements (holidays_vn.cc).
std::span<const Date> lunar_new_year_days();

// The name the official notices give the Tết Nguyên đán days off.
inline constexpr std::string_view kTetName = "Tết Nguyên đán";

class Calendar {
 public:
  Calendar() = default;  // only Saturdays and Sundays off
  static Calendar official();  // Saturdays, Sundays and shipped_holidays()

  void set(const HolidayRecord& r);  // adds or overrides the record for r.date
  // A copy that ignores every `working_day` record (make-up Saturdays stay
  // days off); for the LegalSettings switch on make-up days.
  Calendar without_working_day_swaps() const;

  // A Saturday or Sunday not listed as working_day, or a day listed as day_off.
  bool is_day_off(Date d) const;
  // d itself when it is a working day, else the next working day (Art. 148(5)).
  Date next_working_day_on_or_after(Date d) const;
  // The n-th working day after d (d itself not counted, Art. 147(2)); n < 0
  // counts backwards; n == 0 gives d.
  Date add_working_days(Date d, int n) const;
  // End of a period of n days: start + n, moved off a day off.
  Date end_of_days(Date start, int n) const;
  // End of a period of n months: same day number n months later or that
  // month's last day (Art. 148(3)), moved off a day off.
  Date end_of_months(Date start, int n) const;

  // Whether d lies within `days_each_side` days before or after Tết Nguyên
  // đán (Art. 46(2); NĐ62 Art. 13(2); NĐ152/26 Art. 42(2)). "Tết" is the
  // official Tết break: the day_off records named kTetName around mùng 1,
  // widened over the days off that touch them (the adjoining weekend). A year
  // with no such record falls back to mùng 1 alone. The window is
  // [first day of the break − N, last day of the break + N].
  bool in_tet_window(Date d, int days_each_side) const;
  // The Tết breaks this calendar knows, as [first, last] day pairs, ascending.
  std::vector<std::pair<Date, Date>> tet_breaks() const;

  std::optional<std::string> name_of(Date d) const;  // the record's name, if listed
  std::vector<HolidayRecord> records() const;         // every record, date order

 private:
  std::map<int32_t, HolidayRecord> records_;  // keyed by Date::days()
  bool ignore_working_days_ = false;
};

}  // namespace thads
