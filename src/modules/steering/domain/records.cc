#include "modules/steering/domain/records.h"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "domain/interchange.h"
#include "domain/recorded_date.h"
#include "modules/steering/domain/attachments.h"
#include "modules/steering/domain/periods.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;
using Names = std::initializer_list<std::string_view>;

struct Bad {
  std::string message;
};

bool among(std::string_view v, Names names) { return std::find(names.begin(), names.end(), v) != names.end(); }
bool present(const json& o, const char* key) { return o.contains(key) && !o[key].is_null(); }

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
  if (present(o, key) && !o[key].is_string()) throw Bad{std::string("field '") + key + "' must be a string"};
}
void one_of(const json& o, const char* key, Names names) {
  text(o, key);
  const std::string& v = o[key].get_ref<const std::string&>();
  if (!among(v, names)) throw Bad{std::string("field '") + key + "' has an unknown value '" + v + "'"};
}
Date day(const json& o, const char* key) {
  const json& v = need(o, key);
  std::optional<Date> d = v.is_string() ? Date::parse(v.get_ref<const std::string&>()) : std::nullopt;
  if (!d) throw Bad{std::string("field '") + key + "' must be a date YYYY-MM-DD"};
  return *d;
}
std::optional<Date> opt_day(const json& o, const char* key) {
  if (!present(o, key)) return std::nullopt;
  return day(o, key);
}
int64_t positive(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_number_integer() || v.get<int64_t>() <= 0)
    throw Bad{std::string("field '") + key + "' must be a positive integer"};
  return v.get<int64_t>();
}
// A non-empty list of distinct non-empty strings.
void strings(const json& o, const char* key) {
  const json& v = need(o, key);
  if (!v.is_array() || v.empty()) throw Bad{std::string("field '") + key + "' must be a non-empty list"};
  std::set<std::string> seen;
  for (const json& x : v) {
    if (!x.is_string() || x.get_ref<const std::string&>().empty())
      throw Bad{std::string("field '") + key + "' must list non-empty strings"};
    if (!seen.insert(x.get<std::string>()).second)
      throw Bad{std::string("field '") + key + "' lists '" + x.get<std::string>() + "' twice"};
  }
}
void opt_strings(const json& o, const char* key) {
  if (present(o, key) && !(o[key].is_array() && o[key].empty())) strings(o, key);
}
// Exactly one of two fields.
void exactly_one(const json& o, const char* a, const char* b) {
  if (present(o, a) == present(o, b))
    throw Bad{std::string("exactly one of the fields '") + a + "' and '" + b + "' must be given"};
}

std::string str(const json& o, const char* key) { return present(o, key) ? o[key].get<std::string>() : ""; }

void key_case_payload(const std::string& t, const json& o) {
  if (t == "proposed") {
    text(o, "case"), text(o, "agency"), strings(o, "reasons"), opt_text(o, "note");
    for (const json& r : o["reasons"])
      if (std::find(std::begin(kKeyCaseReasons), std::end(kKeyCaseReasons), r.get<std::string>()) ==
          std::end(kKeyCaseReasons))
        throw Bad{"field 'reasons' has an unknown value '" + r.get<std::string>() + "'"};
  } else if (t == "accepted") {
    text(o, "committee"), opt_text(o, "meeting");
  } else if (t == "rejected") {
    text(o, "committee"), text(o, "reason"), opt_text(o, "meeting");
  } else if (t == "stuck") {
    text(o, "reason");
  } else if (t == "step") {
    positive(o, "step"), text(o, "text"), text(o, "owner"), day(o, "deadline");
  } else if (t == "step_done") {
    positive(o, "step"), opt_text(o, "note");
  } else if (t == "closed") {
    one_of(o, "result", {"enforced", "terminated", "no_longer_key"}), opt_text(o, "note");
  }
}

// An issued periodic report (docs/formats/steering.md "periodic_report"):
// version `seq` of the report `id`; a re-issue (seq > 1) names the version
// it replaces and why.
void periodic_report_payload(const json& o, int64_t seq) {
  text(o, "id"), text(o, "agency"), text(o, "period"), text(o, "number");
  opt_text(o, "difficulties"), opt_text(o, "proposals"), opt_text(o, "signer"), opt_text(o, "place");
  if (!parse_report_period(str(o, "period")))
    throw Bad{"field 'period' must be like 2025-Q3, 2025-6M, 2025-12M or 2025-01-01..2025-03-31"};
  if (!need(o, "figures").is_object()) throw Bad{"field 'figures' must be an object"};
  if (seq == 1) {
    if (present(o, "replaces")) throw Bad{"the first version replaces nothing"};
  } else {
    if (positive(o, "replaces") != seq - 1) throw Bad{"field 'replaces' must be the previous version"};
    text(o, "reason");
  }
}

// The payload of each reference kind; sets the record's key and date.
void reference(Record& r, const json& o) {
  switch (r.kind) {
    case Kind::directive:
      text(o, "id"), text(o, "number"), text(o, "issuer"), text(o, "title"), text(o, "agency");
      opt_text(o, "replaces");
      r.date = day(o, "date");
      r.key = str(o, "id");
      if (str(o, "replaces") == r.key) throw Bad{"a directive cannot replace itself"};
      break;
    case Kind::directive_task: {
      exactly_one(o, "directive", "meeting");
      opt_text(o, "directive"), opt_text(o, "meeting");
      text(o, "number"), text(o, "text"), strings(o, "bodies"), text(o, "owner");
      if (!valid_task_number(str(o, "number"))) throw Bad{"field 'number' must be like 1, 2.1 or 2.1.3"};
      exactly_one(o, "deadline", "periodicity");
      opt_day(o, "deadline");
      if (present(o, "periodicity")) one_of(o, "periodicity", {"quarterly", "six_monthly", "yearly", "standing"});
      const std::string source = present(o, "directive") ? str(o, "directive") : str(o, "meeting");
      if (source.empty()) throw Bad{"field 'directive' or 'meeting' must be a non-empty string"};
      r.key = task_key(source, str(o, "number"));
      break;
    }
    case Kind::committee: {
      text(o, "id"), text(o, "name"), text(o, "agency");
      one_of(o, "level", {"province", "district"});
      r.date = day(o, "valid_from");
      if (auto to = opt_day(o, "valid_to"); to && *to < r.date) throw Bad{"field 'valid_to' is before 'valid_from'"};
      r.key = str(o, "id");
      break;
    }
    case Kind::committee_member: {
      text(o, "committee"), text(o, "person"), text(o, "body");
      one_of(o, "role", {"head", "deputy", "member", "secretariat"});
      r.date = day(o, "from");
      if (auto to = opt_day(o, "to"); to && *to < r.date) throw Bad{"field 'to' is before 'from'"};
      r.key = str(o, "committee") + "/" + str(o, "person") + "/" + r.date.iso();
      break;
    }
    case Kind::meeting:
      text(o, "id"), text(o, "committee"), strings(o, "agenda"), opt_strings(o, "conclusions");
      r.date = day(o, "date");
      r.key = str(o, "id");
      break;
    default: break;
  }
}

}  // namespace

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::directive: return "directive";
    case Kind::directive_task: return "directive_task";
    case Kind::task_report: return "task_report";
    case Kind::committee: return "committee";
    case Kind::committee_member: return "committee_member";
    case Kind::meeting: return "meeting";
    case Kind::key_case: return "key_case";
    case Kind::periodic_report: return "periodic_report";
  }
  return "";
}

std::optional<Kind> kind_from(std::string_view s) {
  for (Kind k : kKinds)
    if (to_string(k) == s) return k;
  return std::nullopt;
}

bool is_stream(Kind k) { return k == Kind::task_report || k == Kind::key_case || k == Kind::periodic_report; }

std::string reason_label_vi(std::string_view r) {
  if (r == "open_long") return "Tồn đọng, kéo dài nhiều năm";
  if (r == "large_amount") return "Giá trị phải thi hành lớn";
  if (r == "coercion_planned") return "Dự kiến tổ chức cưỡng chế có huy động lực lượng";
  if (r == "complaint_pending") return "Có khiếu nại chưa giải quyết xong";
  if (r == "corruption") return "Vụ án tham nhũng, kinh tế";
  if (r == "credit_institution") return "Thu hồi nợ của tổ chức tín dụng";
  if (r == "security_sensitive") return "Phức tạp về an ninh, trật tự (Thủ trưởng đánh dấu)";
  if (r == "auction_not_delivered") return "Chưa giao tài sản cho người trúng đấu giá đúng hạn";
  return std::string(r);
}

bool is_key_case_type(std::string_view t) {
  return among(t, {"proposed", "accepted", "rejected", "stuck", "step", "step_done", "closed"});
}

std::string Record::text(const char* k) const {
  auto v = p.find(k);
  return v != p.end() && v->is_string() ? v->get<std::string>() : std::string();
}
std::optional<Date> Record::date_of(const char* k) const {
  auto v = p.find(k);
  return v != p.end() && v->is_string() ? Date::parse(v->get_ref<const std::string&>()) : std::nullopt;
}
std::vector<std::string> Record::list(const char* k) const {
  std::vector<std::string> out;
  auto v = p.find(k);
  if (v != p.end() && v->is_array())
    for (const json& x : *v)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}
int64_t Record::integer(const char* k) const {
  auto v = p.find(k);
  return v != p.end() && v->is_number_integer() ? v->get<int64_t>() : 0;
}

std::string task_key(std::string_view source, std::string_view number) {
  return std::string(source) + "/" + std::string(number);
}

std::string parent_number(std::string_view number) {
  auto dot = number.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(number.substr(0, dot));
}

bool valid_task_number(std::string_view n) {
  if (n.empty() || n.size() > 32) return false;
  bool digit_before = false;
  for (size_t i = 0; i < n.size(); ++i) {
    if (n[i] == '.') {
      if (!digit_before) return false;
      digit_before = false;
    } else if (n[i] >= '0' && n[i] <= '9') {
      if (!digit_before && n[i] == '0') return false;  // no "0" nor leading zeros
      digit_before = true;
    } else {
      return false;
    }
  }
  return digit_before;
}

Parsed parse_steering(std::string_view kind_name, const json& o, int64_t now_unix, bool check_recorded) {
  auto kind = kind_from(kind_name);
  if (!kind) return Refusal{"unknown_kind", "unknown record kind '" + std::string(kind_name) + "'", ""};
  Record r;
  r.kind = *kind;
  r.recorded_at = now_unix;
  if (!is_stream(r.kind)) {
    try {
      reference(r, o);
    } catch (const Bad& b) {
      return Refusal{"bad_field", b.message, ""};
    }
    r.p = o;
    r.raw = o.dump();
    return r;
  }
  try {  // the envelope: bad_field before unknown_type (interchange.md "Refusals")
    r.seq = positive(o, "seq");
    r.date = day(o, "date");
    if (r.kind == Kind::key_case) {
      text(o, "id");
      if (!need(o, "type").is_string()) throw Bad{"field 'type' must be a string"};
    }
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
  if (r.kind == Kind::key_case) {
    r.type = o["type"].get<std::string>();
    if (!is_key_case_type(r.type))
      return Refusal{"unknown_type", "a key_case has no act of type '" + r.type + "'", ""};
  }
  try {
    if (auto it = o.find("recorded_at"); it != o.end() && !it->is_null()) {
      auto t = it->is_string() ? parse_rfc3339(it->get_ref<const std::string&>()) : std::nullopt;
      if (!t) throw Bad{"field 'recorded_at' must be an RFC 3339 time"};
      r.recorded_at = *t;
    }
    opt_text(o, "actor");
    r.actor = str(o, "actor");
    if (r.kind == Kind::key_case) {
      key_case_payload(r.type, o);
      r.key = str(o, "id");
    } else if (r.kind == Kind::periodic_report) {
      periodic_report_payload(o, r.seq);
      r.key = str(o, "id");
    } else {
      text(o, "task"), text(o, "body"), text(o, "period"), text(o, "text");
      one_of(o, "status", {"not_started", "in_progress", "done"});
      if (!parse_task_period(str(o, "period"))) throw Bad{"field 'period' must be like 2025-Q1, 2025-H1, 2025-Y or once"};
      // Its attached documents, cited by content (attachments.h).
      auto docs = parse_attachment_refs(o);
      if (auto* bad = std::get_if<Refusal>(&docs)) throw Bad{bad->message};
      r.key = str(o, "task") + "|" + str(o, "body") + "|" + str(o, "period");
    }
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
  // A record is made on or before the day it is recorded (interchange.md, "event").
  if (check_recorded)
    if (auto problem = recorded_before_date(r.date, r.recorded_at)) return Refusal{"bad_field", *problem, ""};
  r.p = o;
  r.raw = o.dump();
  return r;
}

}  // namespace thads::steering
