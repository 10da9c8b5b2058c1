// Parsing and scoping of report and dashboard requests, shared by the API
// and the pages: the period, the agency (default: the user's own), the
// form, and the answer when the user may not see that agency.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app/reports.h"
#include "http/app.h"
#include "http/dashboard.h"

namespace thads::http {

// A report query from ?from=&to=&agency=&by=&as_known_at= (form given apart).
// Refusal bad_field on a malformed date, period or breakdown.
std::variant<ReportQuery, Refusal> report_query(const Ctx& ctx, const Request& req, Form form);

// Computes a report: from the shared snapshot, or from the journal with
// as_known_at. Access must have been checked.
std::variant<Report, Refusal> compute_report(Ctx& ctx, const ReportQuery& q);

// Writes the xlsx form and answers it as a download.
Response xlsx_response(const Report& rep);

// Whose deadlines a work queue shows: an officer always sees their own
// cases ("-", matching nothing, without an officer record); other roles the
// officer they ask for, or everyone ("").
std::string queue_officer(const Actor& actor, const std::string& requested);

// A dashboard query from ?agency=&fy=&today=; the subtree is filled in.
std::variant<DashboardQuery, Refusal> dashboard_query(Ctx& ctx, const Request& req);

}  // namespace thads::http
