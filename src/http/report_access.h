// Parsing and scoping of report and dashboard requests, shared by the API
// and the pages: the period, the agency (default: the user's own), the
// form, and the answer when the user may not see that agency.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "app/modules.h"
#include "app/reports.h"
#include "http/app.h"
#include "app/dashboard.h"

namespace thads::http {

// A report query from ?from=&to=&agency=&by=&as_known_at= (form given apart).
// Refusal bad_field on a malformed date, period or breakdown.
std::variant<ReportQuery, Refusal> report_query(const Ctx& ctx, const Request& req, Form form);

// Computes a report: from the shared snapshot, or from the journal with
// as_known_at. Access must have been checked.
std::variant<Report, Refusal> compute_report(Ctx& ctx, const ReportQuery& q);

// Writes the xlsx form and answers it as a download.
Response xlsx_response(const Report& rep);

// A report a module offers (app/modules.h) over HTTP: from, to, agency and
// as_known_at as for the case forms, the reader's access to the agency
// checked, answered as JSON or, with format=xlsx, as the spreadsheet.
Response module_report_response(Ctx& ctx, const Request& req, const ReportForm& report, const std::string& form);
// The same arguments, parsed and checked (access included), for a page.
std::variant<ReportArgs, Refusal> module_report_args(Ctx& ctx, const Request& req, const std::string& form);
// A spreadsheet written by `write` as a download named `filename`.
Response xlsx_download(const std::function<bool(const std::string&, std::string*)>& write, const std::string& filename);

// Whose deadlines a work queue shows: an officer always sees their own
// cases ("-", matching nothing, without an officer record); other roles the
// officer they ask for, or everyone ("").
std::string queue_officer(const Actor& actor, const std::string& requested);

// A dashboard query from ?agency=&fy=&today=; the subtree is filled in.
std::variant<DashboardQuery, Refusal> dashboard_query(Ctx& ctx, const Request& req);

}  // namespace thads::http
