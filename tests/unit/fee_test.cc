// Enforcement fee, TT 216/2016/TT-BTC. The worked examples are the circular's
// own (Art. 4(2), Art. 5(2), Art. 5(3)), quoted from the codified text.
#include "domain/fee.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <numeric>
#include <stdexcept>
#include <vector>

namespace thads {
namespace {

constexpr Money kBn = 1'000'000'000;

Date d(int y, unsigned m, unsigned day) { return Date::from_ymd(y, m, day); }

Money sum(const std::vector<Money>& v) { return std::accumulate(v.begin(), v.end(), Money{0}); }

// Art. 4(1): the five bands meet at their edges.
TEST(BandFee, BandEdgesAndRates) {
  EXPECT_EQ(band_fee(0), 0);
  EXPECT_EQ(band_fee(1'000'000), 30'000);                          // (a) 3%
  EXPECT_EQ(band_fee(5 * kBn), 150'000'000);                       // (a) top
  EXPECT_EQ(band_fee(6 * kBn), 170'000'000);                       // (b) 150M + 2%
  EXPECT_EQ(band_fee(7 * kBn), 190'000'000);                       // (b) top
  EXPECT_EQ(band_fee(8 * kBn), 200'000'000);                       // (c) 190M + 1%
  EXPECT_EQ(band_fee(10 * kBn), 220'000'000);                      // (c) top
  EXPECT_EQ(band_fee(12 * kBn), 230'000'000);                      // (d) 220M + 0.5%
  EXPECT_EQ(band_fee(15 * kBn), 245'000'000);                      // (d) top
  EXPECT_EQ(band_fee(18 * kBn), 245'300'000);                      // (đ) 245M + 0.01%
  EXPECT_EQ(band_fee(5 * kBn + 1), 150'000'000);                   // 0.02 đồng rounds down
}

// Rounding: to the đồng, half up, once, from the exact value.
TEST(BandFee, RoundsHalfUpToTheDong) {
  EXPECT_EQ(band_fee(5'000'050), 150'002);  // 150,001.50
  EXPECT_EQ(band_fee(5'000'049), 150'001);  // 150,001.47
  EXPECT_EQ(band_fee(15 * kBn + 5'000), 245'000'001);  // 245,000,000.5
}

// Art. 4(2) example: divorce; B gets a house worth 500,000,000 and pays A
// 200,000,000. A pays 3% × 200,000,000 = 6,000,000; B pays 3% × 300,000,000.
TEST(FeeOnTotal, CircularArt4_2DivorceExample) {
  const FeeSettings s;
  EXPECT_EQ(fee_on_total(200'000'000, d(2017, 3, 1), s), 6'000'000);
  EXPECT_EQ(fee_on_total(500'000'000 - 200'000'000, d(2017, 3, 1), s), 9'000'000);
}

// Art. 6(4): up to 2 × lương cơ sở on the day of receipt owes nothing.
TEST(FeeOnTotal, ThresholdIsTwiceTheBaseSalaryOnTheReceiptDate) {
  const FeeSettings s;
  EXPECT_EQ(fee_on_total(2'980'000, d(2020, 1, 1), s), 0);        // 2 × 1,490,000
  EXPECT_EQ(fee_on_total(2'980'001, d(2020, 1, 1), s), 89'400);   // 89,400.03
  EXPECT_EQ(fee_on_total(3'600'000, d(2023, 7, 1), s), 0);        // 2 × 1,800,000
  EXPECT_EQ(fee_on_total(3'600'000, d(2023, 6, 30), s), 108'000); // old threshold
  EXPECT_EQ(fee_on_total(4'680'000, d(2024, 7, 1), s), 0);        // 2 × 2,340,000
  EXPECT_EQ(fee_on_total(4'680'001, d(2024, 7, 1), s), 140'400);
  EXPECT_EQ(fee_on_total(5'060'000, d(2026, 7, 1), s), 0);        // 2 × 2,530,000
  EXPECT_EQ(fee_on_total(5'060'000, d(2026, 6, 30), s), 151'800);
}

// Art. 4(4): 1/3 when the parties settle after the QĐ THA, before coercion.
TEST(FeeOnTotal, SettledByThePartiesOwesOneThird) {
  const FeeSettings s;
  FeeOptions settled;
  settled.settled_by_parties = true;
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, settled), 3'000'000);
  EXPECT_EQ(fee_on_total(5'000'050, d(2025, 1, 1), s, settled), 50'001);  // 50,000.5
  EXPECT_EQ(fee_on_total(6 * kBn, d(2025, 1, 1), s, settled), 56'666'667);  // 170M / 3
}

// Art. 7(1) exemption, Art. 7(2) reductions of 80%, 30%, 20%.
TEST(FeeOnTotal, ExemptionAndReductions) {
  const FeeSettings s;
  FeeOptions o;
  o.reduction_percent = 30;
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, o), 6'300'000);
  o.reduction_percent = 20;
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, o), 7'200'000);
  o.reduction_percent = 80;
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, o), 1'800'000);
  o.settled_by_parties = true;  // 9,000,000 / 3 × 20%
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, o), 600'000);
  FeeOptions exempt;
  exempt.exempt = true;
  EXPECT_EQ(fee_on_total(300'000'000, d(2025, 1, 1), s, exempt), 0);
}

// Art. 5(2) example: Mr A receives 18,000,000,000 in six instalments.
TEST(FeePerInstalment, CircularArt5_2SixInstalments) {
  const FeeSettings s;
  const Date day = d(2018, 3, 1);
  const std::vector<Instalment> in = {
      {day, 3'000'000'000, false, {}}, {day, 4'000'000'000, false, {}},
      {day, 4'500'000'000, false, {}}, {day, 4'000'000'000, false, {}},
      {day, 1'500'000'000, false, {}}, {day, 1'000'000'000, false, {}},
  };
  const std::vector<Money> fee = fee_per_instalment(in, s);
  EXPECT_EQ(fee, (std::vector<Money>{90'000'000, 100'000'000, 37'500'000, 17'550'000, 150'000,
                                     100'000}));
  EXPECT_EQ(sum(fee), 245'300'000);
  EXPECT_EQ(sum(fee), fee_on_total(18 * kBn, day, s));
}

// Art. 5(3) example: Mr B receives 5,000,000 as 1M, 1M, 1M, 2M. The circular
// charges 90,000 at the third instalment: the total (3,000,000) then exceeds
// 2 × lương cơ sở. With the 2019 base salary (threshold 2,980,000) the
// numbers are the circular's exactly.
TEST(FeePerInstalment, CircularArt5_3SmallInstalmentsBecomeChargeable) {
  const FeeSettings s;
  const Date day = d(2020, 5, 4);
  const std::vector<Instalment> in = {
      {day, 1'000'000, false, {}}, {day, 1'000'000, false, {}},
      {day, 1'000'000, false, {}}, {day, 2'000'000, false, {}},
  };
  EXPECT_EQ(fee_per_instalment(in, s), (std::vector<Money>{0, 0, 90'000, 60'000}));
}

// The same receipts after 01/07/2024 (threshold 4,680,000): nothing is due
// until the fourth instalment, which then owes the fee on all 5,000,000.
TEST(FeePerInstalment, ThresholdFollowsTheDateOfEachInstalment) {
  const FeeSettings s;
  const Date day = d(2024, 8, 1);
  const std::vector<Instalment> in = {
      {day, 1'000'000, false, {}}, {day, 1'000'000, false, {}},
      {day, 1'000'000, false, {}}, {day, 2'000'000, false, {}},
  };
  EXPECT_EQ(fee_per_instalment(in, s), (std::vector<Money>{0, 0, 0, 150'000}));
}

// Our reading of Art. 5(3): once chargeable, a case stays chargeable after
// the base salary rises.
TEST(FeePerInstalment, StaysChargeableAfterTheBaseSalaryRises) {
  const FeeSettings s;
  const std::vector<Instalment> in = {
      {d(2024, 6, 1), 4'000'000, false, {}},  // > 3,600,000
      {d(2024, 8, 1), 500'000, false, {}},    // total 4,500,000 ≤ 4,680,000
  };
  EXPECT_EQ(fee_per_instalment(in, s), (std::vector<Money>{120'000, 15'000}));
}

// Art. 6(8): money paid voluntarily within the voluntary period owes no fee,
// but counts towards the total received of Art. 5(3).
TEST(FeePerInstalment, VoluntaryPaymentsAreFreeButCountTowardsTheThreshold) {
  const FeeSettings s;
  const Date day = d(2024, 8, 1);
  const std::vector<Instalment> a = {{day, 10'000'000, true, {}}, {day, 5'000'000, false, {}}};
  EXPECT_EQ(fee_per_instalment(a, s), (std::vector<Money>{0, 150'000}));
  const std::vector<Instalment> b = {{day, 4'000'000, true, {}}, {day, 1'000'000, false, {}}};
  EXPECT_EQ(fee_per_instalment(b, s), (std::vector<Money>{0, 30'000}));
  const std::vector<Instalment> c = {{day, 9 * kBn, true, {}}};
  EXPECT_EQ(fee_per_instalment(c, s), (std::vector<Money>{0}));
}

// Each instalment keeps its own options (Art. 4(4), Art. 7); the running sum
// is rounded once.
TEST(FeePerInstalment, MixedOptionsWeighTheirOwnSlice) {
  const FeeSettings s;
  const Date day = d(2025, 3, 1);
  FeeOptions settled;
  settled.settled_by_parties = true;
  FeeOptions exempt;
  exempt.exempt = true;
  const std::vector<Instalment> in = {
      {day, 3 * kBn, false, {}},       // slice 90,000,000 × 1
      {day, 4 * kBn, false, settled},  // slice 100,000,000 × 1/3
      {day, 1 * kBn, false, exempt},   // slice 10,000,000 × 0 (Art. 7(1))
      {day, 1 * kBn, false, {}},       // slice 10,000,000 × 1
  };
  EXPECT_EQ(fee_per_instalment(in, s),
            (std::vector<Money>{90'000'000, 33'333'333, 0, 10'000'000}));
}

TEST(FeeSettings, DefaultTableMarksBelievedValues) {
  const FeeSettings s;
  EXPECT_EQ(s.base_salary_on(d(2019, 6, 30)), 1'390'000);
  EXPECT_EQ(s.base_salary_on(d(2019, 7, 1)), 1'490'000);
  EXPECT_EQ(s.base_salary_on(d(2023, 7, 1)), 1'800'000);
  EXPECT_EQ(s.base_salary_on(d(2024, 7, 1)), 2'340'000);
  EXPECT_EQ(s.base_salary_on(d(2026, 7, 1)), 2'530'000);
  EXPECT_EQ(s.base_salary_on(d(2010, 1, 1)), 1'210'000);  // before the table: first step
  EXPECT_EQ(s.exemption_threshold(d(2025, 1, 1)), 4'680'000);
  for (const BaseSalaryStep& step : s.steps())
    EXPECT_EQ(step.believed, step.from < d(2024, 7, 1)) << step.from.iso();
}

// The [B] values are configurable.
TEST(FeeSettings, BelievedValuesCanBeOverridden) {
  FeeSettings s;
  s.set_base_salary(d(2023, 7, 1), 1'900'000);
  EXPECT_EQ(s.base_salary_on(d(2023, 8, 1)), 1'900'000);
  EXPECT_EQ(s.base_salary_on(d(2024, 7, 1)), 2'340'000);
  EXPECT_EQ(fee_on_total(3'700'000, d(2023, 8, 1), s), 0);  // threshold 3,800,000
  s.set_base_salary(d(2022, 1, 1), 1'600'000);              // a new step
  EXPECT_EQ(s.base_salary_on(d(2022, 6, 1)), 1'600'000);
  EXPECT_EQ(s.base_salary_on(d(2021, 12, 31)), 1'490'000);
  EXPECT_THROW(s.set_base_salary(d(2022, 1, 1), 0), std::invalid_argument);
}

TEST(Fee, RejectsOutOfRangeInput) {
  const FeeSettings s;
  FeeOptions bad;
  bad.reduction_percent = 101;
  EXPECT_THROW(fee_on_total(-1, d(2025, 1, 1), s), std::invalid_argument);
  EXPECT_THROW(fee_on_total(kMaxFeeBase + 1, d(2025, 1, 1), s), std::invalid_argument);
  EXPECT_THROW(fee_on_total(10'000'000, d(2025, 1, 1), s, bad), std::invalid_argument);
  const std::vector<Instalment> neg = {{d(2025, 1, 1), -5, false, {}}};
  EXPECT_THROW(fee_per_instalment(neg, s), std::invalid_argument);
  EXPECT_EQ(band_fee(kMaxFeeBase), 245'000'000 + (kMaxFeeBase - 15 * kBn) / 10'000);
}

// Art. 6(1) categories.
TEST(Fee, ExemptCategories) {
  EXPECT_TRUE(is_fee_exempt_category("maintenance"));
  EXPECT_TRUE(is_fee_exempt_category("wages"));
  EXPECT_TRUE(is_fee_exempt_category("injury_compensation"));
  EXPECT_FALSE(is_fee_exempt_category("court_fee"));
  EXPECT_FALSE(is_fee_exempt_category("other_money"));
}

// Art. 5(2) as a property: however the money arrives (one day, no options),
// the instalments add up to the fee on the total, and none is negative.
RC_GTEST_PROP(FeeProperty, InstalmentsAddUpToTheFeeOnTheTotal,
              (const std::vector<uint32_t>& parts, uint8_t scale)) {
  const FeeSettings s;
  const Date day = d(2025, 2, 3);
  const Money unit = Money{1} << (scale % 20);  // parts up to ~2e12 đồng
  std::vector<Instalment> in;
  Money total = 0;
  for (uint32_t p : parts) {
    const Money amount = static_cast<Money>(p % 4'000'000) * unit;
    in.push_back({day, amount, false, {}});
    total += amount;
  }
  RC_PRE(total <= kMaxFeeBase);
  const std::vector<Money> fee = fee_per_instalment(in, s);
  RC_ASSERT(fee.size() == in.size());
  for (Money f : fee) RC_ASSERT(f >= 0);
  RC_ASSERT(sum(fee) == fee_on_total(total, day, s));
}

}  // namespace
}  // namespace thads
