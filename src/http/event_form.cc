#include "http/event_form.h"

#include <cstdio>
#include <map>

#include "domain/date.h"

namespace thads::http {
namespace {

using K = FormField::Kind;

FormField f(std::string name, std::string label, K kind, bool required = false, std::vector<Choice> c = {}) {
  return FormField{std::move(name), std::move(label), kind, required, std::move(c)};
}

const std::map<EventType, std::vector<FormField>>& table() {
  static const std::map<EventType, std::vector<FormField>> t{
      {EventType::officer_assigned, {f("officer", "Chấp hành viên", K::officer, true)}},
      {EventType::notified, {}},
      {EventType::verified,
       {f("result", "Kết quả xác minh", K::choice, true, verify_results()), f("reason", "Ghi chú, lý do", K::text)}},
      {EventType::unable_decided,
       {f("reason", "Lý do chưa có điều kiện", K::choice, true, unable_reasons()),
        f("prisoner", "Người phải thi hành án đang chấp hành hình phạt tù còn từ 2 năm trở lên", K::flag),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::resumed, {}},
      {EventType::postponed,
       {f("ground", "Căn cứ hoãn", K::choice, true, postpone_grounds()),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::suspended,
       {f("ground", "Căn cứ tạm đình chỉ", K::choice, true, suspend_grounds()),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::collected,
       {f("amount", "Số tiền (đồng)", K::amount, true), f("method", "Hình thức", K::choice, true, collect_methods())}},
      {EventType::paid_out, {f("amount", "Số tiền (đồng)", K::amount, true), f("to", "Người nhận", K::text, true)}},
      {EventType::reduced, {f("amount", "Số tiền được giảm (đồng)", K::amount, true)}},
      {EventType::terminated,
       {f("ground", "Căn cứ đình chỉ", K::choice, true, terminate_grounds()),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::completed, {}},
      {EventType::entrusted_out, {f("to_agency", "Cơ quan nhận ủy thác", K::agency, true)}},
      {EventType::pulled_up, {f("to_agency", "Cơ quan cấp trên", K::agency, true)}},
      {EventType::request_sent_back, {}},
      {EventType::moved_to_separate_register, {}},
      {EventType::coercion_planned,
       {f("scheduled_date", "Ngày dự kiến cưỡng chế", K::date, true), f("measure", "Biện pháp", K::text, true),
        f("mobilised_forces", "Có huy động lực lượng", K::flag)}},
      {EventType::coercion_executed, {f("measure", "Biện pháp", K::text, true)}},
      {EventType::voided,
       {f("voids", "Số thứ tự sự kiện bị hủy bỏ", K::integer, true), f("reason", "Lý do", K::text, true)}},
      {EventType::reversed,
       {f("reverses", "Số thứ tự khoản thu, chi bị ghi đảo", K::integer, true),
        f("reason", "Lý do điều chỉnh", K::text, true)}},
      {EventType::reversal_approved, {f("approves", "Số thứ tự bút toán đảo được duyệt", K::integer, true)}},
  };
  return t;
}

}  // namespace

const std::vector<FormField>& form_fields(EventType t) {
  static const std::vector<FormField> none;
  auto it = table().find(t);
  return it == table().end() ? none : it->second;
}

std::vector<EventType> recordable_types() {
  std::vector<EventType> out;
  for (int i = 0; i < kEventTypeCount; ++i)
    if (static_cast<EventType>(i) != EventType::case_opened) out.push_back(static_cast<EventType>(i));
  return out;
}

// "1.234.567", "1 234 567" and "1234567" are the same amount. In Vietnamese
// the dot separates thousands and the comma decimals, so a separator is
// accepted only between groups of exactly three digits (one kind of separator
// per amount); "1.5", "1,5", "1.50.000" and "12.34" are refused, never read
// as 15 or 1234.
std::optional<long long> parse_amount(const std::string& typed) {
  const size_t b = typed.find_first_not_of(" \t");
  if (b == std::string::npos) return std::nullopt;
  const std::string s = typed.substr(b, typed.find_last_not_of(" \t") - b + 1);
  char sep = 0;
  std::string digits;
  size_t group = 0;  // digits since the last separator
  bool grouped = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
      continue;
    }
    if (c != '.' && c != ' ') return std::nullopt;
    if (sep && c != sep) return std::nullopt;
    sep = c;
    // The first group has 1–3 digits, every later one exactly 3.
    if (group == 0 || group > 3 || (grouped && group != 3)) return std::nullopt;
    grouped = true;
    group = 0;
  }
  if (grouped && group != 3) return std::nullopt;
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  return std::stoll(digits);
}

std::string form_date(const std::string& typed) {
  if (typed.size() < 8 || typed.size() > 10 || typed.find_first_not_of("0123456789/") != std::string::npos)
    return typed;
  unsigned d = 0, m = 0, y = 0;
  int used = 0;
  if (std::sscanf(typed.c_str(), "%2u/%2u/%4u%n", &d, &m, &y, &used) != 3 || static_cast<size_t>(used) != typed.size() ||
      y < 1000)
    return typed;
  char iso[40];
  std::snprintf(iso, sizeof iso, "%04u-%02u-%02u", y, m, d);
  return Date::parse(iso) ? std::string(iso) : typed;
}

nlohmann::json event_from_form(const Params& form) {
  nlohmann::json ev = nlohmann::json::object();
  auto get = [&](const std::string& k) -> std::string {
    auto it = form.find(k);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string type = get("type");
  ev["type"] = type;
  if (!get("date").empty()) ev["date"] = form_date(get("date"));
  auto t = event_type_from(type);
  if (!t) return ev;
  for (const FormField& fld : form_fields(*t)) {
    const std::string v = get(fld.name);
    if (fld.kind == K::flag) {
      // An unticked checkbox sends nothing: that is `false`, not a missing field.
      ev[fld.name] = !v.empty();
      continue;
    }
    if (v.empty()) continue;
    if (fld.kind == K::amount || fld.kind == K::integer) {
      if (auto n = parse_amount(v)) ev[fld.name] = *n;
      else ev[fld.name] = v;  // the domain refuses it as bad_field
      continue;
    }
    if (fld.kind == K::date) {
      ev[fld.name] = form_date(v);
      continue;
    }
    ev[fld.name] = v;
  }
  return ev;
}

}  // namespace thads::http
