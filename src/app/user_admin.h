// The administrator's use cases on accounts (quản trị tài khoản): edit the
// role, agency and officer of an account, deactivate and reactivate it,
// reset its password, unlock it after too many failed logins.
//
// Contract: each runs in ONE write transaction that first checks, inside
// it, that `admin` is an active administrator whose agency subtree holds
// the account (before and after the change); otherwise `forbidden` (or
// `unknown_user` for an account outside the subtree, as if it did not
// exist). Each change is journaled as kind "user" with its action and the
// admin as actor (who, when). Refusals: forbidden, unknown_user, bad_field,
// unknown_agency, unknown_officer, officer_outside_agency, weak_password.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"

namespace thads {

struct UserEdit {
  std::string role, agency, officer;
};

std::variant<User, Refusal> edit_user(Store& store, const std::string& admin, const std::string& login,
                                      const UserEdit& e, int64_t now);
// An admin cannot deactivate their own account (bad_field): someone must stay.
std::variant<User, Refusal> admin_set_active(Store& store, const std::string& admin, const std::string& login,
                                             bool active, int64_t now);
// The new password follows the policy; the user must change it at next login.
std::variant<User, Refusal> reset_password(Store& store, const std::string& admin, const std::string& login,
                                           std::string_view password, int64_t now);
// Ends the lockout of the account's login (not of a client address).
std::variant<User, Refusal> unlock_user(Store& store, const std::string& admin, const std::string& login,
                                        int64_t now);

// Logins locked now, with the Unix time the lock ends.
std::vector<std::pair<std::string, int64_t>> locked_logins(Store& store, int64_t now);

}  // namespace thads
