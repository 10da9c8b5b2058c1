#include "app/report_render.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/report_layout.h"

namespace thads {

using report_layout::form_columns;
using report_layout::FormColumn;
using report_layout::group_thousands;
using report_layout::percent_vn;

namespace {

struct JsonColumn {
  const char* key;
  int64_t Columns::*field;  // nullptr: completion_rate
};

// statistics.md "JSON output" order; "reduced" only in the money form.
constexpr JsonColumn kJsonColumns[] = {
    {"carried_over", &Columns::carried_over},
    {"new", &Columns::new_},
    {"accepted", &Columns::accepted},
    {"entrusted_out", &Columns::entrusted_out},
    {"to_enforce", &Columns::to_enforce},
    {"with_conditions", &Columns::with_conditions},
    {"completed", &Columns::completed},
    {"reduced", &Columns::reduced},
    {"terminated", &Columns::terminated},
    {"in_progress", &Columns::in_progress},
    {"postponed_suspended", &Columns::postponed_suspended},
    {"without_conditions", &Columns::without_conditions},
    {"closed_unenforced", &Columns::closed_unenforced},
    {"completion_rate", nullptr},
    {"carried_to_next", &Columns::carried_to_next},
};

// statistics.md form keys (the same strings as to_string(Form)).
const char* form_key(Form form) { return form == Form::cases ? "cases" : "money"; }

// Hundredths → a JSON number. Integer ÷ 100.0 is correctly rounded, so the
// double is the one nearest the 2-decimal value and nlohmann's shortest
// round-trip printing gives "42.86", never "42.859999…".
nlohmann::ordered_json rate_json(const std::optional<int64_t>& x100) {
  if (!x100) return nullptr;
  return static_cast<double>(*x100) / 100.0;
}

// ---- JSON -------------------------------------------------------------------

nlohmann::ordered_json columns_json(const Columns& c, Form form) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const JsonColumn& col : kJsonColumns) {
    if (col.field == &Columns::reduced && form != Form::money) continue;
    j[col.key] = col.field ? nlohmann::ordered_json(c.*col.field) : rate_json(c.completion_rate_x100);
  }
  return j;
}

// ---- UTF-8 ------------------------------------------------------------------

// Decodes the code point at s[i] and advances i; invalid bytes count as one.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (len == 1 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return b;
  }
  char32_t cp = b & (0x7F >> len);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// ---- terminal table ---------------------------------------------------------

std::string pad(const std::string& s, size_t width, bool right) {
  const size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

// Greedy word wrap of a header into lines of at most `width` columns.
std::vector<std::string> wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  lines.push_back(line);
  return lines;
}

size_t longest_word(const std::string& text) {
  size_t best = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    best = std::max(best, display_width(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return best;
}

std::vector<std::string> table_cells(const std::string& label, const Columns& c, Form form) {
  std::vector<std::string> cells{label};
  for (const FormColumn* col : form_columns(form))
    // Money in thousands of đồng, as the screen and the xlsx of the official
    // form show it (one unit, labelled, the same everywhere).
    cells.push_back(col->field ? group_thousands(form == Form::money ? to_thousand_vnd(c.*col->field) : c.*col->field)
                               : percent_vn(c.completion_rate_x100));
  return cells;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    width += is_combining(cp) ? 0 : is_wide(cp) ? 2 : 1;
  }
  return width;
}

std::string report_to_json(const Report& r) {
  nlohmann::ordered_json j;
  j["form"] = form_key(r.form);
  j["agency"] = r.agency;
  j["from"] = r.period.from.iso();
  j["to"] = r.period.to.iso();
  j["columns"] = columns_json(r.columns, r.form);
  j["target_rate"] = rate_json(r.target_rate_x100);
  if (!r.by.empty()) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const ReportRow& row : r.rows)
      rows.push_back({{"key", row.key}, {"label", row.label}, {"columns", columns_json(row.columns, r.form)}});
    j["rows"] = std::move(rows);
  }
  if (r.as_known_at) j["as_known_at"] = *r.as_known_at;
  return j.dump();
}

std::string report_to_table(const Report& r) {
  const auto cols = form_columns(r.form);
  std::vector<std::string> headers{report_layout::label_header(r.by)};
  for (const FormColumn* c : cols) headers.push_back(c->header);
  std::vector<std::vector<std::string>> body;
  for (const ReportRow& row : r.rows)
    body.push_back(table_cells(row.label.empty() ? row.key : row.label, row.columns, r.form));
  body.push_back(table_cells("Tổng cộng", r.columns, r.form));

  // Width: the widest value, at least the longest header word, at least 9.
  std::vector<size_t> width(headers.size());
  for (size_t k = 0; k < headers.size(); ++k) {
    width[k] = std::max<size_t>(longest_word(headers[k]), k == 0 ? 12 : 9);
    for (const auto& cells : body) width[k] = std::max(width[k], display_width(cells[k]));
  }
  std::vector<std::vector<std::string>> head_lines;
  size_t head_height = 0;
  for (size_t k = 0; k < headers.size(); ++k) {
    head_lines.push_back(wrap(headers[k], width[k]));
    head_height = std::max(head_height, head_lines.back().size());
  }

  const auto rule = [&](const char* cross) {
    std::string s;
    for (size_t k = 0; k < width.size(); ++k) {
      if (k > 0) s += cross;
      for (size_t i = 0; i < width[k] + (k == 0 ? 1 : 2) - (k + 1 == width.size() ? 1 : 0); ++i) s += "─";
    }
    return s + "\n";
  };
  const auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string s;
    for (size_t k = 0; k < cells.size(); ++k) {
      if (k > 0) s += " │ ";
      s += pad(cells[k], width[k], !header && k > 0);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };

  std::string out = report_layout::title_of(r.form) + "\n";
  out += "Đơn vị: " + report_layout::agency_line(r) + "\n";
  out += report_layout::period_of(r) + "\n";
  if (r.as_known_at) out += "Số liệu tính đến " + report_layout::known_at_vn(*r.as_known_at) + "\n";
  out += std::string("Đơn vị tính: ") + (r.form == Form::cases ? "việc" : "nghìn đồng") + "\n\n";
  for (size_t h = 0; h < head_height; ++h) {
    std::vector<std::string> cells;
    for (const auto& lines : head_lines) cells.push_back(h < lines.size() ? lines[h] : "");
    out += line(cells, true);
  }
  out += rule("┼");
  for (size_t i = 0; i + 1 < body.size(); ++i) out += line(body[i], false);
  if (body.size() > 1) out += rule("┼");
  out += line(body.back(), false);
  if (r.target_rate_x100) out += "\nChỉ tiêu được giao: " + percent_vn(r.target_rate_x100) + "\n";
  return out;
}

}  // namespace thads
