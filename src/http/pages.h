// Shared pieces of the server-rendered pages: the layout (navigation by
// role, the signed-in user, the CSRF token for forms), error pages, and the
// formatting helpers every page uses (dates dd/mm/yyyy, money 1.234.567 đ).
//
// Contract: pages render through Templates (HTML-escaped); the view model
// is JSON. Every form that changes something carries `csrf`; dispatch()
// checks it.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/money.h"
#include "http/app.h"

namespace thads::http {

// Renders `tmpl` with `data` inside the layout. `data` gets the layout's keys
// (user, nav, csrf, title). With a `slot`, `html` (markup rendered before by
// the templates) goes where `tmpl` says {{{slot}}}.
Response render_page(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                     nlohmann::json data, const std::string& slot = {}, std::string_view html = {});
// The same with several slots: each fill goes where `tmpl` says {{{key}}}
// (markup rendered before by the templates) or {{key}} (text).
Response render_page_with(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                          nlohmann::json data, const std::vector<Templates::Fill>& fills);
// The same with the view model made only when `key` is new: `key` must
// determine everything make_data() returns (see Templates::render with a
// key); the layout's keys are added to it here.
Response render_page(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                     std::string_view key, const std::function<nlohmann::json()>& make_data,
                     const std::string& slot = {}, std::string_view html = {});
Response error_page(Ctx& ctx, const Request& req, int status, const std::string& message_vi);

std::string vn_date(const std::string& iso);  // "2025-01-31" -> "31/01/2025"; "" stays ""
// A moment (unix seconds) as Vietnam's legal time (UTC+7): "31/01/2025 14:05".
std::string vn_datetime(int64_t unix_seconds);
std::string vnd(Money m);                     // "1.234.567 đ"
// Status label in Vietnamese for the read model's status (including ended
// and withdrawn).
std::string status_label(const std::string& status);
// The request with the date fields of a page's GET form (from, to, today)
// typed as dd/mm/yyyy turned into YYYY-MM-DD, as the API takes them.
Request with_form_dates(const Request& req);
std::string today_vn(const Ctx& ctx);  // the legal day (UTC+7) of ctx.now, dd/mm/yyyy

}  // namespace thads::http
