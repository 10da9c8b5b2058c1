// The request handlers, one family per file (api_*.cc, page_*.cc), and the
// helpers the API handlers share. Each handler: parse and validate the
// request, check access (access.h), call one use case, render the result.
#pragma once

#include <optional>

#include "domain/date.h"
#include "domain/refusal.h"
#include "http/app.h"

namespace thads::http {

// --- shared by API handlers ---
// The JSON body of a request; nullopt when the content type is not
// application/json or the body does not parse (parse_json_bounded: a body
// nested too deep never reaches a handler, dispatch() refuses it first).
std::optional<nlohmann::json> json_body(const Request& req);
// A refusal as an API answer: 409 version_conflict, 403 forbidden, 404
// not_found, 401 bad_credentials, otherwise 422; message_vi in Vietnamese.
Response refusal_response(const Refusal& r);
std::string refusal_vi(const Refusal& r);
// `today` from the query (YYYY-MM-DD) or the legal day of ctx.now.
std::optional<Date> today_param(const Ctx& ctx, const Request& req);

// --- ops ---
Response health(Ctx&, const Request&);
Response metrics(Ctx&, const Request&);
Response openapi(Ctx&, const Request&);
Response static_file(Ctx&, const Request&);

// --- API ---
Response api_login(Ctx&, const Request&);
Response api_logout(Ctx&, const Request&);
Response api_whoami(Ctx&, const Request&);
Response api_change_password(Ctx&, const Request&);
Response api_case(Ctx&, const Request&);
Response api_case_deadlines(Ctx&, const Request&);
Response api_search(Ctx&, const Request&);
Response api_record_event(Ctx&, const Request&);
Response api_open_case(Ctx&, const Request&);
Response api_report(Ctx&, const Request&);
Response api_queue(Ctx&, const Request&);
Response api_dashboard(Ctx&, const Request&);
Response api_officers(Ctx&, const Request&);
Response api_amount_in_words(Ctx&, const Request&);
Response api_public_unable(Ctx&, const Request&);
Response api_users(Ctx&, const Request&);
Response api_add_user(Ctx&, const Request&);

// --- pages ---
Response page_home(Ctx&, const Request&);
Response page_login(Ctx&, const Request&);
Response page_login_post(Ctx&, const Request&);
Response page_logout(Ctx&, const Request&);
Response page_password(Ctx&, const Request&);
Response page_password_post(Ctx&, const Request&);
Response page_queue(Ctx&, const Request&);
Response page_search(Ctx&, const Request&);
Response page_case_list(Ctx&, const Request&);
Response page_my_cases(Ctx&, const Request&);
Response page_workload(Ctx&, const Request&);
Response page_case(Ctx&, const Request&);
Response page_case_event(Ctx&, const Request&);
Response page_intake(Ctx&, const Request&);
Response page_intake_post(Ctx&, const Request&);
Response page_dashboard(Ctx&, const Request&);
Response page_reports(Ctx&, const Request&);
Response page_public_unable(Ctx&, const Request&);
Response page_users(Ctx&, const Request&);
Response page_users_post(Ctx&, const Request&);
Response page_admin_user(Ctx&, const Request&);
Response page_admin_user_post(Ctx&, const Request&);
Response page_admin_agencies(Ctx&, const Request&);
Response page_admin_agencies_post(Ctx&, const Request&);
Response page_admin_officers(Ctx&, const Request&);
Response page_admin_officers_post(Ctx&, const Request&);
Response page_admin_holidays(Ctx&, const Request&);
Response page_admin_holidays_post(Ctx&, const Request&);
Response page_admin_targets(Ctx&, const Request&);
Response page_admin_targets_post(Ctx&, const Request&);
Response page_admin_settings(Ctx&, const Request&);
Response page_admin_import(Ctx&, const Request&);
Response page_admin_import_post(Ctx&, const Request&);

}  // namespace thads::http
