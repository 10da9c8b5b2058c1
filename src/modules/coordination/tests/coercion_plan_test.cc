// Coercion plans (issue 16 item 5; Luật THADS 2008 Art. 46(2), 72; NĐ 62/2015
// Art. 13(2),(3); NĐ 152/2026 Art. 42(2),(3)) on both stores: one act
// records the plan, the case's coercion_planned event and the three requests
// of Art. 72(2) (police `protection` due in 3 working days, the commune, the
// procuracy); each ban is a refusal that a head overrides with a reason in
// the record and an officer cannot; a missing body writes nothing; export
// then import into an empty store gives the same records, re-import is
// idempotent, and the import refuses what the use case refuses.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/calendar_source.h"
#include "app/case_deadlines.h"
#include "app/case_detail.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "modules/coordination/app/case_requests.h"
#include "modules/coordination/app/coercion_plans.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/steering/app/steering_use_cases.h"

namespace thads::coordination {
namespace {

using json = nlohmann::json;

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"HCM","level":"province","parent":"CQL"}
{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1","court":"T","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person","id_number":"001085012345"},"creditor":{"name":"C","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}]}
{"kind":"event","case":"HN-1","seq":2,"type":"officer_assigned","date":"2025-01-06","officer":"HN-CHV-1"}
{"kind":"body","code":"HN-CA","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"KV1-UBND","name":"UBND phường Cầu Giấy","type":"people_committee","agency":"HN-KV1"}
{"kind":"body","code":"HN-VKS","name":"Viện kiểm sát nhân dân thành phố Hà Nội","type":"procuracy","agency":"HN"}
)";

using testing::user;  // tests/support/test_users.h
const User kOfficer = user("officer1", Role::officer, "HN-KV1", "HN-CHV-1");
const User kHead = user("head1", Role::head, "HN-KV1");
const User kOtherHead = user("head9", Role::head, "HCM");

// A plan on a Wednesday at 08:00 that breaks no ban.
json plan(const std::string& date = "2025-03-12", const std::string& time = "08:00") {
  return {{"date", "2025-03-05"},
          {"measure", "seize_assets"},
          {"scheduled_date", date},
          {"start_time", time},
          {"place", "Số 1 phố Cầu Giấy, Hà Nội"},
          {"method", "Kê biên nhà đất; niêm phong tài sản"},
          {"forces", {{"police", 10}, {"commune", 3}, {"militia", 4}, {"other", 1}, {"other_note", "Thẩm định giá"}}},
          {"costs", json::array({{{"item", "Bồi dưỡng lực lượng"}, {"amount", 4500000}},
                                 {{"item", "Thuê phương tiện"}, {"amount", 1500000}}})}};
}

std::string code_of(const std::variant<PlanView, Refusal>& r) {
  return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : "";
}

class CoercionPlans : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_EQ(import(*store, kSeed), "");
  }
  std::string import(Store& s, const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = now;
    auto r = import_jsonl(s, in, o);
    return r.ok() ? "" : r.refusals.front().refusal.code;
  }
  std::string exported(Store& s) {
    std::ostringstream out;
    export_jsonl(s, out);
    return out.str();
  }
  std::unique_ptr<Store> store;
  int64_t now = std::time(nullptr);
};

TEST_P(CoercionPlans, OneActRecordsThePlanItsEventAndTheThreeRequests) {
  auto r = record_coercion_plan(*store, kOfficer, "HN-1", plan(), now);
  ASSERT_EQ(code_of(r), "") << std::get<Refusal>(r).message;
  const CoercionPlan& p = std::get<PlanView>(r).plan;
  EXPECT_EQ(p.person_name, "Nguyễn Văn Bình");  // the debtor by default
  EXPECT_EQ(p.person_id, "001085012345");
  EXPECT_EQ(p.cost_total, 6000000);
  EXPECT_EQ(p.event_seq, 3);
  const std::vector<Event> events = store->load_stream("HN-1");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].type, EventType::coercion_planned);
  EXPECT_TRUE(events[2].as<CoercionPlanned>().mobilised_forces);
  EXPECT_EQ(events[2].as<CoercionPlanned>().scheduled_date, *Date::parse("2025-03-12"));
  // Art. 72(2): the police (protection plan within 3 working days), the
  // commune People's Committee of the case's area and the procuracy.
  LedgerFilter f;
  f.case_id = "HN-1";
  const std::vector<LedgerRow> rows = ledger_rows(store->db(), f);
  ASSERT_EQ(rows.size(), 3u);
  std::map<std::string, LedgerRow> by_body;
  for (const LedgerRow& row : rows) by_body[row.body] = row;
  ASSERT_TRUE(by_body.count("HN-CA") && by_body.count("KV1-UBND") && by_body.count("HN-VKS"));
  EXPECT_EQ(by_body["HN-CA"].purpose, "protection");
  EXPECT_EQ(by_body["HN-CA"].id, p.police_request);
  EXPECT_EQ(by_body["HN-CA"].answer_due, Date::parse("2025-03-10"));  // Thu, Fri, Mon
  EXPECT_EQ(by_body["HN-VKS"].purpose, "other");
  EXPECT_EQ(by_body["HN-VKS"].subject_id, "001085012345");

  // Another user outside the subtree sees nothing; the clerk may not plan.
  EXPECT_EQ(code_of(record_coercion_plan(*store, kOtherHead, "HN-1", plan(), now)), "not_found");
  EXPECT_EQ(code_of(record_coercion_plan(*store, user("clerk1", Role::clerk, "HN-KV1"), "HN-1", plan(), now)), "forbidden");

  // While the plan stands, the case page lists it with its recipients and
  // the head's key-case proposals name the case (a mobilised coercion).
  const Date today = *Date::parse("2025-03-06");
  auto planned_on_page = [&] {
    return case_requests(*store, kOfficer, "HN-1", "HN-KV1", "HN-CHV-1", store->load_stream("HN-1"), today)
        .coercion_plans.size();
  };
  auto proposal_reasons_of_case = [&] {
    auto all = steering::proposal_candidates(*store, kHead, today);
    for (const steering::Candidate& c : std::get<std::vector<steering::Candidate>>(all))
      if (c.facts.case_id == "HN-1") return c.reasons;
    return std::vector<std::string>{};
  };
  EXPECT_EQ(planned_on_page(), 1u);
  EXPECT_EQ(proposal_reasons_of_case(), std::vector<std::string>{"coercion_planned"});

  // Voiding the plan: recorded with its reason, once. Its coercion_planned
  // event stays (interchange v1 cannot void it), but neither the case page
  // nor the key-case proposals count the voided plan any more.
  auto v = void_coercion_plan(*store, kOfficer, "HN-1", 1, "Người phải thi hành án đã tự nguyện thi hành", now);
  ASSERT_EQ(code_of(v), "");
  EXPECT_TRUE(std::get<PlanView>(v).voided);
  EXPECT_EQ(store->load_stream("HN-1").size(), 3u);
  EXPECT_EQ(planned_on_page(), 0u);
  EXPECT_TRUE(proposal_reasons_of_case().empty());
  auto listed = coercion_plans(*store, kOfficer, "HN-1");
  ASSERT_TRUE(std::holds_alternative<std::vector<PlanView>>(listed));
  EXPECT_EQ(std::get<std::vector<PlanView>>(listed).at(0).void_reason, "Người phải thi hành án đã tự nguyện thi hành");
  EXPECT_EQ(code_of(void_coercion_plan(*store, kOfficer, "HN-1", 1, "lại", now)), "bad_transition");
  EXPECT_EQ(code_of(void_coercion_plan(*store, kOfficer, "HN-1", 5, "x", now)), "not_found");
}

TEST_P(CoercionPlans, EachBanIsARefusalAHeadOverridesWithAReasonAndAnOfficerCannot) {
  struct Case {
    std::string code;
    json fields;
  };
  json night = plan("2025-03-12", "22:30");
  json day_off = plan("2025-03-15");  // a Saturday
  json tet = plan("2026-02-26");      // within 15 days after Tết Bính Ngọ (17/02/2026)
  tet["date"] = "2026-02-10";
  json report = plan("2025-03-12");  // reported Monday: less than 5 working days before
  report["large"] = true;
  report["chairman_report_date"] = "2025-03-10";
  // In date order: the case's events follow one another.
  for (const Case& c : {Case{"coercion_at_night", night}, Case{"coercion_on_day_off", day_off},
                        Case{"chairman_report_late", report}, Case{"coercion_near_tet", tet}}) {
    const int64_t before = store->journal_position();
    auto r = record_coercion_plan(*store, kOfficer, "HN-1", c.fields, now);
    ASSERT_EQ(code_of(r), c.code);
    EXPECT_FALSE(std::get<Refusal>(r).article.empty()) << c.code;
    json with = c.fields;
    with["overrides"] = json::array({{{"ban", c.code}, {"reason", "Tài sản sắp bị tẩu tán"}}});
    EXPECT_EQ(code_of(record_coercion_plan(*store, kOfficer, "HN-1", with, now)), "override_forbidden") << c.code;
    EXPECT_EQ(code_of(record_coercion_plan(*store, kOtherHead, "HN-1", with, now)), "not_found") << c.code;
    EXPECT_EQ(store->journal_position(), before) << c.code;  // refusals write nothing
    auto ok = record_coercion_plan(*store, kHead, "HN-1", with, now);
    ASSERT_EQ(code_of(ok), "") << c.code << ": " << std::get<Refusal>(ok).message;
    const PlanView& v = std::get<PlanView>(ok);
    ASSERT_EQ(v.plan.overrides.size(), 1u);
    EXPECT_EQ(v.plan.overrides[0].by, "head1");
    EXPECT_NE(v.plan.raw.find("Tài sản sắp bị tẩu tán"), std::string::npos);  // in the record, so in the chain
    ASSERT_EQ(v.bans.size(), 1u);
    EXPECT_EQ(v.bans[0].code, c.code);
  }
  // From 01/07/2026 the report need only come before the coercion (NĐ 152/2026 Art. 42(3)).
  json later = plan("2026-12-09");
  later["date"] = "2026-12-01";
  later["large"] = true;
  later["chairman_report_date"] = "2026-12-08";
  EXPECT_EQ(code_of(record_coercion_plan(*store, kOfficer, "HN-1", later, now)), "");
  later["chairman_report_date"] = "2026-12-09";
  EXPECT_EQ(code_of(record_coercion_plan(*store, kOfficer, "HN-1", later, now)), "chairman_report_late");
  // An override of a ban the plan does not break is refused.
  json stray = plan();
  stray["overrides"] = json::array({{{"ban", "coercion_at_night"}, {"reason", "x"}}});
  EXPECT_EQ(code_of(record_coercion_plan(*store, kHead, "HN-1", stray, now)), "bad_field");
}

// The core's deadline warnings for a plan's day (Luật THADS 2008 Art. 46(2):
// no coercion on a day off) stand while the plan stands and go with it: a
// voided plan's coercion_planned event is set aside (set_aside_events), in
// `thads deadlines --id`, the API and the case page alike.
TEST_P(CoercionPlans, AVoidedPlanRaisesNoDeadlineWarning) {
  json day_off = plan("2025-03-15");  // a Saturday
  day_off["overrides"] = json::array({{{"ban", "coercion_on_day_off"}, {"reason", "Ngày duy nhất lực lượng sẵn sàng"}}});
  ASSERT_EQ(code_of(record_coercion_plan(*store, kHead, "HN-1", day_off, now)), "");
  const Date today = *Date::parse("2025-03-06");
  auto warned = [&] {  // the coercion warnings (the page also says a deadline was missed)
    std::vector<std::string> codes;
    auto d = case_deadlines(*store, "HN-1", today);
    for (const Warning& w : std::get<CaseDeadlines>(d).report.warnings)
      if (w.code.starts_with("coercion_")) codes.push_back("deadlines:" + w.code);
    auto page = load_case_detail(*store, "HN-1", today);
    for (const CaseWarning& w : page->warnings)
      if (w.code.starts_with("coercion_")) codes.push_back("page:" + w.code);
    return codes;
  };
  EXPECT_EQ(warned(), (std::vector<std::string>{"deadlines:coercion_on_day_off", "page:coercion_on_day_off"}));
  ASSERT_EQ(code_of(void_coercion_plan(*store, kHead, "HN-1", 1, "Lập sai ngày", now)), "");
  EXPECT_EQ(store->load_stream("HN-1").size(), 3u);  // the event stays in the history
  EXPECT_EQ(warned(), std::vector<std::string>{});
  // A new plan on a day off warns again: only the voided plan's event is set aside.
  ASSERT_EQ(code_of(record_coercion_plan(*store, kHead, "HN-1", day_off, now)), "");
  EXPECT_EQ(warned(), (std::vector<std::string>{"deadlines:coercion_on_day_off", "page:coercion_on_day_off"}));
}

TEST_P(CoercionPlans, AMissingPoliceBodyWritesNothing) {
  auto s = Store::open(testing::fresh_location(GetParam()));
  std::string seed = kSeed;
  seed.erase(seed.find(R"({"kind":"body","code":"HN-CA")"), seed.find(R"({"kind":"body","code":"KV1-UBND")") -
                                                                 seed.find(R"({"kind":"body","code":"HN-CA")"));
  ASSERT_EQ(import(*s, seed), "");
  const int64_t before = s->journal_position();
  auto r = record_coercion_plan(*s, kOfficer, "HN-1", plan(), now);
  ASSERT_EQ(code_of(r), "missing_body");
  EXPECT_NE(std::get<Refusal>(r).message.find("police"), std::string::npos);
  EXPECT_EQ(s->journal_position(), before);
  EXPECT_EQ(s->load_stream("HN-1").size(), 2u);
  EXPECT_TRUE(ledger_rows(s->db(), LedgerFilter{}).empty());
}

TEST_P(CoercionPlans, ExportThenImportIntoAnEmptyStoreGivesTheSameRecords) {
  json day_off = plan("2025-03-15");
  day_off["overrides"] = json::array({{{"ban", "coercion_on_day_off"}, {"reason", "Ngày duy nhất lực lượng sẵn sàng"}}});
  ASSERT_EQ(code_of(record_coercion_plan(*store, kHead, "HN-1", day_off, now)), "");
  ASSERT_EQ(code_of(record_coercion_plan(*store, kOfficer, "HN-1", plan(), now)), "");
  ASSERT_EQ(code_of(void_coercion_plan(*store, kOfficer, "HN-1", 2, "Lập nhầm", now)), "");
  const std::string text = exported(*store);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  ASSERT_EQ(import(*copy, text), "");
  EXPECT_EQ(exported(*copy), text);
  auto plans = coercion_plans(*copy, kOfficer, "HN-1");
  ASSERT_TRUE(std::holds_alternative<std::vector<PlanView>>(plans));
  const auto& list = std::get<std::vector<PlanView>>(plans);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].plan.overrides.at(0).reason, "Ngày duy nhất lực lượng sẵn sàng");
  EXPECT_TRUE(list[1].voided);
  // Idempotent: the same file again adds nothing.
  const int64_t before = copy->journal_position();
  ASSERT_EQ(import(*copy, text), "");
  EXPECT_EQ(copy->journal_position(), before);

  // The import refuses what the use case refuses, and nothing of the file is written.
  std::string plan_line;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(R"("kind":"coercion_plan")") != std::string::npos && plan_line.empty()) plan_line = line;
  json bare = json::parse(plan_line);
  bare.erase("overrides");
  bare["seq"] = 4;
  EXPECT_EQ(import(*copy, bare.dump() + "\n"), "coercion_on_day_off");
  json changed = json::parse(plan_line);
  changed["place"] = "Nơi khác";
  EXPECT_EQ(import(*copy, changed.dump() + "\n"), "seq_conflict");
  json gap = json::parse(plan_line);
  gap["seq"] = 9;
  EXPECT_EQ(import(*copy, gap.dump() + "\n"), "seq_gap");
  json big = json::parse(plan_line);
  big["seq"] = 4;
  big["costs"] = json::array({{{"item", "a"}, {"amount", INT64_MAX}}, {{"item", "b"}, {"amount", 1}}});
  EXPECT_EQ(import(*copy, big.dump() + "\n"), "bad_field");  // overflow-checked total
  EXPECT_EQ(copy->journal_position(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, CoercionPlans, ::testing::Values("sqlite", "postgres"));

// The bans themselves, pure.
TEST(CoercionPlanBans, NightDayOffTetAndTheChairmanReport) {
  const Calendar cal = Calendar::official();
  auto bans_of = [&](json fields) {
    fields["kind"] = "coercion_plan", fields["case"] = "X", fields["seq"] = 1, fields["type"] = "planned";
    fields["person"] = {{"name", "A"}};
    auto p = parse_coercion_plan(fields, 0, true);
    EXPECT_TRUE(std::holds_alternative<CoercionPlan>(p)) << std::get<Refusal>(p).message;
    std::vector<std::string> codes;
    for (const Ban& b : plan_bans(std::get<CoercionPlan>(p), cal, 15)) codes.push_back(b.code);
    return codes;
  };
  EXPECT_TRUE(bans_of(plan()).empty());
  EXPECT_EQ(bans_of(plan("2025-03-12", "05:59")), std::vector<std::string>{"coercion_at_night"});
  EXPECT_TRUE(bans_of(plan("2025-03-12", "06:00")).empty());
  EXPECT_TRUE(bans_of(plan("2025-03-12", "21:59")).empty());
  EXPECT_EQ(bans_of(plan("2025-03-12", "22:00")), std::vector<std::string>{"coercion_at_night"});
  EXPECT_EQ(bans_of(plan("2025-09-02")), std::vector<std::string>{"coercion_on_day_off"});  // Quốc khánh
  json report = plan("2025-03-12");
  report["large"] = true;
  report["chairman_report_date"] = "2025-03-05";  // exactly 5 working days before
  EXPECT_TRUE(bans_of(report).empty());
  report["chairman_report_date"] = "2025-03-06";
  EXPECT_EQ(bans_of(report), std::vector<std::string>{"chairman_report_late"});
  json no_report = plan();
  no_report["large"] = true;
  no_report["kind"] = "coercion_plan", no_report["case"] = "X", no_report["seq"] = 1, no_report["type"] = "planned";
  no_report["person"] = {{"name", "A"}};
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_coercion_plan(no_report, 0, true)));
}

}  // namespace
}  // namespace thads::coordination
