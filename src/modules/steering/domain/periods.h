// Periods of the statistical year for steering (kỳ báo cáo): the intervals
// a periodic directive task is reported on, and the cumulative periods of a
// report to the party committee and the People's Committee.
//
// The statistical and work year N runs from 01/10/(N-1) to 30/09/N (TTLT
// 12/2021/TTLT-BTP-VKSNDTC-TANDTC Art. 6: "Kỳ báo cáo thống kê năm … được bắt
// đầu từ ngày 01/10 năm trước và kết thúc vào ngày 30/9 năm kế tiếp liền
// kề"). Quarter 1 = October–December, quarter 2 = January–March, quarter 3 =
// April–June, quarter 4 = July–September. The inter-agency periods are
// cumulative from 01/10 (Art. 6(1)–(4)): 3 months to 31/12, 6 months to
// 31/03, 12 months to 30/09 (the 9-month period to 30/06 is the internal
// cumulative cadence of TT 05/2024, legal-rules.md §5.2).
//
// Contract: pure values; no clock ("today" is passed in).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace thads::steering {

// How often a directive task is reported on (định kỳ): standing tasks
// (thường xuyên) are reported every quarter; a task with a deadline has one
// period, "once".
enum class Periodicity : uint8_t { once, quarterly, six_monthly, yearly, standing };
std::string_view to_string(Periodicity p);
std::optional<Periodicity> periodicity_from(std::string_view s);
std::string_view label_vi(Periodicity p);

// One reporting interval of a task: "2025-Q1" … "2025-Q4", "2025-H1"
// (October–March), "2025-H2" (April–September), "2025-Y" (the whole year),
// or "once" (a task with a deadline). `from`/`to` are inclusive; for "once"
// they are unset (the deadline is the task's).
struct TaskPeriod {
  std::string key;
  Date from, to;
};
// Parses a period key; nullopt when malformed (years 1990–2200).
std::optional<TaskPeriod> parse_task_period(std::string_view key);
// The key fits the periodicity ("2025-Q2" for quarterly and standing, …).
bool period_fits(Periodicity p, const TaskPeriod& period);
// The periods of a periodic task that end on or after `start` and begin
// before `stop` (exclusive; nullopt: no stop) and end before `until`
// (exclusive), oldest first. Empty for `once`.
std::vector<TaskPeriod> periods_between(Periodicity p, Date start, std::optional<Date> stop, Date until);
// The period of the periodicity that contains `d` (not for `once`).
TaskPeriod period_containing(Periodicity p, Date d);
// "Quý I năm 2025", "6 tháng đầu năm 2025", "Năm 2025", "Một lần".
std::string period_label_vi(const TaskPeriod& p);

// A report's period (kỳ báo cáo): cumulative from 01/10 of the statistical
// year, or one quarter, or ad hoc.
enum class ReportSpan : uint8_t { quarter, months3, months6, months9, months12, ad_hoc };
struct ReportPeriod {
  ReportSpan span = ReportSpan::ad_hoc;
  int fiscal_year = 0;  // 0 for ad hoc
  int quarter = 0;      // 1..4 for `quarter`
  Date from, to;        // inclusive
};
// "2025-Q3", "2025-3M", "2025-6M", "2025-9M", "2025-12M", or
// "2025-01-01..2025-03-31" (ad hoc, from ≤ to); nullopt when malformed.
std::optional<ReportPeriod> parse_report_period(std::string_view s);
std::string key_of(const ReportPeriod& p);
// The same period one statistical year earlier (ad hoc: both dates a year earlier).
ReportPeriod same_period_last_year(const ReportPeriod& p);
// "6 tháng đầu năm 2025 (từ 01/10/2024 đến 31/03/2025)".
std::string label_vi(const ReportPeriod& p);

}  // namespace thads::steering
