#include "modules/coordination/app/coercion_plans.h"

#include <algorithm>

#include "app/access.h"
#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "app/case_commands.h"
#include "app/settings.h"
#include "domain/case_state.h"
#include "domain/interchange.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/app/record_act.h"
#include "store/case_queries.h"

namespace thads::coordination {
namespace {

using json = nlohmann::json;
using oversight::StreamKind;

Refusal not_found(const std::string& id) { return Refusal{"not_found", "no such case: " + id, ""}; }

// The three recipients of Art. 72(2), as body types and the request's purpose.
struct Recipient {
  const char* role;  // the body's type, and the key in `requests`
  const char* purpose;
  const char* label_vi;
};
constexpr Recipient kRecipients[] = {
    {"police", "protection", "Công an"},
    {"people_committee", "other", "Ủy ban nhân dân cấp xã"},
    {"procuracy", "other", "Viện kiểm sát nhân dân"},
};

Refusal verdict_refusal(Verdict v, const std::string& case_id) {
  return v == Verdict::not_found ? not_found(case_id)
                                 : Refusal{"forbidden", "your role may not plan a coercion on this case", ""};
}

// Rights to plan on a case (inside the caller's transaction).
std::optional<Refusal> plan_rights(const AgencyTree& tree, const User& user, const std::string& case_id,
                                   const CaseHolder& h) {
  const Access access(tree);
  const Actor actor = Actor::of(user);
  if (Verdict v = access.read_case(actor, CaseScope{h.agency, h.officer}); v != Verdict::allow)
    return verdict_refusal(v, case_id);
  if (Verdict v = access.record_on_case(actor, CaseScope{h.agency, h.officer}, EventType::coercion_planned);
      v != Verdict::allow)
    return verdict_refusal(v, case_id);
  const oversight::StreamScope scope{StreamKind::request, h.agency, "", h.officer};
  if (Verdict v = oversight::record_on_stream(access, actor, scope, "sent"); v != Verdict::allow)
    return verdict_refusal(v, case_id);
  return std::nullopt;
}

// A head whose subtree holds the case's agency (the head of the case's
// agency or of an agency above it).
bool head_of(const AgencyTree& tree, const User& user, const std::string& agency) {
  if (user.role != Role::head) return false;
  return Access(tree).in_subtree(Actor::of(user), agency);
}

// The body of `type` that serves the case's agency: the active one
// registered for the agency itself, else for the nearest agency above.
std::variant<BodyEntry, Refusal> pick_body(Store& store, const std::string& agency, const Recipient& r,
                                           const json& chosen) {
  const std::vector<BodyEntry> all = body_entries(store.db());
  if (chosen.is_object() && chosen.contains(r.role)) {
    const json& c = chosen[r.role];
    for (const BodyEntry& b : all)
      if (c.is_string() && b.body.code == c.get<std::string>()) {
        if (b.body.type != r.role) return Refusal{"bad_field", "body " + b.body.code + " is not of type " + r.role, ""};
        if (!b.active) return Refusal{"inactive_body", "body " + b.body.code + " is no longer used for new requests", ""};
        return b;
      }
    return Refusal{"unknown_body", "field 'bodies." + std::string(r.role) + "' names no registered body", ""};
  }
  const AgencyTree tree = load_agency_tree(store);
  for (auto i = tree.find(agency); i && *i >= 0; i = tree.at(*i).parent_index >= 0 ? std::optional<int>(tree.at(*i).parent_index)
                                                                                    : std::nullopt) {
    const std::string& code = tree.at(*i).code;
    for (const BodyEntry& b : all)
      if (b.active && b.body.type == r.role && b.body.agency == code) return b;
  }
  return Refusal{"missing_body",
                 "no active " + std::string(r.role) + " body is registered for agency " + agency +
                     " or an agency above it: register one before planning the coercion",
                 "Luật THADS 2008, Điều 72 khoản 2"};
}

std::vector<PlanView> views_of(const std::vector<CoercionPlan>& plans, const Calendar& cal) {
  std::vector<PlanView> out;
  for (const CoercionPlan& p : plans) {
    if (p.type == "planned") {
      out.push_back({p, false, "", "", plan_bans(p, cal, legal_settings().tet_window_days)});
      continue;
    }
    for (PlanView& v : out)
      if (v.plan.seq == p.voids) v.voided = true, v.void_reason = p.reason, v.voided_by = p.actor;
  }
  return out;
}

Refusal ban_refusal(const std::vector<Ban>& unmet) {
  std::string codes;
  for (const Ban& b : unmet) codes += (codes.empty() ? "" : ", ") + b.code;
  return Refusal{unmet.front().code,
                 "the coercion breaks " + codes + "; a head may override each ban by giving a reason",
                 unmet.front().article};
}

// The plan's record from the caller's fields (defaults filled in).
json draft_record(const json& fields, const std::string& case_id, int64_t seq, const CaseState& state,
                  const User& user, int64_t now_unix) {
  json rec = fields;
  rec.erase("bodies");
  rec["kind"] = "coercion_plan";
  rec["case"] = case_id;
  rec["seq"] = seq;
  rec["type"] = "planned";
  if (!rec.contains("date")) rec["date"] = vn_date_of(now_unix).iso();
  if (!rec.contains("person") && state.info) {
    rec["person"] = {{"name", state.info->debtor.name}};
    if (!state.info->debtor.id_number.empty()) rec["person"]["id_number"] = state.info->debtor.id_number;
  }
  if (rec.contains("overrides") && rec["overrides"].is_array())
    for (json& o : rec["overrides"])
      if (o.is_object()) o["by"] = user.login;
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  rec["actor"] = user.login;
  return rec;
}

}  // namespace

bool may_plan(Store& store, const User& user, const std::string& case_id) {
  return may_plan(store, load_agency_tree(store), user, case_id);
}

bool may_plan(Store& store, const AgencyTree& tree, const User& user, const std::string& case_id) {
  auto h = case_holder(store.db(), case_id);
  return h && !plan_rights(tree, user, case_id, *h);
}

bool may_override(Store& store, const User& user, const std::string& case_id) {
  return may_override(store, load_agency_tree(store), user, case_id);
}

bool may_override(Store& store, const AgencyTree& tree, const User& user, const std::string& case_id) {
  auto h = case_holder(store.db(), case_id);
  return h && head_of(tree, user, h->agency);
}

std::variant<PlanView, Refusal> record_coercion_plan(Store& store, const User& user, const std::string& case_id,
                                                     json fields, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the plan must be a JSON object", ""};
  WriteTx tx(store);  // everything below is read and written inside it: all or nothing
  const auto h = case_holder(tx.db(), case_id);
  if (!h) return not_found(case_id);
  if (auto r = plan_rights(load_agency_tree(store), user, case_id, *h)) return *r;
  const CaseStream stream(store.load_stream(case_id));
  const std::vector<CoercionPlan> before = stored_coercion_plans(tx.db(), case_id);
  json rec = draft_record(fields, case_id, static_cast<int64_t>(before.size()) + 1, stream.state(), user, now_unix);
  auto draft = parse_coercion_plan(rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&draft)) return *r;
  const CoercionPlan& p = std::get<CoercionPlan>(draft);

  // The bans (Art. 46(2); NĐ 62 Art. 13(2),(3); NĐ 152/2026 Art. 42(2),(3)):
  // refusals, which only a head of the case's area overrides with a reason.
  if (!p.overrides.empty() && !head_of(load_agency_tree(store), user, h->agency))
    return Refusal{"override_forbidden", "only a head of the case's agency or above may override a ban", ""};
  const Calendar cal = official_calendar_with(store.holidays());
  const BanCheck bans = check_bans(p, cal, legal_settings().tet_window_days);
  if (!bans.stray_overrides.empty())
    return Refusal{"bad_field", "field 'overrides' names a ban the plan does not break: " + bans.stray_overrides.front(), ""};
  if (!bans.unmet.empty()) return ban_refusal(bans.unmet);

  // The three recipients, each found before anything is written.
  std::vector<BodyEntry> bodies;
  for (const Recipient& r : kRecipients) {
    auto b = pick_body(store, h->agency, r, fields.value("bodies", json::object()));
    if (auto* x = std::get_if<Refusal>(&b)) return *x;
    bodies.push_back(std::get<BodyEntry>(std::move(b)));
  }

  // The core event: the case's own record of the plan.
  const json event{{"type", "coercion_planned"}, {"date", p.date.iso()}, {"scheduled_date", p.scheduled.iso()},
                   {"measure", measure_label(p.measure)}, {"mobilised_forces", true}};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Actor actor = Actor::of(user);
  auto ev = record_event_in(store, tx, CaseActor{access, actor}, case_id, stream.version(), event, now_unix);
  if (auto* r = std::get_if<Refusal>(&ev)) return *r;
  rec["event_seq"] = std::get<Recorded>(ev).version;

  // Art. 72(2): sent at once to the police, the commune and the procuracy.
  json subject{{"name", p.person_name}};
  if (!p.person_id.empty()) subject["id_number"] = p.person_id;
  rec["requests"] = json::object();
  for (size_t i = 0; i < bodies.size(); ++i) {
    const json req{{"type", "sent"},        {"date", p.date.iso()},   {"agency", h->agency}, {"case", case_id},
                   {"body", bodies[i].body.code}, {"purpose", kRecipients[i].purpose}, {"subject", subject}};
    auto sent = oversight::open_stream_in(store, tx, user, StreamKind::request, "", req, now_unix);
    if (auto* r = std::get_if<Refusal>(&sent)) return *r;
    rec["requests"][kRecipients[i].role] = std::get<oversight::ActRecorded>(sent).id;
  }

  auto final_plan = parse_coercion_plan(rec, now_unix, false);
  if (auto* r = std::get_if<Refusal>(&final_plan)) return *r;
  CoercionPlan& done = std::get<CoercionPlan>(final_plan);
  tx.append("coercion_plan", case_id, done.seq, done.recorded_at, user.login, done.raw);
  tx.commit();
  return PlanView{done, false, "", "", plan_bans(done, cal, legal_settings().tet_window_days)};
}

std::variant<PlanView, Refusal> void_coercion_plan(Store& store, const User& user, const std::string& case_id,
                                                   int64_t seq, const std::string& reason, int64_t now_unix) {
  WriteTx tx(store);
  const auto h = case_holder(tx.db(), case_id);
  if (!h) return not_found(case_id);
  if (auto r = plan_rights(load_agency_tree(store), user, case_id, *h)) return *r;
  const std::vector<CoercionPlan> plans = stored_coercion_plans(tx.db(), case_id);
  const Calendar cal = official_calendar_with(store.holidays());
  std::vector<PlanView> views = views_of(plans, cal);
  auto it = std::find_if(views.begin(), views.end(), [&](const PlanView& v) { return v.plan.seq == seq; });
  if (it == views.end()) return Refusal{"not_found", "case " + case_id + " has no plan " + std::to_string(seq), ""};
  if (it->voided) return Refusal{"bad_transition", "plan " + std::to_string(seq) + " is already voided", ""};
  // The case's coercion_planned event stays: interchange v1 voids no
  // coercion_planned event (case_state.cc voidable); the plan says it is
  // void, and what reads plans skips the event (voided_plan_events).
  const std::string today = vn_date_of(now_unix).iso();
  const json rec{{"kind", "coercion_plan"}, {"case", case_id}, {"seq", static_cast<int64_t>(plans.size()) + 1},
                 {"type", "voided"}, {"date", today}, {"voids", seq}, {"reason", reason},
                 {"recorded_at", format_rfc3339_utc(now_unix)}, {"actor", user.login}};
  auto parsed = parse_coercion_plan(rec, now_unix, false);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const CoercionPlan& v = std::get<CoercionPlan>(parsed);
  tx.append("coercion_plan", case_id, v.seq, v.recorded_at, user.login, v.raw);
  tx.commit();
  it->voided = true;
  it->void_reason = reason;
  it->voided_by = user.login;
  return *it;
}

std::variant<std::vector<PlanView>, Refusal> coercion_plans(Store& store, const User& user, const std::string& case_id) {
  return coercion_plans(store, load_agency_tree(store), user, case_id);
}

std::variant<std::vector<PlanView>, Refusal> coercion_plans(Store& store, const AgencyTree& tree, const User& user,
                                                            const std::string& case_id) {
  const auto h = case_holder(store.db(), case_id);
  if (!h) return not_found(case_id);
  if (Verdict v = Access(tree).read_case(Actor::of(user), CaseScope{h->agency, h->officer}); v != Verdict::allow)
    return verdict_refusal(v, case_id);
  return views_of(stored_coercion_plans(store.db(), case_id), official_calendar_with(store.holidays()));
}

ModuleImport::Outcome PlanImport::on(ModuleRecord& m, Refusal& why) {
  using Outcome = ModuleImport::Outcome;
  CoercionPlan& p = std::any_cast<CoercionPlan&>(m.value);
  auto refuse = [&](std::string code, std::string message, std::string article = "") {
    why = Refusal{std::move(code), std::move(message), std::move(article)};
    return Outcome::refused;
  };
  if (!ctx_.case_known(p.case_id)) return refuse("unknown_case", "case " + p.case_id + " is not known");
  const std::vector<CoercionPlan> before = stored_coercion_plans(ctx_.tx.db(), p.case_id);
  if (p.seq <= static_cast<int64_t>(before.size())) {
    if (same_record(before[static_cast<size_t>(p.seq - 1)].raw, p.raw)) return Outcome::duplicate;
    return refuse("seq_conflict", "plan " + std::to_string(p.seq) + " of case " + p.case_id + " differs");
  }
  if (p.seq != static_cast<int64_t>(before.size()) + 1)
    return refuse("seq_gap", "case " + p.case_id + " has " + std::to_string(before.size()) + " plan records");
  if (p.type == "voided") {
    const std::vector<PlanView> views = views_of(before, ctx_.calendar);
    auto it = std::find_if(views.begin(), views.end(), [&](const PlanView& v) { return v.plan.seq == p.voids; });
    if (it == views.end() || it->voided)
      return refuse("bad_field", "field 'voids' names no standing plan of case " + p.case_id);
  } else {
    const CaseStream* cs = ctx_.case_stream(p.case_id);
    if (!cs) return refuse("unknown_case", "case " + p.case_id + " is not known");
    const std::vector<Event>& events = cs->events();
    const auto e = std::find_if(events.begin(), events.end(), [&](const Event& x) { return x.seq == p.event_seq; });
    const CoercionPlanned* planned = e == events.end() ? nullptr : e->if_is<CoercionPlanned>();
    if (!planned || !planned->mobilised_forces || planned->scheduled_date != p.scheduled)
      return refuse("bad_field", "field 'event_seq' names no coercion_planned event of the case with mobilised forces "
                                 "on the plan's date");
    for (const std::string* id : {&p.police_request, &p.commune_request, &p.procuracy_request}) {
      const auto raw = request_opening_raw(ctx_.tx.db(), *id);  // stored or earlier in the file
      const json opening = raw ? json::parse(*raw, nullptr, false) : json();
      if (!opening.is_object() || opening.value("case", "") != p.case_id)
        return refuse("bad_field", "field 'requests' names " + *id + ", not a request of the case");
    }
    const BanCheck bans = check_bans(p, ctx_.calendar, legal_settings().tet_window_days);
    if (!bans.stray_overrides.empty())
      return refuse("bad_field", "field 'overrides' names a ban the plan does not break: " + bans.stray_overrides.front());
    if (!bans.unmet.empty()) {
      why = ban_refusal(bans.unmet);
      return Outcome::refused;
    }
  }
  ctx_.tx.append("coercion_plan", p.case_id, p.seq, p.recorded_at, p.actor.empty() ? ctx_.options.actor : p.actor, p.raw);
  return Outcome::added_reference;
}

}  // namespace thads::coordination
