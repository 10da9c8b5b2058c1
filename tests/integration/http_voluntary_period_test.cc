// The voluntary period (Luật THADS Art. 45(1)) has one definition
// (domain/deadlines.h voluntary_period_end): the deadline engine's `verify`
// period, the case page's ledger and the fee estimate all follow it, also
// when day 10 falls on a day off and the end moves to the next working day
// (BLDS 2015 Art. 148(5)). Before, the ledger used plain calendar days.
#include <gtest/gtest.h>

#include <sstream>

#include "app/calendar_source.h"
#include "app/import.h"
#include "domain/deadlines.h"
#include "app/case_detail.h"
#include "../support/builders.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

using testing::agency_lines;
using testing::ev_line;

std::string on_request_case(const std::string& id, const std::string& date) {
  return R"({"kind":"event","case":")" + id + R"(","seq":1,"type":"case_opened","date":")" + date +
         R"(","agency":"HN","mode":"on_request","request_date":")" + date +
         R"(","judgment_kind":"civil","judgment":{"number":"7/2024/DS-ST","court":"TAND","date":"2024-01-02","effective_date":"2024-02-01"},)"
         R"("debtor":{"name":"Trần Văn An","kind":"person"},"creditor":{"name":"Lê Thị Bích","kind":"person"},)"
         R"("obligations":[{"category":"other_money","amount":900000000}]})";
}

TEST(VoluntaryPeriod, LedgerFollowsTheDeadlineEngineWhenDayTenIsADayOff) {
  const Calendar cal = official_calendar_with({});
  // Notified on Wednesday 05/03/2025: day 10 is Saturday 15/03, so the period
  // ends on Monday 17/03.
  const Date notified = *Date::parse("2025-03-05");
  const Date end = voluntary_period_end(notified, cal);
  ASSERT_EQ(end.iso(), "2025-03-17");
  ASSERT_NE(end, notified.plus_days(10));  // the case the old ledger got wrong

  auto store = Store::open(testing::fresh_location("sqlite"));
  std::stringstream in(agency_lines() + on_request_case("V1", "2025-03-03") + "\n" +
                       ev_line("V1", 2, "notified", "2025-03-05") + "\n" +
                       ev_line("V1", 3, "collected", end.iso(), R"("amount":100000000,"method":"voluntary")") + "\n" +
                       ev_line("V1", 4, "collected", end.plus_days(1).iso(),
                               R"("amount":100000000,"method":"voluntary")") +
                       "\n");
  ImportOptions opt;
  opt.now_unix = testing::kLateNow;
  ASSERT_TRUE(import_jsonl(*store, in, opt).ok());

  auto d = load_case_detail(*store, "V1", *Date::parse("2025-04-01"));
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->ledger.collections.size(), 2u);
  EXPECT_TRUE(d->ledger.collections[0].voluntary_period);  // paid on the period's last day
  EXPECT_EQ(d->ledger.collections[0].fee, 0);
  EXPECT_FALSE(d->ledger.collections[1].voluntary_period);  // the day after
  EXPECT_GT(d->ledger.collections[1].fee, 0);

  // The deadline engine names the same end in its verify deadline.
  bool seen = false;
  for (const auto& dl : d->deadlines.report.deadlines)
    if (dl.action == "verify") {
      seen = true;
      EXPECT_NE(dl.note.find(end.vn()), std::string::npos) << dl.note;
    }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace thads
