// The coordination module (issue 16): the register of bodies managed by
// admins (`body_change`), the requests from the case page, the purpose
// ledger, the coordination report. It builds on the oversight module's
// `body` and `request` records (it reads oversight's headers; see README.md).
// This file registers it with the layers' registries; nothing outside
// src/modules/coordination names it.
#include <map>

#include "app/modules.h"
#include "app/warm_up.h"
#include "domain/record_kinds.h"
#include "modules/coordination/app/body_register.h"
#include "modules/coordination/app/coercion_plans.h"
#include "modules/coordination/app/coordination_demo.h"
#include "modules/coordination/app/coordination_report.h"
#include "modules/coordination/app/excess_freezes.h"
#include "modules/coordination/app/held_requests.h"
#include "modules/coordination/app/periodic_section.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/store/stream_hooks.h"
#include "store/store_extensions.h"

namespace thads::coordination {
namespace {

std::variant<ModuleRecord, Refusal> parse(std::string_view kind, nlohmann::json&& o, int64_t now_unix, bool) {
  if (kind == "coercion_plan") {
    auto c = parse_coercion_plan(o, now_unix, false);
    if (auto* r = std::get_if<Refusal>(&c)) return std::move(*r);
    return ModuleRecord{"coercion_plan", std::get<CoercionPlan>(std::move(c))};
  }
  auto p = parse_body_change(o, now_unix);
  if (auto* r = std::get_if<Refusal>(&p)) return std::move(*r);
  return ModuleRecord{"body_change", std::get<BodyChange>(std::move(p))};
}

void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries) {
  std::map<std::string, BodyOverlay> changed;
  for (const JournalEntry& e : entries) {
    if (e.kind == "coercion_plan") continue;  // read from the journal; no read model
    auto p = parse_body_change(nlohmann::json::parse(e.body, nullptr, false), e.recorded_at);
    auto* c = std::get_if<BodyChange>(&p);
    if (!c) throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
    changed[c->code] = apply(changed[c->code], *c);
  }
  for (const auto& [code, o] : changed) put_body_status(tx.db(), o);
}

// The module's side of one import: each kind to its own.
class Import final : public ModuleImport {
 public:
  explicit Import(ImportContext& ctx) : bodies_(begin_import(ctx)), plans_(ctx) {}
  Outcome on(ModuleRecord& m, Refusal& why) override {
    return m.kind == "coercion_plan" ? plans_.on(m, why) : bodies_->on(m, why);
  }
  void finish() override { bodies_->finish(); }

 private:
  std::unique_ptr<ModuleImport> bodies_;
  PlanImport plans_;
};

bool register_module() {
  Module m;
  m.name = "coordination";
  m.record_kinds = {"body_change", "coercion_plan"};
  register_record_kind("body_change", &parse);
  register_journal_kind("body_change");
  register_record_kind("coercion_plan", &parse);
  register_journal_kind("coercion_plan");
  register_schema(&schema);
  // The request ledger follows every write of a request stream.
  oversight::register_stream_projection([](Db& db, const oversight::Stream& s) {
    if (s.exists() && s.acts().front().kind == oversight::StreamKind::request)
      if (auto row = ledger_row(s, *stored_calendar(db))) put_ledger_row(db, *row);
  });
  m.begin_import = [](ImportContext& ctx) -> std::unique_ptr<ModuleImport> { return std::make_unique<Import>(ctx); };
  m.read_model_tables = kReadModelTables;
  m.rebuild = &rebuild;
  m.queue = &excess_freeze_items;
  // A voided plan's coercion_planned event raises no deadline warning
  // (coercion on a day off, near Tết) any more.
  m.set_aside_events = [](Store& store, const std::string& case_id) {
    return voided_plan_events(stored_coercion_plans(store.db(), case_id));
  };
  m.demo = &write_demo;
  m.reports.emplace_back("coordination", &coordination_report_form);
  m.periodic_sections = &periodic_sections;  // the steering module's periodic report (issue 17)
  thads::register_module(std::move(m));
  // A server loads every request's figures once it listens, not on the first
  // dashboard (its coordination block), report or periodic report: at the
  // national volumes, 3,000,000 requests take about 10 s to read.
  register_warm_up({"the requests' figures (coordination report and dashboard block)", [](Store& store) {
                      held_body_performance(store, {std::string("\x01")}, Date::from_ymd(2000, 1, 1),
                                            Date::from_ymd(2000, 1, 1));
                    }});
  return true;
}

[[maybe_unused]] const bool registered = register_module();

}  // namespace
}  // namespace thads::coordination
