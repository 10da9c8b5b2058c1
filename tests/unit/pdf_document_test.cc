// The PDF writer: an official document's text must be readable back
// (pdftotext, from poppler-utils) with its Vietnamese letters intact, its
// layout must break pages, and a missing font is an error, not a blank PDF.
#include "app/pdf_document.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/run_command.h"

namespace {

using thads::OfficialHeader;
using thads::PdfBarChart;
using thads::PdfDocument;
using thads::PdfError;
using thads::PdfTable;
using thads::SignatureBlock;
using thads::Date;

// Writes the PDF to a temporary file and returns pdftotext's text of it
// (-raw keeps each drawn line together).
std::string text_of(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path() / ("thads-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "doc.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  int rc = 0;
  std::string text = thads::testing::output_of("pdftotext -raw " + file.string() + " -", &rc);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(rc, 0) << text;
  // A title or a body's name may wrap onto two lines, as on paper: compare
  // the text with its line ends read as spaces.
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

TEST(PdfDocument, PlaceAndDateFollowsTheDecreeOnLeadingZeros) {
  // NĐ 30/2020 Appendix I, II.4: a leading zero for days 1–9 and months 1–2.
  EXPECT_EQ(thads::place_and_date("Hà Nội", Date::from_ymd(2026, 2, 5)), "Hà Nội, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(thads::place_and_date("Huế", Date::from_ymd(2026, 3, 15)), "Huế, ngày 15 tháng 3 năm 2026");
  EXPECT_EQ(thads::place_and_date("Cần Thơ", Date::from_ymd(2026, 12, 4)), "Cần Thơ, ngày 04 tháng 12 năm 2026");
}

TEST(PdfDocument, AnOfficialReportReadsBackWithItsVietnameseTextAndFigures) {
  PdfDocument doc;
  doc.set_info("Báo cáo kết quả thi hành án dân sự", "thads");
  doc.official_header({"CỤC THI HÀNH ÁN DÂN SỰ TP HÀ NỘI", "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1", "Số: 12/BC-THADS",
                       "Hà Nội", Date::from_ymd(2026, 12, 4)});
  doc.title("BÁO CÁO");
  doc.subtitle("Kết quả thi hành án dân sự 6 tháng năm 2027");
  doc.heading("I. Kết quả về việc");
  doc.paragraph("Tổng số việc phải thi hành là 1.234 việc; đã thi hành xong 567 việc, đạt tỷ lệ 45,9%.");
  PdfTable t;
  t.header = {"Chỉ tiêu", "Số việc", "Số tiền (đồng)"};
  t.widths = {3, 1, 2};
  t.right_aligned = {false, true, true};
  t.rows = {{"Có điều kiện thi hành", "1.100", "98.765.432.100"}, {"Chưa có điều kiện", "134", "1.234.567"}};
  doc.table(t);
  doc.bar_chart(PdfBarChart{"Việc thi hành xong theo tháng", {"Tháng 10", "Tháng 11"}, {45, 60}, "việc"});
  doc.signature(SignatureBlock{{"Ban Thường vụ Tỉnh ủy", "Lưu: VT"}, "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Thị Hằng"});
  const std::string pdf = doc.bytes();
  ASSERT_GT(pdf.size(), 1000u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string text = text_of(pdf);
  for (const char* want :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1",
        "Số: 12/BC-THADS", "Hà Nội, ngày 04 tháng 12 năm 2026", "BÁO CÁO", "I. Kết quả về việc", "98.765.432.100",
        "1.234.567", "Chưa có điều kiện", "Tháng 11", "60 việc", "Nơi nhận:", "Ban Thường vụ Tỉnh ủy",
        "Nguyễn Thị Hằng"}) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing: " << want << "\n--- text ---\n" << text;
  }
}

TEST(PdfDocument, LongTextAndTablesBreakPagesAndRepeatTheTableHeader) {
  PdfDocument doc;
  std::string para;
  for (int i = 0; i < 60; ++i) para += "Chấp hành viên xác minh điều kiện thi hành án của người phải thi hành. ";
  doc.paragraph(para);
  PdfTable t;
  t.header = {"Số thứ tự", "Nội dung"};
  for (int i = 1; i <= 80; ++i) t.rows.push_back({std::to_string(i), "Dòng " + std::to_string(i)});
  doc.table(t);
  // One word wider than the page is cut between letters, never lost.
  doc.line(std::string(300, 'x') + "ĐẶC-BIỆT");
  EXPECT_GE(doc.pages(), 3);
  const std::string text = text_of(doc.bytes());
  EXPECT_NE(text.find("Dòng 80"), std::string::npos);
  EXPECT_NE(text.find("ĐẶC-BIỆT"), std::string::npos);
  // The header is drawn on the first table page and again on each later one.
  std::size_t headers = 0;
  for (std::size_t p = text.find("Số thứ tự"); p != std::string::npos; p = text.find("Số thứ tự", p + 1)) ++headers;
  EXPECT_GE(headers, 2u);
}

TEST(PdfDocument, AMissingFontIsAnErrorNotABlankDocument) {
  EXPECT_THROW(PdfDocument("/nonexistent/fonts"), PdfError);
}

TEST(PdfDocument, BytesFinishesTheDocumentOnce) {
  PdfDocument doc;
  doc.line("Một dòng");
  EXPECT_FALSE(doc.bytes().empty());
  EXPECT_THROW(doc.bytes(), PdfError);
}

}  // namespace
