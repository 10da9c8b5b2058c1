#include "app/case_commands.h"

#include <cstdio>
#include <optional>
#include <unordered_map>

#include "app/calendar_source.h"
#include "app/settings.h"
#include "domain/interchange.h"
#include "store/case_queries.h"

namespace thads {
namespace {

// An officer assigned to a case (phân công Chấp hành viên, Art. 36(2)) is
// one the store knows, of the agency that holds the case or of an agency
// under it: never an unknown id, nor an officer of another province.
std::optional<Refusal> assignment_refusal(Store& store, const std::string& case_id, const std::string& officer,
                                          const AgencyRefs& agencies) {
  const auto o = officer_agency(store.db(), officer);
  if (!o) return Refusal{"unknown_officer", "officer " + officer + " is not known", ""};
  // An officer deactivated by the administrator (retired, moved on) takes no
  // new case (docs/formats/reference-change.md).
  if (store.inactive_officers().count(officer))
    return Refusal{"inactive_officer", "officer " + officer + " is no longer active", ""};
  const auto c = case_holder(store.db(), case_id);
  const std::string case_agency = c ? c->agency : "", officer_agency = *o;
  if (officer_agency == case_agency || agencies.above(case_agency, officer_agency)) return std::nullopt;
  return Refusal{"officer_outside_agency",
                 "officer " + officer + " works for " + officer_agency + ", which is not " + case_agency +
                     " (the agency that holds the case) nor an agency under it",
                 ""};
}

}  // namespace

std::variant<Recorded, Refusal> record_event(Store& store, const std::string& case_id, int64_t expected_version,
                                            const nlohmann::json& fields, const std::string& actor,
                                            int64_t now_unix) {
  WriteTx tx(store);  // serialises writers; the stream is read inside it
  auto out = record_event_in(store, tx, case_id, expected_version, fields, actor, now_unix);
  if (std::holds_alternative<Recorded>(out)) tx.commit();
  return out;
}

std::variant<Recorded, Refusal> record_event_in(Store& store, WriteTx& tx, const std::string& case_id,
                                               int64_t expected_version, const nlohmann::json& fields,
                                               const std::string& actor, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the event must be a JSON object", ""};
  nlohmann::json rec = fields;
  rec["kind"] = "event";
  rec["case"] = case_id;
  rec["seq"] = expected_version + 1;
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  if (!actor.empty()) rec["actor"] = actor;
  Record parsed = parse_line(rec.dump(), now_unix);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  auto* ev = std::get_if<Event>(&parsed);
  if (!ev) return Refusal{"unknown_kind", "only events can be recorded on a case", ""};

  CaseStream stream(store.load_stream(case_id));
  if (stream.version() != expected_version)
    return Refusal{"version_conflict",
                   "case " + case_id + " is at version " + std::to_string(stream.version()) + ", not " +
                       std::to_string(expected_version),
                   ""};
  std::unordered_map<std::string, std::string> parents;  // code -> parent code
  for (const auto& a : store.agencies()) parents.emplace(a.code, a.parent);
  const AgencyRefs agencies{[&](const std::string& code) { return parents.count(code) > 0; },
                            [&](const std::string& code) {
                              auto it = parents.find(code);
                              return it == parents.end() ? std::string() : it->second;
                            }};
  const Decision d = stream.decide(*ev, agencies);
  if (d.kind == Decision::refuse) return d.refusal;
  if (d.kind == Decision::duplicate) return Refusal{"version_conflict", "this act is already recorded", ""};
  if (ev->type == EventType::officer_assigned)
    if (auto r = assignment_refusal(store, case_id, ev->target, agencies)) return *r;
  tx.append("event", case_id, ev->seq, ev->recorded_at, ev->actor, ev->raw);
  stream.append(std::move(*ev));
  Recorded out;
  out.version = stream.version();
  out.view = project(stream, official_calendar_with(store.holidays()), legal_settings());
  tx.put_case(out.view);
  return out;
}

std::string next_case_id(Store& store, const std::string& agency, int year) {
  const std::string prefix = agency + "-" + std::to_string(year) + "-";
  int64_t n = count_case_ids_with_prefix(store.db(), prefix);
  for (;;) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(++n));
    const std::string id = prefix + buf;
    if (store.version_of(id) == 0 && store.load_stream(id).empty()) return id;
  }
}

}  // namespace thads
