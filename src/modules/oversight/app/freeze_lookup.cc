#include "modules/oversight/app/freeze_lookup.h"

#include <map>

#include <set>

#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {

std::optional<Refusal> freeze_budget(Db& db, const Act& sent, std::span<const Event> case_stream,
                                     const std::unordered_set<std::string>& extra_ids,
                                     const std::function<const Stream*(const std::string&)>& stream_of) {
  if (!is_freeze_request(sent)) return std::nullopt;
  std::set<std::string> ids(extra_ids.begin(), extra_ids.end());
  for (std::string& id : requests_of_case(db, sent.text("case"))) ids.insert(std::move(id));
  std::vector<const Stream*> others;
  for (const std::string& id : ids)
    if (id != sent.id)
      if (const Stream* s = stream_of(id)) others.push_back(s);
  return check_freeze_budget(sent, case_stream, others);
}

std::optional<Refusal> freeze_budget_of_stored(Store& store, const Act& sent) {
  const std::vector<Event> case_stream = store.load_stream(sent.text("case"));
  std::map<std::string, Stream> loaded;
  auto stream_of = [&](const std::string& other) -> const Stream* {
    auto it = loaded.find(other);
    if (it == loaded.end()) {
      auto k = kind_of(store.db(), other);
      if (!k) return nullptr;
      it = loaded.emplace(other, Stream(load_acts(store.db(), *k, other))).first;
    }
    return &it->second;
  };
  return freeze_budget(store.db(), sent, case_stream, {}, stream_of);
}

}  // namespace thads::oversight
