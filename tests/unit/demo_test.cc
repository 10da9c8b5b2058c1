// Demo data: every record imports through the real import use case, the
// output is a pure function of (cases, seed, today), and the national
// figures of a full statistical year land in the bands of legal-rules.md §6.
#include "app/demo.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <tuple>
#include <cstring>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "../support/temp_store.h"
#include "app/import.h"
#include "app/report_render.h"
#include "app/reports.h"

namespace thads {
namespace {

const Date kToday = Date::from_ymd(2026, 9, 30);  // the last day of statistical year 2026
const Period kFy2026{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)};

std::string demo(int64_t cases, uint64_t seed, Date today = kToday) {
  std::ostringstream out;
  generate_demo(out, DemoOptions{cases, seed, today});
  return out.str();
}

// Keeps the agency lines of a large dataset and throws the rest away.
class AgencyTap : public std::streambuf {
 public:
  std::vector<std::string> agencies;

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) put(static_cast<char>(c));
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const char* end = s + n;
    while (s < end) {
      const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<size_t>(end - s)));
      const char* stop = nl ? nl : end;
      if (line_.size() < 200) line_.append(s, std::min<size_t>(200 - line_.size(), static_cast<size_t>(stop - s)));
      if (!nl) break;
      end_line();
      s = nl + 1;
    }
    return n;
  }

 private:
  void put(char c) {
    if (c == '\n') end_line();
    else if (line_.size() < 200) line_.push_back(c);
  }
  void end_line() {
    if (line_.rfind("{\"kind\":\"agency\"", 0) == 0) agencies.push_back(line_);
    line_.clear();
  }
  std::string line_;
};

double share(int64_t part, int64_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0; }

// Imported once for the whole suite: 3,000 cases over six years.
class DemoDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    text_ = new std::string(demo(3000, 2025));
    store_ = Store::open(testing::temp_dir() + "/demo.db").release();
    std::istringstream in(*text_);
    ImportOptions o;
    o.now_unix = 1'790'000'000;
    result_ = new ImportResult(import_jsonl(*store_, in, o));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete store_;
    delete text_;
  }
  static Columns report(Form form, Period p = kFy2026, std::optional<int64_t>* target = nullptr) {
    auto r = run_report(*store_, ReportQuery{form, p, "CQL", "", std::nullopt});
    EXPECT_TRUE(std::holds_alternative<Report>(r));
    if (!std::holds_alternative<Report>(r)) return {};
    if (target) *target = std::get<Report>(r).target_rate_x100;
    return std::get<Report>(r).columns;
  }

  static std::string* text_;
  static Store* store_;
  static ImportResult* result_;
};
std::string* DemoDataset::text_ = nullptr;
Store* DemoDataset::store_ = nullptr;
ImportResult* DemoDataset::result_ = nullptr;

TEST_F(DemoDataset, ImportsWithoutARefusal) {
  size_t shown = 0;
  for (const auto& r : result_->refusals)
    if (shown++ < 10) ADD_FAILURE() << "line " << r.line << ": " << r.refusal.code << ": " << r.refusal.message;
  EXPECT_TRUE(result_->ok());
  EXPECT_EQ(store_->case_ids().size(), 3000u);
  EXPECT_GT(result_->events_added, 3000 * 5);
}

TEST_F(DemoDataset, NothingAfterTodayAndActsOnWorkingDays) {
  std::istringstream in(*text_);
  std::string line;
  int64_t events = 0, weekend = 0, provinces = 0, regions = 0, officers = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j["kind"] == "agency") {
      provinces += j["level"] == "province";
      regions += j["level"] == "region";
    }
    officers += j["kind"] == "officer";
    if (j["kind"] != "event") continue;
    ++events;
    const Date d = *Date::parse(j["date"].get<std::string>());
    EXPECT_LE(d, kToday) << line;
    weekend += d.is_weekend();
  }
  EXPECT_EQ(provinces, 34);
  EXPECT_GE(regions, 34 * 2);  // 2–4 regional offices per province in a small dataset
  EXPECT_LE(regions, 34 * 4);
  EXPECT_GT(officers, 34 * 4);
  EXPECT_LT(weekend, events / 100);
}

// legal-rules.md §6, "Calibration hints", for the statistical year that ends on `today`.
TEST_F(DemoDataset, CaseFiguresMatchTheNationalPicture) {
  const Columns c = report(Form::cases);
  ASSERT_GT(c.accepted, 0);
  EXPECT_NEAR(share(c.carried_over, c.accepted), 0.375, 0.025) << "carried over 35–40% of accepted";
  EXPECT_NEAR(share(c.with_conditions, c.to_enforce), 0.725, 0.075) << "with conditions 65–80%";
  EXPECT_NEAR(share(c.postponed_suspended, c.to_enforce), 0.014, 0.009) << "postponed or suspended ~1.4%";
  ASSERT_TRUE(c.completion_rate_x100);
  EXPECT_GE(*c.completion_rate_x100, 7500);
  EXPECT_LE(*c.completion_rate_x100, 8500);
  EXPECT_GT(c.entrusted_out, 0);
  EXPECT_GT(c.closed_unenforced, 0);
}

TEST_F(DemoDataset, MoneyFiguresMatchTheNationalPicture) {
  const Columns m = report(Form::money);
  ASSERT_GT(m.to_enforce, 0);
  EXPECT_NEAR(share(m.with_conditions, m.to_enforce), 0.475, 0.075) << "with conditions 40–55% of the money";
  ASSERT_TRUE(m.completion_rate_x100);
  EXPECT_GE(*m.completion_rate_x100, 4000);
  EXPECT_LE(*m.completion_rate_x100, 5500);
  EXPECT_GT(m.reduced, 0);
}

// The dashboards' current-state figures come from the in-memory snapshot;
// they must equal what the read models answer in SQL, for the country and
// for one province (today = the day the demo was generated for).
TEST_F(DemoDataset, CurrentFiguresEqualTheReadModels) {
  const StatsSnapshot snap = StatsSnapshot::load(*store_);
  const Date today = kToday;
  const Date y1 = today.plus_months(-12), y2 = today.plus_months(-24), y5 = today.plus_months(-60);
  std::string province;
  store_->db().run("SELECT code FROM agencies WHERE parent = 'CQL' ORDER BY code LIMIT 1", {},
                   [&](const Row& r) { province = r.s(0); });
  ASSERT_FALSE(province.empty());
  for (const std::string& scope : {std::string("CQL"), province}) {
    SCOPED_TRACE(scope);
    const auto within = [&](const std::string& col) {
      return col + " IN (SELECT code FROM agencies WHERE code = '" + scope + "' OR parent = '" + scope +
             "' OR parent IN (SELECT code FROM agencies WHERE parent = '" + scope + "'))";
    };
    std::array<int64_t, 4> backlog{};
    store_->db().run("SELECT opened_date FROM cases WHERE " + within("agency") +
                         " AND status IN ('active', 'postponed_agreed', 'postponed_suspended', 'unable')",
                     {}, [&](const Row& r) {
                       const Date d = *Date::parse(r.s(0));
                       backlog[d > y1 ? 0 : d > y2 ? 1 : d > y5 ? 2 : 3] += 1;
                     });
    std::vector<std::pair<std::string, int64_t>> reasons;
    store_->db().run("SELECT unable_reason, COUNT(*) FROM cases WHERE " + within("agency") +
                         " AND status = 'unable' GROUP BY unable_reason ORDER BY unable_reason",
                     {}, [&](const Row& r) { reasons.emplace_back(r.s(0), r.i(1)); });
    std::vector<std::tuple<std::string, std::string, int64_t>> overdue;
    store_->db().run("SELECT p.officer, COALESCE(MAX(o.name), ''), COUNT(*) FROM pending_deadlines p "
                     "LEFT JOIN officers o ON o.id = p.officer WHERE p.due < ? AND " + within("p.agency") +
                         " GROUP BY p.officer ORDER BY COUNT(*) DESC, p.officer",
                     {today.iso()}, [&](const Row& r) { overdue.emplace_back(r.s(0), r.s(1), r.i(2)); });

    auto got = snap.current(scope, today);
    ASSERT_TRUE(std::holds_alternative<CurrentFigures>(got));
    const CurrentFigures& f = std::get<CurrentFigures>(got);
    EXPECT_EQ(f.backlog_by_age, backlog);
    EXPECT_GT(backlog[0] + backlog[1] + backlog[2] + backlog[3], 0);
    EXPECT_EQ(f.unable_by_reason, reasons);
    EXPECT_FALSE(reasons.empty());
    ASSERT_EQ(f.overdue_by_officer.size(), overdue.size());
    for (size_t i = 0; i < overdue.size(); ++i) {
      EXPECT_EQ(f.overdue_by_officer[i].officer, std::get<0>(overdue[i]));
      EXPECT_EQ(f.overdue_by_officer[i].name, std::get<1>(overdue[i]));
      EXPECT_EQ(f.overdue_by_officer[i].count, std::get<2>(overdue[i]));
    }
  }
  EXPECT_TRUE(std::holds_alternative<Refusal>(snap.current("NO-SUCH", today)));
}

// Both forms from one pass equal the two forms computed apart, by province.
TEST_F(DemoDataset, BothFormsInOnePassEqualEachFormAlone) {
  const StatsSnapshot snap = StatsSnapshot::load(*store_);
  for (const char* by : {"", "agency", "mode", "judgment_kind", "flag"}) {
    ReportQuery q{Form::cases, kFy2026, "", by, std::nullopt};
    auto both = snap.compute_both(q);
    ASSERT_TRUE((std::holds_alternative<std::pair<Report, Report>>(both)));
    const auto& [c, m] = std::get<std::pair<Report, Report>>(both);
    const Report alone_c = std::get<Report>(snap.compute(q));
    q.form = Form::money;
    const Report alone_m = std::get<Report>(snap.compute(q));
    EXPECT_EQ(report_to_json(c), report_to_json(alone_c)) << by;
    EXPECT_EQ(report_to_json(m), report_to_json(alone_m)) << by;
    EXPECT_GT(c.columns.accepted, 0);
  }
}

TEST_F(DemoDataset, NationalTargetsAreThoseOfTheNationalAssembly) {
  std::optional<int64_t> target;
  report(Form::cases, Period{Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)}, &target);
  EXPECT_EQ(target.value_or(-1), 8390);
  report(Form::money, Period{Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)}, &target);
  EXPECT_EQ(target.value_or(-1), 5190);
}

TEST(Demo, SameSeedSameBytes) {
  const std::string a = demo(3000, 2025);
  EXPECT_EQ(a, demo(3000, 2025));
  EXPECT_NE(a, demo(3000, 2026));
  EXPECT_NE(a, demo(3000, 2025, Date::from_ymd(2026, 10, 15)));
}

TEST(Demo, ProgressEveryTenThousandCases) {
  std::vector<std::pair<int64_t, int64_t>> calls;
  AgencyTap sink;
  std::ostream out(&sink);
  generate_demo(out, DemoOptions{25000, 1, kToday}, [&](const char* phase, int64_t done, int64_t total) {
    EXPECT_STREQ(phase, "tạo dữ liệu mẫu");
    calls.emplace_back(done, total);
  });
  const std::vector<std::pair<int64_t, int64_t>> want{{0, 25000}, {10000, 25000}, {20000, 25000}, {25000, 25000}};
  EXPECT_EQ(calls, want);
}

// From 100,000 cases on, the whole tree of 01/07/2025: 355 regional offices.
TEST(Demo, LargeDatasetHasAllRegionalOffices) {
  AgencyTap sink;
  std::ostream out(&sink);
  generate_demo(out, DemoOptions{100000, 3, kToday});
  int regions = 0;
  for (const auto& a : sink.agencies) regions += a.find("\"level\":\"region\"") != std::string::npos;
  EXPECT_EQ(regions, 355);
  EXPECT_EQ(sink.agencies.size(), 1u + 34u + 355u);
}

TEST(Demo, EmptyAndTinyDatasets) {
  const std::string none = demo(0, 1);
  EXPECT_EQ(none.find("\"kind\":\"event\""), std::string::npos);
  EXPECT_NE(none.find("\"code\":\"CQL\""), std::string::npos);
  auto store = Store::open(testing::temp_dir() + "/tiny.db");
  std::istringstream in(demo(7, 9));
  ImportOptions o;
  o.now_unix = 1'790'000'000;
  EXPECT_TRUE(import_jsonl(*store, in, o).ok());
  EXPECT_EQ(store->case_ids().size(), 7u);
}

}  // namespace
}  // namespace thads
