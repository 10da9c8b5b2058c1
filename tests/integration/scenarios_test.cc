// The shared acceptance scenarios (../shared/scenarios), driven in-process
// through the import and report use cases on both stores, so `ctest` fails
// when a statistics column or a refusal drifts from the contract.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "../support/backends.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/report_render.h"
#include "app/reports.h"
#include "domain/interchange.h"

namespace thads {
namespace {

namespace fs = std::filesystem;
const fs::path kScenarios = fs::path(THADS_SHARED_DIR) / "scenarios";

ImportResult import_file(Store& s, const fs::path& p) {
  std::ifstream in(p);
  ImportOptions o;
  o.now_unix = 1'790'000'000;
  return import_jsonl(s, in, o);
}

class Scenarios : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
  }
};

TEST_P(Scenarios, ExpectedReports) {
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(kScenarios)) {
    if (!fs::exists(dir.path() / "events.jsonl")) continue;
    auto store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_TRUE(import_file(*store, dir.path() / "events.jsonl").ok()) << dir.path();
    if (fs::exists(dir.path() / "import2.jsonl")) {
      ASSERT_TRUE(import_file(*store, dir.path() / "import2.jsonl").ok());
    }
    for (const auto& f : fs::directory_iterator(dir.path())) {
      const std::string name = f.path().filename().string();
      if (name.rfind("expected-", 0) != 0) continue;
      auto exp = nlohmann::json::parse(std::ifstream(f.path()));
      ReportQuery q;
      q.form = exp["form"] == "money" ? Form::money : Form::cases;
      q.period = {*Date::parse(exp["from"].get<std::string>()), *Date::parse(exp["to"].get<std::string>())};
      q.agency = exp["agency"];
      if (exp.contains("as_known_at")) q.as_known_at = parse_as_known_at(exp["as_known_at"].get<std::string>());
      auto rep = run_report(*store, q);
      ASSERT_TRUE(std::holds_alternative<Report>(rep)) << name;
      auto got = nlohmann::json::parse(report_to_json(std::get<Report>(rep)));
      for (auto& [k, v] : exp["columns"].items()) {
        if (v.is_null()) {
          EXPECT_TRUE(got["columns"][k].is_null()) << dir.path().filename() << "/" << name << " " << k;
        } else {
          EXPECT_NEAR(got["columns"][k].get<double>(), v.get<double>(), 0.0051)
              << dir.path().filename() << "/" << name << " " << k;
        }
      }
      if (exp["target_rate"].is_null()) {
        EXPECT_TRUE(got["target_rate"].is_null()) << name;
      } else {
        EXPECT_NEAR(got["target_rate"].get<double>(), exp["target_rate"].get<double>(), 0.0051) << name;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 15);  // 5 basic-fy2025 + 4 corrections + 6 generated-400
}

TEST_P(Scenarios, RefusalsChangeNothing) {
  const fs::path dir = kScenarios / "refusals";
  int checked = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    // CODE.jsonl or CODE.anything.jsonl (acceptance/run): the code is the stem up to its first dot.
    const std::string stem = f.path().stem().string();
    if (stem == "base") continue;
    const std::string code = stem.substr(0, stem.find('.'));
    auto store = Store::open(testing::fresh_location(GetParam()));
    ASSERT_TRUE(import_file(*store, dir / "base.jsonl").ok());
    const int64_t before = store->journal_size();
    ImportResult r = import_file(*store, f.path());
    ASSERT_FALSE(r.ok()) << stem;
    int64_t lines = 0;
    std::ifstream in(f.path());
    for (std::string l; std::getline(in, l);) ++lines;
    EXPECT_EQ(r.refusals.back().refusal.code, code);
    EXPECT_EQ(r.refusals.back().line, lines) << code;
    EXPECT_EQ(store->journal_size(), before) << code;
    ++checked;
  }
  EXPECT_GE(checked, 11);  // the ten v1 codes and bad_field.future-date
}

INSTANTIATE_TEST_SUITE_P(Backends, Scenarios, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
