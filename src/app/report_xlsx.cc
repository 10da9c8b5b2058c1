// The Excel form of a statistics report (report_render.h: report_to_xlsx),
// written with libxlsxwriter.
#include <xlsxwriter.h>

#include "app/report_layout.h"
#include "app/report_render.h"

namespace thads {

using report_layout::form_columns;
using report_layout::FormColumn;

namespace {

struct Formats {
  lxw_format *bold, *title, *italic, *right_italic, *center, *header, *number_row, *text,
      *value, *rate, *total_text, *total_value, *total_rate;
};

lxw_format* add_format(lxw_workbook* wb, bool bold, bool border, uint8_t align, bool wrap_text,
                       double size = 12, bool italic = false, const char* num = nullptr) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "Times New Roman");
  format_set_font_size(f, size);
  if (bold) format_set_bold(f);
  if (italic) format_set_italic(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (wrap_text) format_set_text_wrap(f);
  if (num) format_set_num_format(f, num);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.bold = add_format(wb, true, false, LXW_ALIGN_CENTER, false);
  f.title = add_format(wb, true, false, LXW_ALIGN_CENTER, false, 14);
  f.italic = add_format(wb, false, false, LXW_ALIGN_CENTER, false, 12, true);
  f.right_italic = add_format(wb, false, false, LXW_ALIGN_RIGHT, false, 12, true);
  f.center = add_format(wb, false, false, LXW_ALIGN_CENTER, false);
  f.header = add_format(wb, true, true, LXW_ALIGN_CENTER, true, 11);
  f.number_row = add_format(wb, false, true, LXW_ALIGN_CENTER, false, 10, true);
  f.text = add_format(wb, false, true, LXW_ALIGN_LEFT, true, 11);
  f.value = add_format(wb, false, true, LXW_ALIGN_RIGHT, false, 11, false, "#,##0");
  f.rate = add_format(wb, false, true, LXW_ALIGN_RIGHT, false, 11, false, "0.00%");
  f.total_text = add_format(wb, true, true, LXW_ALIGN_CENTER, false, 11);
  f.total_value = add_format(wb, true, true, LXW_ALIGN_RIGHT, false, 11, false, "#,##0");
  f.total_rate = add_format(wb, true, true, LXW_ALIGN_RIGHT, false, 11, false, "0.00%");
  return f;
}

// One line of values: counts as they are, money in thousand VND, the rate
// as a fraction shown "0.00%".
void write_values(lxw_worksheet* ws, lxw_row_t row, const Columns& c, Form form, bool total,
                  const Formats& f) {
  lxw_col_t col = 2;
  for (const FormColumn* fc : form_columns(form)) {
    if (fc->field) {
      const int64_t v = c.*fc->field;
      const int64_t shown = form == Form::money ? to_thousand_vnd(v) : v;
      worksheet_write_number(ws, row, col, static_cast<double>(shown), total ? f.total_value : f.value);
    } else if (c.completion_rate_x100) {
      worksheet_write_number(ws, row, col, static_cast<double>(*c.completion_rate_x100) / 10000.0,
                             total ? f.total_rate : f.rate);
    } else {
      worksheet_write_string(ws, row, col, "-", total ? f.total_rate : f.rate);
    }
    ++col;
  }
}

// Two header rows (groups over their parts; single columns span both) and a
// row of column numbers: A, B, (1), (2), …
void write_header(lxw_worksheet* ws, lxw_row_t top, Form form, const std::string& by, const Formats& f) {
  worksheet_merge_range(ws, top, 0, top + 1, 0, "STT", f.header);
  worksheet_merge_range(ws, top, 1, top + 1, 1, report_layout::label_header(by).c_str(), f.header);
  worksheet_write_string(ws, top + 2, 0, "A", f.number_row);
  worksheet_write_string(ws, top + 2, 1, "B", f.number_row);
  const auto cols = form_columns(form);
  for (size_t k = 0; k < cols.size();) {
    const auto c = static_cast<lxw_col_t>(2 + k);
    if (!cols[k]->group) {
      const std::string name = cols[k]->field ? cols[k]->header : "Tỷ lệ thi hành xong (%)";
      worksheet_merge_range(ws, top, c, top + 1, c, name.c_str(), f.header);
      ++k;
      continue;
    }
    size_t end = k;
    while (end + 1 < cols.size() && cols[end + 1]->group == cols[k]->group) ++end;
    worksheet_merge_range(ws, top, c, top, static_cast<lxw_col_t>(2 + end), cols[k]->group, f.header);
    for (size_t i = k; i <= end; ++i)
      worksheet_write_string(ws, top + 1, static_cast<lxw_col_t>(2 + i), cols[i]->sub, f.header);
    k = end + 1;
  }
  for (size_t k = 0; k < cols.size(); ++k)
    worksheet_write_string(ws, top + 2, static_cast<lxw_col_t>(2 + k),
                           ("(" + std::to_string(k + 1) + ")").c_str(), f.number_row);
  worksheet_set_row(ws, top, 32, nullptr);
  worksheet_set_row(ws, top + 1, 48, nullptr);
}

}  // namespace

bool report_to_xlsx(const Report& r, const std::string& path, std::string* error) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    if (error) *error = "cannot create the workbook";
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, r.form == Form::cases ? "Việc" : "Tiền");
  const Formats f = make_formats(wb);
  const auto ncols = static_cast<lxw_col_t>(2 + form_columns(r.form).size());
  const lxw_col_t last = ncols - 1;

  // Letterhead: agency on the left, national motto on the right.
  worksheet_merge_range(ws, 0, 0, 0, 3, report_layout::agency_line(r).c_str(), f.bold);
  worksheet_merge_range(ws, 1, 0, 1, 3, ("Mã đơn vị: " + r.agency).c_str(), f.center);
  worksheet_merge_range(ws, 0, last - 6, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f.bold);
  worksheet_merge_range(ws, 1, last - 6, 1, last, "Độc lập - Tự do - Hạnh phúc", f.bold);
  worksheet_merge_range(ws, 3, 0, 3, last, report_layout::title_of(r.form).c_str(), f.title);
  worksheet_merge_range(ws, 4, 0, 4, last, report_layout::period_of(r).c_str(), f.italic);
  lxw_row_t row = 5;
  if (r.as_known_at) {
    const std::string known = "Số liệu tính đến " + report_layout::known_at_vn(*r.as_known_at);
    worksheet_merge_range(ws, row, 0, row, last, known.c_str(), f.italic);
    ++row;
  }
  worksheet_merge_range(ws, row, last - 3, row, last,
                        r.form == Form::cases ? "Đơn vị tính: việc" : "Đơn vị tính: nghìn đồng",
                        f.right_italic);
  const lxw_row_t header_top = row + 1;
  write_header(ws, header_top, r.form, r.by, f);

  row = header_top + 3;
  const lxw_row_t first_data = row;
  for (size_t i = 0; i < r.rows.size(); ++i, ++row) {
    const ReportRow& rr = r.rows[i];
    worksheet_write_number(ws, row, 0, static_cast<double>(i + 1), f.number_row);
    worksheet_write_string(ws, row, 1, (rr.label.empty() ? rr.key : rr.label).c_str(), f.text);
    write_values(ws, row, rr.columns, r.form, false, f);
  }
  worksheet_merge_range(ws, row, 0, row, 1, "Tổng cộng", f.total_text);
  write_values(ws, row, r.columns, r.form, true, f);
  row += 2;
  if (r.target_rate_x100) {
    const std::string target = "Chỉ tiêu được giao: " + report_layout::percent_vn(r.target_rate_x100);
    worksheet_merge_range(ws, row, 0, row, 6, target.c_str(), nullptr);
    ++row;
  }

  // Signature block.
  ++row;
  worksheet_merge_range(ws, row, last - 5, row, last, "…, ngày … tháng … năm …", f.italic);
  worksheet_merge_range(ws, row + 1, 0, row + 1, 4, "Người lập biểu", f.bold);
  worksheet_merge_range(ws, row + 1, last - 5, row + 1, last, "Thủ trưởng đơn vị", f.bold);
  worksheet_merge_range(ws, row + 2, 0, row + 2, 4, "(Ký, ghi rõ họ tên)", f.italic);
  worksheet_merge_range(ws, row + 2, last - 5, row + 2, last, "(Ký tên, đóng dấu)", f.italic);

  // Layout and print setup: A4 landscape, one page wide, header repeated.
  worksheet_set_column(ws, 0, 0, 5, nullptr);
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, 2, last, r.form == Form::money ? 14 : 11, nullptr);
  worksheet_freeze_panes(ws, first_data, 2);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, header_top, header_top + 2);

  const lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) {
    if (error) *error = lxw_strerror(rc);
    return false;
  }
  return true;
}

}  // namespace thads
