#include "modules/coordination/domain/body_change.h"

#include "domain/interchange.h"

namespace thads::coordination {
namespace {

Refusal bad(std::string m) { return Refusal{"bad_field", std::move(m), ""}; }

bool short_text(const nlohmann::json& v, size_t max) {
  return v.is_string() && !v.get_ref<const std::string&>().empty() && v.get_ref<const std::string&>().size() <= max;
}

}  // namespace

std::variant<BodyChange, Refusal> parse_body_change(const nlohmann::json& o, int64_t now_unix) {
  if (!o.is_object()) return bad("a body_change is a JSON object");
  for (const auto& [k, v] : o.items())
    if (k != "kind" && k != "code" && k != "seq" && k != "name" && k != "agency" && k != "active" &&
        k != "recorded_at" && k != "actor")
      return bad("unknown field '" + k + "' of body_change");
  BodyChange c;
  if (!o.contains("code") || !short_text(o["code"], 64)) return bad("code must be a body's code");
  c.code = o["code"].get<std::string>();
  if (!o.contains("seq") || !o["seq"].is_number_integer() || o["seq"].get<int64_t>() < 1)
    return bad("seq must be an integer from 1");
  c.seq = o["seq"].get<int64_t>();
  if (o.contains("name")) {
    if (!short_text(o["name"], 500)) return bad("name must be a text of 1 to 500 characters");
    c.name = o["name"].get<std::string>();
  }
  if (o.contains("agency")) {
    if (!short_text(o["agency"], 64)) return bad("agency must be an agency's code");
    c.agency = o["agency"].get<std::string>();
  }
  if (o.contains("active")) {
    if (!o["active"].is_boolean()) return bad("active must be true or false");
    c.active = o["active"].get<bool>();
  }
  if (!c.name && !c.agency && !c.active) return bad("a body_change changes name, agency or active");
  c.recorded_at = now_unix;
  if (o.contains("recorded_at")) {
    auto t = o["recorded_at"].is_string() ? parse_rfc3339(o["recorded_at"].get<std::string>()) : std::nullopt;
    if (!t) return bad("recorded_at must be an RFC 3339 time");
    c.recorded_at = *t;
  }
  if (o.contains("actor")) {
    if (!short_text(o["actor"], 200)) return bad("actor must be a login");
    c.actor = o["actor"].get<std::string>();
  }
  nlohmann::json canon = o;
  canon["kind"] = "body_change";
  c.raw = canon.dump();  // nlohmann's object keeps its keys sorted
  return c;
}

BodyOverlay apply(BodyOverlay o, const BodyChange& c) {
  o.code = c.code;
  if (c.name) o.name = c.name;
  if (c.agency) o.agency = c.agency;
  if (c.active) o.active = *c.active;
  o.changes = c.seq;
  return o;
}

BodyEntry apply(BodyEntry e, const BodyChange& c) {
  if (c.name) e.body.name = *c.name;
  if (c.agency) e.body.agency = *c.agency;
  if (c.active) e.active = *c.active;
  e.changes = c.seq;
  return e;
}

std::string body_type_label(const std::string& t) {
  if (t == "land_registry") return "Văn phòng đăng ký đất đai";
  if (t == "bank") return "Ngân hàng, tổ chức tín dụng";
  if (t == "police") return "Công an";
  if (t == "court") return "Tòa án";
  if (t == "procuracy") return "Viện kiểm sát";
  if (t == "tax") return "Cơ quan thuế";
  if (t == "social_insurance") return "Bảo hiểm xã hội";
  if (t == "people_committee") return "Ủy ban nhân dân";
  if (t == "other") return "Cơ quan, tổ chức khác";
  return t;
}

}  // namespace thads::coordination
