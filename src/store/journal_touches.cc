#include "store/journal_touches.h"

#include "store/in_list.h"

namespace thads {

JournalTouches journal_touches(Db& db, int64_t since, int64_t max) {
  JournalTouches out;
  db.run("SELECT pos, kind, stream FROM journal WHERE pos > ? ORDER BY pos LIMIT ?", {since, max + 1},
         [&](const Row& r) { out.entries.push_back({r.i(0), r.s(1), r.s(2)}); });
  if (static_cast<int64_t>(out.entries.size()) > max) {
    out.too_many = true;
    out.entries.resize(static_cast<size_t>(max));
  }
  return out;
}

std::optional<std::vector<std::string>> case_agencies(Db& db, const std::vector<std::string>& case_ids) {
  return distinct_cells_one_row_each(db, "SELECT agency FROM cases WHERE case_id IN ", case_ids);
}

}  // namespace thads
