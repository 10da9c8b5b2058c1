// PdfDocument: an official Vietnamese document (văn bản hành chính) written
// as PDF through libharu, in a font that shows Vietnamese (DejaVu Serif).
//
// Layout follows the administrative-document format of Nghị định
// 30/2020/NĐ-CP, Phụ lục I (in force since 05/03/2020): at the top left the
// governing body and the issuing body with the document number; at the top
// right the national motto (Quốc hiệu và Tiêu ngữ) and "place, ngày dd tháng
// mm năm yyyy"; then the title, the body text, and at the bottom "Nơi nhận"
// on the left and the signer's title and name on the right.
//
// Contract:
// - Text is UTF-8; every call wraps and breaks pages by itself (A4; margins
//   top and bottom 20 mm, left 30 mm, right 15 mm, as the decree's
//   Appendix I, section II, allows).
// - Construction throws PdfError when the font files are missing; no other
//   call throws except bytes() (when libharu reports an error).
// - bytes() may be called once; the document is then finished.
// - Only drawing primitives of libharu are used: no PDF is hand-written.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace thads {

struct PdfError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The header block of an official document.
struct OfficialHeader {
  std::string governing_body;  // cơ quan chủ quản, e.g. "CỤC THADS TP HÀ NỘI" (may be empty)
  std::string issuing_body;    // cơ quan ban hành, e.g. "PHÒNG THADS KHU VỰC 1"
  std::string number;          // "Số: 12/BC-THADS" (written as given; may be empty)
  std::string place;           // "Hà Nội"
  Date date;           // the document's date
};

struct SignatureBlock {
  std::vector<std::string> recipients;  // Nơi nhận (one line each, "- " added)
  std::string authority;                // e.g. "KT. CHI CỤC TRƯỞNG" (may be empty)
  std::string title;                    // e.g. "CHẤP HÀNH VIÊN"
  std::string name;                     // the signer's full name
};

struct PdfTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Relative column widths (any positive numbers); empty = equal widths.
  std::vector<double> widths;
  // Columns whose cells are right-aligned (figures).
  std::vector<bool> right_aligned;
};

// One series of a bar chart: a label and a non-negative value per bar.
struct PdfBarChart {
  std::string title;
  std::vector<std::string> labels;
  std::vector<std::int64_t> values;
  std::string unit;  // shown after the largest value, e.g. "việc"
};

class PdfDocument {
 public:
  // font_dir: where DejaVuSerif.ttf and DejaVuSerif-Bold.ttf are
  // (default: $THADS_FONT_DIR, else /usr/share/fonts/truetype/dejavu).
  explicit PdfDocument(std::string font_dir = {});
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Document information (title and author of the PDF's metadata).
  void set_info(std::string_view title, std::string_view author);

  void official_header(const OfficialHeader& h);
  void title(std::string_view text);     // centred, bold, upper size
  void subtitle(std::string_view text);  // centred, regular
  void heading(std::string_view text);   // bold, left
  void paragraph(std::string_view text); // wrapped, first line indented
  void line(std::string_view text);      // wrapped, not indented
  void table(const PdfTable& t);
  void bar_chart(const PdfBarChart& c);
  void signature(const SignatureBlock& s);
  void space(double points);
  void page_break();

  // The finished PDF file's bytes.
  std::string bytes();

  // How many pages the document has so far.
  int pages() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "Hà Nội, ngày 04 tháng 12 năm 2026". NĐ 30/2020 Appendix I, II.4: days
// below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02",
// but "tháng 3").
std::string place_and_date(std::string_view place, Date d);

}  // namespace thads
