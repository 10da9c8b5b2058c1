#include "modules/accountability/app/acc_use_cases.h"

#include <cstdio>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/interchange.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/app/acc_import.h"
#include "modules/accountability/domain/deliveries.h"
#include "modules/accountability/store/accountability_store.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::accountability {
namespace {

Refusal refusal_of(Verdict v) {
  return v == Verdict::not_found ? Refusal{"not_found", "no such record in your agency's subtree", ""}
                                 : Refusal{"forbidden", "your role may not do this here", ""};
}

Scope scope_of(const Rec& opening) { return {opening.kind, opening.text("agency"), opening.text("by")}; }

std::string new_id(Store& store, Kind kind, const std::string& agency, const std::string& year) {
  const std::string prefix = agency + (kind == Kind::inspection ? "-KT-" : "-VP-") + year + "-";
  int64_t n = with_prefix(store.db(), prefix);
  for (;;) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(++n));
    const std::string id = prefix + buf;
    if (!kind_of(store.db(), id) && store.version_of(id) == 0 && !oversight::kind_of(store.db(), id)) return id;
  }
}

std::variant<Recorded, Refusal> write(Store& store, WriteTx& tx, const User& user, Kind kind, const std::string& id,
                                      AccStream& s, const nlohmann::json& fields, int64_t now_unix) {
  nlohmann::json rec = fields;
  rec["kind"] = std::string(to_string(kind));
  rec["id"] = id;
  rec["seq"] = s.version() + 1;
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  rec["actor"] = user.login;
  Parsed parsed = parse_accountability(to_string(kind), rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  Rec r = std::get<Rec>(std::move(parsed));
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Scope scope = scope_of(s.exists() ? s.recs().front() : r);
  // An opening for an unknown agency is unknown_agency (decide), not hidden.
  if (s.exists() || tree.find(scope.agency))
    if (Verdict v = write_record(access, Actor::of(user), scope); v != Verdict::allow) return refusal_of(v);
  Refs refs;
  refs.agency_known = [&](const std::string& c) { return tree.find(c).has_value(); };
  refs.at_or_above = [&](const std::string& a, const std::string& up) {
    auto i = tree.find(a), j = tree.find(up);
    return i && j && tree.within(*i, *j);
  };
  refs.case_known = [&](const std::string& c) { return store.version_of(c) > 0; };
  refs.officer_known = [&](const std::string& o) { return officer_known(store.db(), o); };
  Decision d = s.decide(r, refs);
  if (d.kind == Decision::duplicate) return Refusal{"version_conflict", "this act is already recorded", ""};
  if (d.kind == Decision::refuse) return d.refusal;
  tx.append(std::string(to_string(kind)), id, r.seq, r.recorded_at, r.actor, r.raw);
  s.append(std::move(r));
  project(tx.db(), s);
  Recorded out{id, kind, s.version()};
  tx.commit();
  return out;
}

}  // namespace

std::variant<Recorded, Refusal> open_record(Store& store, const User& user, Kind kind, std::string id,
                                            const nlohmann::json& fields, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the act must be a JSON object", ""};
  if (!is_opening(kind, fields.value("type", std::string())))
    return Refusal{"bad_field", "a " + std::string(to_string(kind)) + " opens with its opening type", ""};
  WriteTx tx(store);
  if (id.empty()) {
    auto agency = fields.find("agency");
    if (agency == fields.end() || !agency->is_string() || agency->get_ref<const std::string&>().empty())
      return Refusal{"bad_field", "missing field 'agency'", ""};
    id = new_id(store, kind, agency->get<std::string>(), vn_date_of(now_unix).iso().substr(0, 4));
  } else if (kind_of(store.db(), id) || store.version_of(id) > 0 || oversight::kind_of(store.db(), id)) {
    return Refusal{"bad_field", "id " + id + " already names a case or a stream", ""};
  }
  AccStream s;
  return write(store, tx, user, kind, id, s, fields, now_unix);
}

std::variant<Recorded, Refusal> record_act(Store& store, const User& user, const std::string& id,
                                           const nlohmann::json& fields, std::optional<int64_t> expected_seq,
                                           int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the act must be a JSON object", ""};
  WriteTx tx(store);
  const auto kind = kind_of(store.db(), id);
  if (!kind) return Refusal{"not_found", "no such record: " + id, ""};
  AccStream s(load_recs(store.db(), *kind, id));
  {
    const AgencyTree tree = load_agency_tree(store);
    const Access access(tree);
    if (Verdict v = accountability::read_record(access, Actor::of(user), scope_of(s.recs().front())); v != Verdict::allow)
      return refusal_of(v);
  }
  if (expected_seq && *expected_seq != s.version())
    return Refusal{"version_conflict", id + " is at version " + std::to_string(s.version()), ""};
  return write(store, tx, user, *kind, id, s, fields, now_unix);
}

std::variant<Recorded, Refusal> record_delivery_act(Store& store, const User& user, const std::string& case_id,
                                                    const nlohmann::json& fields, int64_t now_unix) {
  WriteTx tx(store);
  const std::vector<Event> events = store.load_stream(case_id);
  if (events.empty()) return Refusal{"not_found", "no such case: " + case_id, ""};
  {
    const AgencyTree tree = load_agency_tree(store);
    const Access access(tree);
    if (Verdict v = record_delivery(access, Actor::of(user), case_agency(store.db(), case_id)); v != Verdict::allow)
      return refusal_of(v);
  }
  if (!fields.is_object()) return Refusal{"bad_field", "a delivery must be a JSON object", ""};
  nlohmann::json rec = fields;
  rec["kind"] = "delivery";
  rec["case"] = case_id;
  rec["seq"] = 1;  // parsed first with a placeholder: the decision is read from the parsed record
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  rec["actor"] = user.login;
  if (rec.contains("how") && rec["how"].is_string() && rec["how"].get_ref<const std::string&>().empty()) rec.erase("how");
  Parsed parsed = parse_accountability("delivery", rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const int64_t decision = std::get<Delivery>(parsed).decision;
  const std::vector<Delivery> stored = delivery_records(store.db(), case_id, decision);
  rec["seq"] = static_cast<int64_t>(stored.size()) + 1;
  parsed = parse_accountability("delivery", rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const Delivery d = std::get<Delivery>(parsed);
  if (auto r = check_delivery(d, true, event_numbered(events, d.decision))) return *r;
  const DeliveryDecision decided = decide_delivery(stored, d);
  if (auto* r = std::get_if<Refusal>(&decided)) return *r;
  tx.append("delivery", delivery_stream(case_id, decision), d.seq, now_unix, user.login, d.raw);
  put_delivery(tx.db(), d);
  tx.commit();
  return Recorded{delivery_stream(case_id, decision), Kind::inspection, d.seq};
}

std::variant<std::vector<DeliveryRow>, Refusal> read_deliveries(Store& store, const User& user,
                                                                 const std::string& case_id) {
  const std::string agency = case_agency(store.db(), case_id);
  if (agency.empty()) return Refusal{"not_found", "no such case: " + case_id, ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  if (Verdict v = accountability::read_deliveries(access, Actor::of(user), agency); v != Verdict::allow)
    return refusal_of(v);
  std::vector<DeliveryRow> out;
  for (const Delivery& d : deliveries_of_case(store.db(), case_id)) out.push_back({d.decision, d.date, d.how, d.seq});
  return out;
}

std::variant<View, Refusal> read_record(Store& store, const User& user, const std::string& id, Date today) {
  const auto kind = kind_of(store.db(), id);
  if (!kind) return Refusal{"not_found", "no such record: " + id, ""};
  View v;
  v.kind = *kind;
  v.stream = AccStream(load_recs(store.db(), *kind, id));
  v.row = summary_of(v.stream);
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  if (Verdict verdict = accountability::read_record(access, Actor::of(user), scope_of(v.stream.recs().front()));
      verdict != Verdict::allow)
    return refusal_of(verdict);
  v.deadlines = remedy_deadlines(v.stream, today);
  return v;
}

std::variant<ListResult, Refusal> list_records(Store& store, const User& user, const std::string& kind,
                                               const std::string& state, const std::string& agency, int64_t limit,
                                               int64_t offset) {
  const auto k = kind_from(kind.empty() ? "inspection" : kind);
  if (!k) return Refusal{"bad_field", "kind is inspection or violation", ""};
  if (!reads_kind(user.role, *k)) return Refusal{"forbidden", "your role may not read " + kind, ""};
  if (!state.empty() && state != "open" && state != "ended" && state != "withdrawn")
    return Refusal{"bad_field", "state is open, ended or withdrawn", ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  Filter f;
  f.kind = std::string(to_string(*k));
  f.state = state;
  f.agencies = access.subtree_codes(Actor::of(user), agency);
  if (f.agencies.empty()) return Refusal{"not_found", "agency " + agency + " is not in your subtree", ""};
  f.limit = limit;
  f.offset = offset;
  return ListResult{list(store.db(), f), count(store.db(), f)};
}

std::vector<QueueItem> queue_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  std::vector<QueueItem> out;
  if (!q.officer.empty()) return out;
  Filter f;
  f.kind = "inspection";
  f.agencies = scope;
  f.limit = 100000;
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  for (const Summary& s : list(store.db(), f)) {
    if (s.remedies == s.remedies_done) continue;
    const AccStream stream(load_recs(store.db(), Kind::inspection, s.id));
    for (const Deadline& d : remedy_deadlines(stream, q.today)) {
      if (d.met_on || horizon < d.due) continue;
      QueueItem it;
      it.kind = "inspection";
      it.case_id = s.id;
      it.page = "/accountability/";
      it.action = d.action;
      it.label_vi = d.label_vi;
      it.article = d.article;
      it.agency = s.agency;
      it.debtor_name = "Kiểm tra " + s.agency;
      it.due = d.due;
      it.days_late = d.due < q.today ? q.today - d.due : 0;
      it.bucket = d.due < q.today ? "overdue" : d.due == q.today ? "due_today" : "upcoming";
      out.push_back(std::move(it));
    }
  }
  return out;
}

}  // namespace thads::accountability
