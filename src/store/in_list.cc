#include "store/in_list.h"

#include <algorithm>

namespace thads {

void run_in_chunks(Db& db, const std::string& before, const std::vector<std::string>& values, const std::string& after,
                   const std::function<void(const Row&)>& f) {
  for (size_t i = 0; i < values.size(); i += kInListChunk) {
    const size_t n = std::min(kInListChunk, values.size() - i);
    std::string sql = before + "(";
    for (size_t k = 0; k < n; ++k) sql += k ? ", ?" : "?";
    sql += ")" + after;
    std::vector<Value> params(values.begin() + static_cast<std::ptrdiff_t>(i),
                              values.begin() + static_cast<std::ptrdiff_t>(i + n));
    db.run(sql, params, f);
  }
}

std::optional<std::vector<std::string>> distinct_cells_one_row_each(Db& db, const std::string& before,
                                                                    const std::vector<std::string>& values,
                                                                    const std::string& after) {
  std::vector<std::string> out;
  size_t rows = 0;
  run_in_chunks(db, before, values, after, [&](const Row& r) {
    ++rows;
    for (size_t k = 0; k < r.cols.size(); ++k)
      if (std::string v = r.s(k); !v.empty()) out.push_back(std::move(v));
  });
  if (rows != values.size()) return std::nullopt;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace thads
