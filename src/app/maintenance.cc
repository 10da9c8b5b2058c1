#include "app/maintenance.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/calendar_source.h"
#include "app/modules.h"
#include "app/settings.h"
#include "domain/case_view.h"
#include "domain/interchange.h"
#include "domain/reference_change.h"

namespace thads {

int64_t export_jsonl(Store& store, std::ostream& out) {
  int64_t n = 0;
  out << R"({"kind":"format","v":1})" << '\n';
  store.for_each_entry([&](const JournalEntry& e) {
    const Module* module = module_of_kind(e.kind);
    if (e.kind != "event" && e.kind != "agency" && e.kind != "officer" && e.kind != "target" && e.kind != "holiday" &&
        e.kind != "reference_change" && !module)
      return;  // accounts, sessions and the settings applied are not interchange records
    const bool stream = e.kind == "event" || e.kind == "reference_change" || (module && std::find(module->stream_kinds.begin(),
                                                                  module->stream_kinds.end(),
                                                                  e.kind) != module->stream_kinds.end());
    if (stream) {
      auto j = nlohmann::json::parse(e.body, nullptr, false);
      if (!j.is_discarded() && !j.contains("recorded_at")) {
        j["recorded_at"] = format_rfc3339_utc(e.recorded_at);
        out << j.dump() << '\n';
        ++n;
        return;
      }
    }
    out << e.body << '\n';
    ++n;
  });
  return n;
}

RebuildResult rebuild(Store& store, const std::function<void(const char*, int64_t, int64_t)>& progress) {
  RebuildResult res;
  std::map<std::string, std::vector<Event>> streams;
  std::vector<std::pair<std::string, std::string>> refs;  // kind, body
  std::map<const Module*, std::vector<JournalEntry>> module_entries;
  store.for_each_entry([&](const JournalEntry& e) {
    ++res.entries;
    if (const Module* m = module_of_kind(e.kind)) module_entries[m].push_back(e);
    if (e.kind == "event") {
      auto ev = parse_stored_event(e.body, e.recorded_at);
      if (!ev) throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
      streams[e.stream].push_back(std::move(*ev));
    } else if (e.kind == "agency" || e.kind == "officer" || e.kind == "target" || e.kind == "holiday" ||
               e.kind == "reference_change") {
      refs.emplace_back(e.kind, e.body);
    }
    if (progress && res.entries % 100000 == 0) progress("đọc nhật ký", res.entries, 0);
  });
  WriteTx tx(store);
  std::vector<std::string> module_tables;
  for (const Module& m : modules())
    module_tables.insert(module_tables.end(), m.read_model_tables.begin(), m.read_model_tables.end());
  tx.clear_read_models(module_tables);
  for (const auto& [m, entries] : module_entries)
    if (m->rebuild) m->rebuild(tx, entries);
  // Reference records, then their changes applied in journal order
  // (docs/formats/reference-change.md).
  std::map<std::string, AgencyRecord> agencies;
  std::map<std::string, OfficerRecord> officers;
  std::map<std::pair<std::string, int>, TargetRecord> targets;
  std::map<std::string, HolidayRec> holiday_days;
  for (const auto& [kind, body] : refs) {
    Record r = parse_line(body, 0);
    if (auto* a = std::get_if<AgencyRecord>(&r)) agencies[a->code] = std::move(*a);
    else if (auto* o = std::get_if<OfficerRecord>(&r)) officers[o->id] = std::move(*o);
    else if (auto* t = std::get_if<TargetRecord>(&r)) targets[{t->agency, t->fiscal_year}] = std::move(*t);
    else if (auto* h = std::get_if<HolidayRec>(&r)) holiday_days[h->day.date.iso()] = std::move(*h);
    else if (auto* c = std::get_if<ReferenceChange>(&r)) {
      if (c->record == "agency") {
        if (auto it = agencies.find(c->key); it != agencies.end()) apply_change(it->second, *c);
      } else if (c->record == "officer") {
        if (auto it = officers.find(c->key); it != officers.end()) apply_change(it->second, *c);
      } else if (c->record == "target") {
        const TargetKey k = target_key(c->key);
        if (auto it = targets.find({k.agency, k.fiscal_year}); it != targets.end()) apply_change(it->second, *c);
      } else if (auto it = holiday_days.find(c->key); it != holiday_days.end()) {
        apply_change(it->second, *c);
      }
    }
  }
  for (const auto& [code, a] : agencies) tx.put_agency(a);
  for (const auto& [id, o] : officers) {
    tx.put_officer(o);
    if (!o.active) tx.set_officer_active(id, false);
  }
  for (const auto& [key, t] : targets) tx.put_target(t);
  std::vector<HolidayRec> holidays;
  for (const auto& [iso, h] : holiday_days) {
    tx.put_holiday(h);
    holidays.push_back(h);
  }
  const Calendar cal = official_calendar_with(holidays);
  const int64_t total = static_cast<int64_t>(streams.size());
  for (auto& [id, events] : streams) {
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.seq < b.seq; });
    tx.put_case(project(CaseStream(std::move(events)), cal, legal_settings()));
    ++res.cases;
    if (progress && res.cases % 20000 == 0) progress("dựng lại hồ sơ", res.cases, total);
  }
  tx.commit();
  return res;
}

}  // namespace thads
