// The layout of the official statistics forms, shared by the renderers of
// report_render.h (terminal table, Excel form): which columns, in which order,
// under which Vietnamese headers, and how numbers are written in Vietnamese.
//
// Contract: internal to src/app; pure; the tables are static data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/statistics.h"

namespace thads::report_layout {

struct FormColumn {
  int64_t Columns::*field;  // nullptr: the completion rate
  const char* header;       // full header (terminal table)
  const char* group;        // upper header of the Excel form; nullptr: one cell over both rows
  const char* sub;          // lower header under `group`
  bool money_only;          // "Giảm" exists only in the money form
};

// The columns of `form`, in the order of the official form (legal-rules.md
// §5.3: each total before its parts).
std::vector<const FormColumn*> form_columns(Form form);

std::string title_of(Form form);            // "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG …"
std::string label_header(const std::string& by);  // header of the row-label column
std::string period_of(const Report& r);     // "Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy"
std::string agency_line(const Report& r);   // "Cục THADS Hà Nội (HN)"
// "2025-10-05T17:00:00+07:00" → "17:00 ngày 05/10/2025"; other shapes as given.
std::string known_at_vn(const std::string& t);

// 1234567 → "1.234.567" (Vietnamese thousands separator).
std::string group_thousands(int64_t v);
// Hundredths of a percent → "42,86%" (Vietnamese decimal comma); null → "-".
std::string percent_vn(const std::optional<int64_t>& x100);
// A change between two figures, signed: "+1.234", "-56", "0".
std::string signed_thousands(int64_t v);
// The change between two rates (hundredths of a percent) in points:
// "+1,25 điểm %", "-0,50 điểm %"; "-" when either is null.
std::string rate_change_vn(const std::optional<int64_t>& now_x100, const std::optional<int64_t>& last_x100);

}  // namespace thads::report_layout
