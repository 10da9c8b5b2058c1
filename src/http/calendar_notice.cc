#include "http/calendar_notice.h"

#include "domain/calendar.h"

namespace thads::http {

// Two checks of the calendar the deadlines are counted on (BLDS 2015
// Art. 147–148 with the days off of BLLĐ 2019 Art. 112): that it reaches six
// months ahead, and that the Tết Nguyên đán coming within six months has its
// days off. The Prime Minister fixes the Tết days each year (Art. 112(3)),
// so they are never computed: an administrator enters them from the notice.
std::string calendar_warning(Ctx& ctx, Date today) {
  Date last;
  std::vector<Date> days_off;
  for (const HolidayRecord& h : shipped_holidays()) {
    if (last < h.date) last = h.date;
    if (h.type == DayType::day_off) days_off.push_back(h.date);
  }
  for (const HolidayRec& h : ctx.store().holidays()) {
    if (last < h.day.date) last = h.day.date;
    if (h.day.type == DayType::day_off) days_off.push_back(h.day.date);
  }
  const Date horizon = Date::from_days(today.days() + 183);
  for (const Date& tet : lunar_new_year_days()) {
    if (tet < today || horizon < tet) continue;
    bool known = false;
    for (const Date& d : days_off)
      if (d.days() >= tet.days() - 3 && d.days() <= tet.days() + 5) known = true;
    if (!known)
      return "Lịch của hệ thống chưa có ngày nghỉ Tết Nguyên đán năm " + std::to_string(tet.year()) +
             " (mùng 1 Tết là ngày " + tet.vn() +
             "). Quản trị viên cần nhập các ngày nghỉ Tết và ngày làm bù theo thông báo chính thức "
             "(Quản trị → Lịch nghỉ), nếu không các thời hạn tính theo ngày làm việc có thể sai.";
  }
  if (horizon <= last) return "";
  return "Lịch ngày nghỉ lễ, Tết của hệ thống chỉ có đến ngày " + last.vn() +
         ". Quản trị viên cần nhập ngày nghỉ và ngày làm bù theo thông báo chính thức của năm tới "
         "(Quản trị → Lịch nghỉ), nếu không các thời hạn tính theo ngày làm việc có thể sai.";
}

}  // namespace thads::http
