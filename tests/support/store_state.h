// What a store holds, as text, for bad-day tests that must show a failed
// write changed nothing: its export (the `thads export` bytes) and the rows
// of every table, sorted, on SQLite or PostgreSQL.
#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "app/maintenance.h"
#include "store/db.h"
#include "store/store.h"

namespace thads::testing {

// The rows of `tables`, each table's sorted, as text.
inline std::string tables_state(Store& store, const std::vector<std::string>& tables) {
  std::ostringstream out;
  Db& db = store.db();
  for (const std::string& t : tables) {
    std::vector<std::string> rows;
    db.run("SELECT * FROM " + t, {}, [&](const Row& r) {
      std::string line;
      for (const Value& v : r.cols) {
        if (auto* n = std::get_if<int64_t>(&v)) line += std::to_string(*n);
        else if (auto* s = std::get_if<std::string>(&v)) line += "'" + *s;
        else line += "NULL";
        line += '|';
      }
      rows.push_back(std::move(line));
    });
    std::sort(rows.begin(), rows.end());
    out << "\n## " << t << '\n';
    for (const std::string& r : rows) out << r << '\n';
  }
  return out.str();
}

// The store's export, then the rows of every table.
inline std::string store_state(Store& store) {
  std::ostringstream out;
  export_jsonl(store, out);
  Db& db = store.db();
  std::vector<std::string> tables;
  const char* list = db.dialect() == Dialect::postgres
                         ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                           "ORDER BY 1"
                         : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
  db.run(list, {}, [&](const Row& r) { tables.push_back(r.s(0)); });
  return out.str() + tables_state(store, tables);
}

// The first line where two states differ, from each (for a failure message).
inline std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string l, m, table;
  while (true) {
    const bool more_x = static_cast<bool>(std::getline(x, l)), more_y = static_cast<bool>(std::getline(y, m));
    if (!more_x && !more_y) return "none";
    if (l.rfind("## ", 0) == 0) table = l;
    if (!more_x || !more_y || l != m)
      return "in " + table + ": before [" + (more_x ? l : "<end>") + "] after [" + (more_y ? m : "<end>") + "]";
  }
}

}  // namespace thads::testing
