// The official calendar shipped with thads: days off and make-up working days
// for public servants, from the Government's yearly notices (sources in
// shared/domain/legal-rules.md §8.3). Same content as
// shared/domain/holidays-vn.jsonl; calendar_test checks that they agree.
// Add each new year's notice here and in the jsonl. Stores may add or override
// records with `holiday` lines (interchange.md) without a new release.
#include <vector>

#include "domain/calendar.h"

namespace thads {
namespace {

struct Row {
  int y;
  unsigned m, d;
  DayType type;
  const char* name;
};

struct Ymd {
  int y;
  unsigned m, d;
};

constexpr Row kHolidays[] = {
    {2025, 1, 1, DayType::day_off, "Tết Dương lịch"},
    {2025, 1, 27, DayType::day_off, "Tết Nguyên đán"},
    {2025, 1, 28, DayType::day_off, "Tết Nguyên đán"},
    {2025, 1, 29, DayType::day_off, "Tết Nguyên đán"},
    {2025, 1, 30, DayType::day_off, "Tết Nguyên đán"},
    {2025, 1, 31, DayType::day_off, "Tết Nguyên đán"},
    {2025, 4, 7, DayType::day_off, "Giỗ Tổ Hùng Vương"},
    {2025, 4, 26, DayType::working_day, "Làm bù cho ngày 02/5/2025"},
    {2025, 4, 30, DayType::day_off, "Ngày Chiến thắng"},
    {2025, 5, 1, DayType::day_off, "Ngày Quốc tế Lao động"},
    {2025, 5, 2, DayType::day_off, "Nghỉ hoán đổi"},
    {2025, 9, 1, DayType::day_off, "Quốc khánh"},
    {2025, 9, 2, DayType::day_off, "Quốc khánh"},
    {2026, 1, 1, DayType::day_off, "Tết Dương lịch"},
    {2026, 1, 2, DayType::day_off, "Nghỉ hoán đổi"},
    {2026, 1, 10, DayType::working_day, "Làm bù cho ngày 02/01/2026"},
    {2026, 2, 16, DayType::day_off, "Tết Nguyên đán"},
    {2026, 2, 17, DayType::day_off, "Tết Nguyên đán"},
    {2026, 2, 18, DayType::day_off, "Tết Nguyên đán"},
    {2026, 2, 19, DayType::day_off, "Tết Nguyên đán"},
    {2026, 2, 20, DayType::day_off, "Tết Nguyên đán"},
    {2026, 4, 30, DayType::day_off, "Ngày Chiến thắng"},
    {2026, 5, 1, DayType::day_off, "Ngày Quốc tế Lao động"},
};

// Mùng 1 Tết in Vietnam, computed for UTC+7 (Hồ Ngọc Đức's algorithm after
// Meeus). 2030 differs from the Chinese calendar (UTC+8, 03/02/2030): the new
// moon falls at 23:09 on 02/02/2030 in Hà Nội.
constexpr Ymd kLunarNewYears[] = {
    {2020, 1, 25}, {2021, 2, 12},
    {2022, 2, 1},  {2023, 1, 22},
    {2024, 2, 10}, {2025, 1, 29},
    {2026, 2, 17}, {2027, 2, 6},
    {2028, 1, 26}, {2029, 2, 13},
    {2030, 2, 2},  {2031, 1, 23},
    {2032, 2, 11}, {2033, 1, 31},
    {2034, 2, 19}, {2035, 2, 8},
};

}  // namespace

std::span<const HolidayRecord> shipped_holidays() {
  static const std::vector<HolidayRecord> table = [] {
    std::vector<HolidayRecord> v;
    for (const Row& r : kHolidays) v.push_back({Date::from_ymd(r.y, r.m, r.d), r.type, r.name});
    return v;
  }();
  return table;
}

std::span<const Date> lunar_new_year_days() {
  static const std::vector<Date> table = [] {
    std::vector<Date> v;
    for (const Ymd& r : kLunarNewYears) v.push_back(Date::from_ymd(r.y, r.m, r.d));
    return v;
  }();
  return table;
}

}  // namespace thads
