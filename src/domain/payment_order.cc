#include "domain/payment_order.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace thads {

namespace {

// Products of two amounts reach 10^33; GCC and Clang give us 128 bits.
__extension__ typedef unsigned __int128 u128;

void check_amount(Money m) {
  if (m < 0 || m > kMaxAllocationAmount)
    throw std::invalid_argument("payment order: amount out of range");
}

int rank_of(const Claim& c) {
  const int p = priority_of(c.category);
  if (p == kRankNotMoney) return p;
  return c.late_interest ? kRankInterest : p;  // NĐ152/26 Art. 29(1)
}

// Pays `money` (< the rank's total) to the claims `idx` of one rank, pro rata
// to what each is owed (Art. 47(2)(a)): floor of the exact share, then the
// remaining đồng by largest remainder, ties to the earlier claim.
void pay_pro_rata(Money money, Money rank_total, const std::vector<size_t>& idx,
                  std::vector<Allocation>& out) {
  struct Share { size_t claim; Money remainder; };
  std::vector<Share> shares;
  shares.reserve(idx.size());
  Money given = 0;
  for (size_t i : idx) {
    const u128 num = static_cast<u128>(money) * static_cast<u128>(out[i].owed);
    const auto floor = static_cast<Money>(num / static_cast<u128>(rank_total));
    out[i].paid = floor;
    given += floor;
    shares.push_back({i, static_cast<Money>(num % static_cast<u128>(rank_total))});
  }
  // Fewer đồng are left than there are claims (each floor loses under 1 đồng).
  std::stable_sort(shares.begin(), shares.end(),
                   [](const Share& a, const Share& b) { return a.remainder > b.remainder; });
  for (Money left = money - given, k = 0; left > 0; --left, ++k)
    out[shares[static_cast<size_t>(k)].claim].paid += 1;
}

}  // namespace

int priority_of(std::string_view category) {
  // L.THADS Art. 47(1)(a): maintenance; wages, labour pay, severance and
  // allowances; compensation for life, health and mental harm.
  if (category == "maintenance" || category == "wages" || category == "injury_compensation")
    return kRankFirst;
  if (category == "court_fee") return kRankCourtFee;  // Art. 47(1)(b): án phí, lệ phí Tòa án
  // Obligations to hand over an asset or to do an act carry no money.
  if (category == "deliver_asset" || category == "perform_act") return kRankNotMoney;
  return kRankOther;  // Art. 47(1)(c): other amounts under the judgment
}

Money Distribution::total_paid() const {
  return std::accumulate(claims.begin(), claims.end(), costs.paid,
                         [](Money s, const Allocation& a) { return s + a.paid; });
}

Distribution allocate(Money available, Money costs, std::span<const Claim> claims) {
  check_amount(available);
  check_amount(costs);
  Money total = costs;
  for (const Claim& c : claims) {
    check_amount(c.amount);
    total += c.amount;
    if (total > kMaxAllocationTotal) throw std::invalid_argument("payment order: total out of range");
  }

  Distribution d;
  // Art. 47(1): costs of enforcement (and the Art. 115(5) reserve) come first.
  d.costs = {"enforcement_costs", "Chi phí thi hành án", kRankCosts, costs,
             std::min(available, costs), 0};
  Money left = available - d.costs.paid;

  d.claims.reserve(claims.size());
  for (const Claim& c : claims) d.claims.push_back({c.category, c.label, rank_of(c), c.amount, 0, 0});

  // Art. 47(1)(a)–(c), then interest after all principal.
  for (int rank = kRankFirst; rank <= kRankInterest; ++rank) {
    std::vector<size_t> idx;
    Money rank_total = 0;
    for (size_t i = 0; i < d.claims.size(); ++i) {
      if (d.claims[i].priority != rank || d.claims[i].owed == 0) continue;
      idx.push_back(i);
      rank_total += d.claims[i].owed;
    }
    if (rank_total == 0) continue;
    if (left >= rank_total) {
      for (size_t i : idx) d.claims[i].paid = d.claims[i].owed;
      left -= rank_total;
    } else {
      pay_pro_rata(left, rank_total, idx, d.claims);  // Art. 47(2)(a)
      left = 0;
    }
  }
  for (Allocation& a : d.claims) a.outstanding = a.owed - a.paid;
  d.costs.outstanding = d.costs.owed - d.costs.paid;
  d.returned_to_debtor = left;  // Art. 47(2)(c)
  return d;
}

}  // namespace thads
