#include "modules/coordination/domain/coercion_plan.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "domain/interchange.h"
#include "domain/legal_settings.h"

namespace thads::coordination {
namespace {

using json = nlohmann::json;

struct Bad {
  std::string message;
};

const json& need(const json& o, const char* k) {
  if (!o.contains(k)) throw Bad{std::string("missing field '") + k + "'"};
  return o[k];
}

std::string text(const json& o, const char* k, size_t max, bool required) {
  if (!o.contains(k)) {
    if (required) throw Bad{std::string("missing field '") + k + "'"};
    return {};
  }
  const json& v = o[k];
  if (!v.is_string() || v.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos ||
      v.get_ref<const std::string&>().size() > max)
    throw Bad{std::string("field '") + k + "' must be a text of 1 to " + std::to_string(max) + " bytes"};
  return v.get<std::string>();
}

Date date_of(const json& o, const char* k) {
  const json& v = need(o, k);
  auto d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt;
  if (!d) throw Bad{std::string("field '") + k + "' must be a date YYYY-MM-DD"};
  return *d;
}

int64_t count_of(const json& o, const char* k, int64_t max) {
  if (!o.contains(k)) return 0;
  const json& v = o[k];
  if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > max)
    throw Bad{std::string("field '") + k + "' must be a whole number from 0 to " + std::to_string(max)};
  return v.get<int64_t>();
}

int minutes_of(const json& o, const char* k) {
  const json& v = need(o, k);
  const std::string s = v.is_string() ? v.get<std::string>() : "";
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
    throw Bad{std::string("field '") + k + "' must be a time HH:MM"};
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) throw Bad{std::string("field '") + k + "' must be a time HH:MM"};
  return h * 60 + m;
}

void only(const json& o, std::initializer_list<const char*> keys, const char* what) {
  for (const auto& item : o.items()) {
    const std::string& k = item.key();  // named, not a structured binding: clang 14 cannot capture those
    if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; }))
      throw Bad{"unknown field '" + k + "' of " + what};
  }
}

void parse_planned(const json& o, CoercionPlan& p, bool drafting) {
  only(o, {"kind", "case", "seq", "type", "date", "person", "measure", "scheduled_date", "start_time", "place", "method",
           "forces", "costs", "large", "chairman_report_date", "event_seq", "requests", "overrides", "recorded_at",
           "actor"},
       "coercion_plan");
  const json& person = need(o, "person");
  if (!person.is_object()) throw Bad{"field 'person' must be an object {name, id_number?}"};
  only(person, {"name", "id_number"}, "person");
  p.person_name = text(person, "name", 500, true);
  p.person_id = text(person, "id_number", 64, false);
  p.measure = text(o, "measure", 64, true);
  if (measure_label(p.measure).empty()) throw Bad{"field 'measure' must be one of the six measures of Art. 71"};
  p.scheduled = date_of(o, "scheduled_date");
  // A plan sets the time of a coercion still to come (Art. 72(c)).
  if (p.scheduled < p.date) throw Bad{"field 'scheduled_date' is before the plan's date"};
  p.start_minutes = minutes_of(o, "start_time");
  p.place = text(o, "place", 500, true);
  p.method = text(o, "method", 4000, true);
  const json& f = need(o, "forces");
  if (!f.is_object()) throw Bad{"field 'forces' must be an object"};
  only(f, {"police", "commune", "militia", "other", "other_note"}, "forces");
  p.forces.police = count_of(f, "police", 100000);
  p.forces.commune = count_of(f, "commune", 100000);
  p.forces.militia = count_of(f, "militia", 100000);
  p.forces.other = count_of(f, "other", 100000);
  p.forces.other_note = text(f, "other_note", 500, false);
  if (p.forces.police + p.forces.commune + p.forces.militia + p.forces.other == 0)
    throw Bad{"field 'forces' must mobilise at least one person"};
  const json& costs = need(o, "costs");
  if (!costs.is_array() || costs.size() > 50) throw Bad{"field 'costs' must be a list of at most 50 items"};
  for (const json& c : costs) {
    if (!c.is_object()) throw Bad{"field 'costs' must hold objects {item, amount}"};
    only(c, {"item", "amount"}, "costs");
    CostItem item{text(c, "item", 500, true), 0};
    const json& a = need(c, "amount");
    if (!a.is_number_integer() || a.get<int64_t>() < 0) throw Bad{"field 'costs.amount' must be whole đồng, 0 or more"};
    item.amount = a.get<int64_t>();
    // Whole VND in int64, overflow checked.
    if (__builtin_add_overflow(p.cost_total, item.amount, &p.cost_total)) throw Bad{"field 'costs' adds up beyond int64"};
    p.costs.push_back(std::move(item));
  }
  if (o.contains("large") && !o["large"].is_boolean()) throw Bad{"field 'large' must be true or false"};
  p.large = o.value("large", false);
  if (o.contains("chairman_report_date")) p.chairman_report_date = date_of(o, "chairman_report_date");
  if (p.large && !p.chairman_report_date) throw Bad{"missing field 'chairman_report_date' (a large case)"};
  if (!drafting || o.contains("event_seq")) {
    const json& e = need(o, "event_seq");
    if (!e.is_number_integer() || e.get<int64_t>() < 1) throw Bad{"field 'event_seq' must be an event's seq"};
    p.event_seq = e.get<int64_t>();
  }
  if (!drafting || o.contains("requests")) {
    const json& r = need(o, "requests");
    if (!r.is_object()) throw Bad{"field 'requests' must be an object {police, people_committee, procuracy}"};
    only(r, {"police", "people_committee", "procuracy"}, "requests");
    p.police_request = text(r, "police", 64, true);
    p.commune_request = text(r, "people_committee", 64, true);
    p.procuracy_request = text(r, "procuracy", 64, true);
  }
  if (o.contains("overrides")) {
    const json& ov = o["overrides"];
    if (!ov.is_array()) throw Bad{"field 'overrides' must be a list"};
    std::set<std::string> seen;
    for (const json& x : ov) {
      if (!x.is_object()) throw Bad{"field 'overrides' must hold objects {ban, reason, by}"};
      only(x, {"ban", "reason", "by"}, "overrides");
      Override v{text(x, "ban", 64, true), text(x, "reason", 2000, true), text(x, "by", 200, true)};
      if (std::none_of(std::begin(kBanCodes), std::end(kBanCodes), [&](const char* c) { return v.ban == c; }))
        throw Bad{"field 'overrides.ban' names no ban: " + v.ban};
      if (!seen.insert(v.ban).second) throw Bad{"field 'overrides' names " + v.ban + " twice"};
      p.overrides.push_back(std::move(v));
    }
  }
}

std::string ban_article(std::string_view code, Regime r) {
  const bool old_law = r == Regime::law_2008;
  if (code == "coercion_at_night")
    return old_law ? "Luật THADS 2008, Điều 46 khoản 2" : "Nghị định 152/2026/NĐ-CP, Điều 42 khoản 2";
  if (code == "coercion_on_day_off") return std::string(article(LegalRule::coercion_day_off, r));
  if (code == "coercion_near_tet") return std::string(article(LegalRule::coercion_near_tet, r));
  return old_law ? "Nghị định 62/2015/NĐ-CP, Điều 13 khoản 3" : "Nghị định 152/2026/NĐ-CP, Điều 42 khoản 3";
}

}  // namespace

std::string measure_label(std::string_view m) {
  if (m == "deduct_account") return "Khấu trừ tiền trong tài khoản; thu hồi, xử lý tiền, giấy tờ có giá";
  if (m == "deduct_income") return "Trừ vào thu nhập của người phải thi hành án";
  if (m == "seize_assets") return "Kê biên, xử lý tài sản, kể cả tài sản đang do người thứ ba giữ";
  if (m == "exploit_assets") return "Khai thác tài sản";
  if (m == "force_delivery") return "Buộc chuyển giao vật, chuyển giao quyền tài sản, giấy tờ";
  if (m == "force_act") return "Buộc người phải thi hành án thực hiện hoặc không thực hiện công việc nhất định";
  return {};
}

std::string start_time_text(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 24, minutes % 60);
  return buf;
}

std::variant<CoercionPlan, Refusal> parse_coercion_plan(const json& o, int64_t now_unix, bool drafting) {
  try {
    if (!o.is_object()) throw Bad{"a coercion_plan is a JSON object"};
    CoercionPlan p;
    p.case_id = text(o, "case", 64, true);
    const json& seq = need(o, "seq");
    if (!seq.is_number_integer() || seq.get<int64_t>() < 1) throw Bad{"field 'seq' must be an integer from 1"};
    p.seq = seq.get<int64_t>();
    p.type = text(o, "type", 16, true);
    p.date = date_of(o, "date");
    if (p.type == "planned") {
      parse_planned(o, p, drafting);
    } else if (p.type == "voided") {
      only(o, {"kind", "case", "seq", "type", "date", "voids", "reason", "recorded_at", "actor"}, "coercion_plan");
      const json& v = need(o, "voids");
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() >= p.seq)
        throw Bad{"field 'voids' must be the seq of an earlier plan of the case"};
      p.voids = v.get<int64_t>();
      p.reason = text(o, "reason", 2000, true);
    } else {
      throw Bad{"field 'type' must be planned or voided"};
    }
    p.recorded_at = now_unix;
    if (o.contains("recorded_at")) {
      auto t = o["recorded_at"].is_string() ? parse_rfc3339(o["recorded_at"].get<std::string>()) : std::nullopt;
      if (!t) throw Bad{"field 'recorded_at' must be an RFC 3339 time"};
      p.recorded_at = *t;
    }
    p.actor = text(o, "actor", 200, false);
    json canon = o;
    canon["kind"] = "coercion_plan";
    p.raw = canon.dump();  // nlohmann's object keeps its keys sorted
    return p;
  } catch (const Bad& b) {
    return Refusal{"bad_field", b.message, ""};
  }
}

std::vector<Ban> plan_bans(const CoercionPlan& p, const Calendar& cal, int tet_window_days) {
  std::vector<Ban> out;
  if (p.type != "planned") return out;
  const Date d = p.scheduled;
  const Regime r = regime_on(d);
  auto add = [&](const char* code, std::string vi) { out.push_back({code, std::move(vi), ban_article(code, r)}); };
  // Art. 46(2) (NĐ 152/2026 Art. 42(2)): not between 22:00 and 06:00.
  if (p.start_minutes >= 22 * 60 || p.start_minutes < 6 * 60)
    add("coercion_at_night", "Giờ bắt đầu cưỡng chế " + start_time_text(p.start_minutes) +
                                 " nằm trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau: không được tổ chức cưỡng chế.");
  // Art. 46(2): not on rest days or public holidays.
  if (cal.is_day_off(d))
    add("coercion_on_day_off", "Ngày cưỡng chế " + d.vn() + " là " +
                                   (d.is_weekend() && !cal.name_of(d) ? std::string(d.weekday() == 5 ? "thứ Bảy" : "Chủ nhật")
                                                                      : cal.name_of(d).value_or("ngày nghỉ")) +
                                   ": không được tổ chức cưỡng chế vào ngày nghỉ, ngày lễ.");
  // Art. 46(2); NĐ 62 Art. 13(2); NĐ 152/2026 Art. 42(2): a coercion that
  // mobilises forces, not within 15 days before and after Tết Nguyên đán.
  if (cal.in_tet_window(d, tet_window_days))
    add("coercion_near_tet", "Ngày cưỡng chế " + d.vn() + " nằm trong " + std::to_string(tet_window_days) +
                                 " ngày trước và sau Tết Nguyên đán: không được tổ chức cưỡng chế có huy động lực lượng.");
  // NĐ 62 Art. 13(3): a large, complex case is reported to the chairman of
  // the People's Committee at least 5 working days before; from 01/07/2026
  // NĐ 152/2026 Art. 42(3) asks only that the report come before.
  if (p.large && p.chairman_report_date) {
    const Date rep = *p.chairman_report_date;
    if (r == Regime::law_2008) {
      const Date latest = cal.add_working_days(d, -5);
      if (latest < rep)
        add("chairman_report_late", "Báo cáo Chủ tịch Ủy ban nhân dân ngày " + rep.vn() +
                                        " chậm: phải báo cáo chậm nhất 05 ngày làm việc trước ngày cưỡng chế (" +
                                        latest.vn() + ").");
    } else if (!(rep < d)) {
      add("chairman_report_late", "Báo cáo Chủ tịch Ủy ban nhân dân ngày " + rep.vn() +
                                      " chậm: phải báo cáo trước ngày cưỡng chế " + d.vn() + ".");
    }
  }
  return out;
}

BanCheck check_bans(const CoercionPlan& p, const Calendar& cal, int tet_window_days) {
  BanCheck out;
  const std::vector<Ban> bans = plan_bans(p, cal, tet_window_days);
  for (const Ban& b : bans)
    if (std::none_of(p.overrides.begin(), p.overrides.end(), [&](const Override& o) { return o.ban == b.code; }))
      out.unmet.push_back(b);
  for (const Override& o : p.overrides)
    if (std::none_of(bans.begin(), bans.end(), [&](const Ban& b) { return b.code == o.ban; }))
      out.stray_overrides.push_back(o.ban);
  return out;
}

std::string ban_text_vi(std::string_view code) {
  if (code == "coercion_at_night") return "Không được tổ chức cưỡng chế trong thời gian từ 22 giờ đến 06 giờ sáng hôm sau.";
  if (code == "coercion_on_day_off") return "Không được tổ chức cưỡng chế vào ngày nghỉ, ngày lễ.";
  if (code == "coercion_near_tet")
    return "Không được tổ chức cưỡng chế có huy động lực lượng trong thời gian 15 ngày trước và sau Tết Nguyên đán.";
  if (code == "chairman_report_late")
    return "Vụ việc lớn, phức tạp phải báo cáo Chủ tịch Ủy ban nhân dân trước khi cưỡng chế (chậm nhất 05 ngày làm việc "
           "theo Nghị định 62/2015/NĐ-CP; trước khi cưỡng chế theo Nghị định 152/2026/NĐ-CP).";
  return {};
}

std::string override_article(const CoercionPlan& p, std::string_view ban) {
  return ban_article(ban, regime_on(p.scheduled));
}

std::set<int64_t> voided_plan_events(const std::vector<CoercionPlan>& plans) {
  std::map<int64_t, int64_t> event_of;  // plan seq -> its event
  std::set<int64_t> out;
  for (const CoercionPlan& p : plans) {
    if (p.type == "planned") event_of[p.seq] = p.event_seq;
    else if (auto it = event_of.find(p.voids); it != event_of.end() && it->second > 0) out.insert(it->second);
  }
  return out;
}

}  // namespace thads::coordination
