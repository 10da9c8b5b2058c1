// The accountability module (issue 15 items 3-5; docs/formats/accountability.md):
// inspections and their remedies, the register of officers' violations, the
// sending of decisions to the procuracy, the procuracy's review, the
// inspections report. This file is its one entry point: it registers the
// module with the layers' registries; nothing outside
// src/modules/accountability names it. It reads oversight's headers (the
// procuracy's streams for the review page), never the reverse.
#include "app/modules.h"
#include "app/calendar_source.h"
#include "domain/record_kinds.h"
#include "modules/accountability/app/acc_demo.h"
#include "modules/accountability/app/acc_import.h"
#include "modules/accountability/app/acc_reports.h"
#include "modules/accountability/app/acc_use_cases.h"
#include "modules/accountability/store/accountability_store.h"
#include "store/store_extensions.h"

namespace thads::accountability {
namespace {

std::variant<ModuleRecord, Refusal> parse(std::string_view kind, nlohmann::json&& o, int64_t now_unix,
                                          bool check_recorded) {
  Parsed p = parse_accountability(kind, o, now_unix, check_recorded);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  if (auto* d = std::get_if<Delivery>(&p)) return ModuleRecord{std::string(kind), std::move(*d)};
  return ModuleRecord{std::string(kind), std::get<Rec>(std::move(p))};
}

std::optional<StreamDeadlines> deadlines_of(Store& store, const std::string& id, Date today) {
  const auto kind = kind_of(store.db(), id);
  if (!kind) return std::nullopt;
  const AccStream s(load_recs(store.db(), *kind, id));
  return StreamDeadlines{id, std::string(to_string(*kind)), today, remedy_deadlines(s, today)};
}

bool register_module() {
  Module m;
  m.name = "accountability";
  m.stream_kinds = {"inspection", "violation"};
  m.record_kinds = {"inspection", "violation", "delivery"};
  for (const std::string& k : m.record_kinds) {
    register_record_kind(k, &parse);
    register_journal_kind(k);
  }
  register_schema(&schema);
  m.begin_import = &begin_import;
  m.read_model_tables = kReadModelTables;
  m.rebuild = &rebuild;
  m.deadlines = &deadlines_of;
  m.queue = &queue_items;
  m.agencies_of = [](Store& store, const std::string& kind,
                     const std::vector<std::string>& ids) -> std::optional<std::vector<std::string>> {
    if (kind == "delivery") return std::nullopt;  // a decision sent: not an inspection of one agency
    return stream_agencies(store.db(), ids);
  };
  m.reports.emplace_back("inspections", &inspections_report);
  m.demo = &write_demo;
  thads::register_module(std::move(m));
  return true;
}

[[maybe_unused]] const bool registered = register_module();

}  // namespace
}  // namespace thads::accountability
