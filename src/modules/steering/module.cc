// The steering module (issue 17; README.md): registers its record kinds,
// tables, journal kinds, import and rebuild with the layers' registries.
// This file is the module's one entry point; nothing outside
// src/modules/steering names it.
#include <stdexcept>

#include "app/modules.h"
#include "app/settings.h"
#include "domain/record_kinds.h"
#include "modules/steering/app/steering_demo.h"
#include "modules/steering/app/steering_import.h"
#include "modules/steering/domain/proposal_rules.h"
#include "modules/steering/domain/records.h"
#include "modules/steering/store/steering_store.h"
#include "store/store_extensions.h"

namespace thads::steering {
namespace {

std::variant<ModuleRecord, Refusal> parse(std::string_view kind, const nlohmann::json& o, int64_t now_unix,
                                          bool check_recorded) {
  Parsed p = parse_steering(kind, o, now_unix, check_recorded);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  return ModuleRecord{std::string(kind), std::get<Record>(std::move(p))};
}

void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries) {
  Ledger ledger;
  for (const JournalEntry& e : entries) {
    auto j = nlohmann::json::parse(e.body, nullptr, false);
    Parsed p = parse_steering(e.kind, j, e.recorded_at, false);
    auto* r = std::get_if<Record>(&p);
    if (!r) throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
    Record copy = *r;
    ledger.apply(std::move(*r));
    project(tx.db(), ledger, copy);
  }
}

bool register_module() {
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
  register_schema(&schema);
  m.begin_import = &begin_import;
  m.read_model_tables = kReadModelTables;
  m.rebuild = &rebuild;
  m.demo = &write_demo;
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
