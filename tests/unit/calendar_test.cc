// The legal calendar (BLDS 2015 Art. 147–148), the shipped official
// calendar, the Tết window, and the legal settings and regime switch.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "domain/calendar.h"
#include "domain/legal_settings.h"

namespace thads {
namespace {

Date D(const char* s) { return Date::parse(s).value(); }

// shared/scenarios/calendar/vectors.json, with the shipped official calendar.
TEST(Calendar, SharedVectors) {
  const Calendar cal = Calendar::official();
  struct V { const char* date; int n; const char* expect; };
  const V vectors[] = {
      {"2025-01-24", 5, "2025-02-07"}, {"2025-01-24", 1, "2025-02-03"}, {"2025-04-25", 1, "2025-04-26"},
      {"2025-04-29", 1, "2025-05-05"}, {"2025-03-07", 3, "2025-03-12"},
  };
  for (const V& v : vectors) EXPECT_EQ(cal.add_working_days(D(v.date), v.n), D(v.expect)) << v.date << " + " << v.n;
}

TEST(Calendar, EmptyCalendarHasOnlyWeekendsOff) {
  const Calendar cal;
  EXPECT_FALSE(cal.is_day_off(D("2025-01-29")));  // mùng 1 Tết, but not listed here
  EXPECT_TRUE(cal.is_day_off(D("2025-02-01")));   // Saturday
  EXPECT_TRUE(cal.is_day_off(D("2025-02-02")));   // Sunday
  EXPECT_EQ(cal.add_working_days(D("2025-01-31"), 1), D("2025-02-03"));  // Fri + 1 = Mon
  EXPECT_EQ(cal.add_working_days(D("2025-02-03"), 0), D("2025-02-03"));
  EXPECT_EQ(cal.add_working_days(D("2025-02-03"), -1), D("2025-01-31"));  // backwards over the weekend
  EXPECT_EQ(cal.add_working_days(D("2025-02-01"), 1), D("2025-02-03"));   // from a Saturday
}

TEST(Calendar, DayPeriodsMoveOffADayOff) {
  const Calendar cal = Calendar::official();
  EXPECT_EQ(cal.end_of_days(D("2025-02-12"), 10), D("2025-02-24"));  // Sat 22/02 → Mon 24/02
  EXPECT_EQ(cal.end_of_days(D("2025-01-17"), 10), D("2025-02-03"));  // Tết 27/01 → 03/02
  EXPECT_EQ(cal.end_of_days(D("2025-03-03"), 10), D("2025-03-13"));  // a working day stays
  EXPECT_EQ(cal.next_working_day_on_or_after(D("2025-04-30")), D("2025-05-05"));
  EXPECT_EQ(cal.next_working_day_on_or_after(D("2025-05-05")), D("2025-05-05"));
}

TEST(Calendar, MonthPeriodsClampToTheMonthEnd) {
  const Calendar cal = Calendar::official();
  EXPECT_EQ(cal.end_of_months(D("2025-01-31"), 1), D("2025-02-28"));  // Friday, no 31/02
  EXPECT_EQ(cal.end_of_months(D("2024-01-31"), 1), D("2024-02-29"));  // leap year
  EXPECT_EQ(cal.end_of_months(D("2025-03-31"), 1), D("2025-05-05"));  // 30/04 holiday run → Mon 05/05
  EXPECT_EQ(cal.end_of_months(D("2025-08-31"), 6), D("2026-03-02"));  // Sat 28/02/2026 → Mon
  EXPECT_EQ(cal.end_of_months(D("2025-02-03"), 12), D("2026-02-03"));
}

TEST(Calendar, MakeUpSaturdaysAreWorkingDays) {
  const Calendar cal = Calendar::official();
  EXPECT_FALSE(cal.is_day_off(D("2025-04-26")));  // làm bù cho 02/5/2025
  EXPECT_FALSE(cal.is_day_off(D("2026-01-10")));  // làm bù cho 02/01/2026
  EXPECT_TRUE(cal.is_day_off(D("2025-05-02")));   // nghỉ hoán đổi
  EXPECT_EQ(cal.end_of_days(D("2025-04-16"), 10), D("2025-04-26"));  // a period may end on it
  EXPECT_EQ(cal.add_working_days(D("2026-01-09"), 1), D("2026-01-10"));
  const Calendar strict = cal.without_working_day_swaps();
  EXPECT_TRUE(strict.is_day_off(D("2025-04-26")));
  EXPECT_EQ(strict.add_working_days(D("2025-04-25"), 1), D("2025-04-28"));
  EXPECT_TRUE(strict.is_day_off(D("2025-05-02")));  // days off still count
}

TEST(Calendar, RecordsAddAndOverride) {
  Calendar cal = Calendar::official();
  cal.set({D("2025-03-12"), DayType::day_off, "Nghỉ đột xuất"});
  EXPECT_TRUE(cal.is_day_off(D("2025-03-12")));
  EXPECT_EQ(cal.add_working_days(D("2025-03-07"), 3), D("2025-03-13"));
  EXPECT_EQ(cal.name_of(D("2025-03-12")), std::optional<std::string>("Nghỉ đột xuất"));
  cal.set({D("2025-01-31"), DayType::working_day, "Đi làm"});  // overrides a shipped Tết day
  EXPECT_FALSE(cal.is_day_off(D("2025-01-31")));
  EXPECT_EQ(cal.add_working_days(D("2025-01-24"), 1), D("2025-01-31"));
  cal.set({D("2025-03-15"), DayType::working_day, "Làm bù"});  // a Saturday
  EXPECT_FALSE(cal.is_day_off(D("2025-03-15")));
  EXPECT_EQ(cal.name_of(D("2025-03-17")), std::nullopt);
  EXPECT_EQ(Calendar::official().name_of(D("2025-04-07")), std::optional<std::string>("Giỗ Tổ Hùng Vương"));
}

TEST(Calendar, ShippedTableEqualsSharedFile) {
  std::ifstream in(std::string(THADS_SHARED_DIR) + "/domain/holidays-vn.jsonl");
  ASSERT_TRUE(in) << "cannot open holidays-vn.jsonl under " << THADS_SHARED_DIR;
  std::vector<HolidayRecord> expected;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.rfind("//", 0) == 0) continue;
    const auto j = nlohmann::json::parse(line);
    ASSERT_EQ(j.at("kind"), "holiday");
    const auto type = day_type_from(j.at("type").get<std::string>());
    ASSERT_TRUE(type.has_value());
    expected.push_back({D(j.at("date").get<std::string>().c_str()), *type, j.at("name").get<std::string>()});
  }
  const auto shipped = shipped_holidays();
  ASSERT_EQ(shipped.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(shipped[i], expected[i]) << "row " << i;
  EXPECT_EQ(Calendar::official().records(), expected);
}

TEST(Calendar, LunarNewYearTable) {
  const auto days = lunar_new_year_days();
  ASSERT_EQ(days.size(), 16u);
  EXPECT_EQ(days.front(), D("2020-01-25"));
  EXPECT_EQ(days[5], D("2025-01-29"));
  EXPECT_EQ(days[6], D("2026-02-17"));
  EXPECT_EQ(days[10], D("2030-02-02"));  // Vietnam (UTC+7); China has 03/02
  EXPECT_EQ(days.back(), D("2035-02-08"));
  EXPECT_TRUE(std::is_sorted(days.begin(), days.end()));
}

TEST(Calendar, TetBreaksIncludeTheAdjoiningWeekends) {
  const auto breaks = Calendar::official().tet_breaks();
  auto has = [&](const char* a, const char* b) {
    return std::find(breaks.begin(), breaks.end(), std::make_pair(D(a), D(b))) != breaks.end();
  };
  EXPECT_TRUE(has("2025-01-25", "2025-02-02"));  // VPCP 8726/VPCP-KGVX
  EXPECT_TRUE(has("2026-02-14", "2026-02-22"));
  EXPECT_TRUE(has("2027-02-06", "2027-02-06"));  // not announced: mùng 1 alone
  EXPECT_EQ(breaks.size(), 16u);
}

TEST(Calendar, TetWindowFifteenDaysEachSideOfTheBreak) {
  const Calendar cal = Calendar::official();
  EXPECT_FALSE(cal.in_tet_window(D("2025-01-09"), 15));
  EXPECT_TRUE(cal.in_tet_window(D("2025-01-10"), 15));  // 25/01 − 15
  EXPECT_TRUE(cal.in_tet_window(D("2025-02-17"), 15));  // 02/02 + 15
  EXPECT_FALSE(cal.in_tet_window(D("2025-02-18"), 15));
  EXPECT_FALSE(cal.in_tet_window(D("2026-01-29"), 15));
  EXPECT_TRUE(cal.in_tet_window(D("2026-01-30"), 15));
  EXPECT_TRUE(cal.in_tet_window(D("2026-03-09"), 15));
  EXPECT_FALSE(cal.in_tet_window(D("2026-03-10"), 15));
  EXPECT_TRUE(cal.in_tet_window(D("2027-01-22"), 15));  // fallback: mùng 1 06/02/2027
  EXPECT_FALSE(cal.in_tet_window(D("2027-02-22"), 15));
  EXPECT_FALSE(cal.in_tet_window(D("2025-06-15"), 15));
  EXPECT_FALSE(Calendar().in_tet_window(D("2019-02-05"), 15));  // outside the table
  EXPECT_TRUE(Calendar().in_tet_window(D("2025-02-13"), 15));   // mùng 1 + 15 without records
  EXPECT_FALSE(Calendar().in_tet_window(D("2025-02-14"), 15));
}

TEST(Calendar, AnnouncedTetRecordsWidenTheWindow) {
  Calendar cal = Calendar::official();
  for (const char* d : {"2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"})
    cal.set({D(d), DayType::day_off, std::string(kTetName)});
  EXPECT_TRUE(cal.in_tet_window(D("2027-02-25"), 15));  // break 04/02–10/02 → to 25/02
  EXPECT_FALSE(cal.in_tet_window(D("2027-02-26"), 15));
  EXPECT_TRUE(cal.in_tet_window(D("2027-01-20"), 15));
}

TEST(Regime, SwitchesOnFirstJuly2026) {
  EXPECT_EQ(regime_on(D("2026-06-30")), Regime::law_2008);
  EXPECT_EQ(regime_on(D("2026-07-01")), Regime::law_2025);
  EXPECT_EQ(regime_on(D("2015-09-01")), Regime::law_2008);
  EXPECT_EQ(to_string(Regime::law_2025), "law_2025");
}

TEST(Regime, PublicPostingLastsTenThenSevenDays) {
  EXPECT_EQ(public_posting_days(D("2026-06-30")), 10);
  EXPECT_EQ(public_posting_days(D("2026-07-01")), 7);
  EXPECT_EQ(article(LegalRule::public_posting, Regime::law_2008), "Luật THADS 2008, Điều 42 khoản 3");
  EXPECT_EQ(article(LegalRule::public_posting, Regime::law_2025), "Nghị định 152/2026/NĐ-CP, Điều 17 khoản 3");
}

TEST(Regime, CitationsFollowTheRegime) {
  EXPECT_EQ(article(LegalRule::notify, Regime::law_2008), "Luật THADS 2008, Điều 39 khoản 2");
  EXPECT_EQ(article(LegalRule::notify, Regime::law_2025), "Luật THADS 2025, Điều 35; Nghị định 152/2026/NĐ-CP, Điều 15");
  EXPECT_EQ(article(LegalRule::reverify, Regime::law_2025), "Luật THADS 2025, Điều 38 khoản 3");
  for (int r = 0; r <= static_cast<int>(LegalRule::public_posting); ++r)
    for (Regime g : {Regime::law_2008, Regime::law_2025})
      EXPECT_FALSE(article(static_cast<LegalRule>(r), g).empty()) << r;
}

TEST(LegalSettings, DefaultsAreTheDocumentedPeriods) {
  const LegalSettings s = LegalSettings::defaults();
  const RegimePeriods old_law = s.periods(Regime::law_2008);
  const RegimePeriods new_law = s.periods(Regime::law_2025);
  for (const RegimePeriods& p : {old_law, new_law}) {
    EXPECT_EQ(p.issue_decision_wd, 5);
    EXPECT_EQ(p.notify_wd, 3);
    EXPECT_EQ(p.voluntary_days, 10);
    EXPECT_EQ(p.verify_days, 10);
    EXPECT_EQ(p.reverify_months, 6);
    EXPECT_EQ(p.reverify_months_long, 12);
    EXPECT_EQ(p.status_decision_wd, 5);
    EXPECT_EQ(p.publish_wd, 5);
    EXPECT_EQ(p.payout_days, 10);
  }
  EXPECT_EQ(s.tet_window_days, 15);
  EXPECT_TRUE(s.makeup_days_are_working_days);
}

TEST(LegalSettings, FromJsonOverridesOnlyTheNewLaw) {
  std::string err;
  const auto s = LegalSettings::from_json(R"({"voluntary_days_2025":15,"makeup_days_are_working_days":false})", &err);
  ASSERT_TRUE(s.has_value()) << err;
  EXPECT_EQ(s->periods(Regime::law_2025).voluntary_days, 15);
  EXPECT_EQ(s->periods(Regime::law_2008).voluntary_days, 10);  // [V] constants do not move
  EXPECT_FALSE(s->makeup_days_are_working_days);
  EXPECT_EQ(s->reverify_months_2025, 6);
  const auto round = LegalSettings::from_json(s->to_json(), &err);
  ASSERT_TRUE(round.has_value()) << err;
  EXPECT_EQ(*round, *s);
}

TEST(LegalSettings, FromJsonRefusesBadInput) {
  const char* bad[] = {R"({"voluntary_days":15})", R"({"notify_wd_2025":"3"})", R"({"notify_wd_2025":2.5})",
                       R"({"reverify_months_2025":0})", R"({"tet_window_days":-1})",
                       R"({"makeup_days_are_working_days":1})", R"([1,2])", "{", ""};
  for (const char* text : bad) {
    std::string err;
    EXPECT_FALSE(LegalSettings::from_json(text, &err).has_value()) << text;
    EXPECT_FALSE(err.empty()) << text;
  }
  EXPECT_FALSE(LegalSettings::from_json(R"({"x":1})", nullptr).has_value());
  std::string err;
  EXPECT_TRUE(LegalSettings::from_json("{}", &err).has_value());
}

}  // namespace
}  // namespace thads
