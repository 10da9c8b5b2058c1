#include "modules/oversight/app/record_act.h"

#include <cstdio>
#include <map>
#include <set>

#include "app/agency_directory.h"
#include "domain/interchange.h"
#include "modules/oversight/app/freeze_lookup.h"
#include "modules/oversight/app/oversight_access.h"

namespace thads::oversight {
namespace {

Refusal refusal_of(Verdict v) {
  return v == Verdict::not_found ? Refusal{"not_found", "no such stream in your agency's subtree", ""}
                                 : Refusal{"forbidden", "your role may not record this act here", ""};
}

// A new id for a stream of `kind` opened by `agency` in `year`, unused so far.
std::string new_id(Store& store, StreamKind kind, const std::string& agency, const std::string& year) {
  const std::string prefix = agency + "-" + std::string(id_prefix(kind)) + "-" + year + "-";
  int64_t n = streams_with_prefix(store.db(), prefix);
  for (;;) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(++n));
    const std::string id = prefix + buf;
    if (!kind_of(store.db(), id) && store.version_of(id) == 0) return id;
  }
}

// Decide, weigh, append and project one act, inside `tx`; `s` is the stored
// stream (empty for an opening). `user` was checked by the caller.
std::variant<ActRecorded, Refusal> write(Store& store, WriteTx& tx, const User& user, StreamKind kind,
                                         const std::string& id, Stream& s, const nlohmann::json& fields,
                                         const StreamScope& stored_scope, int64_t now_unix) {
  nlohmann::json rec = fields;
  rec["kind"] = std::string(to_string(kind));
  rec["id"] = id;
  rec["seq"] = s.version() + 1;
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  rec["actor"] = user.login;
  Parsed parsed = parse_oversight(to_string(kind), rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  Act a = std::get<Act>(std::move(parsed));

  // Authorisation: the opening's scope comes from the act itself.
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  StreamScope scope = stored_scope;
  if (!s.exists()) {
    scope = scope_of_opening(a, "", "");
    if (kind == StreamKind::request) scope.case_officer = case_officer(store.db(), a.text("case"));
  }
  // An opening addressed to an unknown agency is refused as unknown_agency
  // by decide() below, not hidden as not_found.
  if (s.exists() || tree.find(scope.agency))
    if (Verdict v = record_on_stream(access, Actor::of(user), scope, a.type); v != Verdict::allow)
      return refusal_of(v);

  Refs refs;
  refs.agency_known = [&](const std::string& c) { return tree.find(c).has_value(); };
  refs.case_known = [&](const std::string& c) { return store.version_of(c) > 0; };
  std::set<std::string> body_codes;
  for (const BodyRecord& b : bodies(store.db())) body_codes.insert(b.code);
  refs.body_known = [&](const std::string& c) { return body_codes.count(c) > 0; };
  Decision d = s.decide(a, refs);
  if (d.kind == Decision::duplicate) return Refusal{"version_conflict", "this act is already recorded", ""};
  if (d.kind == Decision::accept && kind == StreamKind::request && a.type == "sent") {
    // The freeze budget, looked up exactly as the import looks it up.
    if (auto r = freeze_budget_of_stored(store, a)) d = {Decision::refuse, *r};
  }
  if (d.kind == Decision::refuse) return d.refusal;
  tx.append(std::string(to_string(kind)), id, a.seq, a.recorded_at, a.actor, a.raw);
  s.append(std::move(a));
  project(tx.db(), s);
  return ActRecorded{id, kind, s.version(), summary_of(s)};
}

}  // namespace

std::string_view id_prefix(StreamKind k) {
  switch (k) {
    case StreamKind::admin_judgment: return "HC";
    case StreamKind::complaint: return "KN";
    case StreamKind::denunciation: return "TC";
    case StreamKind::procuracy: return "VKS";
    case StreamKind::request: return "YC";
  }
  return "";
}

std::variant<ActRecorded, Refusal> open_stream(Store& store, const User& user, StreamKind kind, std::string id,
                                               const nlohmann::json& fields, int64_t now_unix) {
  WriteTx tx(store);  // serialises writers; everything below is read inside it
  auto out = open_stream_in(store, tx, user, kind, std::move(id), fields, now_unix);
  if (std::holds_alternative<ActRecorded>(out)) tx.commit();
  return out;
}

std::variant<ActRecorded, Refusal> open_stream_in(Store& store, WriteTx& tx, const User& user, StreamKind kind,
                                                  std::string id, const nlohmann::json& fields, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the act must be a JSON object", ""};
  const std::string type = fields.value("type", std::string());
  if (!is_opening(kind, type))
    return Refusal{"bad_field", "a " + std::string(to_string(kind)) + " opens with its opening type", ""};
  if (id.empty()) {
    const auto agency = fields.find("agency");
    if (agency == fields.end() || !agency->is_string() || agency->get_ref<const std::string&>().empty())
      return Refusal{"bad_field", "missing field 'agency'", ""};
    id = new_id(store, kind, agency->get<std::string>(), vn_date_of(now_unix).iso().substr(0, 4));
  } else if (kind_of(store.db(), id) || store.version_of(id) > 0) {
    // An id names one stream: never a case, never another stream (oversight.md).
    return Refusal{"bad_field", "id " + id + " already names a case or a stream", ""};
  }
  Stream s;
  return write(store, tx, user, kind, id, s, fields, StreamScope{}, now_unix);
}

std::variant<ActRecorded, Refusal> record_act(Store& store, const User& user, std::optional<StreamKind> kind,
                                              const std::string& id, const nlohmann::json& fields,
                                              std::optional<int64_t> expected_seq, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the act must be a JSON object", ""};
  WriteTx tx(store);
  const auto stored = kind_of(store.db(), id);
  if (!stored || (kind && *kind != *stored)) return Refusal{"not_found", "no such stream: " + id, ""};
  Stream s(load_acts(store.db(), *stored, id));
  const Act& opening = s.acts().front();
  StreamScope scope = scope_of_opening(opening, summary_of(s).officer, "");
  if (*stored == StreamKind::request) scope.case_officer = case_officer(store.db(), opening.text("case"));
  // Reading first: a stream the user may not see stays hidden whatever is sent.
  {
    const AgencyTree tree = load_agency_tree(store);
    const Access access(tree);
    if (Verdict v = read_stream(access, Actor::of(user), scope); v != Verdict::allow) return refusal_of(v);
  }
  if (expected_seq && *expected_seq != s.version())
    return Refusal{"version_conflict",
                   id + " is at version " + std::to_string(s.version()) + ", not " + std::to_string(*expected_seq), ""};
  auto out = write(store, tx, user, *stored, id, s, fields, scope, now_unix);
  if (std::holds_alternative<ActRecorded>(out)) tx.commit();
  return out;
}

}  // namespace thads::oversight
