#include "domain/interchange.h"
#include "domain/recorded_date.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <vector>
#include <nlohmann/json.hpp>

#include "domain/json_limits.h"

namespace thads {
namespace {

using json = nlohmann::json;

// Amounts above this are refused as bad_field: no judgment is worth a
// million billion đồng, and the limit keeps every sum inside int64.
constexpr int64_t kMaxAmount = 1'000'000'000'000'000;

struct Bad {
  std::string message;
};

Refusal bad_field(const std::string& msg) { return {"bad_field", msg, ""}; }

template <size_t N>
bool one_of(const std::string& v, const std::array<std::string_view, N>& allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

constexpr std::array<std::string_view, 9> kJudgmentKinds{
    "civil", "criminal", "administrative", "marriage_family", "business",
    "labour", "bankruptcy", "arbitration", "other"};
constexpr std::array<std::string_view, 11> kCategories{
    "maintenance", "wages", "injury_compensation", "court_fee", "fine", "confiscation",
    "state_revenue", "property_return", "other_money", "deliver_asset", "perform_act"};
constexpr std::array<std::string_view, 7> kAmountRequired{
    "maintenance", "wages", "injury_compensation", "court_fee", "fine", "state_revenue",
    "other_money"};
constexpr std::array<std::string_view, 2> kAmountAbsent{"deliver_asset", "perform_act"};
constexpr std::array<std::string_view, 2> kFlags{"credit_institution", "corruption_economic"};
constexpr std::array<std::string_view, 3> kUnableReasons{"no_income_or_assets", "item_gone",
                                                         "address_unknown"};
// Art. 48(1)(a)–(h) and 48(2) of the 2008 law as amended.
constexpr std::array<std::string_view, 9> kPostponeGrounds{
    "48.1.a", "48.1.b", "48.1.c", "48.1.d", "48.1.đ", "48.1.e", "48.1.g", "48.1.h", "48.2"};
// Art. 50(1)(a)–(h).
constexpr std::array<std::string_view, 8> kTerminateGrounds{
    "50.1.a", "50.1.b", "50.1.c", "50.1.d", "50.1.đ", "50.1.e", "50.1.g", "50.1.h"};

// Field readers: each throws Bad with a message naming the field.
const json& need(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) throw Bad{std::string("missing field '") + key + "'"};
  return *it;
}

std::string str(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    throw Bad{std::string("field '") + key + "' must be a non-empty string"};
  return v.get<std::string>();
}

std::string opt_str(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (!it->is_string()) throw Bad{std::string("field '") + key + "' must be a string"};
  return it->get<std::string>();
}

template <size_t N>
std::string enum_str(const json& o, const char* key, const std::array<std::string_view, N>& allowed) {
  std::string v = str(o, key);
  if (!one_of(v, allowed)) throw Bad{std::string("field '") + key + "' has an unknown value '" + v + "'"};
  return v;
}

Date date_of(const json& v, const char* key) {
  if (!v.is_string()) throw Bad{std::string("field '") + key + "' must be a date YYYY-MM-DD"};
  auto d = Date::parse(v.get_ref<const std::string&>());
  if (!d) throw Bad{std::string("field '") + key + "' is not a valid date: '" + v.get<std::string>() + "'"};
  return *d;
}

Date date(const json& o, const char* key) { return date_of(need(o, key), key); }

std::optional<Date> opt_date(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  return date_of(*it, key);
}

Money amount_of(const json& v, const char* key) {
  if (!v.is_number_integer()) throw Bad{std::string("field '") + key + "' must be a whole number of đồng"};
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(kMaxAmount))
    throw Bad{std::string("field '") + key + "' is too large"};
  const int64_t a = v.get<int64_t>();
  if (a <= 0) throw Bad{std::string("field '") + key + "' must be a positive integer"};
  if (a > kMaxAmount) throw Bad{std::string("field '") + key + "' is too large"};
  return a;
}

// A reference to an earlier event of the same case.
int64_t seq_of(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) throw Bad{std::string("field '") + key + "' must be a positive seq"};
  return v.get<int64_t>();
}

bool opt_bool(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw Bad{std::string("field '") + key + "' must be true or false"};
  return it->get<bool>();
}

const json& object(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_object()) throw Bad{std::string("field '") + key + "' must be an object"};
  return v;
}

Party party(const json& o, const char* key, bool creditor) {
  const json& p = object(o, key);
  Party r;
  r.name = str(p, "name");
  r.kind = creditor ? enum_str(p, "kind", std::array<std::string_view, 3>{"person", "organization", "state"})
                    : enum_str(p, "kind", std::array<std::string_view, 2>{"person", "organization"});
  r.id_number = opt_str(p, "id_number");
  r.address = opt_str(p, "address");
  return r;
}

std::shared_ptr<CaseOpened> case_opened(const json& o) {
  auto c = std::make_shared<CaseOpened>();
  c->agency = str(o, "agency");
  const std::string mode = enum_str(o, "mode", std::array<std::string_view, 2>{"proactive", "on_request"});
  c->mode = mode == "proactive" ? Mode::proactive : Mode::on_request;
  c->judgment_kind = enum_str(o, "judgment_kind", kJudgmentKinds);
  const json& j = object(o, "judgment");
  c->judgment.number = str(j, "number");
  c->judgment.court = str(j, "court");
  c->judgment.date = date(j, "date");
  c->judgment.effective_date = date(j, "effective_date");
  c->judgment.received_date = opt_date(j, "received_date");
  c->debtor = party(o, "debtor", false);
  c->creditor = party(o, "creditor", true);
  const json& obs = need(o, "obligations");
  if (!obs.is_array() || obs.empty()) throw Bad{"field 'obligations' must be a non-empty array"};
  for (const json& ob : obs) {
    if (!ob.is_object()) throw Bad{"each obligation must be an object"};
    Obligation x;
    x.category = enum_str(ob, "category", kCategories);
    auto it = ob.find("amount");
    const bool has = it != ob.end() && !it->is_null();
    if (one_of(x.category, kAmountRequired) && !has)
      throw Bad{"obligation '" + x.category + "' needs an amount"};
    if (one_of(x.category, kAmountAbsent) && has)
      throw Bad{"obligation '" + x.category + "' takes no amount"};
    if (has) x.amount = amount_of(*it, "amount");
    c->obligations.push_back(std::move(x));
  }
  if (c->opened_amount() > kMaxAmount) throw Bad{"the obligations' total is too large"};
  if (auto it = o.find("flags"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) throw Bad{"field 'flags' must be an array"};
    for (const json& f : *it) {
      if (!f.is_string() || !one_of(f.get<std::string>(), kFlags))
        throw Bad{"field 'flags' has an unknown flag"};
      c->flags.push_back(f.get<std::string>());
    }
  }
  c->request_date = opt_date(o, "request_date");
  if (c->mode == Mode::on_request && !c->request_date)
    throw Bad{"an on_request case needs 'request_date'"};
  if (c->mode == Mode::proactive && c->request_date)
    throw Bad{"'request_date' is only for on_request cases"};
  if (auto it = o.find("entrusted_from"); it != o.end() && !it->is_null()) {
    if (!it->is_object()) throw Bad{"field 'entrusted_from' must be an object"};
    c->entrusted_from_agency = str(*it, "agency");
    c->entrusted_from_case = opt_str(*it, "case");
  }
  return c;
}

void payload(const json& o, Event& e) {
  switch (e.type) {
    case EventType::case_opened: e.set(case_opened(o)); break;
    case EventType::officer_assigned: e.set(OfficerAssigned{str(o, "officer")}); break;
    case EventType::notified: e.set(Notified{}); break;
    case EventType::resumed: e.set(Resumed{}); break;
    case EventType::completed: e.set(Completed{}); break;
    case EventType::request_sent_back: e.set(RequestSentBack{}); break;
    case EventType::moved_to_separate_register: e.set(MovedToSeparateRegister{}); break;
    case EventType::verified: {
      Verified v;
      v.result = enum_str(o, "result", std::array<std::string_view, 2>{"able", "unable"});
      v.reason = opt_str(o, "reason");
      e.set(std::move(v));
      break;
    }
    case EventType::unable_decided: {
      UnableDecided u;
      u.reason = enum_str(o, "reason", kUnableReasons);
      u.prisoner = opt_bool(o, "prisoner");
      u.grounds_date = opt_date(o, "grounds_date");
      e.set(std::move(u));
      break;
    }
    case EventType::postponed:
      e.set(Postponed{enum_str(o, "ground", kPostponeGrounds), opt_date(o, "grounds_date")});
      break;
    case EventType::suspended:
      e.set(Suspended{enum_str(o, "ground", std::array<std::string_view, 2>{"protest", "bankruptcy"}),
                      opt_date(o, "grounds_date")});
      break;
    case EventType::collected: {
      Collected c;
      c.amount = amount_of(need(o, "amount"), "amount");
      c.method = enum_str(o, "method", std::array<std::string_view, 3>{"voluntary", "coerced", "settled"});
      e.set(std::move(c));
      break;
    }
    case EventType::paid_out: {
      PaidOut p;
      p.amount = amount_of(need(o, "amount"), "amount");
      p.to = str(o, "to");
      e.set(std::move(p));
      break;
    }
    case EventType::reduced: e.set(Reduced{amount_of(need(o, "amount"), "amount")}); break;
    case EventType::terminated:
      e.set(Terminated{enum_str(o, "ground", kTerminateGrounds), opt_date(o, "grounds_date")});
      break;
    case EventType::entrusted_out: e.set(EntrustedOut{str(o, "to_agency")}); break;
    case EventType::pulled_up: e.set(PulledUp{str(o, "to_agency")}); break;
    case EventType::coercion_planned: {
      CoercionPlanned c;
      c.scheduled_date = date(o, "scheduled_date");
      c.measure = str(o, "measure");
      if (!need(o, "mobilised_forces").is_boolean()) throw Bad{"field 'mobilised_forces' must be true or false"};
      c.mobilised_forces = o["mobilised_forces"].get<bool>();
      e.set(std::move(c));
      break;
    }
    case EventType::coercion_executed: e.set(CoercionExecuted{str(o, "measure")}); break;
    case EventType::voided: {
      Voided v;
      v.voids = seq_of(o, "voids");
      v.reason = str(o, "reason");
      e.set(std::move(v));
      break;
    }
    case EventType::reversed: {
      Reversed r;
      r.reverses = seq_of(o, "reverses");
      r.reason = str(o, "reason");
      e.set(std::move(r));
      break;
    }
    case EventType::reversal_approved: e.set(ReversalApproved{seq_of(o, "approves")}); break;
  }
  e.actor = opt_str(o, "actor");
}

// Longest free text an event may carry, in Unicode code points (thads rule,
// docs/interchange.md "Field lengths"): a 20,000-character debtor name made a
// province's case list 206,000 px wide. The limits are far above any real
// name, address, judgment number or reason.
constexpr size_t kMaxId = 100;       // case, officer and agency codes, actor
constexpr size_t kMaxNumber = 100;   // judgment number, identity number
constexpr size_t kMaxName = 500;     // names, payee, court, address, measure
constexpr size_t kMaxReason = 2000;  // reasons and notes

size_t code_points(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Nothing but spaces (ASCII whitespace or U+00A0 no-break space).
bool blank(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') continue;
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') { ++i; continue; }
    return false;
  }
  return true;
}

struct TextField {
  const char* name;
  const std::string* value;
  size_t max;
  bool required;  // a required field may not be blank
};

std::vector<TextField> text_fields(const Event& e) {
  std::vector<TextField> f{{"case", &e.case_id, kMaxId, true}, {"actor", &e.actor, kMaxId, false}};
  switch (e.type) {
    case EventType::case_opened: {
      const CaseOpened& c = *e.opened();
      f.insert(f.end(), {{"agency", &c.agency, kMaxId, true},
                         {"judgment.number", &c.judgment.number, kMaxNumber, true},
                         {"judgment.court", &c.judgment.court, kMaxName, true},
                         {"debtor.name", &c.debtor.name, kMaxName, true},
                         {"debtor.id_number", &c.debtor.id_number, kMaxNumber, false},
                         {"debtor.address", &c.debtor.address, kMaxName, false},
                         {"creditor.name", &c.creditor.name, kMaxName, true},
                         {"creditor.id_number", &c.creditor.id_number, kMaxNumber, false},
                         {"creditor.address", &c.creditor.address, kMaxName, false},
                         {"entrusted_from.agency", &c.entrusted_from_agency, kMaxId, false},
                         {"entrusted_from.case", &c.entrusted_from_case, kMaxId, false}});
      break;
    }
    case EventType::officer_assigned: f.push_back({"officer", &e.as<OfficerAssigned>().officer, kMaxId, true}); break;
    case EventType::verified: f.push_back({"reason", &e.as<Verified>().reason, kMaxReason, false}); break;
    case EventType::paid_out: f.push_back({"to", &e.as<PaidOut>().to, kMaxName, true}); break;
    case EventType::entrusted_out: f.push_back({"to_agency", &e.as<EntrustedOut>().to_agency, kMaxId, true}); break;
    case EventType::pulled_up: f.push_back({"to_agency", &e.as<PulledUp>().to_agency, kMaxId, true}); break;
    case EventType::coercion_planned:
      f.push_back({"measure", &e.as<CoercionPlanned>().measure, kMaxName, true});
      break;
    case EventType::coercion_executed:
      f.push_back({"measure", &e.as<CoercionExecuted>().measure, kMaxName, true});
      break;
    case EventType::voided: f.push_back({"reason", &e.as<Voided>().reason, kMaxReason, true}); break;
    case EventType::reversed: f.push_back({"reason", &e.as<Reversed>().reason, kMaxReason, true}); break;
    default: break;
  }
  return f;
}

// The rules for an act being recorded now, which events read back from the
// journal skip (a store written before a rule stays readable). nullopt when
// the event passes; else the bad_field message.
std::optional<std::string> new_event_problem(const Event& e) {
  for (const TextField& t : text_fields(e)) {
    if (t.required && blank(*t.value)) return std::string("field '") + t.name + "' is blank";
    if (const size_t n = code_points(*t.value); n > t.max)
      return std::string("field '") + t.name + "' has " + std::to_string(n) + " characters; at most " +
             std::to_string(t.max) + " are allowed";
  }
  if (e.type == EventType::case_opened) {
    const Judgment& j = e.opened()->judgment;
    // The decision to enforce (quyết định thi hành án) is issued on a judgment
    // already pronounced: L.THADS Art. 2(1), 36 enforce judgments that exist.
    if (e.date < j.date)
      return "field 'judgment.date' (" + j.date.iso() + ") is after the decision to enforce it (" + e.date.iso() + ")";
    // A judgment takes legal effect on or after the day it is pronounced
    // (L.THADS Art. 2(1) "đã có hiệu lực pháp luật"; BLTTDS 2015 Art. 282).
    if (j.effective_date < j.date)
      return "field 'judgment.effective_date' (" + j.effective_date.iso() + ") is before 'judgment.date' (" +
             j.date.iso() + ")";
  }
  // A coercion plan sets the time of a coercion still to come (L.THADS
  // Art. 72: "thời gian, địa điểm cưỡng chế"); it cannot be planned for a day
  // already past on the plan's own date.
  if (const auto* plan = e.if_is<CoercionPlanned>(); plan && plan->scheduled_date < e.date)
    return "field 'scheduled_date' (" + plan->scheduled_date.iso() + ") is before the plan's date (" + e.date.iso() +
           ")";
  return std::nullopt;
}

Record parse_event(const json& o, int64_t now_unix, bool check_recorded) {
  Event e;
  // Envelope (bad_field before unknown_type, interchange.md "Refusals").
  try {
    e.case_id = str(o, "case");
    const json& seq = need(o, "seq");
    if (!seq.is_number_integer() || seq.get<int64_t>() <= 0) throw Bad{"field 'seq' must be a positive integer"};
    e.seq = seq.get<int64_t>();
    if (!need(o, "type").is_string()) throw Bad{"field 'type' must be a string"};
    e.date = date(o, "date");
  } catch (const Bad& b) {
    return bad_field(b.message);
  }
  const std::string type = o["type"].get<std::string>();
  auto t = event_type_from(type);
  if (!t) return Refusal{"unknown_type", "unknown event type '" + type + "'", ""};
  e.type = *t;
  try {
    e.recorded_at = now_unix;
    if (auto it = o.find("recorded_at"); it != o.end() && !it->is_null()) {
      if (!it->is_string()) throw Bad{"field 'recorded_at' must be an RFC 3339 time"};
      auto r = parse_rfc3339(it->get_ref<const std::string&>());
      if (!r) throw Bad{"field 'recorded_at' is not an RFC 3339 time"};
      e.recorded_at = *r;
    }
    payload(o, e);
  } catch (const Bad& b) {
    return bad_field(b.message);
  } catch (const json::exception& ex) {
    return bad_field(ex.what());
  }
  // An act is recorded on or after its date (interchange.md, "event"): a date
  // after the Vietnam-time day of recorded_at would put a future act on the
  // record and lock the case, since later dates never decrease. Events already
  // in the journal are read back without this check (check_recorded false), so
  // a store written before the rule stays readable.
  if (check_recorded)
    if (auto problem = recorded_before_date(e.date, e.recorded_at)) return bad_field(*problem);
  if (check_recorded)
    if (auto problem = new_event_problem(e)) return bad_field(*problem);
  // A line of a file is kept in its canonical form. An event read back from
  // the journal (check_recorded false) is stored in that form already:
  // parse_stored_event keeps the stored text instead of writing it again.
  if (check_recorded) e.raw = o.dump();
  return e;
}

// Reference records' text, limited as case text is (kMax* above): a code
// or a name may be neither blank nor longer than its limit.
void limit_text(const char* field, const std::string& v, size_t max, bool required) {
  if (required && blank(v)) throw Bad{std::string("field '") + field + "' is blank"};
  if (const size_t n = code_points(v); n > max)
    throw Bad{std::string("field '") + field + "' has " + std::to_string(n) + " characters; at most " +
              std::to_string(max) + " are allowed"};
}

// A target rate: a percentage 0–100 with at most two decimals, converted to
// integer hundredths at once so no rate arithmetic uses floating point.
int64_t rate_x100(const json& v, const char* key) {
  if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100)
    throw Bad{std::string("field '") + key + "' must be a percentage 0–100"};
  return static_cast<int64_t>(std::llround(v.get<double>() * 100.0));
}

// reference_change (docs/formats/reference-change.md): which fields each
// record lets an administrator change. An agency's level and parent, an
// officer's id, a target's agency and year, a day's date are its identity
// or the shape of the agency tree: they are not changed, a new record is made.
Record parse_reference_change(const json& o, int64_t now_unix) {
  ReferenceChange c;
  try {
    c.record = enum_str(o, "record", std::array<std::string_view, 4>{"agency", "officer", "target", "holiday"});
    c.key = str(o, "key");
    limit_text("key", c.key, kMaxId, true);
    const json& seq = need(o, "seq");
    if (!seq.is_number_integer() || seq.get<int64_t>() <= 0) throw Bad{"field 'seq' must be a positive integer"};
    c.seq = seq.get<int64_t>();
    if (c.record == "holiday" && !Date::parse(c.key)) throw Bad{"field 'key' of a holiday change must be a date YYYY-MM-DD"};
    if (c.record == "target") {
      const size_t slash = c.key.rfind('/');
      if (slash == std::string::npos || slash == 0 || c.key.size() - slash != 5 ||
          c.key.find_first_not_of("0123456789", slash + 1) != std::string::npos)
        throw Bad{"field 'key' of a target change must be AGENCY/FISCAL_YEAR"};
    }
    static const std::map<std::string, std::vector<std::string>, std::less<>> kAllowed{
        {"agency", {"name"}},
        {"officer", {"name", "agency", "role", "active"}},
        {"target", {"cases_rate", "money_rate"}},
        {"holiday", {"type", "name"}}};
    static constexpr std::array<std::string_view, 8> kEnvelope{"kind", "record", "key", "seq", "reason", "recorded_at", "actor", "v"};
    const auto& allowed = kAllowed.at(c.record);
    int changed = 0;
    for (const auto& [k, v] : o.items()) {
      if (one_of(k, kEnvelope)) continue;
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        throw Bad{"field '" + k + "' cannot be changed on " + (c.record == "agency" ? "an " : "a ") + c.record};
      if (v.is_null()) throw Bad{"field '" + k + "' is null"};
      ++changed;
    }
    if (changed == 0) throw Bad{"a reference_change changes nothing (name at least one field)"};
    if (o.contains("name")) {
      c.name = str(o, "name");
      limit_text("name", *c.name, kMaxName, true);
    }
    if (o.contains("agency")) {
      c.agency = str(o, "agency");
      limit_text("agency", *c.agency, kMaxId, true);
    }
    if (o.contains("role"))
      c.role = enum_str(o, "role", std::array<std::string_view, 4>{"enforcement_officer", "clerk", "head", "monitor"});
    if (o.contains("active")) {
      if (!o["active"].is_boolean()) throw Bad{"field 'active' must be true or false"};
      c.active = o["active"].get<bool>();
    }
    if (o.contains("cases_rate")) c.cases_rate_x100 = rate_x100(o["cases_rate"], "cases_rate");
    if (o.contains("money_rate")) c.money_rate_x100 = rate_x100(o["money_rate"], "money_rate");
    if (o.contains("type"))
      c.type = enum_str(o, "type", std::array<std::string_view, 2>{"day_off", "working_day"}) == "day_off" ? DayType::day_off
                                                                                                        : DayType::working_day;
    c.reason = str(o, "reason");
    limit_text("reason", c.reason, kMaxReason, true);
    c.actor = opt_str(o, "actor");
    limit_text("actor", c.actor, kMaxId, false);
    c.recorded_at = now_unix;
    if (auto it = o.find("recorded_at"); it != o.end() && !it->is_null()) {
      if (!it->is_string()) throw Bad{"field 'recorded_at' must be an RFC 3339 time"};
      auto r = parse_rfc3339(it->get_ref<const std::string&>());
      if (!r) throw Bad{"field 'recorded_at' is not an RFC 3339 time"};
      c.recorded_at = *r;
    }
  } catch (const Bad& b) {
    return bad_field(b.message);
  }
  c.raw = o.dump();
  return c;
}

Record parse_reference(const std::string& kind, const json& o) {
  try {
    if (kind == "agency") {
      AgencyRecord a;
      a.code = str(o, "code");
      a.name = str(o, "name");
      a.level = enum_str(o, "level", std::array<std::string_view, 4>{"national", "province", "region", "district"});
      a.parent = opt_str(o, "parent");
      limit_text("code", a.code, kMaxId, true);
      limit_text("name", a.name, kMaxName, true);
      limit_text("parent", a.parent, kMaxId, false);
      a.raw = o.dump();
      return a;
    }
    if (kind == "officer") {
      OfficerRecord r;
      r.id = str(o, "id");
      r.name = str(o, "name");
      r.agency = str(o, "agency");
      r.role = enum_str(o, "role", std::array<std::string_view, 4>{"enforcement_officer", "clerk", "head", "monitor"});
      limit_text("id", r.id, kMaxId, true);
      limit_text("name", r.name, kMaxName, true);
      limit_text("agency", r.agency, kMaxId, true);
      r.raw = o.dump();
      return r;
    }
    if (kind == "target") {
      TargetRecord t;
      t.agency = str(o, "agency");
      limit_text("agency", t.agency, kMaxId, true);
      const json& fy = need(o, "fiscal_year");
      if (!fy.is_number_integer() || fy.get<int64_t>() < 1990 || fy.get<int64_t>() > 2200)
        throw Bad{"field 'fiscal_year' must be a year"};
      t.fiscal_year = fy.get<int>();
      t.cases_rate_x100 = rate_x100(need(o, "cases_rate"), "cases_rate");
      t.money_rate_x100 = rate_x100(need(o, "money_rate"), "money_rate");
      t.raw = o.dump();
      return t;
    }
    if (kind == "holiday") {
      HolidayRec h;
      h.day.date = date(o, "date");
      const std::string type = enum_str(o, "type", std::array<std::string_view, 2>{"day_off", "working_day"});
      h.day.type = type == "day_off" ? DayType::day_off : DayType::working_day;
      h.day.name = opt_str(o, "name");
      limit_text("name", h.day.name, kMaxName, false);
      h.raw = o.dump();
      return h;
    }
  } catch (const Bad& b) {
    return bad_field(b.message);
  }
  return Refusal{"unknown_kind", "unknown record kind '" + kind + "'", ""};
}

Record parse_line_checked(std::string_view line, int64_t now_unix, bool check_recorded) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
  std::string_view rest = line.substr(i);
  while (!rest.empty() && (rest.back() == '\r' || rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  if (rest.empty() || rest.starts_with("//")) return Skip{};
  BoundedJson parsed = parse_json_bounded(rest);
  if (parsed.fault == JsonFault::too_deep) return bad_field("the line is " + parsed.message);
  if (parsed.fault == JsonFault::nul_byte) return bad_field("the line holds a NUL byte");
  if (!parsed.value) return bad_field("the line is not valid JSON");
  json& o = *parsed.value;
  if (!o.is_object()) return bad_field("the line is not a JSON object");
  auto k = o.find("kind");
  if (k == o.end() || !k->is_string() || k->get_ref<const std::string&>().empty())
    return bad_field("missing or malformed field 'kind'");
  const std::string kind = k->get<std::string>();
  static constexpr std::array<std::string_view, 7> kKinds{"format", "agency", "officer", "target", "holiday", "event",
                                                          "reference_change"};
  if (!one_of(kind, kKinds)) {
    if (RecordParser module = record_parser(kind)) {
      auto r = module(kind, std::move(o), now_unix, check_recorded);
      if (auto* m = std::get_if<ModuleRecord>(&r)) return std::move(*m);
      return std::get<Refusal>(std::move(r));
    }
    return Refusal{"unknown_kind", "unknown record kind '" + kind + "'", ""};
  }
  if (kind == "format") {
    auto v = o.find("v");
    if (v == o.end() || !v->is_number_integer()) return bad_field("field 'v' must be an integer");
    if (v->get<int64_t>() != 1) return bad_field("unsupported format version " + v->dump() + " (this thads reads v1)");
    return FormatRecord{1};
  }
  if (kind == "event") return parse_event(o, now_unix, check_recorded);
  if (kind == "reference_change") return parse_reference_change(o, now_unix);
  return parse_reference(kind, o);
}

}  // namespace

Record parse_line(std::string_view line, int64_t now_unix) {
  if (line.size() > kMaxLineBytes)
    return bad_field("line longer than " + std::to_string(kMaxLineBytes) + " bytes");
  return parse_line_checked(line, now_unix, true);
}

std::optional<Event> parse_stored_event(const std::string& raw, int64_t recorded_at) {
  Record r = parse_line_checked(raw, recorded_at, false);
  if (auto* e = std::get_if<Event>(&r)) {
    e->recorded_at = recorded_at;
    e->raw = raw;  // the journal holds the canonical text (parse_event)
    return std::move(*e);
  }
  return std::nullopt;
}

bool same_record(const std::string& raw_a, const std::string& raw_b) {
  if (raw_a == raw_b) return true;
  json a = json::parse(raw_a, nullptr, false);
  json b = json::parse(raw_b, nullptr, false);
  if (a.is_discarded() || b.is_discarded()) return false;
  if (!a.contains("recorded_at") || !b.contains("recorded_at")) {
    if (a.is_object()) a.erase("recorded_at");
    if (b.is_object()) b.erase("recorded_at");
  }
  return a == b;
}

std::optional<int64_t> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (s.size() < 20) return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  auto two = [&](size_t p, int& out) {
    if (p + 2 > s.size() || s[p] < '0' || s[p] > '9' || s[p + 1] < '0' || s[p + 1] > '9') return false;
    out = (s[p] - '0') * 10 + (s[p + 1] - '0');
    return true;
  };
  int hh, mm, ss;
  if (!two(11, hh) || s[13] != ':' || !two(14, mm) || s[16] != ':' || !two(17, ss)) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  size_t p = 19;
  if (p < s.size() && s[p] == '.') {
    ++p;
    const size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == start) return std::nullopt;
  }
  if (p >= s.size()) return std::nullopt;
  int offset = 0;
  if (s[p] == 'Z' || s[p] == 'z') {
    if (p + 1 != s.size()) return std::nullopt;
  } else if (s[p] == '+' || s[p] == '-') {
    int oh, om;
    if (p + 6 != s.size() || !two(p + 1, oh) || s[p + 3] != ':' || !two(p + 4, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset = (oh * 60 + om) * 60 * (s[p] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  return static_cast<int64_t>(d->days()) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string format_rfc3339_utc(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t rem = t - days * 86400;
  const Date d = Date::from_days(static_cast<int32_t>(days));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.iso().c_str(), static_cast<int>(rem / 3600),
                static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60));
  return buf;
}

std::optional<int64_t> parse_as_known_at(std::string_view s) {
  if (auto d = Date::parse(s)) {
    // End of that day in Vietnam time (UTC+7): 23:59:59+07:00.
    return static_cast<int64_t>(d->days()) * 86400 + 86399 - 7 * 3600;
  }
  return parse_rfc3339(s);
}

Date vn_date_of(int64_t t) {
  const int64_t local = t + 7 * 3600;
  const int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Date::from_days(static_cast<int32_t>(days));
}

}  // namespace thads
