// The records of one decision's delivery (domain/deliveries.h): a sending,
// its correction, a new sending; the refusals of docs/formats/
// accountability.md "delivery" in their precedence.
#include <gtest/gtest.h>

#include "modules/accountability/domain/deliveries.h"

namespace thads::accountability {
namespace {

Delivery rec(int64_t seq, bool voided, const char* date, const char* raw = "{}") {
  Delivery d;
  d.case_id = "HN-1", d.decision = 1, d.seq = seq, d.voided = voided, d.date = *Date::parse(date), d.raw = raw;
  return d;
}
std::string code(const DeliveryDecision& d) {
  if (std::holds_alternative<DeliveryAppend>(d)) return "append";
  if (std::holds_alternative<DeliveryDuplicate>(d)) return "duplicate";
  return std::get<Refusal>(d).code;
}

TEST(DeliveryRules, ASendingItsCorrectionAndANewSending) {
  const std::vector<Delivery> none;
  EXPECT_EQ(code(decide_delivery(none, rec(1, false, "2025-01-08"))), "append");
  EXPECT_EQ(code(decide_delivery(none, rec(1, true, "2025-01-08"))), "void_target");  // nothing sent
  EXPECT_EQ(code(decide_delivery(none, rec(2, false, "2025-01-08"))), "seq_gap");
  const std::vector<Delivery> sent{rec(1, false, "2025-01-08", R"({"date":"2025-01-08"})")};
  EXPECT_EQ(counting_delivery(sent), &sent[0]);
  EXPECT_EQ(code(decide_delivery(sent, rec(1, false, "2025-01-08", R"({"date":"2025-01-08"})"))), "duplicate");
  EXPECT_EQ(code(decide_delivery(sent, rec(1, false, "2025-01-09", R"({"date":"2025-01-09"})"))), "seq_conflict");
  EXPECT_EQ(code(decide_delivery(sent, rec(2, false, "2025-01-09"))), "seq_conflict");  // already sent
  EXPECT_EQ(code(decide_delivery(sent, rec(2, true, "2025-01-07"))), "bad_transition");  // before the sending
  EXPECT_EQ(code(decide_delivery(sent, rec(2, true, "2025-01-09"))), "append");
  const std::vector<Delivery> voided{sent[0], rec(2, true, "2025-01-09")};
  EXPECT_EQ(counting_delivery(voided), nullptr);
  EXPECT_EQ(code(decide_delivery(voided, rec(3, true, "2025-01-10"))), "void_target");  // already voided
  EXPECT_EQ(code(decide_delivery(voided, rec(3, false, "2025-01-08"))), "bad_transition");
  EXPECT_EQ(code(decide_delivery(voided, rec(3, false, "2025-01-10"))), "append");
}

// Luật THADS 2008 Art. 38: sent within 3 working days of the decision.
TEST(DeliveryRules, TheStatusAgainstTheArticle38DueDay) {
  const Date due = *Date::parse("2025-02-17");
  EXPECT_EQ(kSendToProcuracyWorkingDays, 3);
  EXPECT_EQ(delivery_status(due, *Date::parse("2025-02-17"), *Date::parse("2025-03-01")), "on_time");
  EXPECT_EQ(delivery_status(due, *Date::parse("2025-02-18"), *Date::parse("2025-03-01")), "late");
  EXPECT_EQ(delivery_status(due, std::nullopt, *Date::parse("2025-02-17")), "pending");
  EXPECT_EQ(delivery_status(due, std::nullopt, *Date::parse("2025-02-18")), "overdue");
}

}  // namespace
}  // namespace thads::accountability
