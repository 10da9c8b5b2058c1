#include "app/pdf_document.h"

#include <hpdf.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "app/report_layout.h"

namespace thads {
namespace {

// A4 in points; margins of NĐ 30/2020 Appendix I, II (mm → pt: × 72 / 25.4).
constexpr double kPageW = 595.276;
constexpr double kPageH = 841.89;
constexpr double kMm = 72.0 / 25.4;
constexpr double kLeft = 30 * kMm;
constexpr double kRight = kPageW - 15 * kMm;
constexpr double kTop = kPageH - 20 * kMm;
constexpr double kBottom = 20 * kMm;
constexpr double kBodySize = 12;
constexpr double kLeading = 1.3;

struct ErrorState {
  HPDF_STATUS error = 0;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
  auto* s = static_cast<ErrorState*>(user);
  if (s->error == 0) {
    s->error = error_no;
    s->detail = detail_no;
  }
}

// Byte length of the UTF-8 sequence starting with c (1 for a stray byte).
std::size_t utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

enum class Align { left, centre, right };

}  // namespace

std::string place_and_date(std::string_view place, Date d) {
  const unsigned m = d.month();
  const std::string month = m <= 2 ? fmt::format("{:02}", m) : fmt::format("{}", m);
  return fmt::format("{}, ngày {:02} tháng {} năm {}", place, d.day(), month, d.year());
}

struct PdfDocument::Impl {
  ErrorState err;
  HPDF_Doc pdf = nullptr;
  HPDF_Font regular = nullptr;
  HPDF_Font bold = nullptr;
  HPDF_Page page = nullptr;
  double y = kTop;
  int page_count = 0;

  double width_of(std::string_view text, HPDF_Font font, double size) const {
    if (text.empty()) return 0;
    const std::string s(text);
    HPDF_TextWidth w = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                           static_cast<HPDF_UINT>(s.size()));
    return static_cast<double>(w.width) * size / 1000.0;
  }

  void new_page() {
    page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    ++page_count;
    y = kTop;
    // Page number, centred at the top from the second page on
    // (NĐ 30/2020 Appendix I, II.9).
    if (page_count > 1) {
      const std::string n = std::to_string(page_count);
      draw(n, (kLeft + kRight) / 2 - width_of(n, regular, 11) / 2, kPageH - 12 * kMm, regular, 11);
    }
  }

  void ensure(double height) {
    if (page == nullptr || y - height < kBottom) new_page();
  }

  void draw(std::string_view text, double x, double baseline, HPDF_Font font, double size) {
    if (text.empty()) return;
    const std::string s(text);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline), s.c_str());
    HPDF_Page_EndText(page);
  }

  // Splits text into lines no wider than width: at spaces, and inside a
  // word (between code points) only when the word alone is too wide.
  std::vector<std::string> wrap(std::string_view text, HPDF_Font font, double size, double width) const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t nl = text.find('\n', start);
      const std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      wrap_paragraph(para, font, size, width, lines);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    return lines;
  }

  void wrap_paragraph(std::string_view text, HPDF_Font font, double size, double width,
                      std::vector<std::string>& lines) const {
    std::string current;
    std::size_t i = 0;
    bool any = false;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      if (i >= text.size()) break;
      std::size_t j = text.find(' ', i);
      if (j == std::string_view::npos) j = text.size();
      std::string word(text.substr(i, j - i));
      i = j;
      const std::string candidate = current.empty() ? word : current + " " + word;
      if (width_of(candidate, font, size) <= width) {
        current = candidate;
        continue;
      }
      if (!current.empty()) {
        lines.push_back(current);
        any = true;
        current.clear();
      }
      // The word alone: break it between code points while it is too wide.
      while (width_of(word, font, size) > width) {
        std::size_t cut = 0;
        std::size_t k = 0;
        while (k < word.size()) {
          const std::size_t len = std::min(utf8_len(static_cast<unsigned char>(word[k])), word.size() - k);
          if (width_of(std::string_view(word).substr(0, k + len), font, size) > width) break;
          k += len;
          cut = k;
        }
        if (cut == 0) cut = std::min(utf8_len(static_cast<unsigned char>(word[0])), word.size());
        lines.push_back(word.substr(0, cut));
        any = true;
        word.erase(0, cut);
      }
      current = word;
    }
    if (!current.empty() || !any) lines.push_back(current);
  }

  // Writes wrapped text in [x0, x1], moving the cursor down.
  void text_block(std::string_view text, HPDF_Font font, double size, Align align, double x0, double x1,
                  double first_indent = 0) {
    const double lead = size * kLeading;
    const auto lines = wrap(text, font, size, x1 - x0 - first_indent);
    bool first = true;
    for (const auto& l : lines) {
      ensure(lead);
      y -= lead;
      const double w = width_of(l, font, size);
      double x = x0 + (first ? first_indent : 0);
      if (align == Align::centre) x = (x0 + x1) / 2 - w / 2;
      if (align == Align::right) x = x1 - w;
      draw(l, x, y + size * 0.25, font, size);
      first = false;
    }
  }

  // Centred lines in a column [x0, x1] starting at top; returns the bottom.
  double column(const std::vector<std::pair<std::string, HPDF_Font>>& items, double size, double x0, double x1,
                double top, bool rule_after_second) {
    double yy = top;
    const double lead = size * kLeading;
    int idx = 0;
    for (const auto& [text, font] : items) {
      ++idx;
      if (text.empty()) continue;
      for (const auto& l : wrap(text, font, size, x1 - x0)) {
        yy -= lead;
        const double w = width_of(l, font, size);
        draw(l, (x0 + x1) / 2 - w / 2, yy + size * 0.25, font, size);
      }
      if (rule_after_second && idx == 2) {
        // The short rule under the body's name / the motto (Appendix I).
        const double cx = (x0 + x1) / 2;
        HPDF_Page_SetLineWidth(page, 0.6f);
        HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(cx - 40), static_cast<HPDF_REAL>(yy - 2));
        HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(cx + 40), static_cast<HPDF_REAL>(yy - 2));
        HPDF_Page_Stroke(page);
        yy -= 6;
      }
    }
    return yy;
  }
};

PdfDocument::PdfDocument(std::string font_dir) : impl_(std::make_unique<Impl>()) {
  if (font_dir.empty()) {
    const char* env = std::getenv("THADS_FONT_DIR");
    font_dir = (env != nullptr && *env != '\0') ? env : "/usr/share/fonts/truetype/dejavu";
  }
  const std::string regular = font_dir + "/DejaVuSerif.ttf";
  const std::string bold = font_dir + "/DejaVuSerif-Bold.ttf";
  for (const auto& f : {regular, bold}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec))
      throw PdfError("PDF: missing font file " + f + " (Debian package fonts-dejavu-core)");
  }
  impl_->pdf = HPDF_New(on_error, &impl_->err);
  if (impl_->pdf == nullptr) throw PdfError("PDF: libharu could not start");
  HPDF_SetCompressionMode(impl_->pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(impl_->pdf);
  HPDF_SetCurrentEncoder(impl_->pdf, "UTF-8");
  const char* rn = HPDF_LoadTTFontFromFile(impl_->pdf, regular.c_str(), HPDF_TRUE);
  const char* bn = HPDF_LoadTTFontFromFile(impl_->pdf, bold.c_str(), HPDF_TRUE);
  if (rn != nullptr) impl_->regular = HPDF_GetFont(impl_->pdf, rn, "UTF-8");
  if (bn != nullptr) impl_->bold = HPDF_GetFont(impl_->pdf, bn, "UTF-8");
  if (impl_->regular == nullptr || impl_->bold == nullptr || impl_->err.error != 0) {
    const auto code = impl_->err.error;
    HPDF_Free(impl_->pdf);
    impl_->pdf = nullptr;
    throw PdfError(fmt::format("PDF: the fonts of {} could not be loaded (libharu error {:#x})", font_dir, code));
  }
}

PdfDocument::~PdfDocument() {
  if (impl_ && impl_->pdf != nullptr) HPDF_Free(impl_->pdf);
}

void PdfDocument::set_info(std::string_view title, std::string_view author) {
  HPDF_SetInfoAttr(impl_->pdf, HPDF_INFO_TITLE, std::string(title).c_str());
  HPDF_SetInfoAttr(impl_->pdf, HPDF_INFO_AUTHOR, std::string(author).c_str());
  HPDF_SetInfoAttr(impl_->pdf, HPDF_INFO_CREATOR, "thads");
}

void PdfDocument::official_header(const OfficialHeader& h) {
  auto& d = *impl_;
  d.ensure(120);
  const double mid = kLeft + (kRight - kLeft) * 0.40;
  const double top = d.y;
  // DejaVu is wider than the Times of the decree's samples: 11 pt keeps
  // the national motto on one line, as the decree writes it.
  const double left_bottom =
      d.column({{h.governing_body, d.regular}, {h.issuing_body, d.bold}}, 11, kLeft - 10, mid, top, true);
  const double right_bottom = d.column({{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", d.bold},
                                        {"Độc lập - Tự do - Hạnh phúc", d.bold}},
                                       11, mid + 5, kRight + 10, top, true);
  double yy = std::min(left_bottom, right_bottom) - 4;
  const double lead = 12 * kLeading;
  if (!h.number.empty()) {
    const double w = d.width_of(h.number, d.regular, 12);
    d.draw(h.number, (kLeft - 10 + mid) / 2 - w / 2, yy - lead + 3, d.regular, 12);
  }
  const std::string pd = place_and_date(h.place, h.date);
  const double w = d.width_of(pd, d.regular, 12);
  d.draw(pd, (mid + 5 + kRight + 10) / 2 - w / 2, yy - lead + 3, d.regular, 12);
  d.y = yy - lead - 12;
}

void PdfDocument::title(std::string_view text) {
  impl_->y -= 6;
  impl_->text_block(text, impl_->bold, 14, Align::centre, kLeft, kRight);
}

void PdfDocument::subtitle(std::string_view text) {
  impl_->text_block(text, impl_->regular, kBodySize, Align::centre, kLeft, kRight);
  impl_->y -= 6;
}

void PdfDocument::heading(std::string_view text) {
  impl_->ensure(40);  // keep a heading with at least its next line
  impl_->y -= 4;
  impl_->text_block(text, impl_->bold, kBodySize + 1, Align::left, kLeft, kRight);
}

void PdfDocument::paragraph(std::string_view text) {
  impl_->text_block(text, impl_->regular, kBodySize + 1, Align::left, kLeft, kRight, 1 * 72 / 2.54);
}

void PdfDocument::line(std::string_view text) {
  impl_->text_block(text, impl_->regular, kBodySize + 1, Align::left, kLeft, kRight);
}

void PdfDocument::space(double points) {
  impl_->y -= points;
  if (impl_->y < kBottom) impl_->new_page();
}

void PdfDocument::page_break() { impl_->new_page(); }

void PdfDocument::table(const PdfTable& t) {
  auto& d = *impl_;
  const std::size_t n = std::max<std::size_t>(t.header.size(), 1);
  std::vector<double> rel = t.widths;
  if (rel.size() != n) rel.assign(n, 1.0);
  double sum = 0;
  for (double& r : rel) {
    if (!(r > 0)) r = 1.0;
    sum += r;
  }
  std::vector<double> xs{kLeft};
  for (double r : rel) xs.push_back(xs.back() + (kRight - kLeft) * r / sum);
  const double size = 10;
  const double lead = size * 1.25;
  const double pad = 3;

  auto row_lines = [&](const std::vector<std::string>& cells, HPDF_Font font) {
    std::vector<std::vector<std::string>> out(n);
    for (std::size_t c = 0; c < n; ++c) {
      const std::string cell = c < cells.size() ? cells[c] : std::string();
      out[c] = d.wrap(cell, font, size, xs[c + 1] - xs[c] - 2 * pad);
    }
    return out;
  };
  auto height_of = [&](const std::vector<std::vector<std::string>>& lines) {
    std::size_t most = 1;
    for (const auto& l : lines) most = std::max(most, l.size());
    return static_cast<double>(most) * lead + 2 * pad;
  };
  auto draw_row = [&](const std::vector<std::vector<std::string>>& lines, HPDF_Font font, bool header) {
    const double h = height_of(lines);
    const double top = d.y;
    HPDF_Page_SetLineWidth(d.page, 0.5f);
    for (std::size_t c = 0; c < n; ++c) {
      HPDF_Page_Rectangle(d.page, static_cast<HPDF_REAL>(xs[c]), static_cast<HPDF_REAL>(top - h),
                          static_cast<HPDF_REAL>(xs[c + 1] - xs[c]), static_cast<HPDF_REAL>(h));
      HPDF_Page_Stroke(d.page);
      double yy = top - pad;
      const bool right = !header && c < t.right_aligned.size() && t.right_aligned[c];
      for (const auto& l : lines[c]) {
        yy -= lead;
        const double w = d.width_of(l, font, size);
        double x = xs[c] + pad;
        if (header) x = (xs[c] + xs[c + 1]) / 2 - w / 2;
        if (right) x = xs[c + 1] - pad - w;
        d.draw(l, x, yy + size * 0.3, font, size);
      }
    }
    d.y = top - h;
  };

  const auto head = row_lines(t.header, d.bold);
  d.ensure(height_of(head) + lead * 2 + 2 * pad);
  draw_row(head, d.bold, true);
  for (const auto& r : t.rows) {
    const auto lines = row_lines(r, d.regular);
    const double h = height_of(lines);
    if (d.y - h < kBottom) {
      d.new_page();
      draw_row(head, d.bold, true);  // the header again on each page
    }
    draw_row(lines, d.regular, false);
  }
  d.y -= 6;
}

void PdfDocument::bar_chart(const PdfBarChart& c) {
  auto& d = *impl_;
  const double size = 10;
  const double bar_h = 12;
  const double gap = 5;
  const std::size_t n = std::min(c.labels.size(), c.values.size());
  d.ensure(24 + bar_h + gap);
  if (!c.title.empty()) d.text_block(c.title, d.bold, 11, Align::left, kLeft, kRight);
  d.y -= 4;
  std::int64_t most = 0;
  for (std::size_t i = 0; i < n; ++i) most = std::max(most, c.values[i]);
  const double label_w = (kRight - kLeft) * 0.35;
  // The values as Vietnamese figures ("1.500.000 đồng"), their column as wide as the widest.
  std::vector<std::string> values(n);
  double value_w = 70;
  for (std::size_t i = 0; i < n; ++i) {
    values[i] = report_layout::group_thousands(std::max<std::int64_t>(c.values[i], 0));
    if (!c.unit.empty()) values[i] += " " + c.unit;
    value_w = std::max(value_w, d.width_of(values[i], d.regular, size) + 8);
  }
  const double bar_max = std::max(0.0, kRight - kLeft - label_w - value_w);
  for (std::size_t i = 0; i < n; ++i) {
    d.ensure(bar_h + gap);
    d.y -= bar_h + gap;
    // Labels longer than the column are cut at a code point with "…".
    std::string label = c.labels[i];
    while (!label.empty() && d.width_of(label, d.regular, size) > label_w - 6) {
      std::size_t k = label.size() - 1;
      while (k > 0 && (static_cast<unsigned char>(label[k]) & 0xC0) == 0x80) --k;
      label.erase(k);
      if (d.width_of(label + "…", d.regular, size) <= label_w - 6) {
        label += "…";
        break;
      }
    }
    d.draw(label, kLeft, d.y + 2, d.regular, size);
    const std::int64_t v = std::max<std::int64_t>(c.values[i], 0);
    const double w = most > 0 ? bar_max * static_cast<double>(v) / static_cast<double>(most) : 0;
    if (w > 0) {
      HPDF_Page_SetRGBFill(d.page, 0.20f, 0.38f, 0.62f);
      HPDF_Page_Rectangle(d.page, static_cast<HPDF_REAL>(kLeft + label_w), static_cast<HPDF_REAL>(d.y),
                          static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(bar_h));
      HPDF_Page_Fill(d.page);
      HPDF_Page_SetRGBFill(d.page, 0, 0, 0);
    }
    d.draw(values[i], kLeft + label_w + w + 4, d.y + 2, d.regular, size);
  }
  d.y -= 8;
}

void PdfDocument::signature(const SignatureBlock& s) {
  auto& d = *impl_;
  const double lead = 12 * kLeading;
  const double need = lead * static_cast<double>(std::max<std::size_t>(s.recipients.size() + 1, 4)) + 80;
  d.ensure(need);
  d.y -= 10;
  const double top = d.y;
  const double mid = kLeft + (kRight - kLeft) * 0.5;
  double yl = top;
  if (!s.recipients.empty()) {
    yl -= lead;
    d.draw("Nơi nhận:", kLeft, yl, d.bold, 11);
    for (const auto& r : s.recipients) {
      for (const auto& l : d.wrap("- " + r, d.regular, 10, mid - kLeft - 10)) {
        yl -= 10 * kLeading;
        d.draw(l, kLeft, yl, d.regular, 10);
      }
    }
  }
  double yr = top;
  for (const auto* part : {&s.authority, &s.title}) {
    if (part->empty()) continue;
    for (const auto& l : d.wrap(*part, d.bold, 12, kRight - mid)) {
      yr -= lead;
      d.draw(l, (mid + kRight) / 2 - d.width_of(l, d.bold, 12) / 2, yr, d.bold, 12);
    }
  }
  yr -= 60;  // room for the signature and the seal
  if (!s.name.empty()) {
    yr -= lead;
    d.draw(s.name, (mid + kRight) / 2 - d.width_of(s.name, d.bold, 12) / 2, yr, d.bold, 12);
  }
  d.y = std::min(yl, yr) - 6;
}

int PdfDocument::pages() const { return impl_->page_count; }

std::string PdfDocument::bytes() {
  auto& d = *impl_;
  if (d.pdf == nullptr) throw PdfError("PDF: the document was already finished");
  if (d.page == nullptr) d.new_page();
  HPDF_SaveToStream(d.pdf);
  std::string out;
  if (d.err.error == 0) {
    out.resize(HPDF_GetStreamSize(d.pdf));
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ResetStream(d.pdf);
    HPDF_STATUS st = HPDF_ReadFromStream(d.pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    if (st != HPDF_OK && st != HPDF_STREAM_EOF && d.err.error == 0) d.err.error = st;
    out.resize(size);
  }
  const auto code = d.err.error;
  const auto detail = d.err.detail;
  HPDF_Free(d.pdf);
  d.pdf = nullptr;
  if (code != 0) throw PdfError(fmt::format("PDF: libharu error {:#x} (detail {})", code, detail));
  return out;
}

}  // namespace thads
