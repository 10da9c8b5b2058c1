#include "store/db.h"

#include <optional>

namespace thads {

int64_t Row::i(size_t k) const {
  if (auto* v = std::get_if<int64_t>(&cols[k])) return *v;
  if (auto* s = std::get_if<std::string>(&cols[k])) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}

std::string Row::s(size_t k) const {
  if (auto* v = std::get_if<std::string>(&cols[k])) return *v;
  if (auto* n = std::get_if<int64_t>(&cols[k])) return std::to_string(*n);
  return "";
}

int64_t Db::run_bytes(const std::string& sql, const std::vector<Value>& params,
                      const std::function<void(const Row&, std::string_view)>& on_row) {
  return run(sql, params, [&](const Row& r) {
    const auto* bytes = r.cols.empty() ? nullptr : std::get_if<std::string>(&r.cols.back());
    on_row(r, bytes ? std::string_view(*bytes) : std::string_view());
  });
}

std::vector<Row> Db::all(const std::string& sql, const std::vector<Value>& params) {
  std::vector<Row> out;
  run(sql, params, [&](const Row& r) { out.push_back(r); });
  return out;
}

std::optional<Row> Db::one(const std::string& sql, const std::vector<Value>& params) {
  std::optional<Row> out;
  run(sql, params, [&](const Row& r) { if (!out) out = r; });
  return out;
}

bool is_postgres_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

}  // namespace thads
