#include "domain/calendar.h"

#include <algorithm>

namespace thads {

std::string_view to_string(DayType t) { return t == DayType::day_off ? "day_off" : "working_day"; }

std::optional<DayType> day_type_from(std::string_view s) {
  if (s == "day_off") return DayType::day_off;
  if (s == "working_day") return DayType::working_day;
  return std::nullopt;
}

Calendar Calendar::official() {
  Calendar c;
  for (const HolidayRecord& r : shipped_holidays()) c.set(r);
  return c;
}

void Calendar::set(const HolidayRecord& r) { records_[r.date.days()] = r; }

Calendar Calendar::without_working_day_swaps() const {
  Calendar c = *this;
  c.ignore_working_days_ = true;
  return c;
}

bool Calendar::is_day_off(Date d) const {
  const auto it = records_.find(d.days());
  if (it != records_.end()) {
    if (it->second.type == DayType::day_off) return true;
    // A working_day record turns a Saturday or Sunday into a make-up working
    // day (ngày làm bù), unless the settings say make-up days do not count.
    if (!ignore_working_days_) return false;
  }
  return d.is_weekend();
}

Date Calendar::next_working_day_on_or_after(Date d) const {
  // BLDS 2015 Art. 148(5): a period ending on a day off ends at the end of the
  // next working day.
  while (is_day_off(d)) d = d.plus_days(1);
  return d;
}

Date Calendar::add_working_days(Date d, int n) const {
  // "n ngày làm việc": the start day is not counted (BLDS Art. 147(2)); only
  // working days are counted (5-day week, QĐ 188/1999/QĐ-TTg; make-up days
  // count, substitute days off do not).
  const int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    d = d.plus_days(step);
    if (!is_day_off(d)) --left;
  }
  return d;
}

Date Calendar::end_of_days(Date start, int n) const {
  return next_working_day_on_or_after(start.plus_days(n));  // Art. 147(2), 148(5)
}

Date Calendar::end_of_months(Date start, int n) const {
  return next_working_day_on_or_after(start.plus_months(n));  // Art. 148(3), 148(5)
}

std::vector<std::pair<Date, Date>> Calendar::tet_breaks() const {
  // The official Tết days off, grouped into one run per lunar year (days of a
  // year's break lie within a week of each other; breaks are a year apart).
  std::vector<std::pair<Date, Date>> out;
  for (const auto& [days, r] : records_) {
    if (r.type != DayType::day_off || r.name != kTetName) continue;
    if (!out.empty() && r.date - out.back().second <= 7) out.back().second = r.date;
    else out.emplace_back(r.date, r.date);
  }
  // The break includes the days off that touch it (e.g. 2025: records 27–31/01,
  // break 25/01–02/02 with the weekends, as the Government's notice states).
  for (auto& [first, last] : out) {
    while (is_day_off(first.plus_days(-1))) first = first.plus_days(-1);
    while (is_day_off(last.plus_days(1))) last = last.plus_days(1);
  }
  // Years without an announced break: mùng 1 alone.
  for (Date tet : lunar_new_year_days()) {
    const bool known = std::any_of(out.begin(), out.end(), [&](const auto& b) {
      return b.first <= tet && tet <= b.second;
    });
    if (!known) out.emplace_back(tet, tet);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Calendar::in_tet_window(Date d, int days_each_side) const {
  // Art. 46(2) L.THADS; NĐ62 Art. 13(2); NĐ152/26 Art. 42(2): no coercion that
  // mobilises forces "trong thời gian 15 ngày trước và sau Tết Nguyên đán".
  // We read "Tết Nguyên đán" as the official Tết break (BLLĐ 2019 Art.
  // 112(1)(b), dates fixed yearly by the Prime Minister), so the window runs
  // from N days before its first day to N days after its last day.
  for (const auto& [first, last] : tet_breaks())
    if (first.plus_days(-days_each_side) <= d && d <= last.plus_days(days_each_side)) return true;
  return false;
}

std::optional<std::string> Calendar::name_of(Date d) const {
  const auto it = records_.find(d.days());
  if (it == records_.end()) return std::nullopt;
  return it->second.name;
}

std::vector<HolidayRecord> Calendar::records() const {
  std::vector<HolidayRecord> out;
  out.reserve(records_.size());
  for (const auto& [days, r] : records_) out.push_back(r);
  return out;
}

}  // namespace thads
