// The periodic report's parts beyond the cases and money (issue 17 item 4),
// on both stores over the demo of every module: the backlog by age is the
// statistics' (the dashboard's figures, as the cases stand on the day); the
// administrative judgments, complaints and denunciations, procuracy acts and
// coordination failures are exactly the modules' own reports of the period
// and of the same period last year; the PDF and the ODT carry them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/run_command.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "app/modules.h"
#include "app/report_layout.h"
#include "app/reports.h"
#include "modules/coordination/app/coordination_demo.h"
#include "modules/coordination/app/periodic_section.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/domain/admin_report.h"
#include "modules/oversight/domain/grievance_report.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/periodic_report_render.h"
#include "modules/steering/app/steering_demo.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const Date kToday = *Date::parse("2026-11-20");

std::string demo_text() {
  const testing::DemoCases cases = testing::demo_cases(2000, 5, kToday);
  std::ostringstream out;
  oversight::write_demo(cases.world, 5, out);
  coordination::write_demo(cases.world, 5, out);
  write_demo(cases.world, 5, out);
  return cases.text + out.str();
}

// A module's report of the same agency and dates, as `thads report FORM`.
json module_json(Store& store, const char* form, const std::string& agency, Date from, Date to) {
  const ReportForm* f = module_report(form);
  EXPECT_NE(f, nullptr) << form;
  auto out = (*f)(store, ReportArgs{form, agency, from, to, std::nullopt, nullptr});
  EXPECT_TRUE(std::holds_alternative<ReportOutput>(out)) << form;
  return json::parse(std::get<ReportOutput>(out).json.dump());
}

const json& section(const json& figures, const char* key) {
  for (const json& s : figures["sections"])
    if (s["key"] == key) return s;
  static const json none;
  ADD_FAILURE() << "no section " << key;
  return none;
}

class PeriodicSections : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() { text_ = new std::string(demo_text()); }
  static void TearDownTestSuite() {
    delete text_;
    text_ = nullptr;
  }
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(thads::testing::fresh_location(GetParam()));
    std::istringstream in(*text_);
    ImportOptions o;
    o.now_unix = (static_cast<int64_t>(kToday.days()) + 1) * 86400;
    ImportResult r = import_jsonl(*store, in, o);
    ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.message;
  }
  json figures(const std::string& agency, const char* period) {
    auto f = gather_figures(*store, nullptr, agency, period, kToday);
    EXPECT_TRUE(std::holds_alternative<ojson>(f)) << std::get<Refusal>(f).message;
    return json::parse(std::get<ojson>(f).dump());
  }
  static std::string* text_;
  std::unique_ptr<Store> store;
};
std::string* PeriodicSections::text_ = nullptr;

TEST_P(PeriodicSections, TheModulesPartsAreTheirReportsOfThePeriodAndOfTheSamePeriodLastYear) {
  const Date from = *Date::parse("2025-10-01"), to = *Date::parse("2026-09-30");
  const Date lfrom = *Date::parse("2024-10-01"), lto = *Date::parse("2025-09-30");
  int64_t seen = 0;  // figures above zero, so that the equalities below say something
  for (const std::string agency : {"", "HN"}) {
    const json f = figures(agency, "2026-12M");
    std::vector<std::string> keys;  // in the report's order (their rank), whatever the modules' registration
    for (const json& s : f["sections"]) keys.push_back(s["key"].get<std::string>());
    EXPECT_EQ(keys, (std::vector<std::string>{"admin_judgments", "complaints", "procuracy", "coordination"}));

    const json admin = module_json(*store, "admin-judgments", agency, from, to)["columns"];
    const json admin_last = module_json(*store, "admin-judgments", agency, lfrom, lto)["columns"];
    const json& a = section(f, "admin_judgments")["rows"];
    ASSERT_EQ(a.size(), oversight::admin_columns().size());
    for (size_t i = 0; i < a.size(); ++i) {
      const oversight::AdminColumn& c = oversight::admin_columns()[i];
      EXPECT_EQ(a[i][0], c.caption_vi);
      if (!c.field) continue;  // the rate: its text
      EXPECT_EQ(a[i][1], admin[c.key]) << c.key;
      EXPECT_EQ(a[i][2], admin_last[c.key]) << c.key;
      EXPECT_EQ(a[i][3], report_layout::signed_thousands(admin[c.key].get<int64_t>() - admin_last[c.key].get<int64_t>()));
      seen += admin[c.key].get<int64_t>();
    }

    const json grievances = module_json(*store, "complaints", agency, from, to);
    const json grievances_last = module_json(*store, "complaints", agency, lfrom, lto);
    const json& g = section(f, "complaints")["rows"];
    ASSERT_EQ(g.size(), oversight::grievance_columns().size());
    for (size_t i = 0; i < g.size(); ++i) {
      const char* k = oversight::grievance_columns()[i].key;
      EXPECT_EQ(g[i][1], grievances["complaints"][k]) << k;
      EXPECT_EQ(g[i][2], grievances_last["complaints"][k]) << k;
      EXPECT_EQ(g[i][3], grievances["denunciations"][k]) << k;
      EXPECT_EQ(g[i][4], grievances_last["denunciations"][k]) << k;
      seen += grievances["complaints"][k].get<int64_t>();
    }

    const json procuracy = module_json(*store, "procuracy-supervision", agency, from, to);
    const json procuracy_last = module_json(*store, "procuracy-supervision", agency, lfrom, lto);
    const json& p = section(f, "procuracy")["rows"];
    ASSERT_EQ(p.size(), oversight::procuracy_columns().size());
    for (size_t i = 0; i < p.size(); ++i) {
      const char* k = oversight::procuracy_columns()[i].key;
      EXPECT_EQ(p[i][1], procuracy["protests"][k]) << k;
      EXPECT_EQ(p[i][2], procuracy["recommendations"][k]) << k;
      EXPECT_EQ(p[i][3], procuracy["requirements"][k]) << k;
      EXPECT_EQ(p[i][4], procuracy["total"][k]) << k;
      EXPECT_EQ(p[i][5], procuracy_last["total"][k]) << k;
      seen += procuracy["total"][k].get<int64_t>();
    }

    // Coordination: the bodies that answered late or left a request overdue,
    // most failures first, then the total of every body.
    const json coordination = module_json(*store, "coordination", agency, from, to);
    const json& c = section(f, "coordination")["rows"];
    ASSERT_FALSE(c.empty());
    const json& total = coordination["total"];
    EXPECT_EQ(c.back()[1], total["sent"]);
    EXPECT_EQ(c.back()[2], total["answered_on_time"]);
    EXPECT_EQ(c.back()[3], total["answered_late"]);
    EXPECT_EQ(c.back()[4], total["unanswered_overdue"]);
    int64_t failing = 0;
    for (const json& b : coordination["bodies"])
      failing += b["answered_late"].get<int64_t>() + b["unanswered_overdue"].get<int64_t>() > 0;
    EXPECT_EQ(c.size() - 1, std::min<size_t>(static_cast<size_t>(failing), coordination::kPeriodicBodies));
    for (size_t i = 0; i + 1 < c.size(); ++i) {
      const int64_t fails = c[i][3].get<int64_t>() + c[i][4].get<int64_t>();
      EXPECT_GT(fails, 0);
      if (i + 2 < c.size()) {
        EXPECT_GE(fails, c[i + 1][3].get<int64_t>() + c[i + 1][4].get<int64_t>());
      }
    }
    seen += total["sent"].get<int64_t>();

    // The backlog: the statistics' figures as the cases stand today.
    const auto now = StatsSnapshot::load(*store).current(agency, kToday);
    const CurrentFigures& cf = std::get<CurrentFigures>(now);
    int64_t open = 0;
    for (size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(f["backlog"]["by_age"][i]["cases"], cf.backlog_by_age[i]);
      open += cf.backlog_by_age[i];
    }
    EXPECT_EQ(f["backlog"]["open"], open);
    EXPECT_EQ(f["backlog"]["unable_by_reason"].size(), cf.unable_by_reason.size());
    EXPECT_EQ(f["backlog"]["as_of"], "2026-11-20");
    seen += open;
  }
  EXPECT_GT(seen, 0);
}

std::string run(const std::string& cmd) {
  int rc = 0;
  std::string out = thads::testing::output_of(cmd, &rc);
  EXPECT_EQ(rc, 0) << cmd << "\n" << out;
  return out;
}

TEST_P(PeriodicSections, ThePdfAndTheOdtCarryTheParts) {
  auto d = draft_report(*store, nullptr, "", "2026-12M", kToday);
  ASSERT_TRUE(std::holds_alternative<ojson>(d));
  const ojson& doc = std::get<ojson>(d);
  const json f = json::parse(doc["figures"].dump());
  const std::string admin_total = report_layout::group_thousands(section(f, "admin_judgments")["rows"][2][1].get<int64_t>());
  const fs::path dir = fs::temp_directory_path() / ("thads-parts-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "r.pdf", std::ios::binary) << report_pdf(doc);
  std::string text = run("pdftotext -raw " + (dir / "r.pdf").string() + " -");
  for (char& ch : text)
    if (ch == '\n') ch = ' ';
  auto odt = report_odt(doc, report_template_path());
  ASSERT_TRUE(std::holds_alternative<std::string>(odt)) << std::get<Refusal>(odt).message;
  std::ofstream(dir / "r.odt", std::ios::binary) << std::get<std::string>(odt);
  const std::string content = run("unzip -p " + (dir / "r.odt").string() + " content.xml");
  fs::remove_all(dir);
  for (const std::string& s : {std::string("Việc chưa thi hành xong, tính đến ngày 20/11/2026"),
                              std::string("II. THEO DÕI THI HÀNH ÁN HÀNH CHÍNH"),
                              std::string("Theo dõi thi hành án hành chính"),
                              std::string("Giải quyết khiếu nại, tố cáo về thi hành án"),
                              std::string("Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát"),
                              std::string("Phối hợp của cơ quan, tổ chức"), std::string("Tổng số phải theo dõi"),
                              std::string("III. THỰC HIỆN CÁC NHIỆM VỤ"), std::string("VI. KHÓ KHĂN")}) {
    EXPECT_NE(text.find(s), std::string::npos) << "PDF: " << s;
    EXPECT_NE(content.find(s), std::string::npos) << "ODT: " << s;
  }
  EXPECT_NE(text.find(admin_total), std::string::npos) << admin_total;
  // Two charts: the cases and the money completed, now and last year, in Vietnamese figures.
  const std::string money_done =
      report_layout::group_thousands(f["money"]["columns"]["completed"].get<int64_t>()) + " đồng";
  EXPECT_NE(text.find("Số tiền thi hành xong: kỳ này và cùng kỳ năm trước"), std::string::npos);
  EXPECT_NE(text.find(money_done), std::string::npos) << money_done;
  EXPECT_GT(f["money"]["columns"]["completed"].get<int64_t>(), 1000);
  // A table per part in the ODT, its columns declared; the administrative judgments first.
  EXPECT_NE(content.find("table:name=\"Section1\""), std::string::npos);
  ASSERT_NE(text.find("4. Phối hợp của cơ quan"), std::string::npos);
  EXPECT_LT(text.find("1. Theo dõi thi hành án hành chính"), text.find("4. Phối hợp của cơ quan"));
  EXPECT_NE(content.find("table:number-columns-repeated=\"6\""), std::string::npos);  // procuracy, coordination

  // An imported record's figures are any object: parts of another shape are
  // rendered as far as they go, never read blind.
  ojson odd = doc;
  odd["figures"]["sections"] = ojson::parse(R"([1, {"title": 2, "columns": "x"}, {"title": "T", "columns": ["a", "b"],
                                                "rows": [[1], "r", [1, 2, 3], [{"x": 1}, null]]}])");
  odd["figures"]["backlog"] = ojson::parse(R"({"by_age": [1, {"label": 3, "cases": "many"}], "open": "x"})");
  EXPECT_NO_THROW(report_pdf(odd));
  EXPECT_TRUE(std::holds_alternative<std::string>(report_odt(odd, report_template_path())));
  const ojson view = report_view(odd);
  ASSERT_EQ(view["sections"].size(), 2u);
  EXPECT_EQ(view["sections"][1]["rows"].size(), 3u);  // the arrays, each as wide as the columns
  EXPECT_EQ(view["sections"][1]["rows"][0]["cells"].size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeriodicSections, ::testing::Values("sqlite", "postgres"));

// The changes between two versions, part by part: "title — row — column: old → new".
TEST(PeriodicSectionChanges, ACellThatMovedIsNamedByItsPartRowAndColumn) {
  const ojson part = ojson::parse(R"({"key":"complaints","title":"Giải quyết khiếu nại","columns":["Chỉ tiêu","Khiếu nại: kỳ này"],
                                      "rows":[["Tổng số đơn",3],["Đã giải quyết",1]],"note":""})");
  ojson before{{"sections", ojson::array({part})}}, after = before;
  after["sections"][0]["rows"][1][1] = 2;
  EXPECT_EQ(figure_changes(before, after), std::vector<std::string>{"Giải quyết khiếu nại — Đã giải quyết — Khiếu nại: kỳ này: 1 → 2"});
  EXPECT_TRUE(figure_changes(before, before).empty());
  ojson added = before;
  added["sections"].push_back(ojson::parse(R"({"key":"coordination","title":"Phối hợp","columns":[],"rows":[]})"));
  EXPECT_EQ(figure_changes(before, added), std::vector<std::string>{"Phối hợp: (phần mới)"});
  // An imported record's figures are any object: parts of another shape are
  // compared as far as they go, never read blind.
  const ojson odd = ojson::parse(R"({"sections":[1, {"key": 2, "title": [], "rows": "x"},
                                    {"key": "complaints", "title": 5, "columns": 3, "rows": [7, [], ["Đã giải quyết", {"a": 1}]]}]})");
  EXPECT_NO_THROW(figure_changes(before, odd));
  EXPECT_NO_THROW(figure_changes(odd, before));
  EXPECT_EQ(figure_changes(before, odd).back(), " — Đã giải quyết — 1: 1 → {\"a\":1}");
}

}  // namespace
}  // namespace thads::steering
