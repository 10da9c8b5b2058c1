#include "modules/oversight/app/freeze_lookup.h"

#include <set>

#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {

std::optional<Refusal> freeze_budget(Db& db, const Act& sent, std::span<const Event> case_stream,
                                     const std::unordered_set<std::string>& extra_ids,
                                     const std::function<const Stream*(const std::string&)>& stream_of) {
  if (sent.kind != StreamKind::request || sent.type != "sent" || sent.text("purpose") != "freeze_account")
    return std::nullopt;
  std::set<std::string> ids(extra_ids.begin(), extra_ids.end());
  for (std::string& id : requests_of_case(db, sent.text("case"))) ids.insert(std::move(id));
  std::vector<const Stream*> others;
  for (const std::string& id : ids)
    if (id != sent.id)
      if (const Stream* s = stream_of(id)) others.push_back(s);
  return check_freeze_budget(sent, case_stream, others);
}

}  // namespace thads::oversight
