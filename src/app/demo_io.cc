// Demo generator plumbing: RNG draws, the approximate working-day calendar
// and the buffered JSON Lines writer.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "app/demo_data.h"

namespace thads::demo {

double Rng::normal() {
  double u = uniform();
  while (u <= 0.0) u = uniform();
  const double v = uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

double Rng::lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

size_t Rng::weighted(std::span<const double> w) {
  double total = 0;
  for (double x : w) total += x;
  double x = uniform() * total;
  for (size_t i = 0; i < w.size(); ++i) {
    if (x < w[i]) return i;
    x -= w[i];
  }
  return w.size() - 1;
}

uint64_t mix_seed(uint64_t seed, uint64_t i) {
  Rng r(seed ^ (i * 0xD1B54A32D192ED03ULL));
  r.next();
  return r.next();
}

// --- Calendar -----------------------------------------------------------------

namespace {

// Lunar new year's day (Tết Nguyên đán) and the Hùng Kings' day (10/3 lunar),
// 2010–2035. Official Tết breaks run roughly from two days before to four days
// after new year's day.
struct LunarDays {
  int year;
  unsigned tet_m, tet_d, hung_m, hung_d;
};
constexpr LunarDays kLunar[] = {
    {2010, 2, 14, 4, 23}, {2011, 2, 3, 4, 12},  {2012, 1, 23, 3, 31}, {2013, 2, 10, 4, 19}, {2014, 1, 31, 4, 9},
    {2015, 2, 19, 4, 28}, {2016, 2, 8, 4, 16},  {2017, 1, 28, 4, 6},  {2018, 2, 16, 4, 25}, {2019, 2, 5, 4, 14},
    {2020, 1, 25, 4, 2},  {2021, 2, 12, 4, 21}, {2022, 2, 1, 4, 10},  {2023, 1, 22, 4, 29}, {2024, 2, 10, 4, 18},
    {2025, 1, 29, 4, 7},  {2026, 2, 17, 4, 26}, {2027, 2, 6, 4, 16},  {2028, 1, 26, 4, 4},  {2029, 2, 13, 4, 23},
    {2030, 2, 3, 4, 12},  {2031, 1, 23, 4, 1},  {2032, 2, 11, 4, 19}, {2033, 1, 31, 4, 9},  {2034, 2, 19, 4, 28},
    {2035, 2, 8, 4, 17},
};

}  // namespace

Calendar::Calendar(Date lo, Date hi) : lo_(lo), hi_(hi) {
  off_.resize(static_cast<size_t>(hi - lo + 1));
  for (int32_t i = 0; i <= hi - lo; ++i) off_[static_cast<size_t>(i)] = computed_off(lo.plus_days(i)) ? 1 : 0;
}

bool Calendar::computed_off(Date d) const {
  if (d.is_weekend()) return true;
  const unsigned m = d.month(), day = d.day();
  if ((m == 1 && day == 1) || (m == 4 && day == 30) || (m == 5 && day == 1) || (m == 9 && (day == 2 || day == 3)))
    return true;
  for (const auto& l : kLunar) {
    if (l.year != d.year()) continue;
    const Date tet = Date::from_ymd(l.year, l.tet_m, l.tet_d);
    if (d - tet >= -2 && d - tet <= 4) return true;
    if (d == Date::from_ymd(l.year, l.hung_m, l.hung_d)) return true;
  }
  return false;
}

Date Calendar::outside_tet(Date d) const {
  for (const auto& l : kLunar) {
    const Date tet = Date::from_ymd(l.year, l.tet_m, l.tet_d);
    if (d - tet >= -15 && d - tet <= 15) return on_or_after(tet.plus_days(16));
  }
  return d;
}

bool Calendar::day_off(Date d) const {
  if (d < lo_ || d > hi_) return computed_off(d);
  return off_[static_cast<size_t>(d - lo_)] != 0;
}

Date Calendar::on_or_after(Date d) const {
  while (day_off(d)) d = d.plus_days(1);
  return d;
}

Date Calendar::on_or_before(Date d) const {
  while (day_off(d)) d = d.plus_days(-1);
  return d;
}

Date Calendar::add_working(Date d, int n) const {
  if (n <= 0) return on_or_after(d);
  while (n > 0) {
    d = d.plus_days(1);
    if (!day_off(d)) --n;
  }
  return d;
}

// --- Out ----------------------------------------------------------------------

Out::Out(std::ostream& os, Date lo, Date hi) : os_(os), lo_(lo) {
  buf_.reserve(1 << 21);
  iso_.resize(static_cast<size_t>(hi - lo + 1));
  for (int32_t i = 0; i <= hi - lo; ++i) {
    const std::string s = lo.plus_days(i).iso();
    std::copy_n(s.data(), 10, iso_[static_cast<size_t>(i)].data());
  }
}

void Out::put_iso(Date d) {
  const int32_t i = d - lo_;
  if (i >= 0 && static_cast<size_t>(i) < iso_.size()) buf_.append(iso_[static_cast<size_t>(i)].data(), 10);
  else buf_.append(d.iso());
}

Out& Out::str(std::string_view s) {
  buf_.push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      buf_.push_back('\\');
      buf_.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      buf_.append("\\u00");
      buf_.push_back(hex[(c >> 4) & 0xF]);
      buf_.push_back(hex[c & 0xF]);
    } else {
      buf_.push_back(c);
    }
  }
  buf_.push_back('"');
  return *this;
}

Out& Out::num(int64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, static_cast<size_t>(r.ptr - tmp));
  return *this;
}

Out& Out::date(Date d) {
  buf_.push_back('"');
  put_iso(d);
  buf_.push_back('"');
  return *this;
}

Out& Out::time(Date d, int minute) {
  buf_.push_back('"');
  put_iso(d);
  const int h = minute / 60, m = minute % 60;
  const char t[] = {'T', static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                    static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
  buf_.append(t, sizeof t);
  buf_.append(":00+07:00\"");
  return *this;
}

Out& Out::rate(int64_t x100) {
  num(x100 / 100);
  buf_.push_back('.');
  buf_.push_back(static_cast<char>('0' + (x100 % 100) / 10));
  buf_.push_back(static_cast<char>('0' + x100 % 10));
  return *this;
}

void Out::end_line() {
  buf_.push_back('\n');
  if (buf_.size() >= (1u << 20)) flush();
}

void Out::flush() {
  os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

}  // namespace thads::demo
