#include "modules/oversight/store/journal_entries.h"

namespace thads::oversight {

std::vector<std::pair<std::string, std::string>> entries_changed(Db& db, int64_t since, int64_t upto, int64_t max,
                                                                 bool* more) {
  std::vector<std::pair<std::string, std::string>> out;
  db.run("SELECT kind, stream FROM journal WHERE pos > ? AND pos <= ? ORDER BY pos LIMIT ?", {since, upto, max + 1},
         [&](const Row& r) { out.emplace_back(r.s(0), r.s(1)); });
  *more = static_cast<int64_t>(out.size()) > max;
  return out;
}

}  // namespace thads::oversight
