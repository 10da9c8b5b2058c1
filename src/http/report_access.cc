#include "http/report_access.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/report_render.h"
#include "domain/interchange.h"
#include "http/handlers.h"

namespace thads::http {

std::variant<ReportQuery, Refusal> report_query(const Ctx& ctx, const Request& req, Form form) {
  ReportQuery q;
  q.form = form;
  const Date today = vn_date_of(ctx.now);
  const std::string& from = req.q("from");
  const std::string& to = req.q("to");
  auto f = from.empty() ? std::optional<Date>(fiscal_year_start(fiscal_year_of(today))) : Date::parse(from);
  auto t = to.empty() ? std::optional<Date>(today) : Date::parse(to);
  if (!f) return Refusal{"bad_field", "field 'period.from' is not a date (YYYY-MM-DD, or dd/mm/yyyy in the page)", ""};
  if (!t) return Refusal{"bad_field", "field 'period.to' is not a date (YYYY-MM-DD, or dd/mm/yyyy in the page)", ""};
  if (*t < *f) return Refusal{"bad_field", "field 'period.to' is before from", ""};
  // Known periods: from the day Luật THADS 2008 took effect (the first
  // statistics under it) to the end of the current statistical year.
  if (*f < Date::from_ymd(2009, 7, 1)) return Refusal{"bad_field", "field 'period.from' is before 2009-07-01", ""};
  if (fiscal_year_end(fiscal_year_of(today)) < *t)
    return Refusal{"bad_field", "field 'period.to' is after the current statistical year", ""};
  q.period = {*f, *t};
  q.agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  q.by = req.q("by");
  if (!q.by.empty() && q.by != "agency" && q.by != "mode" && q.by != "judgment_kind" && q.by != "flag")
    return Refusal{"bad_field", "by must be agency, mode, judgment_kind or flag", ""};
  if (std::string k = req.q("as_known_at"); !k.empty()) {
    // An unescaped "+07:00" arrives as " 07:00" (form decoding): take it back.
    if (const size_t sp = k.find(' '); sp != std::string::npos) k[sp] = '+';
    q.as_known_at = parse_as_known_at(k);
    if (!q.as_known_at) return Refusal{"bad_field", "as_known_at must be an RFC 3339 time or a date", ""};
  }
  return q;
}

std::variant<Report, Refusal> compute_report(Ctx& ctx, const ReportQuery& q) {
  if (q.as_known_at) return run_report(ctx.store(), q);
  return ctx.app.cache().stats(ctx.store())->compute(q);
}

Response xlsx_download(const std::function<bool(const std::string&, std::string*)>& write, const std::string& filename) {
  char path[] = "/tmp/thads-report-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return api_error(500, "internal", "cannot create a temporary file", "Đã xảy ra lỗi hệ thống.");
  close(fd);
  const std::string file = std::string(path) + ".xlsx";
  std::filesystem::rename(path, file);
  std::string err;
  const bool ok = write(file, &err);
  std::stringstream ss;
  if (ok) ss << std::ifstream(file, std::ios::binary).rdbuf();
  std::filesystem::remove(file);
  if (!ok) return api_error(500, "internal", "cannot write the spreadsheet: " + err, "Không tạo được tệp Excel.");
  Response r = text_response(200, ss.str(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

Response xlsx_response(const Report& rep) {
  return xlsx_download([&](const std::string& file, std::string* err) { return report_to_xlsx(rep, file, err); },
                       "thads-" + std::string(to_string(rep.form)) + "-" + rep.agency + "-" + rep.period.from.iso() +
                           "-" + rep.period.to.iso() + ".xlsx");
}

std::variant<ReportArgs, Refusal> module_report_args(Ctx& ctx, const Request& req, const std::string& form) {
  auto q = report_query(ctx, req, Form::cases);
  if (auto* r = std::get_if<Refusal>(&q)) return *r;
  const ReportQuery& rq = std::get<ReportQuery>(q);
  if (ctx.access().view_reports(ctx.actor, rq.agency) != Verdict::allow)
    return Refusal{"forbidden", "the agency is outside the reader's scope", ""};
  return ReportArgs{form, rq.agency, rq.period.from, rq.period.to, rq.as_known_at, nullptr};
}

Response module_report_response(Ctx& ctx, const Request& req, const ReportForm& report, const std::string& form) {
  auto args = module_report_args(ctx, req, form);
  if (auto* r = std::get_if<Refusal>(&args)) {
    if (r->code == "forbidden") return deny(ctx, req, Kind::api, Verdict::forbidden);
    return api_error(400, r->code, r->message, refusal_vi(*r));
  }
  auto res = report(ctx.store(), std::get<ReportArgs>(args));
  if (auto* r = std::get_if<Refusal>(&res)) return refusal_response(*r);
  ReportOutput& out = std::get<ReportOutput>(res);
  const std::string& format = req.q("format");
  if (format == "xlsx" && out.xlsx)
    return xlsx_download(out.xlsx, "thads-" + form + "-" + out.json.value("agency", std::string()) + ".xlsx");
  if (!format.empty() && format != "json")
    return api_error(400, "bad_field", "format must be json or xlsx", refusal_message_vi("bad_field"));
  return json_text_response(200, out.json.dump());
}

std::string queue_officer(const Actor& actor, const std::string& requested) {
  if (actor.role != Role::officer) return requested;
  return actor.officer.empty() ? std::string(1, '-') : actor.officer;
}

std::variant<DashboardQuery, Refusal> dashboard_query(Ctx& ctx, const Request& req) {
  DashboardQuery q;
  auto today = today_param(ctx, req);
  if (!today) return Refusal{"bad_field", "today must be YYYY-MM-DD", ""};
  q.today = *today;
  q.agency = req.q("agency").empty() ? ctx.actor.agency : req.q("agency");
  q.fiscal_year = fiscal_year_of(q.today);
  if (const std::string& fy = req.q("fy"); !fy.empty()) {
    if (fy.size() != 4 || fy.find_first_not_of("0123456789") != std::string::npos)
      return Refusal{"bad_field", "fy must be a year such as 2025", ""};
    q.fiscal_year = std::stoi(fy);
  }
  q.agencies = ctx.access().subtree_codes(ctx.actor, q.agency);
  return q;
}

}  // namespace thads::http
