#include "http/routes.h"

#include "http/api_admin.h"
#include "http/audit_public.h"
#include "http/handlers.h"
#include "http/route_registry.h"

namespace thads::http {

std::vector<Route> all_routes() {
  const Auth S = Auth::session, N = Auth::none;
  const Kind A = Kind::api, P = Kind::page, O = Kind::ops;
  // Most used first: the express router tries the patterns in order.
  std::vector<Route> routes{
      {"GET", "/api/v1/cases/:id", A, S, api_case},
      {"GET", "/cases/:id", P, S, page_case},
      {"GET", "/api/v1/cases", A, S, api_search},
      {"GET", "/api/v1/public/unable-debtors", A, N, api_public_unable},
      {"GET", "/api/v1/audit/checkpoints", A, N, api_audit_checkpoints},
      {"GET", "/health", O, N, health},
      {"GET", "/metrics", O, S, metrics},  // administrators only
      {"GET", "/api/v1/openapi.json", O, N, openapi},
      {"GET", "/static/:file", O, N, static_file},
      {"POST", "/api/v1/session", A, N, api_login},
      {"DELETE", "/api/v1/session", A, S, api_logout},
      {"GET", "/api/v1/session", A, S, api_whoami},
      {"PUT", "/api/v1/session/password", A, S, api_change_password},
      {"POST", "/api/v1/cases", A, S, api_open_case},
      {"GET", "/api/v1/cases/:id/deadlines", A, S, api_case_deadlines},
      {"POST", "/api/v1/cases/:id/events", A, S, api_record_event},
      {"GET", "/api/v1/reports/:form", A, S, api_report},
      {"GET", "/api/v1/deadlines", A, S, api_queue},
      {"GET", "/api/v1/dashboard", A, S, api_dashboard},
      {"GET", "/api/v1/officers", A, S, api_officers},
      {"GET", "/api/v1/amount-in-words", A, S, api_amount_in_words},
      {"GET", "/api/v1/users", A, S, api_users},
      {"POST", "/api/v1/users", A, S, api_add_user},
      {"PUT", "/api/v1/users/:login", A, S, api_edit_user},
      {"PUT", "/api/v1/users/:login/password", A, S, api_reset_password},
      {"DELETE", "/api/v1/users/:login/lock", A, S, api_unlock_user},
      {"POST", "/api/v1/imports", A, S, api_import},
      {"GET", "/", P, N, page_home},
      {"GET", "/login", P, N, page_login},
      {"POST", "/login", P, N, page_login_post},
      {"POST", "/logout", P, S, page_logout},
      {"GET", "/password", P, S, page_password},
      {"POST", "/password", P, S, page_password_post},
      {"GET", "/queue", P, S, page_queue},
      {"GET", "/search", P, S, page_search},
      {"GET", "/cases", P, S, page_case_list},
      {"GET", "/my-cases", P, S, page_my_cases},
      {"GET", "/workload", P, S, page_workload},
      {"POST", "/cases/:id/events", P, S, page_case_event},
      {"GET", "/intake", P, S, page_intake},
      {"POST", "/intake", P, S, page_intake_post},
      {"GET", "/dashboard", P, S, page_dashboard},
      {"GET", "/reports", P, S, page_reports},
      {"GET", "/public/unable-debtors", P, N, page_public_unable},
      {"GET", "/kiem-chung", P, N, page_audit_checkpoints},  // published checkpoints: no login, no case data
      {"GET", "/admin/users", P, S, page_users},
      {"POST", "/admin/users", P, S, page_users_post},
      {"GET", "/admin/users/:login", P, S, page_admin_user},
      {"POST", "/admin/users/:login", P, S, page_admin_user_post},
      {"GET", "/admin/agencies", P, S, page_admin_agencies},
      {"POST", "/admin/agencies", P, S, page_admin_agencies_post},
      {"GET", "/admin/officers", P, S, page_admin_officers},
      {"POST", "/admin/officers", P, S, page_admin_officers_post},
      {"GET", "/admin/holidays", P, S, page_admin_holidays},
      {"POST", "/admin/holidays", P, S, page_admin_holidays_post},
      {"GET", "/admin/targets", P, S, page_admin_targets},
      {"POST", "/admin/targets", P, S, page_admin_targets_post},
      {"GET", "/admin/settings", P, S, page_admin_settings},
      {"GET", "/admin/import", P, S, page_admin_import},
      {"POST", "/admin/import", P, S, page_admin_import_post},
  };
  for (Route& r : module_routes()) routes.push_back(std::move(r));
  return routes;
}

}  // namespace thads::http
