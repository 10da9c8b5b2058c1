// Payment order ("thứ tự thanh toán tiền thi hành án"), L.THADS Art. 47 (as
// amended by Luật 64/2014), with NĐ62 Art. 49, TTLT 11/2016 Art. 6(1) and,
// for acts from 01/07/2026, NĐ152/26 Art. 29–30: how money collected on a
// case is shared between the enforcement costs and the creditors.
//
// Contract: pure, integer arithmetic, deterministic. Money first pays the
// costs, then rank 1, rank 2, rank 3 and last the late-payment interest; a
// rank is paid in full before the next gets anything. Inside a rank that
// cannot be paid in full, each claim gets its share pro rata to the amount
// owed, in whole đồng: the floor of the exact share, then the đồng left over
// go one each to the claims with the largest fractional remainders, ties to
// the claim given first (largest remainder method). Whatever is left after
// every claim is paid goes back to the debtor (Art. 47(2)(c)). Amounts must be
// in [0, kMaxAllocationAmount] and their sum at most kMaxAllocationTotal;
// anything else is a programming error and throws std::invalid_argument.
//
// Not covered here (the caller chooses which claims take part): the split
// between creditors of a coercion decision and of other decisions
// (Art. 47(2)(b)), secured creditors (Art. 47(3)) and bankruptcy (Art. 47(4)).
// The rules are the same under the old and the new regime, so no date is
// needed.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.h"

namespace thads {

inline constexpr Money kMaxAllocationAmount = 1'000'000'000'000'000;      // 10^15 đồng
inline constexpr Money kMaxAllocationTotal = 1'000'000'000'000'000'000;   // 10^18 đồng

// Ranks of the payment order.
inline constexpr int kRankCosts = 0;     // chi phí thi hành án and the Art. 115(5) reserve
inline constexpr int kRankFirst = 1;     // Art. 47(1)(a)
inline constexpr int kRankCourtFee = 2;  // Art. 47(1)(b)
inline constexpr int kRankOther = 3;     // Art. 47(1)(c)
inline constexpr int kRankInterest = 4;  // lãi chậm thi hành án, after all principal
inline constexpr int kRankNotMoney = -1; // deliver_asset, perform_act: no money is paid

// Rank of an obligation category of interchange.md under Art. 47(1):
// maintenance, wages, injury_compensation → 1 (a); court_fee → 2 (b);
// deliver_asset, perform_act → kRankNotMoney; any other category → 3 (c),
// "các khoản phải thi hành án khác".
int priority_of(std::string_view category);

// One amount the debtor owes under the judgment.
struct Claim {
  std::string category;  // interchange.md obligation category
  Money amount = 0;      // still owed
  std::string label;     // free text for the UI (creditor, item)
  // Late-payment interest (lãi chậm thi hành án) rather than principal: paid
  // only after all principal (TTLT 11/2016 Art. 6(1); NĐ152/26 Art. 29(1)).
  bool late_interest = false;
};

// What one claim (or the costs) receives.
struct Allocation {
  std::string category;  // "enforcement_costs" for the costs line
  std::string label;
  int priority = kRankOther;  // one of the kRank* values
  Money owed = 0;
  Money paid = 0;
  Money outstanding = 0;      // owed − paid
};

struct Distribution {
  Allocation costs;                 // priority kRankCosts
  std::vector<Allocation> claims;   // one per input claim, in input order
  Money returned_to_debtor = 0;     // Art. 47(2)(c)
  Money total_paid() const;         // costs.paid + Σ claims.paid
};

// Shares `available` (money collected) between `costs` (chi phí THA plus the
// Art. 115(5) reserve, deducted first: Art. 47(1)) and the claims.
Distribution allocate(Money available, Money costs, std::span<const Claim> claims);

}  // namespace thads
