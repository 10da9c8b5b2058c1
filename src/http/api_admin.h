// API of the administrator: change an account, reset its password, unlock
// it; import an interchange file. The same use cases as the /admin pages
// (app/user_admin.h, app/reference_admin.h); refusals keep their stable code.
#pragma once

#include "http/app.h"

namespace thads::http {

Response api_edit_user(Ctx&, const Request&);     // PUT /api/v1/users/{login}
Response api_reset_password(Ctx&, const Request&);  // PUT /api/v1/users/{login}/password
Response api_unlock_user(Ctx&, const Request&);   // DELETE /api/v1/users/{login}/lock
Response api_import(Ctx&, const Request&);        // POST /api/v1/imports

}  // namespace thads::http
