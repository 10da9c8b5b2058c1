// Each event type carries its own payload struct (domain/event.h): the parser
// puts every interchange field into the struct of its type, under its own
// name, and the variant's index is the event's type.
#include "domain/event.h"

#include <gtest/gtest.h>

#include "../support/builders.h"
#include "domain/interchange.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::must_event;
using testing::opened_line;

Event ev(const std::string& type, const std::string& payload) {
  return must_event(ev_line("P1", 2, type, "2025-03-04", payload));
}

TEST(EventPayload, TheVariantHoldsThePayloadOfTheEventsOwnType) {
  const Event opened = must_event(opened_line("P1", "2025-03-03", "HN", 5'000'000));
  ASSERT_TRUE(opened.opened());
  EXPECT_EQ(opened.opened()->agency, "HN");
  EXPECT_EQ(opened.payload.index(), static_cast<size_t>(EventType::case_opened));

  const std::vector<std::pair<std::string, std::string>> lines{
      {"officer_assigned", R"("officer":"CHV-1")"},
      {"notified", ""},
      {"verified", R"("result":"unable","reason":"không có tài sản")"},
      {"unable_decided", R"("reason":"address_unknown","prisoner":true,"grounds_date":"2025-03-01")"},
      {"postponed", R"("ground":"48.1.c","grounds_date":"2025-03-02")"},
      {"suspended", R"("ground":"bankruptcy")"},
      {"collected", R"("amount":1500000,"method":"settled")"},
      {"paid_out", R"("amount":700000,"to":"Trần Thị B")"},
      {"reduced", R"("amount":300000)"},
      {"terminated", R"("ground":"50.1.c")"},
      {"entrusted_out", R"("to_agency":"HCM")"},
      {"pulled_up", R"("to_agency":"CQL")"},
      {"coercion_planned", R"("scheduled_date":"2025-03-20","measure":"kê biên","mobilised_forces":true)"},
      {"coercion_executed", R"("measure":"kê biên")"},
      {"voided", R"("voids":1,"reason":"nhập nhầm")"},
      {"reversed", R"("reverses":1,"reason":"sai số tiền")"},
      {"reversal_approved", R"("approves":1)"},
  };
  for (const auto& [type, payload] : lines) {
    const Event e = ev(type, payload);
    EXPECT_EQ(to_string(e.type), type);
    EXPECT_EQ(e.payload.index(), static_cast<size_t>(e.type)) << type;
  }

  EXPECT_EQ(ev("officer_assigned", lines[0].second).as<OfficerAssigned>().officer, "CHV-1");
  const Verified v = ev("verified", lines[2].second).as<Verified>();
  EXPECT_EQ(v.result, "unable");
  EXPECT_EQ(v.reason, "không có tài sản");
  const UnableDecided u = ev("unable_decided", lines[3].second).as<UnableDecided>();
  EXPECT_EQ(u.reason, "address_unknown");
  EXPECT_TRUE(u.prisoner);
  EXPECT_EQ(u.grounds_date, Date::parse("2025-03-01"));
  EXPECT_EQ(ev("postponed", lines[4].second).as<Postponed>().ground, "48.1.c");
  EXPECT_EQ(ev("suspended", lines[5].second).as<Suspended>().ground, "bankruptcy");
  const Collected c = ev("collected", lines[6].second).as<Collected>();
  EXPECT_EQ(c.amount, 1'500'000);
  EXPECT_EQ(c.method, "settled");
  const PaidOut p = ev("paid_out", lines[7].second).as<PaidOut>();
  EXPECT_EQ(p.amount, 700'000);
  EXPECT_EQ(p.to, "Trần Thị B");
  EXPECT_EQ(ev("reduced", lines[8].second).as<Reduced>().amount, 300'000);
  EXPECT_EQ(ev("terminated", lines[9].second).as<Terminated>().ground, "50.1.c");
  EXPECT_EQ(ev("entrusted_out", lines[10].second).as<EntrustedOut>().to_agency, "HCM");
  EXPECT_EQ(ev("pulled_up", lines[11].second).as<PulledUp>().to_agency, "CQL");
  const CoercionPlanned plan = ev("coercion_planned", lines[12].second).as<CoercionPlanned>();
  EXPECT_EQ(plan.scheduled_date, *Date::parse("2025-03-20"));
  EXPECT_EQ(plan.measure, "kê biên");
  EXPECT_TRUE(plan.mobilised_forces);
  EXPECT_EQ(ev("coercion_executed", lines[13].second).as<CoercionExecuted>().measure, "kê biên");
  const Voided vd = ev("voided", lines[14].second).as<Voided>();
  EXPECT_EQ(vd.voids, 1);
  EXPECT_EQ(vd.reason, "nhập nhầm");
  EXPECT_EQ(ev("reversed", lines[15].second).as<Reversed>().reverses, 1);
  EXPECT_EQ(ev("reversal_approved", lines[16].second).as<ReversalApproved>().approves, 1);
}

TEST(EventPayload, SharedReadersAnswerOnlyForTheTypesThatHaveTheField) {
  EXPECT_EQ(amount_of(ev("collected", R"("amount":10,"method":"voluntary")")), 10);
  EXPECT_EQ(amount_of(ev("paid_out", R"("amount":20,"to":"X")")), 20);
  EXPECT_EQ(amount_of(ev("reduced", R"("amount":30)")), 30);
  EXPECT_EQ(amount_of(ev("notified", "")), 0);
  EXPECT_EQ(grounds_date_of(ev("terminated", R"("ground":"50.1.a","grounds_date":"2025-02-01")")),
            Date::parse("2025-02-01"));
  EXPECT_EQ(grounds_date_of(ev("collected", R"("amount":10,"method":"voluntary")")), std::nullopt);
  EXPECT_EQ(to_agency_of(ev("pulled_up", R"("to_agency":"CQL")")), "CQL");
  EXPECT_EQ(to_agency_of(ev("officer_assigned", R"("officer":"CQL")")), "");
}

TEST(EventPayload, SetTypeGivesTheEmptyPayloadOfThatType) {
  Event e;
  for (int i = 0; i < kEventTypeCount; ++i) {
    e.set_type(static_cast<EventType>(i));
    EXPECT_EQ(e.payload.index(), static_cast<size_t>(i));
  }
  e.set_type(EventType::collected);
  EXPECT_EQ(e.as<Collected>().amount, 0);
  EXPECT_THROW((void)e.as<PaidOut>(), std::bad_variant_access);
  EXPECT_EQ(e.if_is<PaidOut>(), nullptr);
}

}  // namespace
}  // namespace thads
