#include "domain/legal_settings.h"

#include <array>
#include <nlohmann/json.hpp>

#include "domain/json_limits.h"

namespace thads {
namespace {

struct IntField {
  std::string_view key;
  int LegalSettings::*field;
  int min, max;
};

constexpr std::array<IntField, 10> kIntFields{{
    {"issue_decision_wd_2025", &LegalSettings::issue_decision_wd_2025, 1, 60},
    {"notify_wd_2025", &LegalSettings::notify_wd_2025, 1, 60},
    {"voluntary_days_2025", &LegalSettings::voluntary_days_2025, 1, 120},
    {"verify_days_2025", &LegalSettings::verify_days_2025, 1, 120},
    {"reverify_months_2025", &LegalSettings::reverify_months_2025, 1, 60},
    {"reverify_months_long_2025", &LegalSettings::reverify_months_long_2025, 1, 60},
    {"status_decision_wd_2025", &LegalSettings::status_decision_wd_2025, 1, 60},
    {"publish_wd_2025", &LegalSettings::publish_wd_2025, 1, 60},
    {"payout_days_2025", &LegalSettings::payout_days_2025, 1, 120},
    {"tet_window_days", &LegalSettings::tet_window_days, 0, 60},
}};
constexpr std::string_view kMakeupKey = "makeup_days_are_working_days";

std::optional<LegalSettings> fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Regime r) { return r == Regime::law_2008 ? "law_2008" : "law_2025"; }

Date law_2025_effective_date() { return Date::from_ymd(2026, 7, 1); }

Regime regime_on(Date act_date) {
  // L.106 and NĐ152/26 take effect on 01/07/2026; acts dated before follow
  // L.THADS 2008 as amended and NĐ62 (NĐ152/26 Art. 115(1): results achieved
  // stand, later steps follow the new rules).
  return act_date < law_2025_effective_date() ? Regime::law_2008 : Regime::law_2025;
}

int public_posting_days(Date posting_date) {
  // L.THADS 2008 Art. 42(3): 10 days; NĐ152/26 Art. 17(3): 07 days.
  return regime_on(posting_date) == Regime::law_2008 ? 10 : 7;
}

std::string_view article(LegalRule rule, Regime regime) {
  const bool old_law = regime == Regime::law_2008;
  switch (rule) {
    case LegalRule::issue_decision_on_request:
      // L.106: the decree cites Art. 33(2) for proactive cases; the clause for
      // requests is not confirmed, so the article alone is cited.
      return old_law ? "Luật THADS 2008, Điều 36 khoản 1" : "Luật THADS 2025, Điều 33";
    case LegalRule::issue_decision_proactive:
      return old_law ? "Luật THADS 2008, Điều 36 khoản 2" : "Luật THADS 2025, Điều 33 khoản 2";
    case LegalRule::notify:
      return old_law ? "Luật THADS 2008, Điều 39 khoản 2"
                     : "Luật THADS 2025, Điều 35; Nghị định 152/2026/NĐ-CP, Điều 15";
    case LegalRule::verify:
      return old_law ? "Luật THADS 2008, Điều 45 khoản 1, Điều 44 khoản 1"
                     : "Luật THADS 2025, Điều 36 khoản 1, Điều 38; Nghị định 152/2026/NĐ-CP, Điều 21";
    case LegalRule::reverify:
      return old_law ? "Luật THADS 2008, Điều 44 khoản 2" : "Luật THADS 2025, Điều 38 khoản 3";
    case LegalRule::decide_postponement:
      // The L.106 article on hoãn is not known to us (legal-rules.md §1.1).
      return old_law ? "Luật THADS 2008, Điều 48 khoản 3" : "Luật THADS 2025 (Luật số 106/2025/QH15)";
    case LegalRule::decide_suspension:
      return old_law ? "Luật THADS 2008, Điều 49" : "Luật THADS 2025 (Luật số 106/2025/QH15)";
    case LegalRule::decide_termination:
      return old_law ? "Luật THADS 2008, Điều 50" : "Luật THADS 2025, Điều 48";
    case LegalRule::decide_unable:
      return old_law ? "Luật THADS 2008, Điều 44a; Nghị định 62/2015/NĐ-CP, Điều 9 khoản 4"
                     : "Luật THADS 2025, Điều 38";
    case LegalRule::publish_unable:
      return old_law ? "Nghị định 62/2015/NĐ-CP, Điều 11 khoản 1" : "Nghị định 152/2026/NĐ-CP, Điều 23";
    case LegalRule::payout:
      return old_law ? "Luật THADS 2008, Điều 47 khoản 5"
                     : "Luật THADS 2025, Điều 54; Nghị định 152/2026/NĐ-CP, Điều 30";
    case LegalRule::coercion_day_off:
      return old_law ? "Luật THADS 2008, Điều 46 khoản 2" : "Nghị định 152/2026/NĐ-CP, Điều 42 khoản 2";
    case LegalRule::coercion_near_tet:
      return old_law ? "Luật THADS 2008, Điều 46 khoản 2; Nghị định 62/2015/NĐ-CP, Điều 13 khoản 2"
                     : "Nghị định 152/2026/NĐ-CP, Điều 42 khoản 2";
    case LegalRule::separate_register:
      return old_law ? "Nghị định 62/2015/NĐ-CP, Điều 9 khoản 5" : "Nghị định 152/2026/NĐ-CP, Điều 22";
    case LegalRule::public_posting:
      return old_law ? "Luật THADS 2008, Điều 42 khoản 3" : "Nghị định 152/2026/NĐ-CP, Điều 17 khoản 3";
  }
  return "";
}

RegimePeriods LegalSettings::periods(Regime r) const {
  if (r == Regime::law_2008) {
    // [V] L.THADS 2008: Art. 36(1),(2); 39(2); 45(1); 44(1); 44(2); 48(3),
    // 49(2), 50, 44a with NĐ62 Art. 9(4); NĐ62 Art. 11(1); Art. 47(5).
    return RegimePeriods{5, 3, 10, 10, 6, 12, 5, 5, 10};
  }
  return RegimePeriods{issue_decision_wd_2025, notify_wd_2025,          voluntary_days_2025,
                       verify_days_2025,       reverify_months_2025,    reverify_months_long_2025,
                       status_decision_wd_2025, publish_wd_2025,        payout_days_2025};
}

std::optional<LegalSettings> LegalSettings::from_json(const std::string& text, std::string* error) {
  // Bounded like every JSON text from outside (json_limits.h, docs/limits.md).
  const BoundedJson parsed = parse_json_bounded(text);
  if (!parsed.value) return fail(error, "legal settings: not valid JSON (" + parsed.message + ")");
  const nlohmann::json& j = *parsed.value;
  if (!j.is_object()) return fail(error, "legal settings: expected a JSON object");
  LegalSettings s;
  for (const auto& [key, value] : j.items()) {
    if (key == kMakeupKey) {
      if (!value.is_boolean()) return fail(error, "legal settings: " + key + " must be true or false");
      s.makeup_days_are_working_days = value.get<bool>();
      continue;
    }
    const IntField* f = nullptr;
    for (const IntField& c : kIntFields)
      if (c.key == key) f = &c;
    if (!f) return fail(error, "legal settings: unknown key " + key);
    if (!value.is_number_integer()) return fail(error, "legal settings: " + key + " must be an integer");
    const auto v = value.get<int64_t>();
    if (v < f->min || v > f->max)
      return fail(error, "legal settings: " + key + " must be between " + std::to_string(f->min) + " and " +
                             std::to_string(f->max));
    s.*(f->field) = static_cast<int>(v);
  }
  return s;
}

std::string LegalSettings::to_json() const {
  nlohmann::ordered_json j;
  for (const IntField& f : kIntFields) j[std::string(f.key)] = this->*(f.field);
  j[std::string(kMakeupKey)] = makeup_days_are_working_days;
  return j.dump();
}

}  // namespace thads
