#include "http/event_form.h"

#include <cstdio>
#include <map>

#include "domain/date.h"

namespace thads::http {
namespace {

using K = FormField::Kind;

const std::vector<Choice> kPostponeGrounds{
    {"48.1.a", "Điều 48.1.a — người phải thi hành án ốm nặng, mất năng lực hành vi dân sự"},
    {"48.1.b", "Điều 48.1.b — chưa xác định được địa chỉ hoặc có lý do chính đáng khác"},
    {"48.1.c", "Điều 48.1.c — các đương sự đồng ý hoãn bằng văn bản"},
    {"48.1.d", "Điều 48.1.d — tài sản đang có tranh chấp, giá tài sản không đủ chi phí"},
    {"48.1.đ", "Điều 48.1.đ — chờ Tòa án giải thích bản án, trả lời kiến nghị"},
    {"48.1.e", "Điều 48.1.e — người nhận tài sản, nhận người không đến sau 2 lần thông báo"},
    {"48.1.g", "Điều 48.1.g — chuyển giao quyền, nghĩa vụ chưa thực hiện được do bất khả kháng"},
    {"48.1.h", "Điều 48.1.h — tài sản không bán được, người được thi hành án không nhận"},
    {"48.2", "Điều 48.2 — theo yêu cầu của người có thẩm quyền kháng nghị"},
};
const std::vector<Choice> kSuspendGrounds{
    {"protest", "Có kháng nghị giám đốc thẩm, tái thẩm (Điều 49)"},
    {"bankruptcy", "Tòa án thụ lý việc phá sản (Điều 49)"},
};
const std::vector<Choice> kTerminateGrounds{
    {"50.1.a", "Điều 50.1.a — người phải thi hành án chết, không để lại di sản"},
    {"50.1.b", "Điều 50.1.b — người được thi hành án chết, quyền lợi không được thừa kế"},
    {"50.1.c", "Điều 50.1.c — đương sự thỏa thuận, người được thi hành án không yêu cầu nữa"},
    {"50.1.d", "Điều 50.1.d — bản án, quyết định bị hủy"},
    {"50.1.đ", "Điều 50.1.đ — tổ chức phải thi hành án giải thể, không còn tài sản"},
    {"50.1.e", "Điều 50.1.e — có quyết định miễn nghĩa vụ thi hành án"},
    {"50.1.g", "Điều 50.1.g — Tòa án mở thủ tục phá sản đối với người phải thi hành án"},
    {"50.1.h", "Điều 50.1.h — người chưa thành niên được giao nuôi dưỡng đã chết hoặc thành niên"},
};
const std::vector<Choice> kUnableReasons{
    {"no_income_or_assets", "Không có thu nhập, tài sản để thi hành án (Điều 44a.1.a)"},
    {"item_gone", "Tài sản phải giao trả không còn (Điều 44a.1.b)"},
    {"address_unknown", "Chưa xác định được địa chỉ, nơi cư trú (Điều 44a.1.c)"},
};
const std::vector<Choice> kVerifyResults{{"able", "Có điều kiện thi hành án"},
                                         {"unable", "Không có điều kiện thi hành án"}};
const std::vector<Choice> kCollectMethods{{"voluntary", "Tự nguyện nộp"},
                                          {"coerced", "Cưỡng chế"},
                                          {"settled", "Các bên tự thỏa thuận, giao nhận"}};

const std::vector<Choice> kCategories{
    {"maintenance", "Cấp dưỡng"},
    {"wages", "Tiền lương, tiền công lao động"},
    {"injury_compensation", "Bồi thường tính mạng, sức khỏe"},
    {"court_fee", "Án phí, lệ phí Tòa án"},
    {"fine", "Tiền phạt"},
    {"confiscation", "Tịch thu sung quỹ nhà nước"},
    {"state_revenue", "Khoản thu khác cho Nhà nước"},
    {"property_return", "Trả lại tiền, tài sản"},
    {"other_money", "Khoản tiền khác"},
    {"deliver_asset", "Giao tài sản"},
    {"perform_act", "Thực hiện công việc"},
};
const std::vector<Choice> kJudgmentKinds{
    {"civil", "Dân sự"},           {"criminal", "Hình sự"},   {"administrative", "Hành chính"},
    {"marriage_family", "Hôn nhân và gia đình"}, {"business", "Kinh doanh, thương mại"},
    {"labour", "Lao động"},        {"bankruptcy", "Phá sản"}, {"arbitration", "Trọng tài thương mại"},
    {"other", "Khác"},
};

FormField f(std::string name, std::string label, K kind, bool required = false, std::vector<Choice> c = {}) {
  return FormField{std::move(name), std::move(label), kind, required, std::move(c)};
}

const std::map<EventType, std::vector<FormField>>& table() {
  static const std::map<EventType, std::vector<FormField>> t{
      {EventType::officer_assigned, {f("officer", "Chấp hành viên", K::officer, true)}},
      {EventType::notified, {}},
      {EventType::verified,
       {f("result", "Kết quả xác minh", K::choice, true, kVerifyResults), f("reason", "Ghi chú, lý do", K::text)}},
      {EventType::unable_decided,
       {f("reason", "Lý do chưa có điều kiện", K::choice, true, kUnableReasons),
        f("prisoner", "Người phải thi hành án đang chấp hành hình phạt tù còn từ 2 năm trở lên", K::flag),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::resumed, {}},
      {EventType::postponed,
       {f("ground", "Căn cứ hoãn", K::choice, true, kPostponeGrounds),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::suspended,
       {f("ground", "Căn cứ tạm đình chỉ", K::choice, true, kSuspendGrounds),
        f("grounds_date", "Ngày phát sinh căn cứ", K::date)}},
      {EventType::collected,
       {f("amount", "Số tiền (đồng)", K::amount, true), f("method", "Hình thức", K::choice, true, kCollectMethods)}},
      {EventType::paid_out, {f("amount", "Số tiền (đồng)", K::amount, true), f("to", "Người nhận", K::text, true)}},
      {EventType::reduced, {f("amount", "Số tiền được giảm (đồng)", K::amount, true)}},
      {EventType::terminated,
       {f("ground", "Căn cứ đình chỉ", K::choice, true, kTerminateGrounds),
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

const std::vector<Choice>* choices_of(const std::string& field) {
  static const std::map<std::string, const std::vector<Choice>*> m{
      {"reason", &kUnableReasons}, {"result", &kVerifyResults}, {"method", &kCollectMethods}};
  if (field == "ground") return nullptr;  // several tables; searched below
  auto it = m.find(field);
  return it == m.end() ? nullptr : it->second;
}

std::string label_in(const std::vector<Choice>& c, const std::string& value) {
  for (const auto& x : c)
    if (x.value == value) return x.label;
  return value;
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

std::string choice_label(const std::string& field, const std::string& value) {
  if (field == "ground") {
    for (const auto* t : {&kPostponeGrounds, &kSuspendGrounds, &kTerminateGrounds}) {
      const std::string l = label_in(*t, value);
      if (l != value) return l;
    }
    return value;
  }
  if (const auto* c = choices_of(field)) return label_in(*c, value);
  return value;
}

std::string category_label(const std::string& category) { return label_in(kCategories, category); }
std::string judgment_kind_label(const std::string& kind) { return label_in(kJudgmentKinds, kind); }
std::string mode_label(const std::string& mode) {
  return mode == "on_request" ? "Theo đơn yêu cầu" : mode == "proactive" ? "Chủ động" : mode;
}
const std::vector<Choice>& obligation_categories() { return kCategories; }
const std::vector<Choice>& judgment_kinds() { return kJudgmentKinds; }

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
