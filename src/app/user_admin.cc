#include "app/user_admin.h"

#include "store/account_store.h"

namespace thads {
namespace {

constexpr std::string_view kLoginKey = "login:";

// The rights check, inside the change's transaction (see the contract).
std::optional<Refusal> admin_may(Db& db, const std::string& admin, const std::string& agency) {
  auto a = account_store::load_user(db, admin);
  if (!a || !a->active || a->role != "admin")
    return Refusal{"forbidden", "only an active administrator manages accounts", ""};
  if (!account_store::agency_within(db, a->agency, agency))
    return Refusal{"unknown_user", "the account is outside the administrator's agencies", ""};
  return std::nullopt;
}

}  // namespace

std::variant<User, Refusal> edit_user(Store& store, const std::string& admin, const std::string& login,
                                      const UserEdit& e, int64_t now) {
  auto role = role_from(e.role);
  if (!role) return Refusal{"bad_field", "field 'role': unknown role " + e.role, ""};
  return change_user(store, login, "edited", admin, now, [&](Db& db, User& u, std::string&) -> std::optional<Refusal> {
    if (auto no = admin_may(db, admin, u.agency)) return no;
    if (auto no = admin_may(db, admin, e.agency)) return no->code == "unknown_user"
        ? Refusal{"unknown_agency", "field 'agency': " + e.agency + " is outside the administrator's agencies", ""}
        : *no;
    if (auto no = check_user_scope(db, *role, e.agency, e.officer)) return no;
    if (u.login == admin && *role != Role::admin)
      return Refusal{"bad_field", "field 'role': administrators cannot take their own role away", ""};
    u.role = *role;
    u.agency = e.agency;
    u.officer = e.officer;
    return std::nullopt;
  });
}

std::variant<User, Refusal> admin_set_active(Store& store, const std::string& admin, const std::string& login,
                                             bool active, int64_t now) {
  auto res = change_user(store, login, active ? "activated" : "deactivated", admin, now,
                         [&](Db& db, User& u, std::string&) -> std::optional<Refusal> {
                           if (auto no = admin_may(db, admin, u.agency)) return no;
                           if (!active && u.login == admin)
                             return Refusal{"bad_field", "field 'active': administrators cannot deactivate themselves", ""};
                           u.active = active;
                           return std::nullopt;
                         });
  if (!active && std::holds_alternative<User>(res)) end_user_sessions(store, login);
  return res;
}

std::variant<User, Refusal> reset_password(Store& store, const std::string& admin, const std::string& login,
                                           std::string_view password, int64_t now) {
  auto hashed = hash_new_password(password);  // slow: outside the write transaction
  if (auto* no = std::get_if<Refusal>(&hashed)) return *no;
  auto res = change_user(store, login, "password_reset", admin, now,
                         [&](Db& db, User& u, std::string& h) -> std::optional<Refusal> {
                           if (auto no = admin_may(db, admin, u.agency)) return no;
                           h = std::get<std::string>(hashed);
                           u.must_change = true;
                           return std::nullopt;
                         });
  if (std::holds_alternative<User>(res)) end_user_sessions(store, login);
  return res;
}

std::variant<User, Refusal> unlock_user(Store& store, const std::string& admin, const std::string& login,
                                        int64_t now) {
  return change_user(store, login, "unlocked", admin, now, [&](Db& db, User& u, std::string&) -> std::optional<Refusal> {
    if (auto no = admin_may(db, admin, u.agency)) return no;
    account_store::delete_counter(db, std::string(kLoginKey) + login);
    return std::nullopt;
  });
}

std::vector<std::pair<std::string, int64_t>> locked_logins(Store& store, int64_t now) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (auto& [key, until] : account_store::locked_keys(store.db(), now))
    if (key.starts_with(kLoginKey)) out.emplace_back(key.substr(kLoginKey.size()), until);
  return out;
}

}  // namespace thads
