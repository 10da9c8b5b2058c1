// The oversight demo data: imports after the case demo with nothing refused,
// holds every kind of stream with plausible proportions, and is the same
// bytes for the same seed.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/temp_store.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "modules/oversight/app/grievance_reports.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/app/oversight_queries.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads {
namespace {

std::string demo_text(uint64_t seed) {
  const testing::DemoCases cases = testing::demo_cases(3000, seed, *Date::parse("2026-11-20"));
  EXPECT_EQ(cases.world.cases.size(), 3000u);
  std::ostringstream out;
  oversight::write_demo(cases.world, seed, out);
  return cases.text + out.str();
}

TEST(OversightDemo, ImportsWholeWithEveryKindInPlausibleProportions) {
  const std::string text = demo_text(7);
  EXPECT_EQ(text, demo_text(7));
  auto store = Store::open(testing::temp_dir() + "/demo.db");
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  ImportResult r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  Db& db = store->db();
  for (const char* kind : {"admin_judgment", "complaint", "procuracy", "request"})
    EXPECT_GT(oversight::count_streams(db, kind, ""), 5) << kind;
  const int64_t files = oversight::count_streams(db, "admin_judgment", "");
  EXPECT_GE(files, 34 * 2);  // a few per province
  const int64_t ended = oversight::count_streams(db, "admin_judgment", "ended");
  EXPECT_GT(ended * 100, files * 30);
  EXPECT_LT(ended * 100, files * 80);
  EXPECT_GT(oversight::public_non_compliance_count(db, {}), 0);
  EXPECT_GT(static_cast<int64_t>(oversight::bodies(db).size()), 34 * 4);
}

ImportResult import_text(Store& store, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  return import_jsonl(store, in, o);
}

// A report from what is held in memory (as known now) and from the journal
// (--as-known-at far ahead), as the text of its JSON members `keys`: the
// same figures.
using Report = std::variant<ReportOutput, Refusal> (*)(Store&, const ReportArgs&);
std::pair<std::string, std::string> held_and_journal(Store& store, const char* form, Report report,
                                                     std::initializer_list<const char*> keys) {
  ReportArgs a{form, "", *Date::parse("2025-10-01"), *Date::parse("2026-09-30"), std::nullopt, nullptr};
  auto held = report(store, a);
  a.as_known_at = int64_t{4'000'000'000};
  auto journal = report(store, a);
  EXPECT_TRUE(std::holds_alternative<ReportOutput>(held) && std::holds_alternative<ReportOutput>(journal)) << form;
  std::string h, j;
  for (const char* k : keys)
    h += std::get<ReportOutput>(held).json[k].dump(), j += std::get<ReportOutput>(journal).json[k].dump();
  return {h, j};
}
// The admin-judgments columns (the facts held), the complaints report and
// form 04/TKLN (the column keys held per period).
std::pair<std::string, std::string> held_and_journal(Store& store) {
  return held_and_journal(store, "admin-judgments", &oversight::admin_judgments_report, {"columns"});
}
std::pair<std::string, std::string> complaints_held_and_journal(Store& store) {
  return held_and_journal(store, "complaints", &oversight::complaints_report, {"complaints", "denunciations"});
}
std::pair<std::string, std::string> procuracy_held_and_journal(Store& store) {
  return held_and_journal(store, "procuracy-supervision", &oversight::procuracy_supervision_report,
                          {"protests", "recommendations", "requirements", "total"});
}

// The benchmarks' generator (write_scale, bench/oversight_gen): as many
// streams as asked, none refused on import beside the demo; and the report
// held in memory follows the journal as records arrive.
TEST(OversightDemo, ScaleImportsWholeAndTheHeldReportFollowsTheJournal) {
  const testing::DemoCases cases = testing::demo_cases(3000, 3, *Date::parse("2026-11-20"));
  const DemoWorld& world = cases.world;
  std::ostringstream demo, scale, again;
  oversight::write_demo(world, 3, demo);
  const oversight::ScaleCounts n{300, 200, 100, 4000};
  oversight::write_scale(world, 3, n, scale);
  oversight::write_scale(world, 3, n, again);
  EXPECT_EQ(scale.str(), again.str());
  auto store = Store::open(testing::temp_dir() + "/scale.db");
  ImportResult r = import_text(*store, cases.text + demo.str());
  ASSERT_TRUE(r.ok());
  Db& db = store->db();
  const int64_t demo_files = oversight::count_streams(db, "admin_judgment", "");
  const int64_t demo_requests = oversight::count_streams(db, "request", "");
  const auto [held_before, journal_before] = held_and_journal(*store);
  EXPECT_EQ(held_before, journal_before);
  const auto [complaints_before, complaints_journal_before] = complaints_held_and_journal(*store);
  EXPECT_EQ(complaints_before, complaints_journal_before);
  const auto [procuracy_before, procuracy_journal_before] = procuracy_held_and_journal(*store);
  EXPECT_EQ(procuracy_before, procuracy_journal_before);
  r = import_text(*store, scale.str());
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  EXPECT_EQ(oversight::count_streams(db, "admin_judgment", ""), demo_files + 300);
  EXPECT_EQ(oversight::count_streams(db, "complaint", "") >= 200, true);
  EXPECT_EQ(oversight::count_streams(db, "procuracy", "") >= 100, true);
  EXPECT_EQ(oversight::count_streams(db, "request", ""), demo_requests + 4000);
  const auto [held_after, journal_after] = held_and_journal(*store);
  EXPECT_EQ(held_after, journal_after);
  EXPECT_NE(held_after, held_before);
  const auto [complaints_held, complaints_journal] = complaints_held_and_journal(*store);
  EXPECT_EQ(complaints_held, complaints_journal);
  EXPECT_EQ(complaints_held_and_journal(*store).first, complaints_held);  // the second time from the memo
  const auto [procuracy_held, procuracy_journal] = procuracy_held_and_journal(*store);
  EXPECT_EQ(procuracy_held, procuracy_journal);
  EXPECT_NE(procuracy_held, procuracy_before);  // the scale's acts are counted
  EXPECT_EQ(procuracy_held_and_journal(*store).first, procuracy_held);
  // One more file, received in the period: the held report counts it.
  r = import_text(*store,
                  R"({"kind":"admin_judgment","id":"HN-HC-TEST-1","seq":1,"type":"received","date":"2026-03-02","agency":"HN",)"
                  R"("judgment":{"number":"1/2026/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội","date":"2026-01-05",)"
                  R"("effective_date":"2026-02-05"},"ruling":"annul_decision","debtor":{"name":"Ủy ban nhân dân xã A",)"
                  R"("level":"commune"},"creditor":{"name":"Nguyễn Văn A"},"obligation":"Hủy quyết định"})"
                  "\n");
  ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << " " << r.refusals.front().refusal.message;
  const auto [held_last, journal_last] = held_and_journal(*store);
  EXPECT_EQ(held_last, journal_last);
  EXPECT_EQ(nlohmann::json::parse(held_last)["total"].get<int64_t>(),
            nlohmann::json::parse(held_after)["total"].get<int64_t>() + 1);
}

}  // namespace
}  // namespace thads
