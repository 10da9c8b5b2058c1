// Reading commands: report, deadlines, calendar.
#include <fstream>
#include <sstream>
#include <iostream>

#include "app/calendar_source.h"
#include "app/case_deadlines.h"
#include "app/modules.h"
#include "app/report_render.h"
#include "app/reports.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "domain/interchange.h"

namespace thads::cli {
namespace {

std::string state_vi(Deadline::State s) {
  switch (s) {
    case Deadline::State::met: return "đúng hạn";
    case Deadline::State::missed: return "quá hạn";
    case Deadline::State::open: return "còn hạn";
  }
  return "";
}

std::string bucket_vi(const std::string& b) {
  if (b == "overdue") return "quá hạn";
  if (b == "due_today") return "đến hạn hôm nay";
  return "sắp đến hạn";
}

std::optional<Date> date_arg(const std::string& s, const char* name) {
  auto d = Date::parse(s);
  if (!d) std::cerr << name << " must be a date YYYY-MM-DD, got '" << s << "'\n";
  return d;
}

// Read-only commands treat a missing store as empty.
std::unique_ptr<Store> read_store(const std::string& db) {
  auto s = open_store(db, true);
  return s ? std::move(s) : open_empty_store();
}

// A report a module offers (app/modules.h): json or table.
int module_report_cmd(const ReportForm& report, const std::string& form, const std::string& db, Date from, Date to,
                      const std::string& agency, const std::string& known, const std::string& format,
                      const std::string& out, const std::string& compare, const std::string& period) {
  ReportArgs a{form, agency, from, to, std::nullopt, nullptr, period};
  if (!compare.empty()) {
    std::ifstream in(compare, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string error = in ? "" : "cannot read the file";
    auto figures = error.empty() ? parse_compare_figures(text.str(), &error) : std::nullopt;
    if (!figures) {
      std::cerr << "--compare must name a JSON file holding one object of figures: " << compare << " (" << error
                << ")\n";
      return usage;
    }
    a.compare = std::move(*figures);
  }
  if (!known.empty()) {
    a.as_known_at = parse_as_known_at(known);
    if (!a.as_known_at) {
      std::cerr << "--as-known-at must be an RFC 3339 time or a date, got '" << known << "'\n";
      return usage;
    }
  }
  const bool document = format != "json" && format != "table" && format != "xlsx";
  if (document && format != "pdf" && format != "odt") {
    std::cerr << "--format must be json, table, xlsx, pdf or odt\n";
    return usage;
  }
  if ((format == "xlsx" || document) && out.empty()) {
    std::cerr << "--format " << format << " needs --out FILE\n";
    return usage;
  }
  auto store = read_store(db);
  auto res = report(*store, a);
  if (auto* r = std::get_if<Refusal>(&res)) {
    std::cerr << r->code << ": " << r->message << "\n";
    return r->code == "bad_field" ? usage : refused;
  }
  auto& o = std::get<ReportOutput>(res);
  if (!known.empty()) o.json["as_known_at"] = known;
  if (document) {
    auto writer = o.documents.find(format);
    if (writer == o.documents.end()) {
      std::cerr << "this form has no " << format << " document\n";
      return usage;
    }
    auto bytes = writer->second();
    if (auto* r = std::get_if<Refusal>(&bytes)) {
      std::cerr << r->code << ": " << r->message << "\n";
      return refused;
    }
    std::ofstream file(out, std::ios::binary);
    file << std::get<std::string>(bytes);
    if (!file.flush()) {
      std::cerr << "cannot write " << out << "\n";
      return usage;
    }
    std::cerr << "wrote " << out << "\n";
  } else if (format == "json") {
    std::cout << o.json.dump() << "\n";
  } else if (format == "table") {
    std::cout << o.table;
  } else {
    std::string err;
    if (!o.xlsx || !o.xlsx(out, &err)) {
      std::cerr << "cannot write " << out << ": " << (o.xlsx ? err : "this form has no spreadsheet") << "\n";
      return usage;
    }
    std::cerr << "wrote " << out << "\n";
  }
  return ok;
}

int report_cmd(const std::string& form, const std::string& db, const std::string& from, const std::string& to,
               const std::string& agency, const std::string& known, const std::string& by,
               const std::string& format, const std::string& out, const std::string& compare,
               const std::string& period) {
  // A named period (--period) stands for --from/--to in the forms that take one.
  const ReportForm* module_form = module_report(form);
  if (!period.empty() && !module_form) {
    std::cerr << "--period is for the forms of the modules; use --from and --to\n";
    return usage;
  }
  if (module_form && !period.empty() && from.empty() && to.empty())
    return module_report_cmd(*module_form, form, db, Date{}, Date{}, agency, known, format, out, compare, period);
  if (from.empty() || to.empty()) {
    std::cerr << "--from and --to are required (or --period)\n";
    return usage;
  }
  auto f = date_arg(from, "--from");
  auto t = date_arg(to, "--to");
  if (!f || !t) return usage;
  if (module_form)
    return module_report_cmd(*module_form, form, db, *f, *t, agency, known, format, out, compare, period);
  ReportQuery q;
  q.form = form == "money" ? Form::money : Form::cases;
  q.period = {*f, *t};
  q.agency = agency;
  q.by = by;
  if (!known.empty()) {
    q.as_known_at = parse_as_known_at(known);
    if (!q.as_known_at) {
      std::cerr << "--as-known-at must be an RFC 3339 time or a date, got '" << known << "'\n";
      return usage;
    }
  }
  auto store = read_store(db);
  auto res = run_report(*store, q);
  if (auto* r = std::get_if<Refusal>(&res)) {
    std::cerr << r->code << ": " << r->message << "\n";
    return r->code == "bad_field" ? usage : refused;
  }
  Report& rep = std::get<Report>(res);
  if (!known.empty()) rep.as_known_at = known;
  if (format == "json") std::cout << report_to_json(rep) << "\n";
  else if (format == "table") std::cout << report_to_table(rep);
  else if (format == "xlsx") {
    if (out.empty()) {
      std::cerr << "--format xlsx needs --out FILE\n";
      return usage;
    }
    std::string err;
    if (!report_to_xlsx(rep, out, &err)) {
      std::cerr << "cannot write " << out << ": " << err << "\n";
      return usage;
    }
    std::cerr << "wrote " << out << "\n";
  } else {
    std::cerr << "--format must be json, table or xlsx\n";
    return usage;
  }
  return ok;
}

void print_deadline_table(std::span<const Deadline> deadlines) {
  for (const auto& x : deadlines)
    std::cout << x.due.vn() << "  " << state_vi(x.state) << "  " << x.label_vi << " (" << x.article << ")"
              << (x.days_late ? "  trễ " + std::to_string(x.days_late) + " ngày" : "") << "\n";
}

// `--id`: a case (answered with "kind":"case") or any module's stream.
int stream_deadlines_cmd(Store& store, const std::string& id, Date today, const std::string& format) {
  std::optional<StreamDeadlines> found;
  if (store.version_of(id) > 0) {
    auto r = case_deadlines(store, id, today);
    if (auto* c = std::get_if<CaseDeadlines>(&r)) found = StreamDeadlines{id, "case", today, c->report.deadlines};
  }
  for (const Module& m : modules()) {
    if (found) break;
    if (m.deadlines) found = m.deadlines(store, id, today);
  }
  if (!found) {
    std::cerr << "unknown_case: no case or stream " << id << "\n";
    return refused;
  }
  if (format == "table") print_deadline_table(found->deadlines);
  else std::cout << to_json(*found) << "\n";
  return ok;
}

}  // namespace

void register_report_commands(CLI::App& app) {
  static std::string db = default_db();
  static std::string form, from, to, agency, known, by, format = "table", out, compare, period;
  auto* rep = app.add_subcommand("report", "Báo cáo thống kê kết quả thi hành án (việc, tiền)");
  std::vector<std::string> forms{"cases", "money"};
  for (const Module& m : modules())
    for (const auto& [name, report] : m.reports) forms.push_back(name);
  std::string forms_help;
  for (const std::string& f : forms) forms_help += (forms_help.empty() ? "" : " | ") + f;
  rep->add_option("form", form, forms_help)->required()->check(CLI::IsMember(forms));
  rep->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  rep->add_option("--from", from, "first day YYYY-MM-DD (required unless --period)");
  rep->add_option("--to", to, "last day YYYY-MM-DD (required unless --period)");
  rep->add_option("--period", period, "a module form's named period, e.g. 2026-Q3, 2026-6M, 2026-12M");
  rep->add_option("--agency", agency, "agency code (its whole subtree; default: the root)");
  rep->add_option("--as-known-at", known, "ignore what was recorded after this time (RFC 3339 or date)");
  rep->add_option("--by", by, "breakdown: agency | mode | judgment_kind | flag");
  rep->add_option("--format", format, "json | table | xlsx | pdf | odt (pdf, odt: the forms that write them)")
      ->capture_default_str();
  rep->add_option("--out", out, "output file for xlsx, pdf, odt");
  rep->add_option("--compare", compare, "JSON file of another body's figures to reconcile with (admin-reconcile)");
  rep->callback([] {
    set_exit_code(guarded([] { return report_cmd(form, db, from, to, agency, known, by, format, out, compare, period); }));
  });

  static std::string case_id, stream_id, today, officer, dformat = "json";
  static int horizon = 5;
  auto* dl = app.add_subcommand("deadlines", "Thời hạn pháp lý: của một việc, hoặc việc đến hạn, quá hạn");
  dl->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  dl->add_option("--case", case_id, "one case's deadlines");
  dl->add_option("--id", stream_id, "one case's or oversight stream's deadlines (oversight.md)");
  dl->add_option("--agency", agency, "work queue of an agency subtree");
  dl->add_option("--officer", officer, "work queue of one officer");
  dl->add_option("--today", today, "as of this day (default: today)");
  dl->add_option("--within", horizon, "work queue: upcoming horizon in working days")->capture_default_str();
  dl->add_option("--format", dformat, "json | table")->capture_default_str();
  dl->callback([] {
    set_exit_code(guarded([] {
      const Date d = today.empty() ? vn_date_of(now_unix()) : Date::parse(today).value_or(Date{});
      if (!today.empty() && !Date::parse(today)) {
        std::cerr << "--today must be a date YYYY-MM-DD\n";
        return static_cast<int>(usage);
      }
      auto store = read_store(db);
      if (!stream_id.empty()) return stream_deadlines_cmd(*store, stream_id, d, dformat);
      if (!case_id.empty()) {
        auto r = case_deadlines(*store, case_id, d);
        if (auto* x = std::get_if<Refusal>(&r)) {
          std::cerr << x->code << ": " << x->message << "\n";
          return static_cast<int>(refused);
        }
        const auto& cd = std::get<CaseDeadlines>(r);
        if (dformat == "table") {
          print_deadline_table(cd.report.deadlines);
          for (const auto& w : cd.report.warnings) std::cout << "CẢNH BÁO: " << w.message_vi << " (" << w.article << ")\n";
        } else {
          std::cout << to_json(cd) << "\n";
        }
        return static_cast<int>(ok);
      }
      QueueQuery q{agency, officer, d, horizon, 100000};
      auto r = deadline_queue(*store, q);
      if (auto* x = std::get_if<Refusal>(&r)) {
        std::cerr << x->code << ": " << x->message << "\n";
        return static_cast<int>(refused);
      }
      const auto& items = std::get<std::vector<QueueItem>>(r);
      if (dformat == "table") {
        for (const auto& i : items)
          std::cout << i.due.vn() << "  " << bucket_vi(i.bucket) << "  " << i.case_id << "  " << i.label_vi << "  "
                    << i.officer << (i.days_late ? "  trễ " + std::to_string(i.days_late) + " ngày" : "") << "\n";
      } else {
        std::cout << to_json(items, d) << "\n";
      }
      return static_cast<int>(ok);
    }));
  });

  static std::string cal_date;
  static int cal_n = 0;
  auto* cal = app.add_subcommand("calendar", "Lịch ngày làm việc");
  cal->require_subcommand(1);
  auto* add = cal->add_subcommand("add-working-days", "Ngày sau N ngày làm việc (không tính ngày bắt đầu)");
  add->add_option("date", cal_date, "YYYY-MM-DD")->required();
  add->add_option("n", cal_n, "number of working days")->required();
  add->add_option("--db", db, "SQLite file or postgresql:// URL (for its holiday records)")->capture_default_str();
  add->callback([] {
    set_exit_code(guarded([] {
      auto d = date_arg(cal_date, "date");
      if (!d) return static_cast<int>(usage);
      auto s = open_store(db, true);
      const Calendar c = official_calendar_with(s ? s->holidays() : std::vector<HolidayRec>{});
      std::cout << c.add_working_days(*d, cal_n).iso() << "\n";
      return static_cast<int>(ok);
    }));
  });
}

}  // namespace thads::cli
