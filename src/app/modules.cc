#include "app/modules.h"

#include <algorithm>

#include "app/case_deadlines.h"

namespace thads {
namespace {

std::vector<Module>& all() {
  static std::vector<Module> v;
  return v;
}

}  // namespace

void register_module(Module m) { all().push_back(std::move(m)); }
const std::vector<Module>& modules() { return all(); }

const Module* module_of_kind(const std::string& kind) {
  for (const Module& m : all())
    if (std::find(m.record_kinds.begin(), m.record_kinds.end(), kind) != m.record_kinds.end()) return &m;
  return nullptr;
}

std::set<int64_t> set_aside_case_events(Store& store, const std::string& case_id) {
  std::set<int64_t> out;
  for (const Module& m : all())
    if (m.set_aside_events) out.merge(m.set_aside_events(store, case_id));
  return out;
}

std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args) {
  std::vector<PeriodicSection> out;
  for (const Module& m : all()) {
    if (!m.periodic_sections) continue;
    auto s = m.periodic_sections(store, args);
    if (auto* r = std::get_if<Refusal>(&s)) return *r;
    for (PeriodicSection& x : std::get<std::vector<PeriodicSection>>(s)) out.push_back(std::move(x));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PeriodicSection& a, const PeriodicSection& b) { return a.rank < b.rank; });
  return out;
}

const ReportForm* module_report(const std::string& form) {
  for (const Module& m : all())
    for (const auto& [name, report] : m.reports)
      if (name == form) return &report;
  return nullptr;
}

std::string to_json(const StreamDeadlines& d) {
  nlohmann::ordered_json j;
  j["id"] = d.id;
  j["kind"] = d.kind;
  j["today"] = d.today.iso();
  j["deadlines"] = deadlines_json(d.deadlines);
  return j.dump();
}

}  // namespace thads
