// Enforcement fee ("phí thi hành án dân sự"), Thông tư 216/2016/TT-BTC
// (in force 01/01/2017): what the creditor (người được thi hành án) owes on
// the money or asset value actually received (L.THADS Art. 60; TT 216 Art. 2).
//
// Contract: pure, integer arithmetic only (no floating point). Every result is
// rounded once, to the whole đồng, half up, from the exact rational value
// (see fee.cc). Amounts must be in [0, kMaxFeeBase]; a negative amount, a
// total above kMaxFeeBase or a percentage outside 0..100 is a programming
// error and throws std::invalid_argument. The circular is not replaced under
// L.106 as far as we know, so its bands apply to every date (legal-rules.md
// §2.10, [B] for dates from 01/07/2026).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/money.h"

namespace thads {

// Largest amount (1,000,000 bn đồng) the fee arithmetic accepts; far above any
// real case, and keeps every intermediate value inside int64.
inline constexpr Money kMaxFeeBase = 1'000'000'000'000'000;

// One step of the base salary table ("lương cơ sở"): `amount` applies from
// `from` until the next step. `believed` marks the [B] values of
// legal-rules.md §2.10 (not verified), which an operator may override.
struct BaseSalaryStep {
  Date from;
  Money amount = 0;
  bool believed = false;
};

// Settings of the fee rule: the base salary table that sets the exemption
// threshold of TT 216 Art. 6(4) (2 × lương cơ sở). Copyable value; a
// default-constructed FeeSettings holds the default table, so the table is
// never empty.
class FeeSettings {
 public:
  // The table of legal-rules.md §2.10 (values before 01/07/2024 are [B]).
  FeeSettings();

  // Sets the base salary in force from `from` (adds a step, or replaces the
  // step that starts on that very day). Throws std::invalid_argument unless
  // the amount is positive.
  void set_base_salary(Date from, Money amount, bool believed = false);

  // The base salary in force on `d`. A date before the first step uses the
  // first step (the table starts before TT 216 came into force).
  Money base_salary_on(Date d) const;
  // TT 216 Art. 6(4): amounts up to 2 × lương cơ sở owe no fee.
  Money exemption_threshold(Date d) const { return 2 * base_salary_on(d); }

  std::span<const BaseSalaryStep> steps() const { return steps_; }

 private:
  std::vector<BaseSalaryStep> steps_;  // sorted by `from`, unique dates
};

// How much of the full fee an amount owes.
struct FeeOptions {
  // TT 216 Art. 4(4): the parties delivered the money or asset to each other
  // after the QĐ THA and before coercion was carried out: 1/3 of the fee.
  // (Art. 4(5): money collected by THADS or after coercion owes 100%.)
  bool settled_by_parties = false;
  // TT 216 Art. 7(2): reduction (giảm) in percent, 0..100: up to 80 for a
  // poor household, 30 when the creditor located the asset, 20 when force
  // had to be mobilised. The head of the agency decides (Art. 7(4)).
  int reduction_percent = 0;
  // TT 216 Art. 7(1): exemption (miễn) — revolutionary merit, lonely, disabled
  // or long-term ill, or an asset the creditor located after a QĐ chưa có
  // điều kiện. Owes nothing.
  bool exempt = false;
};

// The band fee of TT 216 Art. 4(1) on an amount above the threshold:
// 3% up to 5 bn; 150,000,000 + 2% over 5 bn to 7 bn; 190,000,000 + 1% over
// 7 bn to 10 bn; 220,000,000 + 0.5% over 10 bn to 15 bn; 245,000,000 + 0.01%
// over 15 bn. Rounded to the đồng, half up. No threshold test here.
Money band_fee(Money amount);

// Fee on a total received in one go on `receipt_date`: 0 when the total is
// at most 2 × lương cơ sở on that date (Art. 6(4)); else the band fee,
// times 1/3 when settled by the parties (Art. 4(4)), less the reduction
// (Art. 7(2)); 0 when exempt (Art. 7(1)).
Money fee_on_total(Money total_received, Date receipt_date, const FeeSettings& settings,
                   const FeeOptions& options = {});

// One receipt of money or asset value by the creditor.
struct Instalment {
  Date date;                      // date of receipt; picks the threshold
  Money amount = 0;
  // TT 216 Art. 6(8): paid voluntarily within the voluntary period of
  // L.THADS Art. 45: no fee on this amount (it still counts towards the
  // threshold of Art. 5(3), which looks at the total received).
  bool exempt_voluntary = false;
  FeeOptions options;             // this amount's own 1/3, reduction, exemption
};

// Fee owed at each instalment, in the order given (the order of receipt), for
// one creditor of one case (TT 216 Art. 5(1): one fee decision per receipt).
//
// Art. 5(2): the fees of all instalments add up to the fee on the total, so
// each instalment owes the fee on the running total less what was already
// charged. Art. 5(3): instalments under the threshold owe nothing until the
// running total exceeds 2 × lương cơ sở (on the date of that instalment);
// then the earlier ones become chargeable and are charged with it. Once
// exceeded, the case stays chargeable even if the base salary later rises
// (fees properly charged are not refunded; Art. 5(5) refunds only mistakes)
// — our reading, see docs/legal-rules-money.md.
//
// Each instalment's share of the running band fee is B(S_i) − B(S_{i−1})
// (S = running total of chargeable amounts, B = band_fee unrounded), weighted
// by its own options (1/3, reduction, exemption); the running sum of the
// exact shares is rounded once, so the instalments add up to the rounded
// total to the đồng.
std::vector<Money> fee_per_instalment(std::span<const Instalment> instalments,
                                      const FeeSettings& settings);

// TT 216 Art. 6(1): obligation categories (interchange.md) whose money owes
// no fee: maintenance (cấp dưỡng), wages (tiền lương, tiền công),
// injury_compensation (bồi thường tính mạng, sức khỏe).
bool is_fee_exempt_category(std::string_view category);

}  // namespace thads
