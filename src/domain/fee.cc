#include "domain/fee.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace thads {

namespace {

// Exact arithmetic. The band rates (3%, 2%, 1%, 0.5%, 0.01%) are whole
// multiples of 1/10,000, the settlement share is 1/3 and a reduction is in
// whole percent, so every fee is an exact multiple of
// 1 / (10,000 × 3 × 100) đồng. We compute in that unit ("scaled") and round
// once at the end: to the whole đồng, half up (amounts are never negative,
// so half up and half away from zero agree).
constexpr int64_t kBandScale = 10'000;  // band_fee4() is in 1/10,000 đồng
constexpr int64_t kShareScale = 3;      // Art. 4(4): 1/3
constexpr int64_t kPercentScale = 100;  // Art. 7(2): whole percent
constexpr int64_t kScale = kBandScale * kShareScale * kPercentScale;

constexpr Money kBn = 1'000'000'000;

// TT 216 Art. 4(1)(a)–(đ): the band fee of `x` in 1/10,000 đồng, exact.
// Each band starts where the previous one ends (3% × 5 bn = 150,000,000;
// + 2% × 2 bn = 190,000,000; + 1% × 3 bn = 220,000,000; + 0.5% × 5 bn =
// 245,000,000), so the function is continuous and non-decreasing.
// For x ≤ kMaxFeeBase the result stays below 1.1e15.
int64_t band_fee4(Money x) {
  if (x <= 5 * kBn) return 300 * x;                                       // (a) 3%
  if (x <= 7 * kBn) return 150'000'000 * kBandScale + 200 * (x - 5 * kBn);   // (b) 2%
  if (x <= 10 * kBn) return 190'000'000 * kBandScale + 100 * (x - 7 * kBn);  // (c) 1%
  if (x <= 15 * kBn) return 220'000'000 * kBandScale + 50 * (x - 10 * kBn);  // (d) 0.5%
  return 245'000'000 * kBandScale + 1 * (x - 15 * kBn);                    // (đ) 0.01%
}

// Round a non-negative value in 1/`den` đồng to the whole đồng, half up.
Money round_half_up(int64_t value, int64_t den) { return (value + den / 2) / den; }

void check_amount(Money m, const char* what) {
  if (m < 0 || m > kMaxFeeBase) throw std::invalid_argument(std::string(what) + " out of range");
}

void check_options(const FeeOptions& o) {
  if (o.reduction_percent < 0 || o.reduction_percent > 100)
    throw std::invalid_argument("fee reduction_percent must be in 0..100");
}

// The multiplier of a band share in units of 1/(kShareScale × kPercentScale):
// 0 when exempt (Art. 7(1)); × 1/3 when settled by the parties (Art. 4(4));
// × (100 − reduction)% (Art. 7(2)).
int64_t weight(const FeeOptions& o) {
  if (o.exempt) return 0;
  const int64_t share = o.settled_by_parties ? 1 : kShareScale;
  return share * (kPercentScale - o.reduction_percent);
}

}  // namespace

FeeSettings::FeeSettings() {
  // lương cơ sở for cán bộ, công chức, viên chức (legal-rules.md §2.10).
  // The values before 01/07/2019 are general knowledge (NĐ 47/2016,
  // NĐ 47/2017, NĐ 72/2018), added so that the table covers TT 216 from
  // 01/01/2017; like 1,490,000 and 1,800,000 they are [B].
  steps_ = {
      {Date::from_ymd(2016, 5, 1), 1'210'000, true},   // NĐ 47/2016 [B]
      {Date::from_ymd(2017, 7, 1), 1'300'000, true},   // NĐ 47/2017 [B]
      {Date::from_ymd(2018, 7, 1), 1'390'000, true},   // NĐ 72/2018 [B]
      {Date::from_ymd(2019, 7, 1), 1'490'000, true},   // NĐ 38/2019 [B]
      {Date::from_ymd(2023, 7, 1), 1'800'000, true},   // NĐ 24/2023 [B]
      {Date::from_ymd(2024, 7, 1), 2'340'000, false},  // NĐ 73/2024 [S]
      {Date::from_ymd(2026, 7, 1), 2'530'000, false},  // NĐ 161/2026 [S]
  };
}

void FeeSettings::set_base_salary(Date from, Money amount, bool believed) {
  if (amount <= 0) throw std::invalid_argument("base salary must be positive");
  auto it = std::lower_bound(steps_.begin(), steps_.end(), from,
                             [](const BaseSalaryStep& s, Date d) { return s.from < d; });
  if (it != steps_.end() && it->from == from) {
    it->amount = amount;
    it->believed = believed;
  } else {
    steps_.insert(it, BaseSalaryStep{from, amount, believed});
  }
}

Money FeeSettings::base_salary_on(Date d) const {
  auto it = std::upper_bound(steps_.begin(), steps_.end(), d,
                             [](Date day, const BaseSalaryStep& s) { return day < s.from; });
  if (it == steps_.begin()) return steps_.front().amount;
  return std::prev(it)->amount;
}

Money band_fee(Money amount) {
  check_amount(amount, "fee base");
  return round_half_up(band_fee4(amount), kBandScale);
}

Money fee_on_total(Money total_received, Date receipt_date, const FeeSettings& settings,
                   const FeeOptions& options) {
  check_amount(total_received, "fee base");
  check_options(options);
  // TT 216 Art. 6(4): up to 2 × lương cơ sở (on the day of receipt) owes nothing.
  if (total_received <= settings.exemption_threshold(receipt_date)) return 0;
  return round_half_up(band_fee4(total_received) * weight(options), kScale);
}

std::vector<Money> fee_per_instalment(std::span<const Instalment> instalments,
                                      const FeeSettings& settings) {
  std::vector<Money> due;
  due.reserve(instalments.size());
  Money received = 0;     // everything received: the Art. 5(3) threshold test
  Money chargeable = 0;   // running total of amounts inside the fee (not Art. 6(8))
  int64_t exact = 0;      // running exact fee, in 1/kScale đồng
  Money charged = 0;      // sum of the fees already due
  bool over_threshold = false;
  for (const Instalment& in : instalments) {
    check_amount(in.amount, "instalment amount");
    check_options(in.options);
    received += in.amount;
    check_amount(received, "total received");
    if (!in.exempt_voluntary) {
      // Art. 5(2): this amount's slice of the band fee on the running total.
      const int64_t slice = band_fee4(chargeable + in.amount) - band_fee4(chargeable);
      chargeable += in.amount;
      exact += slice * weight(in.options);
    }
    // Art. 5(3): chargeable from the instalment at which the total received
    // first exceeds 2 × lương cơ sở on that instalment's date; it stays so.
    if (!over_threshold && received > settings.exemption_threshold(in.date))
      over_threshold = true;
    if (!over_threshold) {
      due.push_back(0);
      continue;
    }
    // `exact` never decreases, so neither does its rounding: due ≥ 0.
    const Money now = round_half_up(exact, kScale);
    due.push_back(now - charged);
    charged = now;
  }
  return due;
}

bool is_fee_exempt_category(std::string_view category) {
  // TT 216 Art. 6(1).
  return category == "maintenance" || category == "wages" || category == "injury_compensation";
}

}  // namespace thads
