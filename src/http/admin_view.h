// Pieces the administrator's pages share: the agencies of the admin's
// subtree as options (names, not bare codes), officers as options, the
// admin gate of every /admin page.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/app.h"

namespace thads::http {

// "Tên cơ quan (MÃ)" options of the actor's subtree; `selected` is marked.
nlohmann::json agency_options(Ctx& ctx, const std::string& selected, bool with_blank = false);
// Officers of the actor's subtree: "Tên (MÃ) — cơ quan"; a blank first option.
nlohmann::json officer_options(Ctx& ctx, const std::string& selected);
// The answer for a non-admin (403 page), or nullopt for an admin.
std::optional<Response> admin_gate(Ctx& ctx, const Request& req);
// "Tên cơ quan" of a code (the code when unknown).
std::string agency_label(Ctx& ctx, const std::string& code);

}  // namespace thads::http
