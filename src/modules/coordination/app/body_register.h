// The register of bodies (issue 16 item 1): admins add bodies (the `body`
// record of oversight.md), correct their name or area and deactivate them
// (this module's `body_change`, domain/body_change.h); everyone who sends
// requests reads it. Also this module's side of `thads import`.
//
// Rights (checked inside the write transaction):
// - only an admin manages bodies, those of their area: a body whose `agency`
//   lies in the admin's subtree; a body with no agency only by an admin of a
//   root agency (the national level). A body outside the area is not_found;
//   another role is forbidden;
// - reading the register: every role but steering reads the bodies of its
//   subtree and of the agencies above its own (a regional office asks the
//   province's bodies); others are not_found; bodies with no agency are read
//   by everyone.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "app/modules.h"
#include "domain/agency_tree.h"
#include "domain/refusal.h"
#include "modules/coordination/app/held_bodies.h"
#include "modules/coordination/domain/body_change.h"
#include "store/store.h"

namespace thads::coordination {

struct BodyQuery {
  std::string agency;  // a subtree inside the user's; empty: the user's
  std::string type;    // empty: every type
  bool active_only = false;
};
std::variant<std::vector<BodyEntry>, Refusal> list_bodies(Store& store, const User& user, const BodyQuery& q);
// The same over the agency tree and the register the caller holds
// (ReadCache::tree, held_bodies.h).
std::variant<std::vector<BodyEntry>, Refusal> list_bodies(const AgencyTree& tree, const BodyRegister& bodies,
                                                          const User& user, const BodyQuery& q);
std::variant<BodyEntry, Refusal> read_body(Store& store, const User& user, const std::string& code);

// `fields`: code, name, type, agency (optional).
std::variant<BodyEntry, Refusal> add_body(Store& store, const User& user, const nlohmann::json& fields,
                                          int64_t now_unix);
// `fields`: any of name, agency, active. `expected_changes`: the number of
// changes the caller saw (version_conflict when the body moved on).
std::variant<BodyEntry, Refusal> change_body(Store& store, const User& user, const std::string& code,
                                             const nlohmann::json& fields, std::optional<int64_t> expected_changes,
                                             int64_t now_unix);

// May the user manage bodies at all (the admin pages' menu)?
bool manages_bodies(const User& user);

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx);

}  // namespace thads::coordination
