// Money is whole đồng in int64, checked for overflow in the report totals
// too (domain/statistics.h FiguresOverflow): one case may owe up to 10^15
// đồng (interchange.cc kMaxAmount), so 9,224 such cases pass int64 in the
// money form. The report is then refused, never computed with wrapped
// figures; the cases form of the same cases is fine. Found by
// fuzz/stats_snapshot.cc (fuzz/regressions/stats_snapshot/).
#include <gtest/gtest.h>

#include "domain/statistics.h"

namespace thads {
namespace {

CaseTimeline big_case(int n) {
  CaseTimeline t;
  t.case_id = "HN-" + std::to_string(n);
  t.agency = 0;
  t.opened = Date::from_ymd(2025, 11, 3);
  t.opened_amount = 1'000'000'000'000'000;
  return t;
}

TEST(FiguresOverflow, MoneyTotalsPastInt64AreRefusedNotWrapped) {
  const Period p{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)};
  Columns money, cases;
  for (int n = 0; n < 9'223; ++n) {
    accumulate(big_case(n), Form::money, p, money);
    accumulate(big_case(n), Form::cases, p, cases);
  }
  money.derive(Form::money);
  EXPECT_EQ(money.new_, 9'223'000'000'000'000'000);
  EXPECT_THROW(accumulate(big_case(9'223), Form::money, p, money), FiguresOverflow);
  EXPECT_EQ(money.new_, 9'223'000'000'000'000'000);  // unchanged by the refused sum
  accumulate(big_case(9'223), Form::cases, p, cases);
  cases.derive(Form::cases);
  EXPECT_EQ(cases.new_, 9'224);

  // Summing agencies' columns and deriving are checked the same way.
  Columns a, b;
  a.new_ = 9'000'000'000'000'000'000;
  b.new_ = 300'000'000'000'000'000;
  EXPECT_THROW(a += b, FiguresOverflow);
  Columns c;
  c.carried_over = 5'000'000'000'000'000'000;
  c.new_ = 5'000'000'000'000'000'000;
  EXPECT_THROW(c.derive(Form::money), FiguresOverflow);
}

}  // namespace
}  // namespace thads
