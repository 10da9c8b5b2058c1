// The steering module (issue 17; README.md): registers its record kinds,
// tables, journal kinds, import and rebuild with the layers' registries.
// This file is the module's one entry point; nothing outside
// src/modules/steering names it.
#include <ctime>
#include <map>
#include <ostream>
#include <stdexcept>

#include "app/module_commands.h"
#include "app/modules.h"
#include "app/settings.h"
#include "domain/record_kinds.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/periodic_report_render.h"
#include "modules/steering/app/steering_demo.h"
#include "modules/steering/app/steering_import.h"
#include "modules/steering/domain/attachments.h"
#include "modules/steering/domain/proposal_rules.h"
#include "modules/steering/domain/records.h"
#include "modules/steering/store/steering_store.h"
#include "store/store_extensions.h"

namespace thads::steering {
namespace {

std::variant<ModuleRecord, Refusal> parse(std::string_view kind, nlohmann::json&& o, int64_t now_unix,
                                          bool check_recorded) {
  Parsed p = parse_steering(kind, o, now_unix, check_recorded);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  return ModuleRecord{std::string(kind), std::get<Record>(std::move(p))};
}

// An attached document's part (domain/attachments.h): kept in the journal,
// not a steering::Record.
std::variant<ModuleRecord, Refusal> parse_attachment(std::string_view kind, nlohmann::json&& o, int64_t,
                                                     bool) {
  auto p = parse_attachment_part(o);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  return ModuleRecord{std::string(kind), std::get<AttachmentPart>(std::move(p))};
}

void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries) {
  Ledger ledger;
  for (const JournalEntry& e : entries) {
    if (e.kind == "attachment") continue;  // no read model: read from the journal itself
    auto j = nlohmann::json::parse(e.body, nullptr, false);
    Parsed p = parse_steering(e.kind, j, e.recorded_at, false);
    auto* r = std::get_if<Record>(&p);
    if (!r) throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
    Record copy = *r;
    ledger.apply(std::move(*r));
    project(tx.db(), ledger, copy);
  }
}

// The report period of --from/--to: the quarter or cumulative period of the
// statistical year they span exactly (a quarter before the cumulative
// period: 1 October–31 December is quarter 1), else ad hoc.
std::string period_of(Date from, Date to) {
  const int fy = to.month() >= 10 ? to.year() + 1 : to.year();
  for (const char* tail : {"-Q1", "-Q2", "-Q3", "-Q4", "-6M", "-9M", "-12M"}) {
    auto p = parse_report_period(std::to_string(fy) + tail);
    if (p && p->from == from && p->to == to) return key_of(*p);
  }
  return from.iso() + ".." + to.iso();
}

// `thads report steering-periodic --period 2026-Q3 --agency X --format
// json|table|pdf|odt`: the periodic report as a draft from today's figures.
std::variant<ReportOutput, Refusal> periodic_form(Store& store, const ReportArgs& a) {
  const std::string period = !a.period.empty() ? a.period : period_of(a.from, a.to);
  auto d = draft_report(store, nullptr, a.agency, period, vn_date_of(std::time(nullptr)));
  if (auto* r = std::get_if<Refusal>(&d)) return *r;
  ReportOutput out;
  out.json = std::get<ojson>(std::move(d));
  const ojson& f = out.json["figures"];
  out.table = "Báo cáo " + f["period_label"].get<std::string>() + ", " + f["agency_name"].get<std::string>() + "\n";
  const ojson view = report_view(out.json);  // range-for over a temporary's member would dangle
  for (const ojson& r : view["case_rows"])
    out.table += r["label"].get<std::string>() + ": " + r["now"].get<std::string>() + " (cùng kỳ " +
                 r["last"].get<std::string>() + ")\n";
  for (const ojson& x : view["sections"]) {
    out.table += "\n" + x["title"].get<std::string>() + "\n";
    for (const ojson& r : x["rows"]) {
      const ojson& cells = r["cells"];
      std::string line;  // "label: a | b | c"
      for (size_t i = 0; i < cells.size(); ++i)
        line += (i == 0 ? "" : i == 1 ? ": " : " | ") + cells[i]["v"].get<std::string>();
      out.table += line + "\n";
    }
  }
  const ojson doc = out.json;
  out.documents["pdf"] = [doc]() -> std::variant<std::string, Refusal> { return report_pdf(doc); };
  out.documents["odt"] = [doc]() { return report_odt(doc, report_template_path()); };
  return out;
}

// `thads steering issue-report --period 2026-6M --agency HN --number 45/BC-THADS
// [--reason …] [--difficulties …] [--proposals …] [--signer …] [--place …]`:
// issues the next version as the page does (the figures known now, frozen),
// journalled with the CLI as its author; prints {"id","seq"}.
int issue_command(Store& store, const std::map<std::string, std::string>& v, std::ostream& out, std::ostream& err) {
  auto get = [&](const char* k) {
    auto it = v.find(k);
    return it == v.end() ? std::string() : it->second;
  };
  if (get("period").empty()) {
    err << "--period is required (2026-Q3, 2026-6M, 2026-12M or 2026-01-01..2026-03-31)\n";
    return 2;
  }
  IssueRequest rq{get("agency"), get("period"), get("number"), get("difficulties"), get("proposals"),
                  get("signer"), get("place"), get("reason")};
  auto res = issue_report_as(store, "cli", rq, std::time(nullptr));
  if (auto* r = std::get_if<Refusal>(&res)) {
    err << r->code << ": " << r->message << "\n";
    return 1;
  }
  const Recorded& rec = std::get<Recorded>(res);
  out << nlohmann::json{{"id", rec.key}, {"seq", rec.seq}}.dump() << "\n";
  return 0;
}

bool register_module() {
  register_module_command({"steering", "issue-report", "Ban hành báo cáo định kỳ (phiên bản mới, số liệu tại thời điểm ban hành)",
                           {{"period", "report period: 2026-Q3, 2026-6M, 2026-12M, 2026-01-01..2026-03-31"},
                            {"agency", "agency code (its subtree; default: the root)"},
                            {"number", "the document's number, e.g. 45/BC-THADS"},
                            {"reason", "why it is issued again (required from the second version)"},
                            {"difficulties", "difficulties (free text)"},
                            {"proposals", "proposals (free text)"},
                            {"signer", "the signer's name"},
                            {"place", "the place of issue"}},
                           &issue_command});
  register_after_demo([](Store& store, int64_t now_unix) { issue_demo_reports(store, now_unix); });
  Module m;
  m.name = "steering";
  for (Kind k : kKinds) {
    m.record_kinds.emplace_back(to_string(k));
    if (is_stream(k)) m.stream_kinds.emplace_back(to_string(k));
  }
  for (const std::string& k : m.record_kinds) {
    register_record_kind(k, &parse);
    register_journal_kind(k);
  }
  m.record_kinds.emplace_back("attachment");  // exported in journal order, like every entry
  register_record_kind("attachment", &parse_attachment);
  register_journal_kind("attachment");
  register_schema(&schema);
  m.begin_import = &begin_import;
  m.read_model_tables = kReadModelTables;
  m.rebuild = &rebuild;
  m.demo = &write_demo;
  m.reports.emplace_back("steering-periodic", &periodic_form);
  // The key-case proposal thresholds ([B]): the settings file's "steering".
  register_settings_section("steering", [](const nlohmann::json& j, bool commit) -> std::string {
    try {
      ProposalSettings s = ProposalSettings::from_json(j);
      if (commit) ProposalSettings::use(s);
      return {};
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
  });
  thads::register_module(std::move(m));
  return true;
}

[[maybe_unused]] const bool registered = register_module();

}  // namespace
}  // namespace thads::steering
