#include "http/dashboard_blocks.h"

#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/answer_cache.h"

namespace thads::http {
namespace {

// The modules' blocks of every agency's dashboard for a day, for the users
// who open them, fit many times: a few KB each.
constexpr size_t kMaxHeldBytes = 32u << 20;

AnswerCache<nlohmann::json>& held() {
  static AnswerCache<nlohmann::json> c(kMaxHeldBytes);
  return c;
}

std::vector<DashboardBlockSource>& sources() {
  static std::vector<DashboardBlockSource> v;
  return v;
}

}  // namespace

void register_dashboard_block(DashboardBlockSource source) { sources().push_back(std::move(source)); }

nlohmann::json module_dashboard_blocks(Ctx& ctx, const std::string& agency, Date today) {
  // Held per reader, agency and day at the position where the agency's
  // subtree last changed (ReadCache::position_for, read first): a block
  // reads the subtree's records as of the day and what the reader may see,
  // so a write elsewhere leaves it held, one in the subtree computes it again.
  const int64_t position = ctx.app.cache().position_for(ctx.store(), agency);
  std::string key = std::to_string(ctx.app.cache().id());
  const std::string* const parts[] = {&ctx.actor.login, &ctx.actor.agency, &ctx.actor.officer, &agency};
  for (const std::string* part : parts) {
    key += '\x1f';
    key += *part;
  }
  key += '\x1f' + std::to_string(static_cast<int>(ctx.actor.role)) + '\x1f' + std::to_string(accounts_generation()) +
         '\x1f' + today.iso();
  if (auto kept = held().get(key, position)) return *kept;
  nlohmann::json blocks = nlohmann::json::array();
  for (const DashboardBlockSource& s : sources())
    if (auto b = s(ctx, agency, today)) blocks.push_back(std::move(*b));
  const size_t bytes = blocks.dump().size() * 3 + key.size();  // the tree of a JSON value: about thrice its text
  held().put(key, position, std::make_shared<const nlohmann::json>(blocks), bytes);
  return blocks;
}

nlohmann::json dashboard_block(std::string id, std::string title, nlohmann::json rows, std::string list_title,
                               nlohmann::json list) {
  const bool has_list = !list.empty();
  return nlohmann::json{{"id", std::move(id)},           {"title", std::move(title)}, {"rows", std::move(rows)},
                        {"list_title", std::move(list_title)}, {"list", std::move(list)}, {"has_list", has_list}};
}

}  // namespace thads::http
