// The oversight module (shared/domain/oversight.md): registers its record
// kinds, tables, journal kinds, import, rebuild, deadlines and reports with
// the layers' registries. This file is the module's one entry point; nothing
// outside src/modules/oversight names it.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "app/modules.h"
#include "app/settings.h"
#include "app/warm_up.h"
#include "modules/oversight/domain/deadlines.h"
#include "domain/record_kinds.h"
#include "modules/oversight/app/grievance_reports.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/app/oversight_import.h"
#include "modules/oversight/app/oversight_queries.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/app/periodic_sections.h"
#include "modules/oversight/app/public_list.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/store_extensions.h"

namespace thads::oversight {
namespace {

std::variant<ModuleRecord, Refusal> parse(std::string_view kind, nlohmann::json&& o, int64_t now_unix,
                                          bool check_recorded) {
  Parsed p = parse_oversight(kind, std::move(o), now_unix, check_recorded);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  if (auto* b = std::get_if<BodyRecord>(&p)) return ModuleRecord{std::string(kind), std::move(*b)};
  return ModuleRecord{std::string(kind), std::get<Act>(std::move(p))};
}

void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries) {
  std::map<std::string, std::vector<Act>> streams;
  for (const JournalEntry& e : entries) {
    auto j = nlohmann::json::parse(e.body, nullptr, false);
    Parsed p = parse_oversight(e.kind, std::move(j), e.recorded_at, false);
    if (auto* b = std::get_if<BodyRecord>(&p)) put_body(tx.db(), *b);
    else if (auto* a = std::get_if<Act>(&p)) {
      a->raw = e.body;  // the stored, canonical text (parse_oversight)
      streams[a->id].push_back(std::move(*a));
    }
    else throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
  }
  for (auto& [id, acts] : streams) {
    std::sort(acts.begin(), acts.end(), [](const Act& a, const Act& b) { return a.seq < b.seq; });
    project(tx.db(), Stream(std::move(acts)));
  }
}

bool register_module() {
  Module m;
  m.name = "oversight";
  m.record_kinds = {"body"};
  for (StreamKind k : kStreamKinds) m.stream_kinds.emplace_back(to_string(k));
  m.record_kinds.insert(m.record_kinds.end(), m.stream_kinds.begin(), m.stream_kinds.end());
  for (const std::string& k : m.record_kinds) {
    register_record_kind(k, &parse);
    register_journal_kind(k);
  }
  register_schema(&schema);
  m.begin_import = &begin_import;
  m.read_model_tables = kReadModelTables;
  m.rebuild = &rebuild;
  m.deadlines = &stream_deadlines_of;
  m.queue = &queue_items;
  // A stream's queue items are its agency's; a request's excess-freeze
  // warning (coordination) is its case's agency's.
  m.agencies_of = [](Store& store, const std::string& kind,
                     const std::vector<std::string>& ids) -> std::optional<std::vector<std::string>> {
    if (kind == "body") return std::nullopt;  // a register entry: no agency's alone
    return stream_and_case_agencies(store.db(), ids);
  };
  m.reports.emplace_back("admin-judgments", &admin_judgments_report);
  m.reports.emplace_back("admin-register", &admin_register_report);
  m.reports.emplace_back("admin-reconcile", &admin_reconcile_report);
  m.reports.emplace_back("complaints", &complaints_report);                        // issue 15
  m.reports.emplace_back("procuracy-supervision", &procuracy_supervision_report);  // form 04/TKLN-THADS
  m.periodic_sections = &periodic_sections;  // the steering module's periodic report (issue 17)
  m.demo = &write_demo;
  register_settings_section("oversight", [](const nlohmann::json& j, bool commit) -> std::string {
    try {
      OversightSettings s = OversightSettings::from_json(j);
      if (commit) OversightSettings::use(s);
      return {};
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
  });
  thads::register_module(std::move(m));
  // A server loads the work queue's held deadlines and the public list once
  // it listens, not on the first request (issues 14 and 15 "Speed").
  register_warm_up({"the oversight work queue's deadlines", &load_held_queue});
  register_warm_up({"the public non-compliance list", &load_public_list});
  return true;
}

[[maybe_unused]] const bool registered = register_module();

}  // namespace
}  // namespace thads::oversight
