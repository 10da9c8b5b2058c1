#include "modules/accountability/domain/records.h"

#include <algorithm>
#include <vector>

#include "domain/interchange.h"
#include "domain/recorded_date.h"

namespace thads::accountability {
namespace {

using json = nlohmann::json;

struct Bad {
  std::string message;
};

const json& need(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) throw Bad{std::string("missing field '") + key + "'"};
  return *it;
}
void text(const json& o, const char* key, size_t max = 2000) {
  const json& v = need(o, key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    throw Bad{std::string("field '") + key + "' must be a non-empty string"};
  if (v.get_ref<const std::string&>().size() > max) throw Bad{std::string("field '") + key + "' is too long"};
}
void opt_text(const json& o, const char* key) {
  if (o.contains(key) && !o[key].is_null()) text(o, key);
}
void one_of(const json& o, const char* key, std::initializer_list<std::string_view> names) {
  text(o, key);
  const std::string& v = o[key].get_ref<const std::string&>();
  if (std::find(names.begin(), names.end(), v) == names.end())
    throw Bad{std::string("field '") + key + "' has an unknown value '" + v + "'"};
}
void opt_one_of(const json& o, const char* key, std::initializer_list<std::string_view> names) {
  if (o.contains(key) && !o[key].is_null()) one_of(o, key, names);
}
void day(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_string() || !Date::parse(v.get_ref<const std::string&>()))
    throw Bad{std::string("field '") + key + "' must be a date YYYY-MM-DD"};
}
void positive(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) throw Bad{std::string("field '") + key + "' must be a positive integer"};
}
void opt_positive(const json& o, const char* key) {
  if (o.contains(key) && !o[key].is_null()) positive(o, key);
}

void inspection(const std::string& t, const json& o) {
  if (t == "opened") {
    text(o, "agency"), text(o, "by");
    one_of(o, "mode", {"planned", "ad_hoc"});
    opt_text(o, "subject");
  } else if (t == "finding") {
    text(o, "rule"), text(o, "text"), opt_text(o, "case"), opt_text(o, "officer");
  } else if (t == "remedy_ordered") {
    positive(o, "finding"), day(o, "due"), text(o, "text");
    if (*Date::parse(o["due"].get<std::string>()) < *Date::parse(o["date"].get<std::string>()))
      throw Bad{"field 'due' must not be before the act's date"};
  } else if (t == "remedy_done") {
    positive(o, "remedy"), opt_text(o, "note");
  } else if (t == "concluded") {
    opt_text(o, "number");
  }
}

void violation(const std::string& t, const json& o) {
  if (t == "recorded") {
    text(o, "agency"), text(o, "officer"), text(o, "rule"), text(o, "text");
    opt_text(o, "case"), opt_text(o, "inspection"), opt_positive(o, "finding");
  } else if (t == "measure") {
    // Nhắc nhở, phê bình; the disciplinary measures of Luật Cán bộ, công
    // chức 2008 Art. 79(2) (khiển trách, cảnh cáo, hạ bậc lương, giáng chức,
    // cách chức, buộc thôi việc); NĐ 112/2020/NĐ-CP.
    one_of(o, "measure", {"reminder", "criticism", "reprimand", "warning", "salary_downgrade", "demotion",
                          "dismissal_from_post", "forced_resignation"});
    opt_text(o, "decision");
  }
}

Refusal bad(std::string m) { return Refusal{"bad_field", std::move(m), ""}; }

// recorded_at: RFC 3339, else now; the act's date not after its Vietnam day.
std::variant<int64_t, Refusal> recorded(const json& o, const Date& date, int64_t now_unix, bool check) {
  int64_t at = now_unix;
  if (o.contains("recorded_at") && !o["recorded_at"].is_null()) {
    if (!o["recorded_at"].is_string()) return bad("field 'recorded_at' must be an RFC 3339 time");
    auto t = parse_rfc3339(o["recorded_at"].get<std::string>());
    if (!t) return bad("field 'recorded_at' must be an RFC 3339 time");
    at = *t;
  }
  if (check)
    if (auto problem = recorded_before_date(date, at)) return bad(*problem);
  return at;
}

}  // namespace

std::string_view to_string(Kind k) { return k == Kind::inspection ? "inspection" : "violation"; }
std::optional<Kind> kind_from(std::string_view s) {
  if (s == "inspection") return Kind::inspection;
  if (s == "violation") return Kind::violation;
  return std::nullopt;
}
std::string_view label_vi(Kind k) { return k == Kind::inspection ? "Kiểm tra" : "Vi phạm của công chức"; }

const std::vector<std::string>& types_of(Kind k) {
  static const std::vector<std::string> inspection{"opened", "finding", "remedy_ordered", "remedy_done", "concluded", "voided"};
  static const std::vector<std::string> violation{"recorded", "measure", "closed", "voided"};
  return k == Kind::inspection ? inspection : violation;
}
bool is_known_type(Kind k, std::string_view t) {
  const auto& v = types_of(k);
  return std::find(v.begin(), v.end(), t) != v.end();
}
bool is_opening(Kind k, std::string_view t) { return t == (k == Kind::inspection ? "opened" : "recorded"); }
bool is_ending(Kind k, std::string_view t) { return t == (k == Kind::inspection ? "concluded" : "closed"); }

bool is_decision(std::string_view t) {
  return t == "case_opened" || t == "unable_decided" || t == "postponed" || t == "suspended" || t == "resumed" ||
         t == "terminated";
}

std::string Rec::text(const char* key) const {
  auto it = p.find(key);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int64_t Rec::integer(const char* key) const {
  auto it = p.find(key);
  return it != p.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}
std::optional<Date> Rec::date_of(const char* key) const { return Date::parse(text(key)); }

Parsed parse_accountability(std::string_view kind, const json& o, int64_t now_unix, bool check_recorded) {
  if (!o.is_object()) return bad("a record must be a JSON object");
  auto date_field = [&]() -> std::optional<Date> {
    auto it = o.find("date");
    if (it == o.end() || !it->is_string()) return std::nullopt;
    return Date::parse(it->get<std::string>());
  };
  if (kind == "delivery") {
    Delivery d;
    if (!o.contains("case") || !o["case"].is_string() || o["case"].get_ref<const std::string&>().empty())
      return bad("missing field 'case'");
    if (!o.contains("decision") || !o["decision"].is_number_integer() || o["decision"].get<int64_t>() <= 0)
      return bad("field 'decision' must be the seq of the case's decision");
    auto date = date_field();
    if (!date) return bad("field 'date' must be a date YYYY-MM-DD");
    std::string type = "sent";
    if (o.contains("type")) {
      if (!o["type"].is_string()) return bad("field 'type' must be a string");
      type = o["type"].get<std::string>();
      if (type != "sent" && type != "voided") return Refusal{"unknown_type", "unknown delivery act '" + type + "'", ""};
    }
    try {
      if (type == "voided") positive(o, "seq"), text(o, "reason");
      else opt_positive(o, "seq"), opt_one_of(o, "how", {"hand", "post", "electronic"});
    } catch (const Bad& b) {
      return bad(b.message);
    }
    auto at = recorded(o, *date, now_unix, check_recorded);
    if (auto* r = std::get_if<Refusal>(&at)) return *r;
    d.case_id = o["case"].get<std::string>();
    d.decision = o["decision"].get<int64_t>();
    d.seq = o.contains("seq") && !o["seq"].is_null() ? o["seq"].get<int64_t>() : 1;
    d.voided = type == "voided";
    d.date = *date;
    if (d.voided) d.reason = o["reason"].get<std::string>();
    else if (o.contains("how") && !o["how"].is_null()) d.how = o["how"].get<std::string>();
    d.raw = o.dump();
    return d;
  }
  const auto k = kind_from(kind);
  if (!k) return Refusal{"unknown_kind", "unknown record kind '" + std::string(kind) + "'", ""};
  Rec r;
  r.kind = *k;
  if (!o.contains("id") || !o["id"].is_string() || o["id"].get_ref<const std::string&>().empty() ||
      o["id"].get_ref<const std::string&>().size() > 64)
    return bad("field 'id' must be a non-empty string of at most 64 characters");
  if (!o.contains("seq") || !o["seq"].is_number_integer() || o["seq"].get<int64_t>() <= 0)
    return bad("field 'seq' must be a positive integer");
  if (!o.contains("type") || !o["type"].is_string()) return bad("missing field 'type'");
  auto date = date_field();
  if (!date) return bad("field 'date' must be a date YYYY-MM-DD");
  r.id = o["id"].get<std::string>();
  r.seq = o["seq"].get<int64_t>();
  r.type = o["type"].get<std::string>();
  r.date = *date;
  if (!is_known_type(*k, r.type))
    return Refusal{"unknown_type", "unknown " + std::string(kind) + " act '" + r.type + "'", ""};
  try {
    if (r.type == "voided") positive(o, "voids"), text(o, "reason");  // a correction (oversight.md)
    else if (*k == Kind::inspection) inspection(r.type, o);
    else violation(r.type, o);
  } catch (const Bad& b) {
    return bad(b.message);
  }
  auto at = recorded(o, r.date, now_unix, check_recorded);
  if (auto* x = std::get_if<Refusal>(&at)) return *x;
  r.recorded_at = std::get<int64_t>(at);
  if (o.contains("actor") && o["actor"].is_string()) r.actor = o["actor"].get<std::string>();
  r.p = o;
  r.raw = o.dump();
  return r;
}

}  // namespace thads::accountability
