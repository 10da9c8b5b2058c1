// The shared oversight scenarios (../shared/scenarios-oversight), driven
// in-process through the import, the deadlines and the report use cases on
// both stores; and the round trips every stream must survive: idempotent
// re-import, export into an empty store, rebuild.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/modules.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads {
namespace {

namespace fs = std::filesystem;
const fs::path kScenarios = fs::path(THADS_SHARED_DIR) / "scenarios-oversight";
constexpr int64_t kNow = 1'796'000'000;  // 2026-11-29, after every scenario date

ImportResult import_text(Store& s, std::istream& in) {
  ImportOptions o;
  o.now_unix = kNow;
  return import_jsonl(s, in, o);
}
ImportResult import_file(Store& s, const fs::path& p) {
  std::ifstream in(p);
  return import_text(s, in);
}
std::string exported(Store& s) {
  std::ostringstream out;
  export_jsonl(s, out);
  return out.str();
}

class OversightScenarios : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { THADS_REQUIRE_BACKEND(GetParam()); }
};

TEST_P(OversightScenarios, AdminJudgmentsReportsMatchTheContract) {
  const fs::path dir = kScenarios / "oversight-report";
  auto store = Store::open(testing::fresh_location(GetParam()));
  ASSERT_TRUE(import_file(*store, dir / "events.jsonl").ok());
  const ReportForm* report = module_report("admin-judgments");
  ASSERT_NE(report, nullptr);
  int checked = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().filename().string().rfind("expected-", 0) != 0) continue;
    auto exp = nlohmann::json::parse(std::ifstream(f.path()));
    ReportArgs a{"admin-judgments", exp["agency"], *Date::parse(exp["from"].get<std::string>()),
                 *Date::parse(exp["to"].get<std::string>()), std::nullopt, nullptr};
    auto res = (*report)(*store, a);
    ASSERT_TRUE(std::holds_alternative<ReportOutput>(res)) << f.path();
    const auto& got = std::get<ReportOutput>(res).json;
    for (auto& [k, v] : exp["columns"].items()) {
      if (v.is_null()) {
        EXPECT_TRUE(got["columns"][k].is_null()) << k;
      } else {
        EXPECT_NEAR(got["columns"][k].get<double>(), v.get<double>(), 0.0051) << f.path().filename() << " " << k;
      }
    }
    EXPECT_TRUE(got["target_rate"].is_null());
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

// The register (Mẫu 19) lists exactly the files the report counts; the
// reconciliation (03/TKLN-THADS) puts another body's figures beside ours.
TEST_P(OversightScenarios, RegisterAndReconciliationAgreeWithTheReport) {
  auto store = Store::open(testing::fresh_location(GetParam()));
  ASSERT_TRUE(import_file(*store, kScenarios / "oversight-report" / "events.jsonl").ok());
  ReportArgs a{"", "HN", *Date::parse("2025-10-01"), *Date::parse("2026-09-30"), std::nullopt, nullptr};
  auto report = std::get<ReportOutput>((*module_report("admin-judgments"))(*store, a));
  auto reg = (*module_report("admin-register"))(*store, a);
  ASSERT_TRUE(std::holds_alternative<ReportOutput>(reg));
  const auto& rows = std::get<ReportOutput>(reg).json["rows"];
  EXPECT_EQ(static_cast<int64_t>(rows.size()), report.json["columns"]["total"].get<int64_t>());
  int64_t carried = 0, complied = 0;
  for (const auto& r : rows) {
    carried += r["carried_over"].get<bool>();
    complied += r["ended_by"] == "complied";
    EXPECT_EQ(r["agency"].get<std::string>().substr(0, 2), "HN");
  }
  EXPECT_EQ(carried, report.json["columns"]["carried_over"].get<int64_t>());
  EXPECT_EQ(complied, report.json["columns"]["complied"].get<int64_t>());
  a.compare = {{"received_new", 10}, {"complied", 7}};
  auto rec = std::get<ReportOutput>((*module_report("admin-reconcile"))(*store, a));
  for (const auto& r : rec.json["rows"]) {
    if (r["column"] == "received_new") {
      EXPECT_EQ(r["ours"], 12);
      EXPECT_EQ(r["theirs"], 10);
      EXPECT_EQ(r["difference"], 2);
    }
    if (r["column"] == "complied") {
      EXPECT_EQ(r["difference"], 0);
    }
    if (r["column"] == "total") {
      EXPECT_TRUE(r["theirs"].is_null());
    }
  }
  const std::string path = testing::temp_dir() + "/03.xlsx";
  std::string err;
  ASSERT_TRUE(rec.xlsx(path, &err)) << err;
  std::ifstream x(path, std::ios::binary);
  std::string magic(2, '\0');
  x.read(magic.data(), 2);
  EXPECT_EQ(magic, "PK");  // a zip: the xlsx container
  a.compare = {{"no_such_column", 1}};
  auto bad = (*module_report("admin-reconcile"))(*store, a);
  ASSERT_TRUE(std::holds_alternative<Refusal>(bad));
  EXPECT_EQ(std::get<Refusal>(bad).code, "bad_field");
}

TEST_P(OversightScenarios, DeadlinesMatchTheContract) {
  const fs::path dir = kScenarios / "oversight-deadlines";
  auto store = Store::open(testing::fresh_location(GetParam()));
  ASSERT_TRUE(import_file(*store, dir / "events.jsonl").ok());
  auto cases = nlohmann::json::parse(std::ifstream(dir / "deadlines.json"));
  int checked = 0;
  for (const auto& c : cases) {
    std::optional<StreamDeadlines> d;
    for (const Module& m : modules())
      if (!d && m.deadlines) d = m.deadlines(*store, c["id"], *Date::parse(c["today"].get<std::string>()));
    ASSERT_TRUE(d) << c["id"];
    for (const auto& e : c["expect"]) {
      auto it = std::find_if(d->deadlines.begin(), d->deadlines.end(),
                             [&](const Deadline& x) { return x.action == e["action"]; });
      const std::string what = c["id"].get<std::string>() + " " + e["action"].get<std::string>() + " on " +
                               c["today"].get<std::string>();
      if (e["status"] == "absent") {
        EXPECT_EQ(it, d->deadlines.end()) << what;
        continue;
      }
      ASSERT_NE(it, d->deadlines.end()) << what;
      EXPECT_FALSE(it->article.empty()) << what;  // every deadline cites its article
      if (e.contains("due")) {
        EXPECT_EQ(it->due.iso(), e["due"]) << what;
      }
      EXPECT_EQ(std::string(to_string(it->state)), e["status"]) << what;
      EXPECT_EQ(it->days_late, e["days_late"].get<int>()) << what;
    }
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST_P(OversightScenarios, RefusalsChangeNothing) {
  const fs::path dir = kScenarios / "refusals-oversight";
  int checked = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    const std::string stem = f.path().stem().string();
    if (stem == "base") continue;
    const std::string code = stem.substr(0, stem.find('.'));
    auto store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_TRUE(import_file(*store, dir / "base.jsonl").ok());
    const std::string before = exported(*store);
    ImportResult r = import_file(*store, f.path());
    ASSERT_FALSE(r.ok()) << stem;
    int64_t lines = 0;
    std::ifstream in(f.path());
    for (std::string l; std::getline(in, l);) ++lines;
    EXPECT_EQ(r.refusals.back().refusal.code, code) << r.refusals.back().refusal.message;
    EXPECT_EQ(r.refusals.back().line, lines) << code;
    EXPECT_EQ(exported(*store), before) << code;
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

TEST_P(OversightScenarios, ReimportExportAndRebuildKeepEveryStream) {
  auto store = Store::open(testing::fresh_location(GetParam()));
  const fs::path events = kScenarios / "oversight-deadlines" / "events.jsonl";
  ImportResult first = import_file(*store, events);
  ASSERT_TRUE(first.ok());
  EXPECT_GT(first.events_added, 30);
  EXPECT_EQ(first.references_added, 8);  // 4 agencies, 1 officer, 3 bodies
  const std::string before = exported(*store);
  // Idempotent: every record is already there.
  ImportResult again = import_file(*store, events);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.events_added + again.references_added, 0);
  EXPECT_EQ(exported(*store), before);
  // Export into an empty store: the same records, the same deadlines.
  auto copy = Store::open(testing::fresh_location(GetParam()));
  std::istringstream in(before);
  ASSERT_TRUE(import_text(*copy, in).ok());
  EXPECT_EQ(exported(*copy), before);
  EXPECT_NE(before.find(R"("kind":"complaint")"), std::string::npos);
  EXPECT_NE(before.find(R"("kind":"body")"), std::string::npos);
  // Rebuild: the summary rows come back from the journal alone.
  const int64_t n = oversight::count_streams(store->db(), "", "");
  EXPECT_EQ(n, 14);
  rebuild(*store);  // empties the read models, then projects them from the journal alone
  EXPECT_EQ(oversight::count_streams(store->db(), "", ""), n);
  EXPECT_EQ(oversight::requests_of_case(store->db(), "HN-2025-000101").size(), 3u);
  EXPECT_TRUE(store->verify_audit().ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, OversightScenarios, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
