// The request ledger's calendar (store/coordination_store.h
// stored_calendar): built once and kept while the holidays table stays the
// same, built again as soon as a holiday record changes it, on both stores.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "domain/interchange.h"
#include "modules/coordination/store/coordination_store.h"

namespace thads::coordination {
namespace {

class StoredCalendar : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(testing::fresh_location(GetParam()));
  }
  void import(const std::string& lines) {
    std::istringstream in(lines);
    ImportOptions o;
    o.now_unix = *parse_rfc3339("2026-01-05T03:00:00Z");
    auto r = import_jsonl(*store, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  }
  std::unique_ptr<Store> store;
};

TEST_P(StoredCalendar, IsKeptWhileTheHolidaysStayAndFollowsAChange) {
  const Date day = *Date::parse("2026-03-10");  // a Tuesday
  auto first = stored_calendar(store->db());
  EXPECT_FALSE(first->is_day_off(day));
  EXPECT_EQ(stored_calendar(store->db()).get(), first.get());  // not built again
  import(R"({"kind":"holiday","date":"2026-03-10","type":"day_off","name":"Nghỉ bù"})"
         "\n");
  auto second = stored_calendar(store->db());
  EXPECT_NE(second.get(), first.get());
  EXPECT_TRUE(second->is_day_off(day));
  EXPECT_EQ(second->name_of(day).value_or(""), "Nghỉ bù");
  EXPECT_EQ(stored_calendar(store->db()).get(), second.get());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredCalendar, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::coordination
