#include "http/calendar_notice.h"

#include "domain/calendar.h"

namespace thads::http {

std::string calendar_warning(Ctx& ctx, Date today) {
  Date last;
  for (const HolidayRecord& h : shipped_holidays())
    if (last < h.date) last = h.date;
  for (const HolidayRec& h : ctx.store().holidays())
    if (last < h.day.date) last = h.day.date;
  if (Date::from_days(today.days() + 183) <= last) return "";
  return "Lịch ngày nghỉ lễ, Tết của hệ thống chỉ có đến ngày " + last.vn() +
         ". Quản trị viên cần nhập ngày nghỉ và ngày làm bù theo thông báo chính thức của năm tới "
         "(Quản trị → Lịch nghỉ), nếu không các thời hạn tính theo ngày làm việc có thể sai.";
}

}  // namespace thads::http
