#include "domain/money.h"

#include <gtest/gtest.h>

namespace thads {
namespace {

TEST(Money, FormatsWithThousandDots) {
  EXPECT_EQ(format_vnd(1234567), "1.234.567 đ");
  EXPECT_EQ(format_vnd(0), "0 đ");
  EXPECT_EQ(format_vnd(-1000), "-1.000 đ");
}

// Số tiền bằng chữ, as official documents and receipts write it.
TEST(Money, AmountInWords) {
  EXPECT_EQ(amount_in_words(0), "Không đồng");
  EXPECT_EQ(amount_in_words(5), "Năm đồng");
  EXPECT_EQ(amount_in_words(10), "Mười đồng");
  EXPECT_EQ(amount_in_words(11), "Mười một đồng");
  EXPECT_EQ(amount_in_words(15), "Mười lăm đồng");
  EXPECT_EQ(amount_in_words(21), "Hai mươi mốt đồng");
  EXPECT_EQ(amount_in_words(25), "Hai mươi lăm đồng");
  EXPECT_EQ(amount_in_words(105), "Một trăm linh năm đồng");
  EXPECT_EQ(amount_in_words(110), "Một trăm mười đồng");
  EXPECT_EQ(amount_in_words(1'500'000), "Một triệu năm trăm nghìn đồng");
  EXPECT_EQ(amount_in_words(1'005'000), "Một triệu không trăm linh năm nghìn đồng");
  EXPECT_EQ(amount_in_words(12'000'000), "Mười hai triệu đồng");
  EXPECT_EQ(amount_in_words(2'500'000'000), "Hai tỷ năm trăm triệu đồng");
  EXPECT_EQ(amount_in_words(2'000'050'000), "Hai tỷ không trăm năm mươi nghìn đồng");
  EXPECT_EQ(amount_in_words(1'000'000'000'000), "Một nghìn tỷ đồng");
  EXPECT_EQ(amount_in_words(-1000), "Âm một nghìn đồng");
  // The largest amount the import accepts, and the int64 extremes, do not overflow.
  EXPECT_EQ(amount_in_words(1'000'000'000'000'000'000), "Một tỷ tỷ đồng");
  EXPECT_FALSE(amount_in_words(INT64_MIN).empty());
}

}  // namespace
}  // namespace thads

// Thousands of đồng (the unit of the money report) round half away from
// zero, at the ends of int64 too (an overflow found by fuzz/money.cc).
TEST(Money, ThousandsRoundHalfAwayFromZeroWithoutOverflow) {
  EXPECT_EQ(thads::to_thousand_vnd(1'499), 1);
  EXPECT_EQ(thads::to_thousand_vnd(1'500), 2);
  EXPECT_EQ(thads::to_thousand_vnd(-1'500), -2);
  EXPECT_EQ(thads::to_thousand_vnd(-1'499), -1);
  EXPECT_EQ(thads::to_thousand_vnd(0), 0);
  EXPECT_EQ(thads::to_thousand_vnd(INT64_MAX), INT64_MAX / 1000 + 1);
  EXPECT_EQ(thads::to_thousand_vnd(INT64_MIN), INT64_MIN / 1000 - 1);
}
