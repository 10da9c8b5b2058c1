// Blocks that modules add to the dashboard (/dashboard): each source gives,
// for the agency subtree shown and the day, a block or nothing. The block is
// JSON for the dashboard template: {"id", "title", "rows": [{"label",
// "value", "href"?}], "list_title", "list": [{"label", "href", "note"}],
// "has_list"}. Sources are registered while the program starts. A source
// depends only on the reader (Ctx::actor), the agency's subtree as of `today`
// and the reference data: module_dashboard_blocks holds the blocks per
// reader, agency and day until a write reaches the subtree
// (ReadCache::position_for).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/date.h"
#include "http/app.h"

namespace thads::http {

using DashboardBlockSource = std::function<std::optional<nlohmann::json>(Ctx&, const std::string& agency, Date today)>;
void register_dashboard_block(DashboardBlockSource source);
nlohmann::json module_dashboard_blocks(Ctx& ctx, const std::string& agency, Date today);

// A block in the template's shape (has_list follows the list).
nlohmann::json dashboard_block(std::string id, std::string title, nlohmann::json rows, std::string list_title,
                               nlohmann::json list);

}  // namespace thads::http
