// Rendering of statistics reports: JSON (statistics.md "JSON output"), the
// terminal table and the Excel form. Reports are built by hand; nothing is
// recomputed here. The xlsx checks read the zip with the `unzip` command.
#include "app/report_render.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace thads {
namespace {

Columns money_columns() {
  Columns c;
  c.carried_over = 4'978'900'002;
  c.new_ = 14'444'000'000;
  c.accepted = 19'422'900'002;
  c.entrusted_out = 5'099'133'334;
  c.to_enforce = 14'323'766'668;
  c.with_conditions = 12'624'479'998;
  c.completed = 2'164'221'664;
  c.reduced = 1'747'533'332;
  c.terminated = 2'109'980'000;
  c.in_progress = 6'602'745'002;
  c.postponed_suspended = 705'800'001;
  c.without_conditions = 993'486'669;
  c.closed_unenforced = 94'000'000;
  c.carried_to_next = 8'208'031'672;
  c.completion_rate_x100 = 4770;
  return c;
}

Report money_report() {
  Report r;
  r.form = Form::money;
  r.agency = "CQL";
  r.agency_name = "Cục Quản lý thi hành án dân sự";
  r.period = {Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)};
  r.columns = money_columns();
  r.target_rate_x100 = 5190;
  return r;
}

Report cases_report() {
  Report r;
  r.form = Form::cases;
  r.agency = "HN";
  r.agency_name = "THADS thành phố Hà Nội";
  r.period = {Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)};
  Columns& c = r.columns;
  c.carried_over = 4;
  c.new_ = 6;
  c.accepted = 10;
  c.entrusted_out = 1;
  c.to_enforce = 9;
  c.with_conditions = 7;
  c.completed = 2;
  c.terminated = 1;
  c.in_progress = 4;
  c.postponed_suspended = 1;
  c.without_conditions = 1;
  c.closed_unenforced = 0;
  c.carried_to_next = 6;
  c.completion_rate_x100 = 4286;
  return r;
}

TEST(ReportJson, CasesFormExactly) {
  EXPECT_EQ(report_to_json(cases_report()),
            R"({"form":"cases","agency":"HN","from":"2024-10-01","to":"2025-09-30",)"
            R"("columns":{"carried_over":4,"new":6,"accepted":10,"entrusted_out":1,"to_enforce":9,)"
            R"("with_conditions":7,"completed":2,"terminated":1,"in_progress":4,)"
            R"("postponed_suspended":1,"without_conditions":1,"closed_unenforced":0,)"
            R"("completion_rate":42.86,"carried_to_next":6},"target_rate":null})");
}

TEST(ReportJson, MoneyFormWithRowsTargetAndKnownAt) {
  Report r = money_report();
  r.by = "agency";
  ReportRow row{"P1", "Phòng THADS khu vực 1", Columns{}};
  row.columns.new_ = 5;
  r.rows.push_back(row);
  r.as_known_at = "2025-10-05T17:00:00+07:00";
  EXPECT_EQ(report_to_json(r),
            R"({"form":"money","agency":"CQL","from":"2024-10-01","to":"2025-09-30",)"
            R"("columns":{"carried_over":4978900002,"new":14444000000,"accepted":19422900002,)"
            R"("entrusted_out":5099133334,"to_enforce":14323766668,"with_conditions":12624479998,)"
            R"("completed":2164221664,"reduced":1747533332,"terminated":2109980000,)"
            R"("in_progress":6602745002,"postponed_suspended":705800001,)"
            R"("without_conditions":993486669,"closed_unenforced":94000000,)"
            R"("completion_rate":47.7,"carried_to_next":8208031672},"target_rate":51.9,)"
            R"("rows":[{"key":"P1","label":"Phòng THADS khu vực 1","columns":{"carried_over":0,"new":5,)"
            R"("accepted":0,"entrusted_out":0,"to_enforce":0,"with_conditions":0,"completed":0,)"
            R"("reduced":0,"terminated":0,"in_progress":0,"postponed_suspended":0,)"
            R"("without_conditions":0,"closed_unenforced":0,"completion_rate":null,)"
            R"("carried_to_next":0}}],"as_known_at":"2025-10-05T17:00:00+07:00"})");
}

TEST(ReportJson, RowsKeyOnlyWithABreakdown) {
  Report r = cases_report();
  EXPECT_EQ(report_to_json(r).find("\"rows\""), std::string::npos);
  r.by = "flag";
  EXPECT_NE(report_to_json(r).find("\"rows\":[]"), std::string::npos);
}

// Every rate 0.00 … 100.00 prints as its shortest decimal, never as a
// binary-floating-point artefact such as 42.859999999999999.
TEST(ReportJson, EveryTwoDecimalRatePrintsExactly) {
  for (int64_t x = 0; x <= 10'000; ++x) {
    Report r = cases_report();
    r.columns.completion_rate_x100 = x;
    std::string expect = std::to_string(x / 100) + ".";
    const int64_t frac = x % 100;
    expect += frac == 0 ? "0" : frac % 10 == 0 ? std::to_string(frac / 10)
                                               : (frac < 10 ? "0" : "") + std::to_string(frac);
    const std::string json = report_to_json(r);
    ASSERT_NE(json.find("\"completion_rate\":" + expect + ","), std::string::npos) << x << " " << json;
  }
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("Tổng cộng"), 9u);
  EXPECT_EQ(display_width("Đống Đa"), 7u);
  EXPECT_EQ(display_width("To\xCC\x82\xCC\x89ng"), 4u);  // NFD: o + circumflex + hook above
  EXPECT_EQ(display_width("漢字"), 4u);
  EXPECT_EQ(display_width("│─┼"), 3u);
  EXPECT_EQ(display_width(""), 0u);
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Display columns at which "│" and "┼" stand on a line.
std::vector<size_t> separators(const std::string& line) {
  std::vector<size_t> at;
  size_t col = 0;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    const auto b = static_cast<unsigned char>(line[i]);
    if (b >= 0xF0) len = 4; else if (b >= 0xE0) len = 3; else if (b >= 0xC0) len = 2;
    const std::string ch = line.substr(i, len);
    if (ch == "│" || ch == "┼") at.push_back(col);
    col += display_width(ch);
    i += len;
  }
  return at;
}

TEST(ReportTable, HeadersValuesAndAlignment) {
  Report r = money_report();
  r.by = "agency";
  r.rows.push_back({"P1", "Phòng THADS khu vực Đống Đa", money_columns()});
  r.rows.push_back({"P2", "", money_columns()});
  r.as_known_at = "2025-10-05T17:00:00+07:00";
  const std::string t = report_to_table(r);
  for (const char* s : {"KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN", "Cục Quản lý thi hành án dân sự (CQL)",
                        "Từ ngày 01/10/2024 đến ngày 30/09/2025", "Số liệu tính đến 17:00 ngày 05/10/2025",
                        "Đơn vị tính: nghìn đồng", "14.444.000", "2.164.222", "47,70%", "Tổng cộng",
                        "Giảm", "Đình chỉ", "Chỉ tiêu được giao: 51,90%", "Phòng THADS khu vực Đống Đa",
                        "\nP2 "})
    EXPECT_NE(t.find(s), std::string::npos) << s << "\n" << t;
  // Every line of the grid puts its separators at the same display columns.
  std::vector<size_t> expected;
  size_t grid_lines = 0;
  for (const std::string& l : lines_of(t)) {
    const std::vector<size_t> at = separators(l);
    if (at.empty()) continue;
    if (expected.empty()) expected = at;
    EXPECT_EQ(at, expected) << l << "\n" << t;
    ++grid_lines;
  }
  EXPECT_EQ(expected.size(), 15u);  // between the label and the 15 columns of the money form
  EXPECT_GE(grid_lines, 6u);
}

TEST(ReportTable, CasesFormWithoutBreakdown) {
  Report r = cases_report();
  r.columns.completion_rate_x100.reset();
  const std::string t = report_to_table(r);
  EXPECT_NE(t.find("KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"), std::string::npos);
  EXPECT_NE(t.find("Đơn vị tính: việc"), std::string::npos);
  EXPECT_EQ(t.find("Giảm"), std::string::npos);
  EXPECT_EQ(t.find("Chỉ tiêu"), std::string::npos);
  const auto lines = lines_of(t);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().find("Tổng cộng"), 0u) << t;
  EXPECT_EQ(lines.back().substr(lines.back().size() - 1), "-");  // no rate
}

// ---- xlsx --------------------------------------------------------------------

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf{};
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) out.append(buf.data(), n);
  pclose(p);
  return out;
}

class ReportXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "thads-xlsx-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string entry(const std::string& file, const std::string& name) {
    return run("unzip -p '" + file + "' '" + name + "' 2>/dev/null");
  }
  std::filesystem::path dir_;
};

TEST_F(ReportXlsx, MoneyFormLooksLikeTheOfficialForm) {
  Report r = money_report();
  r.by = "agency";
  r.rows.push_back({"P1", "Phòng THADS khu vực 1", money_columns()});
  r.as_known_at = "2025-10-05T17:00:00+07:00";
  const std::string file = (dir_ / "report.xlsx").string();
  std::string error;
  ASSERT_TRUE(report_to_xlsx(r, file, &error)) << error;

  const std::string listing = run("unzip -Z1 '" + file + "' 2>/dev/null");
  ASSERT_NE(listing.find("xl/worksheets/sheet1.xml"), std::string::npos) << "not a valid zip: " << listing;
  const std::string sheet = entry(file, "xl/worksheets/sheet1.xml");
  const std::string strings = entry(file, "xl/sharedStrings.xml");
  // Money in thousand VND: 2,164,221,664 đồng → 2,164,222.
  EXPECT_NE(sheet.find("<v>2164222</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>14444000</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>0.477</v>"), std::string::npos);  // 47.70% as a fraction
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<mergeCell "), std::string::npos);
  EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
  // Excel keeps the texts in the shared strings table.
  for (const char* s : {"KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN", "Cục Quản lý thi hành án dân sự (CQL)",
                        "Mã đơn vị: CQL", "Từ ngày 01/10/2024 đến ngày 30/09/2025",
                        "Số liệu tính đến 17:00 ngày 05/10/2025", "Đơn vị tính: nghìn đồng",
                        "Tổng số thụ lý", "Năm trước chuyển sang", "Có điều kiện thi hành", "Giảm", "(15)",
                        "Tổng cộng", "Phòng THADS khu vực 1", "Chỉ tiêu được giao: 51,90%",
                        "Người lập biểu", "Thủ trưởng đơn vị"})
    EXPECT_NE(strings.find(s), std::string::npos) << s;
}

TEST_F(ReportXlsx, CasesFormCountsAsTheyAre) {
  const std::string file = (dir_ / "cases.xlsx").string();
  ASSERT_TRUE(report_to_xlsx(cases_report(), file, nullptr));
  const std::string sheet = entry(file, "xl/worksheets/sheet1.xml");
  const std::string strings = entry(file, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"), std::string::npos);
  EXPECT_NE(strings.find("Đơn vị tính: việc"), std::string::npos);
  EXPECT_EQ(strings.find("Giảm"), std::string::npos);
  EXPECT_NE(strings.find("(14)"), std::string::npos);
  EXPECT_EQ(strings.find("(15)"), std::string::npos);
  EXPECT_NE(sheet.find("<v>10</v>"), std::string::npos);  // accepted
}

TEST_F(ReportXlsx, UnwritablePathIsAnError) {
  std::string error;
  EXPECT_FALSE(report_to_xlsx(cases_report(), (dir_ / "missing" / "r.xlsx").string(), &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace thads
