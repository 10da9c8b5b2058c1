// Rendering of the official statistics reports (statistics.md): JSON for the
// API and the CLI, a terminal table, and the Excel form people file.
//
// Contract: the renderers only read the Report; they never recompute a
// column (derive() has been called by whoever built it). report_to_json()
// and report_to_table() are pure; report_to_xlsx() writes one file and
// reports failure as a value. All text is UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/statistics.h"

namespace thads {

// Exactly the JSON of statistics.md "JSON output", one line:
// {"form","agency","from","to","columns":{…},"target_rate"[,"rows"][,"as_known_at"]}.
// Column keys in the statistics.md order; "reduced" only in the money form;
// completion_rate and target_rate are numbers with at most 2 decimals
// (42.86) or null; "rows" ([{key, label, columns}]) only when `by` is set.
// Money is in whole VND.
std::string report_to_json(const Report& report);

// A terminal table: title, agency, period, unit, then one line per breakdown
// row and a "Tổng cộng" line, with Vietnamese column headers wrapped over a
// few lines. Money in whole đồng with dot thousands separators; rates as
// "42,86%". Columns are padded by display width, not bytes.
std::string report_to_table(const Report& report);

// Writes the Excel form ("Kết quả thi hành án dân sự tính bằng việc / tiền")
// to `path`: letterhead, title, period, unit, two-level header with column
// numbers, one row per breakdown row, "Tổng cộng", target, signature block,
// A4 landscape. Money in thousand VND (to_thousand_vnd). Returns false and
// sets *error (when not null) if the file cannot be written.
bool report_to_xlsx(const Report& report, const std::string& path, std::string* error);

// Columns a UTF-8 string takes on a terminal: combining marks take none,
// East Asian wide characters two, everything else one.
std::size_t display_width(std::string_view utf8);

}  // namespace thads
