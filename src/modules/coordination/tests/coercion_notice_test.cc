// The coercion plan's recipients (Luật THADS 2008 Art. 72(2)): the police by
// a protection request, the commune People's Committee and the procuracy by
// any request, each on or after the plan's date.
#include "modules/coordination/domain/coercion_notice.h"

#include <gtest/gtest.h>

namespace thads::coordination {
namespace {

Date d(const char* s) { return *Date::parse(s); }

TEST(CoercionNotice, EachRecipientNeedsARequestOnOrAfterThePlan) {
  const std::vector<SentRequest> sent{
      {"police", "verify_assets", d("2025-03-05")},     // not a protection request
      {"police", "protection", d("2025-03-01")},        // before the plan
      {"people_committee", "other", d("2025-03-06")},
      {"people_committee", "other", d("2025-03-05")},   // the first one counts
      {"bank", "protection", d("2025-03-05")},
  };
  const auto r = plan_recipients(d("2025-03-03"), sent);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].role, "police");
  EXPECT_FALSE(r[0].sent_on);
  EXPECT_EQ(r[1].role, "people_committee");
  EXPECT_EQ(r[1].sent_on, d("2025-03-05"));
  EXPECT_EQ(r[2].role, "procuracy");
  EXPECT_FALSE(r[2].sent_on);
  const auto later = plan_recipients(d("2025-03-01"), sent);
  EXPECT_EQ(later[0].sent_on, d("2025-03-01"));  // the plan's own day counts
}

}  // namespace
}  // namespace thads::coordination
