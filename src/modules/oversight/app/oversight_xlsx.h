// Spreadsheets of the oversight module (libxlsxwriter): one sheet with a
// title block, a header row and rows of text or whole numbers, laid out as
// the printed forms are (Times New Roman, borders, the header repeated on
// every printed page, A4 landscape).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace thads::oversight {

struct Sheet {
  std::string name;                   // worksheet name (≤ 31 characters)
  std::vector<std::string> title;     // lines above the table, the first in bold
  std::vector<std::string> headers;
  std::vector<double> widths;         // per column, in characters
  std::vector<std::vector<nlohmann::json>> rows;  // string, integer or null cells
};

bool write_xlsx(const Sheet& sheet, const std::string& path, std::string* error);

}  // namespace thads::oversight
