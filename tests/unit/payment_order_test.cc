// Payment order, L.THADS Art. 47; late interest after principal
// (TTLT 11/2016 Art. 6(1), NĐ152/26 Art. 29(1)).
#include "domain/payment_order.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace thads {
namespace {

std::vector<Money> paid(const Distribution& d) {
  std::vector<Money> v;
  for (const Allocation& a : d.claims) v.push_back(a.paid);
  return v;
}

TEST(PriorityOf, Article47Ranks) {
  EXPECT_EQ(priority_of("maintenance"), 1);
  EXPECT_EQ(priority_of("wages"), 1);
  EXPECT_EQ(priority_of("injury_compensation"), 1);
  EXPECT_EQ(priority_of("court_fee"), 2);
  for (const char* c : {"fine", "confiscation", "state_revenue", "property_return", "other_money",
                        "something_new"})
    EXPECT_EQ(priority_of(c), 3) << c;
  EXPECT_EQ(priority_of("deliver_asset"), kRankNotMoney);
  EXPECT_EQ(priority_of("perform_act"), kRankNotMoney);
}

// Art. 47(1): costs first, then rank 1, 2, 3 each in full.
TEST(Allocate, CostsFirstThenRanksInOrder) {
  const std::vector<Claim> claims = {
      {"other_money", 50'000'000, "Nợ vay", false},
      {"court_fee", 2'000'000, "Án phí", false},
      {"maintenance", 10'000'000, "Cấp dưỡng", false},
  };
  const Distribution d = allocate(20'000'000, 1'000'000, claims);
  EXPECT_EQ(d.costs.paid, 1'000'000);
  EXPECT_EQ(d.costs.priority, kRankCosts);
  EXPECT_EQ(paid(d), (std::vector<Money>{7'000'000, 2'000'000, 10'000'000}));
  EXPECT_EQ(d.claims[0].outstanding, 43'000'000);
  EXPECT_EQ(d.claims[0].priority, 3);
  EXPECT_EQ(d.claims[2].priority, 1);
  EXPECT_EQ(d.returned_to_debtor, 0);
  EXPECT_EQ(d.total_paid(), 20'000'000);
}

TEST(Allocate, MoneyShortOfTheCostsPaysOnlyCosts) {
  const std::vector<Claim> claims = {{"maintenance", 10'000'000, "", false}};
  const Distribution d = allocate(600'000, 1'000'000, claims);
  EXPECT_EQ(d.costs.paid, 600'000);
  EXPECT_EQ(d.costs.outstanding, 400'000);
  EXPECT_EQ(paid(d), (std::vector<Money>{0}));
}

// Art. 47(2)(c): the rest goes back to the debtor.
TEST(Allocate, SurplusReturnsToTheDebtor) {
  const std::vector<Claim> claims = {{"court_fee", 300'000, "", false},
                                     {"deliver_asset", 0, "Giao nhà", false}};
  const Distribution d = allocate(1'000'000, 100'000, claims);
  EXPECT_EQ(paid(d), (std::vector<Money>{300'000, 0}));
  EXPECT_EQ(d.claims[1].priority, kRankNotMoney);
  EXPECT_EQ(d.returned_to_debtor, 600'000);
}

// Art. 47(2)(a): pro rata within a rank. 100 đồng over 1:1:1 gives 33.33
// each; the spare đồng goes to the first claim (equal remainders).
TEST(Allocate, ProRataWithLargestRemainderTiesByOrder) {
  const std::vector<Claim> claims = {{"wages", 1'000, "A", false},
                                     {"maintenance", 1'000, "B", false},
                                     {"injury_compensation", 1'000, "C", false}};
  EXPECT_EQ(paid(allocate(100, 0, claims)), (std::vector<Money>{34, 33, 33}));
  EXPECT_EQ(paid(allocate(101, 0, claims)), (std::vector<Money>{34, 34, 33}));
}

// 7 đồng over 5 : 3 : 2 → exact 3.5, 2.1, 1.4; floors 3, 2, 1; the spare
// đồng goes to the largest remainder (0.5).
TEST(Allocate, ProRataLargestRemainderWins) {
  const std::vector<Claim> claims = {{"other_money", 5, "", false},
                                     {"other_money", 3, "", false},
                                     {"other_money", 2, "", false}};
  EXPECT_EQ(paid(allocate(7, 0, claims)), (std::vector<Money>{4, 2, 1}));
  // 4 đồng → exact 2.0, 1.2, 0.8; floors 2, 1, 0; the spare đồng goes to
  // the last claim (remainder 0.8).
  EXPECT_EQ(paid(allocate(4, 0, claims)), (std::vector<Money>{2, 1, 1}));
}

// TTLT 11/2016 Art. 6(1), NĐ152/26 Art. 29(1): principal before interest.
TEST(Allocate, LateInterestAfterAllPrincipal) {
  const std::vector<Claim> claims = {
      {"other_money", 1'000'000, "Lãi chậm THA", true},
      {"other_money", 5'000'000, "Nợ gốc", false},
      {"court_fee", 500'000, "Án phí", false},
  };
  const Distribution d = allocate(6'000'000, 0, claims);
  EXPECT_EQ(d.claims[0].priority, kRankInterest);
  EXPECT_EQ(paid(d), (std::vector<Money>{500'000, 5'000'000, 500'000}));
}

TEST(Allocate, ZeroAmountsAndNoClaims) {
  EXPECT_EQ(allocate(0, 0, {}).total_paid(), 0);
  EXPECT_EQ(allocate(5, 0, {}).returned_to_debtor, 5);
  const std::vector<Claim> claims = {{"fine", 0, "", false}, {"fine", 10, "", false}};
  EXPECT_EQ(paid(allocate(4, 0, claims)), (std::vector<Money>{0, 4}));
}

TEST(Allocate, HugeAmountsStayExact) {
  const Money big = kMaxAllocationAmount;
  const std::vector<Claim> claims = {{"other_money", big, "", false},
                                     {"other_money", big - 1, "", false},
                                     {"other_money", 1, "", false}};
  const Distribution d = allocate(big, 0, claims);
  EXPECT_EQ(d.total_paid(), big);
  EXPECT_EQ(paid(d), (std::vector<Money>{big / 2, big / 2, 0}));
}

TEST(Allocate, RejectsOutOfRangeInput) {
  const std::vector<Claim> neg = {{"fine", -1, "", false}};
  EXPECT_THROW(allocate(10, 0, neg), std::invalid_argument);
  EXPECT_THROW(allocate(-1, 0, {}), std::invalid_argument);
  EXPECT_THROW(allocate(0, kMaxAllocationAmount + 1, {}), std::invalid_argument);
}

const char* const kCategories[] = {"maintenance", "wages", "injury_compensation", "court_fee",
                                   "fine", "confiscation", "other_money", "perform_act"};

// The allocation pays min(available, what is owed), never pays a later rank
// while an earlier one (costs included) is outstanding, pays each claim at
// most what it is owed, and keeps every share within 1 đồng of pro rata.
RC_GTEST_PROP(PaymentOrderProperty, PaysInRankOrderAndAddsUp, ()) {
  const auto n = *rc::gen::inRange<size_t>(0, 12);
  std::vector<Claim> claims;
  Money owed = 0;
  for (size_t i = 0; i < n; ++i) {
    Claim c;
    c.category = kCategories[*rc::gen::inRange<size_t>(0, std::size(kCategories))];
    if (priority_of(c.category) != kRankNotMoney)
      c.amount = *rc::gen::inRange<Money>(0, 5'000'000'000);
    c.late_interest = *rc::gen::inRange(0, 5) == 0;
    owed += c.amount;
    claims.push_back(c);
  }
  const Money costs = *rc::gen::inRange<Money>(0, 50'000'000);
  owed += costs;
  const Money available = *rc::gen::inRange<Money>(0, owed + 1'000'000 + 1);
  const Distribution d = allocate(available, costs, claims);

  RC_ASSERT(d.claims.size() == claims.size());
  RC_ASSERT(d.total_paid() == std::min(available, owed));
  RC_ASSERT(d.total_paid() + d.returned_to_debtor == available);
  int lowest_outstanding_rank = d.costs.outstanding > 0 ? kRankCosts : 99;
  for (const Allocation& a : d.claims) {
    RC_ASSERT(a.paid >= 0 && a.paid <= a.owed);
    RC_ASSERT(a.outstanding == a.owed - a.paid);
    if (a.outstanding > 0 && a.priority != kRankNotMoney)
      lowest_outstanding_rank = std::min(lowest_outstanding_rank, a.priority);
  }
  for (const Allocation& a : d.claims)
    if (a.priority > lowest_outstanding_rank) RC_ASSERT(a.paid == 0);
  RC_ASSERT(d.costs.paid == std::min(available, costs));
  // Pro rata inside the one rank that is partly paid.
  Money rank_owed = 0, rank_paid = 0;
  for (const Allocation& a : d.claims)
    if (a.priority == lowest_outstanding_rank) {
      rank_owed += a.owed;
      rank_paid += a.paid;
    }
  for (const Allocation& a : d.claims) {
    if (a.priority != lowest_outstanding_rank || rank_owed == 0) continue;
    const long double exact =
        static_cast<long double>(rank_paid) * a.owed / static_cast<long double>(rank_owed);
    RC_ASSERT(static_cast<long double>(a.paid) > exact - 1.0L);
    RC_ASSERT(static_cast<long double>(a.paid) < exact + 1.0L);
  }
}

}  // namespace
}  // namespace thads
