// The module registry of the use-case layer: what a module (a folder of
// src/modules) plugs into the import, the export, rebuild, the deadlines
// command and the reports, so that adding a module edits no central list.
//
// Contract: modules register while the program starts (static initialisers
// of their objects; see src/modules/README.md); afterwards the registry is
// only read. The callbacks run on the caller's thread, inside the caller's
// transaction where one is given.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "app/demo_world.h"
#include "app/case_deadlines.h"
#include "app/disposer.h"
#include "app/import.h"
#include "domain/calendar.h"
#include "domain/case_state.h"
#include "domain/date.h"
#include "domain/deadlines.h"
#include "domain/record_kinds.h"
#include "store/store.h"

namespace thads {

// What the importer lends a module for one import: the transaction, and what
// stands stored or earlier in the file.
struct ImportContext {
  Store& store;
  WriteTx& tx;
  const ImportOptions& options;
  const AgencyRefs& agencies;
  const Calendar& calendar;
  std::function<bool(const std::string&)> case_known;
  // The case's whole stream (stored and this import's), or nullptr.
  std::function<const CaseStream*(const std::string&)> case_stream;
  // One event of a known case (stored or this import's), without loading
  // the whole stream into the import's window; nullopt when the case is
  // unknown or has no event `seq`.
  std::function<std::optional<Event>(const std::string& case_id, int64_t seq)> case_event;
  // Where to hand what the module drops (its window's streams), to be freed
  // off the deciding thread (app/disposer.h).
  Disposer& disposer;
};

// A module's side of one import. on() decides one record and, when accepted,
// appends it to the journal and its read models through ctx.tx; it returns
// the refusal, if any. finish() runs before the commit of an import that
// refused nothing.
class ModuleImport {
 public:
  // skipped: a later record of a stream refused earlier in the file, not
  // checked (interchange.md "after a refused event …").
  enum class Outcome { added_event, added_reference, duplicate, refused, skipped };
  virtual ~ModuleImport() = default;
  virtual Outcome on(ModuleRecord& record, Refusal& refusal) = 0;
  virtual void finish() {}
};

// A stream's deadlines as `thads deadlines --id` answers them
// (oversight.md "CLI contract"): kind plus the case answer's deadline list.
struct StreamDeadlines {
  std::string id, kind;
  Date today;
  std::vector<Deadline> deadlines;
};

struct ReportArgs {
  std::string form, agency;
  Date from, to;
  std::optional<int64_t> as_known_at;
  // Another body's figures for the same columns (a reconciliation, e.g. the
  // court's for form 03/TKLN-THADS): a JSON object, or null.
  nlohmann::json compare;
  // A named report period (`--period`, e.g. 2026-Q3, 2026-6M) for forms
  // that take one; empty: from/to.
  std::string period = {};
};
struct ReportOutput {
  nlohmann::ordered_json json;  // the envelope of the `cases` form
  std::string table;            // plain text for --format table
  // Writes the spreadsheet (--format xlsx); empty when the form has none.
  std::function<bool(const std::string& path, std::string* error)> xlsx;
  // Other documents the form writes (--format pdf, odt …): format -> the
  // file's bytes, or a refusal.
  std::map<std::string, std::function<std::variant<std::string, Refusal>()>> documents;
};
using ReportForm = std::function<std::variant<ReportOutput, Refusal>(Store&, const ReportArgs&)>;

// A part a module adds to the periodic report to the party committee and
// the People's Committee (báo cáo định kỳ, the steering module; issue 17
// item 4): a titled table of the module's figures for an agency subtree and
// a report period, with the same period last year beside them where they
// compare. It is frozen, as JSON, in every issued version of the report
// (docs/formats/steering.md), so its cells are final text or whole numbers.
struct PeriodicSectionArgs {
  std::string agency;          // the subtree reported on (already checked for the reader)
  Date from, to;               // the period
  Date last_from, last_to;     // the same period last year
  Date today;                  // the day the report is drawn up
};
struct PeriodicSection {
  std::string key;                                 // stable: "admin_judgments", "complaints" …
  std::string title;                               // Vietnamese heading
  std::vector<std::string> columns;                // the header; the first is the rows' label
  std::vector<std::vector<nlohmann::json>> rows;   // cells: strings or whole numbers
  std::string note;                                // a line under the table ("" for none)
  // Where it stands among the parts, lower first (the report's order, not
  // the modules' registration's): administrative judgments 10, complaints
  // and denunciations 20, the procuracy 30, coordination 40.
  int rank = 100;
};
using PeriodicSections =
    std::function<std::variant<std::vector<PeriodicSection>, Refusal>(Store&, const PeriodicSectionArgs&)>;

struct Module {
  std::string name;
  std::vector<std::string> record_kinds;  // interchange kinds it owns (exported)
  std::vector<std::string> stream_kinds;  // of those, the streams (exported with recorded_at)
  std::function<std::unique_ptr<ModuleImport>(ImportContext&)> begin_import;
  // Rebuild: its read-model tables are emptied, then every journal entry of
  // its kinds is handed over in journal order, then finish.
  std::vector<std::string> read_model_tables;
  std::function<void(WriteTx&, const std::vector<JournalEntry>&)> rebuild;
  // nullopt when the id is not one of its streams.
  std::function<std::optional<StreamDeadlines>(Store&, const std::string& id, Date today)> deadlines;
  std::vector<std::pair<std::string, ReportForm>> reports;  // form name -> report
  // Its parts of the periodic report (placed by their rank); unset: none.
  PeriodicSections periodic_sections;
  // Demo data (`thads demo`): writes the module's records, as JSON Lines,
  // for the world of a generated case data set; deterministic for a seed.
  std::function<void(const DemoWorld&, uint64_t seed, std::ostream&)> demo;
  // Its deadlines in a work queue (deadline_queue): items due by the
  // horizon, of `q.officer` when set, else of the agencies in `scope` (codes;
  // empty: every agency).
  std::function<std::vector<QueueItem>(Store&, const QueueQuery& q, const std::vector<std::string>& scope)> queue;
  // The case's events its records set aside (seqs): they count for no
  // deadline and raise no warning, as if voided. E.g. the coordination
  // module's voided coercion plan sets aside its `coercion_planned` event,
  // which interchange v1 cannot void.
  std::function<std::set<int64_t>(Store&, const std::string& case_id)> set_aside_events;
  // The agencies whose scoped answers (work queues) new journal entries of
  // its `kind` for the streams `ids` may change: each stream's agency and any
  // other whose queue shows it (agency_positions.h). nullopt when it cannot
  // say (a stream it does not hold, a record of no agency): then every
  // agency's answers are computed again. Unset: always nullopt.
  std::function<std::optional<std::vector<std::string>>(Store&, const std::string& kind,
                                                        const std::vector<std::string>& ids)>
      agencies_of;
};

void register_module(Module m);
const std::vector<Module>& modules();
// The module owning an interchange kind, or nullptr.
const Module* module_of_kind(const std::string& kind);
// The report of a form a module offers, or nullptr.
const ReportForm* module_report(const std::string& form);
// Every module's parts of the periodic report, by rank (then registration
// order); the first refusal stops it.
std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args);
// Every module's set_aside_events of the case.
std::set<int64_t> set_aside_case_events(Store& store, const std::string& case_id);

std::string to_json(const StreamDeadlines& d);

}  // namespace thads
