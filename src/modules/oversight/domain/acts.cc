#include "modules/oversight/domain/acts.h"

#include <algorithm>
#include <initializer_list>

#include "domain/interchange.h"
#include "domain/recorded_date.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;
using Names = std::initializer_list<std::string_view>;

struct Bad {
  std::string message;
};

bool among(std::string_view v, Names names) { return std::find(names.begin(), names.end(), v) != names.end(); }

// Field readers: each throws Bad naming the field.
const json& need(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) throw Bad{std::string("missing field '") + key + "'"};
  return *it;
}
void text(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    throw Bad{std::string("field '") + key + "' must be a non-empty string"};
}
void opt_text(const json& o, const char* key) {
  auto it = o.find(key);
  if (it != o.end() && !it->is_null() && !it->is_string())
    throw Bad{std::string("field '") + key + "' must be a string"};
}
void one_of(const json& o, const char* key, Names names) {
  text(o, key);
  const std::string& v = o[key].get_ref<const std::string&>();
  if (!among(v, names)) throw Bad{std::string("field '") + key + "' has an unknown value '" + v + "'"};
}
void day(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_string() || !Date::parse(v.get_ref<const std::string&>()))
    throw Bad{std::string("field '") + key + "' must be a date YYYY-MM-DD"};
}
void opt_day(const json& o, const char* key) {
  if (o.contains(key) && !o[key].is_null()) day(o, key);
}
void boolean(const json& o, const char* key) {
  if (!need(o, key).is_boolean()) throw Bad{std::string("field '") + key + "' must be true or false"};
}
void opt_boolean(const json& o, const char* key) {
  if (o.contains(key) && !o[key].is_null()) boolean(o, key);
}
// Amounts as in interchange.md: whole đồng, positive, at most 10^15.
void amount(const json& o, const char* key) {
  const json& v = need(o, key);
  constexpr int64_t kMax = 1'000'000'000'000'000;
  if (!v.is_number_integer()) throw Bad{std::string("field '") + key + "' must be a whole number of đồng"};
  if (v.is_number_unsigned() ? v.get<uint64_t>() > static_cast<uint64_t>(kMax)
                             : (v.get<int64_t>() <= 0 || v.get<int64_t>() > kMax))
    throw Bad{std::string("field '") + key + "' must be a positive integer of at most 10^15 đồng"};
}
void opt_amount(const json& o, const char* key) {
  if (o.contains(key) && !o[key].is_null()) amount(o, key);
}
template <class F>
void object(const json& o, const char* key, F&& fields) {
  const json& v = need(o, key);
  if (!v.is_object()) throw Bad{std::string("field '") + key + "' must be an object"};
  fields(v);
}
template <class F>
void opt_object(const json& o, const char* key, F&& fields) {
  if (o.contains(key) && !o[key].is_null()) object(o, key, fields);
}
void named(const json& o, const char* key) { object(o, key, [](const json& v) { text(v, "name"); }); }

void voided(const json& o) {
  const json& v = need(o, "voids");
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) throw Bad{"field 'voids' must be a positive integer"};
  text(o, "reason");
}

// --- payloads, one function per kind (oversight.md tables) ------------------

void admin_judgment(const std::string& t, const json& o) {
  if (t == "received") {
    text(o, "agency");
    object(o, "judgment", [](const json& j) {
      text(j, "number"), text(j, "court"), day(j, "date"), day(j, "effective_date");
    });
    one_of(o, "ruling", {"annul_decision", "unlawful_act", "failure_to_act", "dismissal_annulled", "competition",
                         "voter_list", "interim_measure", "other"});
    object(o, "debtor", [](const json& d) {
      text(d, "name"), opt_text(d, "address");
      one_of(d, "level", {"central", "province", "district", "commune", "other"});
    });
    opt_object(o, "superior", [](const json& s) { text(s, "name"); });
    named(o, "creditor");
    text(o, "obligation");
    opt_day(o, "debtor_received_date");
  } else if (t == "officer_assigned") {
    text(o, "officer");
  } else if (t == "debtor_reported") {
    one_of(o, "result", {"complied", "partly_complied", "not_complied"});
  } else if (t == "delay_reason") {
    one_of(o, "reason", {"objective_obstacle", "awaiting_funds", "awaiting_superior", "disagrees",
                         "unclear_judgment", "other"});
    opt_text(o, "note");
  } else if (t == "compel_order") {
    text(o, "number"), text(o, "court"), day(o, "order_date");
  } else if (t == "published") {
    const json& p = need(o, "portals");
    if (!p.is_array() || p.empty()) throw Bad{"field 'portals' must be a non-empty list"};
    for (const json& x : p)
      if (!x.is_string() || !among(x.get_ref<const std::string&>(), {"province", "national", "government"}))
        throw Bad{"field 'portals' lists only province, national and government"};
  } else if (t == "discipline_recommended") {
    opt_text(o, "to");
  } else if (t == "closed") {
    one_of(o, "ground", {"judgment_set_aside", "transferred", "other"});
  }
}

void complaint(const std::string& t, const json& o) {
  if (t == "lodged") {
    text(o, "agency"), opt_text(o, "case"), named(o, "complainant");
    one_of(o, "against", {"officer", "head"});
    one_of(o, "act", {"before_measures", "account_freeze", "other_protective", "coercion", "after_coercion"});
    day(o, "act_known_date");
    const json& l = need(o, "level");
    if (!l.is_number_integer() || (l.get<int64_t>() != 1 && l.get<int64_t>() != 2))
      throw Bad{"field 'level' must be 1 or 2"};
    opt_boolean(o, "remote");
    // Extensions (docs/formats/accountability.md): how it came in, and the
    // first-level complaint a second one follows (level 2 only).
    if (o.contains("channel") && !o["channel"].is_null()) one_of(o, "channel", {"desk", "post", "forwarded"});
    opt_text(o, "first");
    if (o.contains("first") && !o["first"].is_null() && l.get<int64_t>() != 2)
      throw Bad{"field 'first' names the first-level complaint of a level-2 complaint only"};
  } else if (t == "rejected") {
    one_of(o, "reason", {"no_interest", "incapacity", "no_representation", "time_expired", "already_final", "other"});
  } else if (t == "resolved") {
    one_of(o, "outcome", {"upheld", "partly_upheld", "dismissed"});
  } else if (t == "decision_sent") {
    // Extensions (docs/formats/accountability.md): to whom and how the
    // decision went (TT 13/2021/TT-BTP Art. 14); absent, the act means what
    // oversight.md says: sent to the parties, the superior and the procuracy.
    if (o.contains("sent_to") && !o["sent_to"].is_null()) {
      const json& p = o["sent_to"];
      if (!p.is_array() || p.empty()) throw Bad{"field 'sent_to' must be a non-empty list"};
      for (const json& x : p)
        if (!x.is_string() || !among(x.get_ref<const std::string&>(), {"parties", "superior", "procuracy"}))
          throw Bad{"field 'sent_to' lists only parties, superior and procuracy"};
    }
    if (o.contains("how") && !o["how"].is_null()) one_of(o, "how", {"hand", "post", "electronic"});
  }
}

void denunciation(const std::string& t, const json& o) {
  if (t == "lodged") {
    text(o, "agency"), opt_text(o, "case"), named(o, "denouncer");
    one_of(o, "against", {"officer", "head"});
    opt_boolean(o, "needs_checks");
  } else if (t == "rejected") {
    text(o, "reason");
  } else if (t == "transferred") {
    text(o, "to");
  } else if (t == "concluded") {
    one_of(o, "outcome", {"founded", "partly_founded", "unfounded"});
  }
}

void procuracy(const std::string& t, const json& o) {
  if (t == "protest" || t == "recommendation" || t == "requirement") {
    text(o, "agency"), opt_text(o, "case"), text(o, "procuracy"), text(o, "number");
    if (t == "protest") one_of(o, "level", {"same", "superior"}), day(o, "act_known_date");
    if (t == "requirement")
      one_of(o, "demand", {"self_inspect", "issue_decision", "enforce", "provide_documents"});
  } else if (t == "replied" || t == "superior_answered") {
    boolean(o, "accepted");
  }
}

void request(const std::string& t, const json& o) {
  if (t == "sent") {
    text(o, "agency"), text(o, "case"), text(o, "body");
    one_of(o, "purpose", {"verify_assets", "freeze_account", "stop_transfer", "protection", "other"});
    object(o, "subject", [](const json& s) { text(s, "name"), opt_text(s, "id_number"); });
    opt_amount(o, "amount");
    // A freeze or a stop names its subject by ID number (tax code for an
    // organisation), so a namesake's assets are never touched (oversight.md
    // "request"; L.THADS Art. 67, 69).
    const std::string purpose = o["purpose"].get<std::string>();
    if (purpose == "freeze_account" || purpose == "stop_transfer") {
      const json& s = o["subject"];
      if (!s.contains("id_number") || !s["id_number"].is_string() || s["id_number"].get_ref<const std::string&>().empty())
        throw Bad{"a " + purpose + " request must name its subject by 'id_number'"};
    }
    if (purpose == "freeze_account") amount(o, "amount");
  } else if (t == "answered") {
    one_of(o, "result", {"found", "not_found", "done", "refused"});
    opt_text(o, "note");
  }
}

void payload(StreamKind k, const std::string& t, const json& o) {
  if (t == "voided") return voided(o);
  switch (k) {
    case StreamKind::admin_judgment: return admin_judgment(t, o);
    case StreamKind::complaint: return complaint(t, o);
    case StreamKind::denunciation: return denunciation(t, o);
    case StreamKind::procuracy: return procuracy(t, o);
    case StreamKind::request: return request(t, o);
  }
}

Parsed parse_body(const json& o) {
  try {
    text(o, "code"), text(o, "name");
    one_of(o, "type", {"land_registry", "bank", "police", "court", "procuracy", "tax", "social_insurance",
                       "people_committee", "other"});
    opt_text(o, "agency");
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
  BodyRecord b;
  b.code = o["code"].get<std::string>();
  b.name = o["name"].get<std::string>();
  b.type = o["type"].get<std::string>();
  if (o.contains("agency") && o["agency"].is_string()) b.agency = o["agency"].get<std::string>();
  b.raw = o.dump();
  return b;
}

struct Vocabulary {
  Names types, openings, endings;
};

const Vocabulary& vocabulary(StreamKind k) {
  static const Vocabulary admin{{"received", "officer_assigned", "notice_sent", "debtor_reported", "delay_reason",
                                 "compel_order", "debtor_met", "published", "unpublished", "superior_instructed",
                                 "discipline_recommended", "interpretation_requested", "interpretation_received",
                                 "escalated", "complied", "closed", "voided"},
                                {"received"},
                                {"complied", "closed"}};
  static const Vocabulary complaint{{"lodged", "admitted", "rejected", "extended", "resolved", "decision_sent",
                                     "decision_published", "withdrawn", "voided"},
                                    {"lodged"},
                                    {"rejected", "resolved", "withdrawn"}};
  static const Vocabulary denunciation{{"lodged", "admitted", "rejected", "transferred", "extended", "concluded",
                                        "conclusion_sent", "conclusion_published", "withdrawn", "voided"},
                                       {"lodged"},
                                       {"rejected", "transferred", "concluded", "withdrawn"}};
  static const Vocabulary procuracy{{"protest", "recommendation", "requirement", "replied", "remedied",
                                     "reported_to_superior", "superior_answered", "closed", "voided"},
                                    {"protest", "recommendation", "requirement"},
                                    {"remedied", "closed"}};
  static const Vocabulary request{{"sent", "answered", "reminded", "lifted", "closed", "voided"},
                                  {"sent"},
                                  {"lifted", "closed"}};
  switch (k) {
    case StreamKind::admin_judgment: return admin;
    case StreamKind::complaint: return complaint;
    case StreamKind::denunciation: return denunciation;
    case StreamKind::procuracy: return procuracy;
    case StreamKind::request: return request;
  }
  return admin;
}

const json* find_in(const json& p, const char* object, const char* key) {
  auto o = p.find(object);
  if (o == p.end() || !o->is_object()) return nullptr;
  auto v = o->find(key);
  return v == o->end() ? nullptr : &*v;
}

}  // namespace

std::string_view to_string(StreamKind k) {
  switch (k) {
    case StreamKind::admin_judgment: return "admin_judgment";
    case StreamKind::complaint: return "complaint";
    case StreamKind::denunciation: return "denunciation";
    case StreamKind::procuracy: return "procuracy";
    case StreamKind::request: return "request";
  }
  return "";
}

std::optional<StreamKind> stream_kind_from(std::string_view s) {
  for (StreamKind k : kStreamKinds)
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::string_view label_vi(StreamKind k) {
  switch (k) {
    case StreamKind::admin_judgment: return "Theo dõi thi hành án hành chính";
    case StreamKind::complaint: return "Khiếu nại";
    case StreamKind::denunciation: return "Tố cáo";
    case StreamKind::procuracy: return "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát";
    case StreamKind::request: return "Yêu cầu cơ quan, tổ chức";
  }
  return "";
}

bool is_known_type(StreamKind k, std::string_view t) { return among(t, vocabulary(k).types); }
bool is_opening(StreamKind k, std::string_view t) { return among(t, vocabulary(k).openings); }
bool is_ending(StreamKind k, std::string_view t) { return among(t, vocabulary(k).endings); }
bool enforced_immediately(std::string_view ruling) { return ruling == "voter_list" || ruling == "interim_measure"; }

std::string Act::text(const char* key) const {
  auto v = p.find(key);
  return v != p.end() && v->is_string() ? v->get<std::string>() : std::string();
}
std::string Act::text(const char* object, const char* key) const {
  const json* v = find_in(p, object, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}
std::optional<Date> Act::date_of(const char* key) const {
  auto v = p.find(key);
  return v != p.end() && v->is_string() ? Date::parse(v->get_ref<const std::string&>()) : std::nullopt;
}
std::optional<Date> Act::date_of(const char* object, const char* key) const {
  const json* v = find_in(p, object, key);
  return v && v->is_string() ? Date::parse(v->get_ref<const std::string&>()) : std::nullopt;
}
int64_t Act::integer(const char* key) const {
  auto v = p.find(key);
  return v != p.end() && v->is_number_integer() ? v->get<int64_t>() : 0;
}
bool Act::flag(const char* key) const {
  auto v = p.find(key);
  return v != p.end() && v->is_boolean() && v->get<bool>();
}

Parsed parse_oversight(std::string_view kind_name, const json& o, int64_t now_unix, bool check_recorded) {
  return parse_oversight(kind_name, json(o), now_unix, check_recorded);
}

Parsed parse_oversight(std::string_view kind_name, json&& owned, int64_t now_unix, bool check_recorded) {
  const json& o = owned;  // read through const: operator[] must never insert
  if (kind_name == "body") return parse_body(o);
  auto kind = stream_kind_from(kind_name);
  if (!kind) return Refusal{"unknown_kind", "unknown record kind '" + std::string(kind_name) + "'", ""};
  Act a;
  a.kind = *kind;
  try {  // the envelope: bad_field before unknown_type (interchange.md "Refusals")
    text(o, "id");
    a.id = o["id"].get<std::string>();
    const json& seq = need(o, "seq");
    if (!seq.is_number_integer() || seq.get<int64_t>() <= 0) throw Bad{"field 'seq' must be a positive integer"};
    a.seq = seq.get<int64_t>();
    if (!need(o, "type").is_string()) throw Bad{"field 'type' must be a string"};
    day(o, "date");
    a.date = *Date::parse(o["date"].get_ref<const std::string&>());
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
  a.type = o["type"].get<std::string>();
  if (!is_known_type(a.kind, a.type))
    return Refusal{"unknown_type", "a " + std::string(kind_name) + " has no act of type '" + a.type + "'", ""};
  try {
    a.recorded_at = now_unix;
    if (auto it = o.find("recorded_at"); it != o.end() && !it->is_null()) {
      if (!it->is_string()) throw Bad{"field 'recorded_at' must be an RFC 3339 time"};
      auto r = parse_rfc3339(it->get_ref<const std::string&>());
      if (!r) throw Bad{"field 'recorded_at' is not an RFC 3339 time"};
      a.recorded_at = *r;
    }
    opt_text(o, "actor");
    if (o.contains("actor") && o["actor"].is_string()) a.actor = o["actor"].get<std::string>();
    payload(a.kind, a.type, o);
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
  // An act is recorded on or after its date (interchange.md, "event").
  if (check_recorded)
    if (auto problem = recorded_before_date(a.date, a.recorded_at)) return Refusal{"bad_field", *problem, ""};
  // Read back from the journal (check_recorded false), the act's text is the
  // stored one, already canonical: the caller keeps it (read_act, rebuild).
  if (check_recorded) a.raw = o.dump();
  a.p = std::move(owned);
  return a;
}

}  // namespace thads::oversight
