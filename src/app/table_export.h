// A table as people download it: CSV for any program, xlsx for Excel. The
// case lists and the dashboard's blocks are written through it, with the
// columns, the order and the rows the page shows.
//
// Contract: pure but for table_to_xlsx, which writes one file (libxlsxwriter).
// CSV: RFC 4180 (comma, CRLF, fields quoted when they hold a comma, quote or
// line break, quotes doubled), UTF-8 with a byte order mark so that Excel
// reads Vietnamese; a text cell that a spreadsheet would take for a formula
// (starting with = + - @, tab or carriage return) is written with a leading
// apostrophe. Numbers are written as plain digits (no separators) so that a
// spreadsheet reads them as numbers; xlsx shows them with thousands grouped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace thads {

struct ExportCell {
  std::string text;               // what the cell says when it is not a number
  std::optional<int64_t> number;  // a count or an amount in đồng
  static ExportCell of(std::string t) { return {std::move(t), std::nullopt}; }
  static ExportCell num(int64_t n) { return {std::to_string(n), n}; }
};

struct ExportTable {
  std::string sheet;  // xlsx sheet name (at most 31 characters, no []:*?/\)
  std::vector<std::string> headers;
  std::vector<std::vector<ExportCell>> rows;
};

std::string table_to_csv(const ExportTable& t);
bool table_to_xlsx(const ExportTable& t, const std::string& path, std::string* error);

}  // namespace thads
