#include "app/table_export.h"

#include <xlsxwriter.h>

#include <algorithm>

namespace thads {
namespace {

void put_field(std::string& out, const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string table_to_csv(const ExportTable& t) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t i = 0; i < t.headers.size(); ++i) {
    if (i) out += ',';
    put_field(out, t.headers[i]);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      if (row[i].number) out += std::to_string(*row[i].number);
      else put_field(out, row[i].text);
    }
    out += "\r\n";
  }
  return out;
}

bool table_to_xlsx(const ExportTable& t, const std::string& path, std::string* error) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    if (error) *error = "cannot create " + path;
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.empty() ? nullptr : t.sheet.c_str());
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "#,##0");
  std::vector<size_t> width(t.headers.size(), 8);
  for (size_t c = 0; c < t.headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), header);
    width[c] = std::max(width[c], std::min<size_t>(t.headers[c].size(), 30));
  }
  lxw_row_t r = 1;
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (row[c].number) worksheet_write_number(ws, r, col, static_cast<double>(*row[c].number), number);
      else worksheet_write_string(ws, r, col, row[c].text.c_str(), nullptr);
      if (c < width.size()) width[c] = std::max(width[c], std::min<size_t>(row[c].text.size(), 40));
    }
    ++r;
  }
  for (size_t c = 0; c < width.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(width[c]) + 2,
                         nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (!t.headers.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), static_cast<lxw_col_t>(t.headers.size() - 1));
  const lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) {
    if (error) *error = lxw_strerror(rc);
    return false;
  }
  return true;
}

}  // namespace thads
