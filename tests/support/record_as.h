// Recording an act as the head of the case's agency would (access.h: a head
// may record any act in the agency's subtree), for tests of the store, the
// read models and the caches rather than of authorisation (which
// http_authorization_test and the authz matrix cover).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "app/agency_directory.h"
#include "app/case_commands.h"
#include "store/case_queries.h"

namespace thads {

inline std::variant<Recorded, Refusal> record_as_head(Store& store, const std::string& case_id, int64_t expected,
                                                      const nlohmann::json& fields, const std::string& login,
                                                      int64_t now) {
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const auto holder = case_holder(store.db(), case_id);
  const Actor head{login, Role::head, holder ? holder->agency : std::string(), ""};
  return record_event(store, CaseActor{access, head}, case_id, expected, fields, now);
}

}  // namespace thads
