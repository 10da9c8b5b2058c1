#include "modules/steering/domain/periods.h"

#include <charconv>

namespace thads::steering {
namespace {

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// First day of quarter q (1..4) of statistical year fy: Q1 starts 01/10/(fy-1).
Date quarter_start(int fy, int q) {
  return q == 1 ? Date::from_ymd(fy - 1, 10, 1) : Date::from_ymd(fy, static_cast<unsigned>(3 * (q - 2) + 1), 1);
}
Date quarter_end(int fy, int q) { return quarter_start(fy, q).plus_months(3).plus_days(-1); }

TaskPeriod quarter(int fy, int q) { return {std::to_string(fy) + "-Q" + std::to_string(q), quarter_start(fy, q), quarter_end(fy, q)}; }
TaskPeriod half(int fy, int h) {
  return {std::to_string(fy) + "-H" + std::to_string(h), quarter_start(fy, 2 * h - 1), quarter_end(fy, 2 * h)};
}
TaskPeriod year(int fy) { return {std::to_string(fy) + "-Y", fiscal_year_start(fy), fiscal_year_end(fy)}; }

std::vector<TaskPeriod> periods_of_year(Periodicity p, int fy) {
  switch (p) {
    case Periodicity::quarterly:
    case Periodicity::standing: return {quarter(fy, 1), quarter(fy, 2), quarter(fy, 3), quarter(fy, 4)};
    case Periodicity::six_monthly: return {half(fy, 1), half(fy, 2)};
    case Periodicity::yearly: return {year(fy)};
    case Periodicity::once: return {};
  }
  return {};
}

const char* roman(int q) {
  static const char* r[] = {"", "I", "II", "III", "IV"};
  return r[q];
}

}  // namespace

std::string_view to_string(Periodicity p) {
  switch (p) {
    case Periodicity::once: return "once";
    case Periodicity::quarterly: return "quarterly";
    case Periodicity::six_monthly: return "six_monthly";
    case Periodicity::yearly: return "yearly";
    case Periodicity::standing: return "standing";
  }
  return "";
}

std::optional<Periodicity> periodicity_from(std::string_view s) {
  for (Periodicity p : {Periodicity::quarterly, Periodicity::six_monthly, Periodicity::yearly, Periodicity::standing})
    if (to_string(p) == s) return p;
  return std::nullopt;  // "once" is never written: a deadline says it
}

std::string_view label_vi(Periodicity p) {
  switch (p) {
    case Periodicity::once: return "Có thời hạn";
    case Periodicity::quarterly: return "Hằng quý";
    case Periodicity::six_monthly: return "6 tháng";
    case Periodicity::yearly: return "Hằng năm";
    case Periodicity::standing: return "Thường xuyên";
  }
  return "";
}

std::optional<TaskPeriod> parse_task_period(std::string_view key) {
  if (key == "once") return TaskPeriod{"once", {}, {}};
  if (key.size() < 6 || key[4] != '-') return std::nullopt;
  auto fy = number(key.substr(0, 4));
  if (!fy || *fy < 1990 || *fy > 2200) return std::nullopt;
  std::string_view rest = key.substr(5);
  if (rest == "Y") return year(*fy);
  if (rest.size() != 2) return std::nullopt;
  auto n = number(rest.substr(1));
  if (!n) return std::nullopt;
  if (rest[0] == 'Q' && *n >= 1 && *n <= 4) return quarter(*fy, *n);
  if (rest[0] == 'H' && *n >= 1 && *n <= 2) return half(*fy, *n);
  return std::nullopt;
}

bool period_fits(Periodicity p, const TaskPeriod& period) {
  const std::string& k = period.key;
  switch (p) {
    case Periodicity::once: return k == "once";
    case Periodicity::quarterly:
    case Periodicity::standing: return k.size() == 7 && k[5] == 'Q';
    case Periodicity::six_monthly: return k.size() == 7 && k[5] == 'H';
    case Periodicity::yearly: return k.size() == 6 && k[5] == 'Y';
  }
  return false;
}

std::vector<TaskPeriod> periods_between(Periodicity p, Date start, std::optional<Date> stop, Date until) {
  std::vector<TaskPeriod> out;
  if (p == Periodicity::once || until <= start) return out;
  for (int fy = fiscal_year_of(start); fy <= fiscal_year_of(until); ++fy)
    for (TaskPeriod& t : periods_of_year(p, fy))
      if (t.to >= start && (!stop || t.from < *stop) && t.to < until) out.push_back(std::move(t));
  return out;
}

TaskPeriod period_containing(Periodicity p, Date d) {
  for (TaskPeriod& t : periods_of_year(p, fiscal_year_of(d)))
    if (t.from <= d && d <= t.to) return std::move(t);
  return {"once", {}, {}};
}

std::string period_label_vi(const TaskPeriod& p) {
  if (p.key == "once") return "Một lần";
  const std::string fy = p.key.substr(0, 4);
  if (p.key[5] == 'Y') return "Năm " + fy;
  if (p.key[5] == 'H') return p.key[6] == '1' ? "6 tháng đầu năm " + fy : "6 tháng cuối năm " + fy;
  return std::string("Quý ") + roman(p.key[6] - '0') + " năm " + fy;
}

std::optional<ReportPeriod> parse_report_period(std::string_view s) {
  if (auto dots = s.find(".."); dots != std::string_view::npos) {
    auto from = Date::parse(s.substr(0, dots));
    auto to = Date::parse(s.substr(dots + 2));
    if (!from || !to || *to < *from) return std::nullopt;
    return ReportPeriod{ReportSpan::ad_hoc, 0, 0, *from, *to};
  }
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  auto fy = number(s.substr(0, 4));
  if (!fy || *fy < 1990 || *fy > 2200) return std::nullopt;
  std::string_view rest = s.substr(5);
  ReportPeriod r;
  r.fiscal_year = *fy;
  r.from = fiscal_year_start(*fy);
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    r.span = ReportSpan::quarter;
    r.quarter = rest[1] - '0';
    r.from = quarter_start(*fy, r.quarter);
    r.to = quarter_end(*fy, r.quarter);
    return r;
  }
  if (rest == "3M") r.span = ReportSpan::months3, r.to = quarter_end(*fy, 1);
  else if (rest == "6M") r.span = ReportSpan::months6, r.to = quarter_end(*fy, 2);
  else if (rest == "9M") r.span = ReportSpan::months9, r.to = quarter_end(*fy, 3);
  else if (rest == "12M") r.span = ReportSpan::months12, r.to = quarter_end(*fy, 4);
  else return std::nullopt;
  return r;
}

std::string key_of(const ReportPeriod& p) {
  const std::string fy = std::to_string(p.fiscal_year);
  switch (p.span) {
    case ReportSpan::quarter: return fy + "-Q" + std::to_string(p.quarter);
    case ReportSpan::months3: return fy + "-3M";
    case ReportSpan::months6: return fy + "-6M";
    case ReportSpan::months9: return fy + "-9M";
    case ReportSpan::months12: return fy + "-12M";
    case ReportSpan::ad_hoc: break;
  }
  return p.from.iso() + ".." + p.to.iso();
}

ReportPeriod same_period_last_year(const ReportPeriod& p) {
  if (p.span == ReportSpan::ad_hoc) {
    // A period ending on a month's last day ends on that month's last day a
    // year earlier (28/02/2025 -> 29/02/2024).
    const Date next = p.to.plus_days(1);
    const Date to = next.day() == 1 ? next.plus_months(-12).plus_days(-1) : p.to.plus_months(-12);
    return ReportPeriod{ReportSpan::ad_hoc, 0, 0, p.from.plus_months(-12), to};
  }
  return *parse_report_period(std::to_string(p.fiscal_year - 1) + key_of(p).substr(4));
}

std::string label_vi(const ReportPeriod& p) {
  const std::string fy = std::to_string(p.fiscal_year);
  const std::string range = "từ " + p.from.vn() + " đến " + p.to.vn();
  switch (p.span) {
    case ReportSpan::quarter: return std::string("Quý ") + roman(p.quarter) + " năm " + fy + " (" + range + ")";
    case ReportSpan::months3: return "3 tháng năm " + fy + " (" + range + ")";
    case ReportSpan::months6: return "6 tháng đầu năm " + fy + " (" + range + ")";
    case ReportSpan::months9: return "9 tháng năm " + fy + " (" + range + ")";
    case ReportSpan::months12: return "Năm " + fy + " (" + range + ")";
    case ReportSpan::ad_hoc: break;
  }
  return "Đột xuất " + range;
}

}  // namespace thads::steering
