#include "modules/oversight/app/oversight_xlsx.h"

#include <xlsxwriter.h>

namespace thads::oversight {
namespace {

lxw_format* format(lxw_workbook* wb, bool bold, bool border, uint8_t align, const char* num = nullptr) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "Times New Roman");
  format_set_font_size(f, 11);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  if (num) format_set_num_format(f, num);
  return f;
}

}  // namespace

bool write_xlsx(const Sheet& s, const std::string& path, std::string* error) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    if (error) *error = "cannot create " + path;
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.substr(0, 31).c_str());
  lxw_format* title = format(wb, true, false, LXW_ALIGN_LEFT);
  lxw_format* line = format(wb, false, false, LXW_ALIGN_LEFT);
  lxw_format* header = format(wb, true, true, LXW_ALIGN_CENTER);
  lxw_format* text = format(wb, false, true, LXW_ALIGN_LEFT);
  lxw_format* number = format(wb, false, true, LXW_ALIGN_RIGHT, "#,##0");
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  for (size_t c = 0; c < s.widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), s.widths[c], nullptr);
  lxw_row_t row = 0;
  for (size_t i = 0; i < s.title.size(); ++i)
    worksheet_write_string(ws, row++, 0, s.title[i].c_str(), i == 0 ? title : line);
  ++row;
  const lxw_row_t head = row;
  for (size_t c = 0; c < s.headers.size(); ++c)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), s.headers[c].c_str(), header);
  worksheet_repeat_rows(ws, head, head);
  for (const auto& cells : s.rows) {
    ++row;
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto& v = cells[c];
      const auto col = static_cast<lxw_col_t>(c);
      if (v.is_number_integer()) worksheet_write_number(ws, row, col, static_cast<double>(v.get<int64_t>()), number);
      else if (v.is_string()) worksheet_write_string(ws, row, col, v.get_ref<const std::string&>().c_str(), text);
      else worksheet_write_blank(ws, row, col, text);
    }
  }
  const lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) {
    if (error) *error = lxw_strerror(rc);
    return false;
  }
  return true;
}

}  // namespace thads::oversight
