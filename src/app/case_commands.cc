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
std::optional<Refusal> assignment_refusal(Store& store, const std::string& case_agency, const std::string& officer,
                                          const AgencyRefs& agencies) {
  const auto o = officer_agency(store.db(), officer);
  if (!o) return Refusal{"unknown_officer", "officer " + officer + " is not known", ""};
  // An officer deactivated by the administrator (retired, moved on) takes no
  // new case (docs/formats/reference-change.md).
  if (store.inactive_officers().count(officer))
    return Refusal{"inactive_officer", "officer " + officer + " is no longer active", ""};
  const std::string& officer_agency = *o;
  if (officer_agency == case_agency || agencies.above(case_agency, officer_agency)) return std::nullopt;
  return Refusal{"officer_outside_agency",
                 "officer " + officer + " works for " + officer_agency + ", which is not " + case_agency +
                     " (the agency that holds the case) nor an agency under it",
                 ""};
}

}  // namespace

namespace {

// `may_open`: the first act may open the case (the intake); otherwise an
// unknown case is not_found, whatever the act.
// Inside the caller's write transaction, which serialises writers: the
// stream and the scope are read inside it. Not committed here.
std::variant<Recorded, Refusal> record_acts(Store& store, WriteTx& tx, const CaseActor& who,
                                           const std::string& case_id, int64_t expected_version,
                                           const std::vector<nlohmann::json>& acts, int64_t now_unix,
                                           bool may_open) {
  if (acts.empty()) return Refusal{"bad_field", "no act to record", ""};
  CaseStream stream(store.load_stream(case_id));
  // Who holds the case now, as this transaction sees it: a reassignment or
  // transfer between the page's read and this write is not missed.
  std::optional<CaseScope> scope;
  if (stream.exists())
    if (auto h = case_holder(store.db(), case_id)) scope = CaseScope{h->agency, h->officer};
  // Authorisation (access.h) first, before anything about the case or the
  // act is told: opening a case for an agency of the actor's subtree; any
  // other act on a case the actor may act on, for the act's type (an unknown
  // type is refused as unknown_type below, if the actor may act at all).
  auto authorise = [&](const nlohmann::json& act) -> std::optional<Refusal> {
    const std::string type = act.is_object() ? act.value("type", std::string()) : std::string();
    const EventType t = event_type_from(type).value_or(EventType::notified);
    Verdict v = Verdict::not_found;
    if (t == EventType::case_opened && !stream.exists() && may_open)
      v = who.access.open_case(who.actor, act.is_object() ? act.value("agency", std::string()) : std::string());
    else if (scope)
      v = who.access.record_on_case(who.actor, *scope, t);
    if (v == Verdict::allow) return std::nullopt;
    if (v == Verdict::not_found) return Refusal{"not_found", "case " + case_id + " is not known", ""};
    return Refusal{"forbidden", "user " + who.actor.login + " may not record " + type + " on case " + case_id, ""};
  };
  if (auto no = authorise(acts.front())) return *no;
  // The acts as the import reads them (seq expected + 1, + 2, …): a
  // malformed act is refused for what it is, before the version is told.
  std::vector<Event> events;
  events.reserve(acts.size());
  for (size_t i = 0; i < acts.size(); ++i) {
    if (!acts[i].is_object()) return Refusal{"bad_field", "the event must be a JSON object", ""};
    nlohmann::json rec = acts[i];
    rec["kind"] = "event";
    rec["case"] = case_id;
    rec["seq"] = expected_version + 1 + static_cast<int64_t>(i);
    rec["recorded_at"] = format_rfc3339_utc(now_unix);
    if (!who.actor.login.empty()) rec["actor"] = who.actor.login;
    Record parsed = parse_line(rec.dump(), now_unix);
    if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
    auto* ev = std::get_if<Event>(&parsed);
    if (!ev) return Refusal{"unknown_kind", "only events can be recorded on a case", ""};
    events.push_back(std::move(*ev));
  }
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
  const Calendar calendar = official_calendar_with(store.holidays());
  Recorded out;
  for (size_t i = 0; i < events.size(); ++i) {
    Event& ev = events[i];
    if (i > 0)
      if (auto no = authorise(acts[i])) return *no;  // against the case as the earlier acts left it
    const Decision d = stream.decide(ev, agencies);
    if (d.kind == Decision::refuse) return d.refusal;
    if (d.kind == Decision::duplicate) return Refusal{"version_conflict", "this act is already recorded", ""};
    if (const auto* assigned = ev.if_is<OfficerAssigned>())
      if (auto r = assignment_refusal(store, scope ? scope->agency : std::string(), assigned->officer, agencies))
        return *r;
    tx.append("event", case_id, ev.seq, ev.recorded_at, ev.actor, ev.raw);
    stream.append(std::move(ev));
    out.view = project(stream, calendar, legal_settings());
    scope = CaseScope{out.view.agency, out.view.officer};
  }
  out.version = stream.version();
  tx.put_case(out.view);
  return out;
}

std::variant<Recorded, Refusal> record_acts(Store& store, const CaseActor& who, const std::string& case_id,
                                           int64_t expected_version, const std::vector<nlohmann::json>& acts,
                                           int64_t now_unix, bool may_open) {
  WriteTx tx(store);
  auto out = record_acts(store, tx, who, case_id, expected_version, acts, now_unix, may_open);
  if (std::holds_alternative<Recorded>(out)) tx.commit();
  return out;
}

}  // namespace

std::variant<Recorded, Refusal> record_events(Store& store, const CaseActor& who, const std::string& case_id,
                                             int64_t expected_version, const std::vector<nlohmann::json>& acts,
                                             int64_t now_unix) {
  return record_acts(store, who, case_id, expected_version, acts, now_unix, true);
}

std::variant<Recorded, Refusal> record_event(Store& store, const CaseActor& who, const std::string& case_id,
                                            int64_t expected_version, const nlohmann::json& fields,
                                            int64_t now_unix) {
  return record_acts(store, who, case_id, expected_version, std::vector<nlohmann::json>{fields}, now_unix, false);
}

std::variant<Recorded, Refusal> record_event_in(Store& store, WriteTx& tx, const CaseActor& who,
                                               const std::string& case_id, int64_t expected_version,
                                               const nlohmann::json& fields, int64_t now_unix) {
  return record_acts(store, tx, who, case_id, expected_version, std::vector<nlohmann::json>{fields}, now_unix,
                     false);
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
