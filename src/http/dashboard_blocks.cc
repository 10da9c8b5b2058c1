#include "http/dashboard_blocks.h"

#include <vector>

namespace thads::http {
namespace {

std::vector<DashboardBlockSource>& sources() {
  static std::vector<DashboardBlockSource> v;
  return v;
}

}  // namespace

void register_dashboard_block(DashboardBlockSource source) { sources().push_back(std::move(source)); }

nlohmann::json module_dashboard_blocks(Ctx& ctx, const std::string& agency, Date today) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const DashboardBlockSource& s : sources())
    if (auto b = s(ctx, agency, today)) blocks.push_back(std::move(*b));
  return blocks;
}

nlohmann::json dashboard_block(std::string id, std::string title, nlohmann::json rows, std::string list_title,
                               nlohmann::json list) {
  const bool has_list = !list.empty();
  return nlohmann::json{{"id", std::move(id)},           {"title", std::move(title)}, {"rows", std::move(rows)},
                        {"list_title", std::move(list_title)}, {"list", std::move(list)}, {"has_list", has_list}};
}

}  // namespace thads::http
