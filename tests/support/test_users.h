// A user as the use cases receive one (app/accounts.h), for tests that call
// the use cases directly: its login, role, agency and, for an officer or a
// body user, what it is bound to (User::officer: the officer's id, the
// body's code).
#pragma once

#include "app/accounts.h"

namespace thads::testing {

inline User user(const char* login, Role role, const char* agency, const char* bound = "") {
  User u;
  u.login = login;
  u.role = role;
  u.agency = agency;
  u.officer = bound;
  return u;
}

}  // namespace thads::testing
