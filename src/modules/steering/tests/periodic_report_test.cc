// The periodic report (app/periodic_report.h) on both stores: its figures
// are the statistics of the same agency and period (`thads report cases|
// money`), compared with the same period last year; an issued version is
// frozen, a re-issue is the next version naming the one it replaces; only
// head and steering issue; the PDF (pdftotext) and the ODT (content.xml)
// carry the figures; the CLI writes all three.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/run_command.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/report_render.h"
#include "app/reports.h"
#include "domain/interchange.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/periodic_report_render.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string opened(const char* id, const char* agency, const char* date, int64_t amount) {
  return std::string(R"({"kind":"event","case":")") + id + R"(","seq":1,"type":"case_opened","date":")" + date +
         R"(","agency":")" + agency +
         R"(","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2023/DS-ST","court":"TAND khu vực 1","date":"2023-01-01","effective_date":"2023-02-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":)" +
         std::to_string(amount) + R"(}],"request_date":")" + date + R"("})" + "\n";
}

const std::string kSeed =
    std::string(R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"THADS TP HCM","level":"province","parent":"CQL"}
{"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy","type":"other","agency":"HN"}
)") +
    opened("HN-OLD", "HN-KV1", "2024-01-10", 12000000) + opened("HN-1", "HN-KV1", "2025-01-06", 50000000) +
    opened("HN-2", "HN-KV1", "2025-02-03", 7500000) + opened("HCM-1", "HCM", "2025-01-07", 9000000) +
    R"({"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Bố trí lực lượng cưỡng chế","bodies":["CA-HN"],"owner":"BNC-HN","deadline":"2025-02-28"}
{"kind":"committee","id":"BCD-HN","name":"Ban Chỉ đạo THADS thành phố","level":"province","agency":"HN","valid_from":"2016-07-05"}
{"kind":"meeting","id":"BCD-HN-2025-1","committee":"BCD-HN","date":"2025-03-10","agenda":["Kết quả 6 tháng"],"conclusions":["Tập trung cưỡng chế"]}
)";

using testing::user;  // tests/support/test_users.h
const User kHead = user("head1", Role::head, "HN");
const User kHeadHcm = user("headhcm", Role::head, "HCM");
const User kSteering = user("steer1", Role::steering, "HN");
const User kOfficer = user("officer1", Role::officer, "HN");

std::string slurp_command(const std::string& cmd, int* rc) { return thads::testing::output_of(cmd, rc); }

fs::path temp_dir() {
  static int n = 0;
  auto d = fs::temp_directory_path() / ("thads-periodic-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::create_directories(d);
  return d;
}

// pdftotext's text of a PDF, line ends read as spaces.
std::string pdf_text(const std::string& pdf) {
  const fs::path dir = temp_dir();
  std::ofstream(dir / "r.pdf", std::ios::binary) << pdf;
  int rc = 0;
  std::string text = slurp_command("pdftotext -raw " + (dir / "r.pdf").string() + " -", &rc);
  fs::remove_all(dir);
  EXPECT_EQ(rc, 0) << text;
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

// One part of an ODT package (unzip -p).
std::string odt_part(const std::string& odt, const char* part) {
  const fs::path dir = temp_dir();
  std::ofstream(dir / "r.odt", std::ios::binary) << odt;
  int rc = 0;
  std::string text = slurp_command("unzip -p " + (dir / "r.odt").string() + " " + part, &rc);
  fs::remove_all(dir);
  EXPECT_EQ(rc, 0) << text;
  return text;
}

class SteeringPeriodicReport : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = Store::open(thads::testing::fresh_location(GetParam()));
    import(kSeed);
  }
  void import(const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = now;
    auto r = import_jsonl(*store, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  }
  json statistics(Form form, const char* from, const char* to, const char* agency) {
    ReportQuery q;
    q.form = form;
    q.period = {*Date::parse(from), *Date::parse(to)};
    q.agency = agency;
    return json::parse(report_to_json(std::get<Report>(run_report(*store, q))));
  }
  std::unique_ptr<Store> store;
  int64_t now = *parse_rfc3339("2025-06-15T03:00:00Z");
  Date today = *Date::parse("2025-06-15");
};

TEST_P(SteeringPeriodicReport, FiguresAreTheStatisticsOfThePeriodAndOfTheSamePeriodLastYear) {
  auto f = gather_figures(*store, &kHead, "HN", "2025-6M", today);
  ASSERT_TRUE(std::holds_alternative<ojson>(f)) << std::get<Refusal>(f).message;
  const json figures = json::parse(std::get<ojson>(f).dump());
  EXPECT_EQ(figures["from"], "2024-10-01");
  EXPECT_EQ(figures["to"], "2025-03-31");
  EXPECT_EQ(figures["cases"], statistics(Form::cases, "2024-10-01", "2025-03-31", "HN"));
  EXPECT_EQ(figures["money"], statistics(Form::money, "2024-10-01", "2025-03-31", "HN"));
  EXPECT_EQ(figures["cases_last_year"], statistics(Form::cases, "2023-10-01", "2024-03-31", "HN"));
  EXPECT_EQ(figures["money_last_year"], statistics(Form::money, "2023-10-01", "2024-03-31", "HN"));
  // What the statistics say of the seed: two new cases this period (HCM's is
  // outside), one carried over from the old one; last year one new.
  EXPECT_EQ(figures["cases"]["columns"]["new"], 2);
  EXPECT_EQ(figures["cases"]["columns"]["carried_over"], 1);
  EXPECT_EQ(figures["cases_last_year"]["columns"]["new"], 1);
  EXPECT_EQ(figures["money"]["columns"]["new"], 57500000);
  // The directive task due on 28/02/2025, not reported: overdue in the period.
  EXPECT_EQ(figures["tasks"]["cells"], 1);
  EXPECT_EQ(figures["tasks"]["overdue"], 1);
  EXPECT_EQ(figures["tasks"]["late_bodies"][0]["name"], "Công an thành phố Hà Nội");
  ASSERT_EQ(figures["meetings"].size(), 1u);
  EXPECT_EQ(figures["meetings"][0]["id"], "BCD-HN-2025-1");
  // Outside the subtree: not found; a bad period: bad_field.
  EXPECT_EQ(std::get<Refusal>(gather_figures(*store, &kHeadHcm, "HN", "2025-6M", today)).code, "not_found");
  EXPECT_EQ(std::get<Refusal>(gather_figures(*store, &kHead, "HN", "2025-7M", today)).code, "bad_field");
}

TEST_P(SteeringPeriodicReport, AnIssuedVersionIsFrozenAndAReissueNamesTheVersionItReplaces) {
  IssueRequest rq{"HN", "2025-6M", "12/BC-THADS", "Thiếu lực lượng cưỡng chế", "", "Trần Văn An", "Hà Nội", ""};
  EXPECT_EQ(std::get<Refusal>(issue_report(*store, kOfficer, rq, now)).code, "forbidden");
  EXPECT_EQ(std::get<Refusal>(issue_report(*store, kHeadHcm, rq, now)).code, "not_found");
  auto first = issue_report(*store, kHead, rq, now);
  ASSERT_TRUE(std::holds_alternative<Recorded>(first)) << std::get<Refusal>(first).message;
  EXPECT_EQ(std::get<Recorded>(first).key, "BC-HN-2025-6M");
  EXPECT_EQ(std::get<Recorded>(first).seq, 1);

  // A case recorded later in the period: the issued version keeps its figures.
  import(opened("HN-3", "HN-KV1", "2025-03-02", 1000000));
  auto v1 = std::get<ojson>(issued_version(*store, &kSteering, "BC-HN-2025-6M", 1));
  EXPECT_EQ(v1["figures"]["cases"]["columns"]["new"], 2);
  EXPECT_EQ(v1["number"], "12/BC-THADS");

  // A re-issue needs its reason; then it is version 2, replacing 1.
  rq.number = "12a/BC-THADS";
  EXPECT_EQ(std::get<Refusal>(issue_report(*store, kSteering, rq, now)).code, "bad_field");
  rq.reason = "Bổ sung việc thụ lý muộn";
  auto second = issue_report(*store, kSteering, rq, now);
  ASSERT_TRUE(std::holds_alternative<Recorded>(second)) << std::get<Refusal>(second).message;
  EXPECT_EQ(std::get<Recorded>(second).seq, 2);
  auto v2 = std::get<ojson>(issued_version(*store, &kHead, "BC-HN-2025-6M", 0));
  EXPECT_EQ(v2["seq"], 2);
  EXPECT_EQ(v2["replaces"], 1);
  EXPECT_EQ(v2["figures"]["cases"]["columns"]["new"], 3);
  EXPECT_EQ(std::get<ojson>(issued_version(*store, &kHead, "BC-HN-2025-6M", 1))["figures"]["cases"]["columns"]["new"], 2);
  const auto changes = figure_changes(v1["figures"], v2["figures"]);
  EXPECT_NE(std::find(changes.begin(), changes.end(), "cases.columns.new: 2 → 3"), changes.end());

  // Export, import into a new store and rebuild: the same versions.
  std::ostringstream exported;
  export_jsonl(*store, exported);
  auto copy = Store::open(thads::testing::fresh_location(GetParam()));
  std::istringstream in(exported.str());
  ImportOptions o;
  o.now_unix = now;
  auto imported = import_jsonl(*copy, in, o);
  ASSERT_TRUE(imported.ok()) << imported.refusals.front().refusal.message;
  rebuild(*copy);
  EXPECT_EQ(std::get<ojson>(issued_version(*copy, nullptr, "BC-HN-2025-6M", 2)), v2);
  EXPECT_EQ(std::get<ojson>(issued_version(*copy, nullptr, "BC-HN-2025-6M", 1)), v1);

  auto list = std::get<std::vector<IssuedReport>>(issued_reports(*store, kSteering));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].versions.size(), 2u);
  EXPECT_TRUE(std::get<std::vector<IssuedReport>>(issued_reports(*store, kHeadHcm)).empty());
  EXPECT_EQ(std::get<Refusal>(issued_version(*store, &kHeadHcm, "BC-HN-2025-6M", 1)).code, "not_found");
}

// Why a re-issue's figures moved: the case events of the subtree recorded
// between the two versions, dated on or before the period's end.
TEST_P(SteeringPeriodicReport, AReissueListsTheCaseEventsRecordedSinceTheVersionItReplaces) {
  IssueRequest rq{"HN", "2025-6M", "12/BC-THADS", "", "", "", "Hà Nội", ""};
  ASSERT_TRUE(std::holds_alternative<Recorded>(issue_report(*store, kHead, rq, now)));
  // Recorded after version 1, an hour later: one in the period and the
  // subtree, one in another province, one after the period's end.
  now += 3600;
  import(opened("HN-4", "HN-KV1", "2025-03-02", 1000000) + opened("HCM-2", "HCM", "2025-03-03", 2000000) +
         opened("HN-5", "HN-KV1", "2025-05-02", 3000000));
  rq.reason = "Bổ sung việc thụ lý muộn";
  ASSERT_TRUE(std::holds_alternative<Recorded>(issue_report(*store, kHead, rq, now + 60)));

  auto first = recorded_between(*store, &kSteering, "BC-HN-2025-6M", 1);
  ASSERT_TRUE(std::holds_alternative<RecordedBetween>(first));
  EXPECT_TRUE(std::get<RecordedBetween>(first).events.empty());  // nothing before a first version
  auto res = recorded_between(*store, &kSteering, "BC-HN-2025-6M", 2);
  ASSERT_TRUE(std::holds_alternative<RecordedBetween>(res)) << std::get<Refusal>(res).message;
  const RecordedBetween& r = std::get<RecordedBetween>(res);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.counted, 1);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.events[0].case_id, "HN-4");
  EXPECT_EQ(r.events[0].seq, 1);
  EXPECT_EQ(r.events[0].type, std::string(label_vi(EventType::case_opened)));
  EXPECT_EQ(r.events[0].date, *Date::parse("2025-03-02"));
  EXPECT_EQ(r.events[0].recorded_at, now);
  // Version 0 is the latest; a reader of another subtree finds nothing.
  EXPECT_EQ(std::get<RecordedBetween>(recorded_between(*store, &kHead, "BC-HN-2025-6M", 0)).events.size(), 1u);
  EXPECT_EQ(std::get<Refusal>(recorded_between(*store, &kHeadHcm, "BC-HN-2025-6M", 2)).code, "not_found");
  EXPECT_EQ(std::get<Refusal>(recorded_between(*store, &kHead, "BC-HN-2025-6M", 3)).code, "not_found");
  // The figures moved with it: one case more, received in the period.
  const auto v1 = std::get<ojson>(issued_version(*store, &kHead, "BC-HN-2025-6M", 1));
  const auto v2 = std::get<ojson>(issued_version(*store, &kHead, "BC-HN-2025-6M", 2));
  const auto changes = figure_changes(v1["figures"], v2["figures"]);
  EXPECT_NE(std::find(changes.begin(), changes.end(), "cases.columns.new: 2 → 3"), changes.end());
}

TEST_P(SteeringPeriodicReport, ThePdfAndTheOdtCarryTheFiguresOfThePeriod) {
  IssueRequest rq{"HN", "2025-6M", "12/BC-THADS", "Thiếu lực lượng cưỡng chế", "", "Trần Văn An", "Hà Nội", ""};
  ASSERT_TRUE(std::holds_alternative<Recorded>(issue_report(*store, kHead, rq, now)));
  const ojson doc = std::get<ojson>(issued_version(*store, &kHead, "BC-HN-2025-6M", 1));
  const std::string text = pdf_text(report_pdf(doc));
  for (const char* s : {"BÁO CÁO", "THADS Hà Nội", "Số: 12/BC-THADS", "Hà Nội, ngày 15 tháng 6 năm 2025",
                        "6 tháng", "Thụ lý mới", "57.500.000 đ", "Thiếu lực lượng cưỡng chế", "Trần Văn An",
                        "Công an thành phố Hà Nội: 1 lượt quá hạn"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;

  auto odt = report_odt(doc, report_template_path());
  ASSERT_TRUE(std::holds_alternative<std::string>(odt)) << std::get<Refusal>(odt).message;
  const std::string& pkg = std::get<std::string>(odt);
  EXPECT_EQ(pkg.substr(30, 8), "mimetype");  // the first entry, stored
  EXPECT_EQ(odt_part(pkg, "mimetype"), "application/vnd.oasis.opendocument.text");
  const std::string content = odt_part(pkg, "content.xml");
  EXPECT_NE(content.find("office:document-content"), std::string::npos);
  for (const char* s : {"Số: 12/BC-THADS", "57.500.000 đ", "Thụ lý mới", "Thiếu lực lượng cưỡng chế",
                        "Ban Chỉ đạo THADS thành phố họp: Kết quả 6 tháng"})
    EXPECT_NE(content.find(s), std::string::npos) << s;
  EXPECT_NE(odt_part(pkg, "styles.xml").find("office:master-styles"), std::string::npos);
  EXPECT_EQ(std::get<Refusal>(report_odt(doc, "/nonexistent/template.fodt")).code, "template_unusable");
}

INSTANTIATE_TEST_SUITE_P(Backends, SteeringPeriodicReport, ::testing::Values("sqlite", "postgres"));

// The CLI: `thads report steering-periodic --period` as JSON equals `thads
// report cases|money` of the same dates; PDF and ODT are written to --out.
TEST(SteeringPeriodicReportCli, TheCommandWritesJsonPdfAndOdtOfTheSameFigures) {
  const fs::path dir = temp_dir();
  const std::string thads = THADS_BINARY;
  const std::string db = (dir / "t.db").string();
  std::ofstream(dir / "seed.jsonl") << kSeed;
  int rc = 0;
  std::string out = slurp_command(thads + " import --db " + db + " " + (dir / "seed.jsonl").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  const std::string base = thads + " report steering-periodic --db " + db + " --agency HN ";
  std::string j = slurp_command(base + "--period 2025-6M --format json 2>/dev/null", &rc);
  ASSERT_EQ(rc, 0) << j;
  const json report = json::parse(j);
  const json cases =
      json::parse(slurp_command(thads + " report cases --db " + db +
                                    " --agency HN --from 2024-10-01 --to 2025-03-31 --format json 2>/dev/null",
                                &rc));
  EXPECT_EQ(report["figures"]["cases"], cases);
  EXPECT_EQ(report["figures"]["period"], "2025-6M");
  // --from/--to spanning a period name it.
  const json same = json::parse(slurp_command(base + "--from 2024-10-01 --to 2025-03-31 --format json 2>/dev/null", &rc));
  EXPECT_EQ(same["figures"]["period"], "2025-6M");

  out = slurp_command(base + "--period 2025-6M --format pdf --out " + (dir / "r.pdf").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  std::string text = slurp_command("pdftotext -raw " + (dir / "r.pdf").string() + " -", &rc);
  EXPECT_NE(text.find("57.500.000 đ"), std::string::npos) << text;
  out = slurp_command(base + "--period 2025-6M --format odt --out " + (dir / "r.odt").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(slurp_command("unzip -p " + (dir / "r.odt").string() + " content.xml", &rc).find("57.500.000 đ"),
            std::string::npos);
  // Bad input: a stable code and the usage exit status, no file.
  out = slurp_command(base + "--period 2025-7M --format json", &rc);
  EXPECT_NE(out.find("bad_field"), std::string::npos) << out;
  EXPECT_NE(rc, 0);
  out = slurp_command(thads + " report cases --db " + db + " --period 2025-6M", &rc);
  EXPECT_NE(rc, 0) << out;
  fs::remove_all(dir);
}

// The CLI issues, not only drafts: `thads steering issue-report` records the
// frozen version as the page does, journalled with the CLI as its author; a
// re-issue without a reason is refused (exit 1, stable code), with one it is
// version 2 replacing 1; the export holds both with actor "cli".
TEST(SteeringPeriodicReportCli, TheCommandIssuesAVersionAuthoredByTheCli) {
  const fs::path dir = temp_dir();
  const std::string thads = THADS_BINARY;
  const std::string db = (dir / "t.db").string();
  std::ofstream(dir / "seed.jsonl") << kSeed;
  int rc = 0;
  std::string out = slurp_command(thads + " import --db " + db + " " + (dir / "seed.jsonl").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  const std::string issue = thads + " steering issue-report --db " + db + " --agency HN --period 2025-6M --number 12/BC-THADS";
  out = slurp_command(issue + " --signer 'Nguyễn Văn An' 2>&1", &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(json::accept(out)) << out;
  EXPECT_EQ(json::parse(out), (json{{"id", "BC-HN-2025-6M"}, {"seq", 1}}));
  out = slurp_command(issue + " 2>&1", &rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("bad_field"), std::string::npos) << out;  // a re-issue needs its reason
  out = slurp_command(issue + " --reason 'Bổ sung số liệu' 2>&1", &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(json::accept(out)) << out;
  EXPECT_EQ(json::parse(out)["seq"], 2);
  EXPECT_EQ(slurp_command(thads + " steering issue-report --db " + db + " --agency HN 2>&1", &rc).find("--period"), 0u);
  EXPECT_EQ(rc, 2);
  out = slurp_command(thads + " steering issue-report --db " + db + " --agency HN --period 2025-7M 2>&1", &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("bad_field"), std::string::npos);
  out = slurp_command(thads + " export --db " + db + " --out " + (dir / "export.jsonl").string(), &rc);
  ASSERT_EQ(rc, 0) << out;
  std::ifstream lines(dir / "export.jsonl");
  std::vector<json> issued;
  for (std::string line; std::getline(lines, line);) {
    json j = json::parse(line);
    if (j["kind"] == "periodic_report") issued.push_back(j);
  }
  ASSERT_EQ(issued.size(), 2u);
  EXPECT_EQ(issued[0]["actor"], "cli");
  EXPECT_EQ(issued[1]["replaces"], 1);
  EXPECT_EQ(issued[1]["reason"], "Bổ sung số liệu");
  EXPECT_EQ(issued[0]["figures"]["cases"], issued[1]["figures"]["cases"]);
  // The frozen figures are `thads report cases` of the same dates.
  const json cases =
      json::parse(slurp_command(thads + " report cases --db " + db +
                                    " --agency HN --from 2024-10-01 --to 2025-03-31 --format json 2>/dev/null",
                                &rc));
  EXPECT_EQ(issued[0]["figures"]["cases"], cases);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thads::steering
