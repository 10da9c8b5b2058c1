#include "domain/interchange.h"

#include <gtest/gtest.h>

#include "../support/builders.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

std::string code_of(const std::string& line, int64_t now = testing::kLateNow) {
  Record r = parse_line(line, now);
  if (auto* x = std::get_if<Refusal>(&r)) return x->code;
  return "accepted";
}

TEST(Interchange, SkipsBlankAndCommentLines) {
  EXPECT_TRUE(std::holds_alternative<Skip>(parse_line("", 0)));
  EXPECT_TRUE(std::holds_alternative<Skip>(parse_line("   ", 0)));
  EXPECT_TRUE(std::holds_alternative<Skip>(parse_line("// comment", 0)));
}

TEST(Interchange, RefusalOrderEnvelopeBeforeType) {
  EXPECT_EQ(code_of("not json"), "bad_field");
  EXPECT_EQ(code_of(R"({"kind":"weird"})"), "unknown_kind");
  EXPECT_EQ(code_of(R"({"case":"A"})"), "bad_field");
  // A bad date and an unknown type: bad_field (envelope) wins.
  EXPECT_EQ(code_of(R"({"kind":"event","case":"A","seq":2,"type":"teleported","date":"2025-02-30"})"), "bad_field");
  EXPECT_EQ(code_of(R"({"kind":"event","case":"A","seq":2,"type":"teleported","date":"2025-02-03"})"), "unknown_type");
  // Unknown type wins over a bad payload.
  EXPECT_EQ(code_of(R"({"kind":"event","case":"A","seq":2,"type":"teleported","date":"2025-02-03","amount":-1})"),
            "unknown_type");
}

// interchange.md, "event": an act is recorded on or after its date; the day
// of recorded_at is taken in Vietnam time (UTC+7).
TEST(Interchange, DateAfterTheDayRecordedIsBadField) {
  const std::string base = R"({"kind":"event","case":"A","seq":2,"type":"notified","date":"2025-03-04")";
  EXPECT_EQ(code_of(base + R"(,"recorded_at":"2025-03-04T08:00:00+07:00"})"), "accepted");
  EXPECT_EQ(code_of(base + R"(,"recorded_at":"2025-03-03T23:59:00+07:00"})"), "bad_field");
  // 17:00 UTC on the 3rd is already 00:00 on the 4th in Vietnam.
  EXPECT_EQ(code_of(base + R"(,"recorded_at":"2025-03-03T17:00:00Z"})"), "accepted");
  EXPECT_EQ(code_of(base + R"(,"recorded_at":"2025-03-03T16:59:59Z"})"), "bad_field");
  // Without recorded_at, the import time counts.
  const int64_t noon_3rd_vn = 1740978000;  // 2025-03-03T05:00:00Z = 12:00 in Hà Nội
  EXPECT_EQ(code_of(base + "}", noon_3rd_vn), "bad_field");
  EXPECT_EQ(code_of(base + "}", noon_3rd_vn + 86400), "accepted");
  // A planned date may lie ahead.
  EXPECT_EQ(code_of(R"({"kind":"event","case":"A","seq":2,"type":"coercion_planned","date":"2025-03-04",)"
                    R"("scheduled_date":"2025-05-01","measure":"kê biên","mobilised_forces":false})",
                    noon_3rd_vn + 86400),
            "accepted");
  // Read back from the journal, an event stored before the rule still parses.
  EXPECT_TRUE(parse_stored_event(base + "}", noon_3rd_vn).has_value());
}

TEST(Interchange, AmountsMustBePositiveIntegers) {
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":5,"method":"voluntary")")), "accepted");
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":0,"method":"voluntary")")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":5.5,"method":"voluntary")")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":"5","method":"voluntary")")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":5,"method":"magic")")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "collected", "2025-01-02", R"("amount":99999999999999999999,"method":"voluntary")")),
            "bad_field");
}

TEST(Interchange, CaseOpenedRules) {
  EXPECT_EQ(code_of(opened_line("A", "2025-01-02", "HN", 100)), "accepted");
  EXPECT_EQ(code_of(opened_line("A", "2025-01-02", "HN", -5)), "bad_field");
  // on_request needs request_date; proactive must not have one.
  std::string no_req = opened_line("A", "2025-01-02", "HN", 100, "on_request");
  no_req.replace(no_req.find(R"(,"request_date")"), 29, "");
  EXPECT_EQ(code_of(no_req), "bad_field");
  // deliver_asset takes no amount; court_fee needs one.
  std::string deliver = opened_line("A", "2025-01-02", "HN", 100);
  deliver.replace(deliver.find("court_fee"), 9, "deliver_asset");
  EXPECT_EQ(code_of(deliver), "bad_field");
}

// opened_line's judgment is dated 2024-01-02 and takes effect 2024-02-01.
std::string with_judgment(std::string line, const std::string& date, const std::string& effective) {
  line.replace(line.find("2024-01-02"), 10, date);
  line.replace(line.find("2024-02-01"), 10, effective);
  return line;
}

// A decision to enforce is issued on a judgment already pronounced
// (L.THADS Art. 2(1), 36): judgment.date after the case_opened date is bad_field.
TEST(Interchange, JudgmentDatedAfterTheDecisionIsBadField) {
  EXPECT_EQ(code_of(with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2025-01-02", "2025-01-02")), "accepted");
  EXPECT_EQ(code_of(with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2025-01-03", "2025-01-03")), "bad_field");
  Record r = parse_line(with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2031-05-01", "2031-06-01"), testing::kLateNow);
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_NE(std::get<Refusal>(r).message.find("judgment.date"), std::string::npos);
}

// A judgment takes effect on or after the day it is pronounced (L.THADS
// Art. 2(1); BLTTDS 2015 Art. 282).
TEST(Interchange, EffectiveDateBeforeTheJudgmentIsBadField) {
  EXPECT_EQ(code_of(with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2024-06-01", "2024-06-01")), "accepted");
  EXPECT_EQ(code_of(with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2024-06-01", "2024-05-31")), "bad_field");
}

// A coercion plan is for a coercion to come (L.THADS Art. 72).
TEST(Interchange, CoercionScheduledBeforeThePlanIsBadField) {
  auto plan = [](const std::string& scheduled) {
    return ev_line("A", 2, "coercion_planned", "2025-03-04",
                   R"("scheduled_date":")" + scheduled + R"(","measure":"kê biên","mobilised_forces":true)");
  };
  EXPECT_EQ(code_of(plan("2025-03-04")), "accepted");
  EXPECT_EQ(code_of(plan("2025-04-10")), "accepted");
  EXPECT_EQ(code_of(plan("2025-03-03")), "bad_field");
  EXPECT_EQ(code_of(plan("2020-01-01")), "bad_field");
}

// thads rule (docs/interchange.md "Field lengths"): required text may not be
// blank, and free text has a maximum length in code points.
TEST(Interchange, BlankRequiredTextIsBadField) {
  EXPECT_EQ(code_of(ev_line("A", 2, "paid_out", "2025-01-02", R"("amount":5,"to":"Nguyễn Văn An")")), "accepted");
  EXPECT_EQ(code_of(ev_line("A", 2, "paid_out", "2025-01-02", R"("amount":5,"to":"   ")")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "paid_out", "2025-01-02", "\"amount\":5,\"to\":\"\xC2\xA0\\t\"")), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "voided", "2025-01-02", R"("voids":1,"reason":" ")")), "bad_field");
  std::string blank_debtor = opened_line("A", "2025-01-02", "HN", 100);
  blank_debtor.replace(blank_debtor.find("Nguyễn Văn Bình"), std::string("Nguyễn Văn Bình").size(), "  ");
  EXPECT_EQ(code_of(blank_debtor), "bad_field");
  // An optional field may be left blank.
  EXPECT_EQ(code_of(ev_line("A", 2, "verified", "2025-01-02", R"("result":"able","reason":"")")), "accepted");
}

TEST(Interchange, FreeTextLengthsAreLimitedInCodePoints) {
  auto payee = [](const std::string& to) {
    return ev_line("A", 2, "paid_out", "2025-01-02", R"("amount":5,"to":")" + to + "\"");
  };
  std::string vn500;  // 500 code points, 1,500 bytes: within the limit
  for (int i = 0; i < 500; ++i) vn500 += "ễ";
  EXPECT_EQ(code_of(payee(vn500)), "accepted");
  EXPECT_EQ(code_of(payee(vn500 + "a")), "bad_field");
  Record r = parse_line(payee(std::string(10'000, 'x')), testing::kLateNow);
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_EQ(std::get<Refusal>(r).code, "bad_field");
  EXPECT_NE(std::get<Refusal>(r).message.find("at most 500"), std::string::npos);

  std::string long_name = opened_line("A", "2025-01-02", "HN", 100);
  long_name.replace(long_name.find("Nguyễn Văn Bình"), std::string("Nguyễn Văn Bình").size(), std::string(20'000, 'N'));
  EXPECT_EQ(code_of(long_name), "bad_field");
  std::string long_address = opened_line("A", "2025-01-02", "HN", 100);
  long_address.replace(long_address.find(R"("kind":"person")"), 15, R"("kind":"person","address":")" + std::string(501, 'a') + "\"");
  EXPECT_EQ(code_of(long_address), "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "verified", "2025-01-02", R"("result":"able","reason":")" + std::string(2000, 'r') + "\"")),
            "accepted");
  EXPECT_EQ(code_of(ev_line("A", 2, "verified", "2025-01-02", R"("result":"able","reason":")" + std::string(2001, 'r') + "\"")),
            "bad_field");
  EXPECT_EQ(code_of(ev_line("A", 2, "coercion_executed", "2025-01-02", R"("measure":")" + std::string(501, 'm') + "\"")),
            "bad_field");
  EXPECT_EQ(code_of(ev_line(std::string(101, 'C'), 2, "notified", "2025-01-02")), "bad_field");
}

// Events already in the journal are read back without the rules for new
// records, so a store written before them stays readable.
TEST(Interchange, JournalEventsSkipTheRulesForNewRecords) {
  const std::string late = with_judgment(opened_line("A", "2025-01-02", "HN", 100), "2025-02-01", "2025-01-01");
  EXPECT_EQ(code_of(late), "bad_field");
  EXPECT_TRUE(parse_stored_event(late, testing::kLateNow).has_value());
  const std::string blank = ev_line("A", 2, "paid_out", "2025-01-02", R"("amount":5,"to":" ")");
  EXPECT_TRUE(parse_stored_event(blank, testing::kLateNow).has_value());
}

TEST(Interchange, ReferenceRecords) {
  Record r = parse_line(R"({"kind":"target","agency":"HN","fiscal_year":2025,"cases_rate":83.9,"money_rate":51.9})", 0);
  auto* t = std::get_if<TargetRecord>(&r);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->cases_rate_x100, 8390);
  EXPECT_EQ(t->money_rate_x100, 5190);
  EXPECT_EQ(code_of(R"({"kind":"agency","code":"X","name":"n","level":"galaxy","parent":null})"), "bad_field");
  EXPECT_EQ(code_of(R"({"kind":"format","v":2})"), "bad_field");
}

TEST(Interchange, RecordedAtDefaultsAndParses) {
  Event e = testing::must_event(ev_line("A", 2, "notified", "2025-01-02"), 1'790'000'000);
  EXPECT_EQ(e.recorded_at, 1'790'000'000);
  Event f = testing::must_event(ev_line("A", 2, "notified", "2025-01-02", R"("recorded_at":"2025-10-05T17:00:00+07:00")"));
  EXPECT_EQ(f.recorded_at, *parse_rfc3339("2025-10-05T10:00:00Z"));
  EXPECT_EQ(code_of(ev_line("A", 2, "notified", "2025-01-02", R"("recorded_at":"yesterday")")), "bad_field");
}

TEST(Interchange, SameRecordIgnoresDefaultedRecordedAt) {
  const std::string a = R"({"kind":"event","case":"A","seq":2,"type":"notified","date":"2025-01-02"})";
  const std::string b = R"({"date":"2025-01-02","case":"A","seq":2,"type":"notified","kind":"event","recorded_at":"2025-01-02T00:00:00Z"})";
  const std::string c = R"({"kind":"event","case":"A","seq":2,"type":"notified","date":"2025-01-03"})";
  EXPECT_TRUE(same_record(a, b));
  EXPECT_FALSE(same_record(a, c));
  const std::string d = R"({"kind":"event","case":"A","seq":2,"type":"notified","date":"2025-01-02","recorded_at":"2025-01-03T00:00:00Z"})";
  EXPECT_FALSE(same_record(b, d));  // both written: they must agree
}

TEST(Interchange, AsKnownAtDateMeansEndOfDayInVietnam) {
  EXPECT_EQ(*parse_as_known_at("2025-10-05"), *parse_rfc3339("2025-10-05T23:59:59+07:00"));
  EXPECT_EQ(vn_date_of(*parse_rfc3339("2025-10-05T18:00:00Z")).iso(), "2025-10-06");
}

}  // namespace
}  // namespace thads
