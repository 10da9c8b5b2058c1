#include "modules/accountability/http/acc_forms.h"

#include "http/event_form.h"

namespace thads::accountability {
namespace {

using F = Field;

const std::vector<Choice> kModes{{"planned", "Theo kế hoạch"}, {"ad_hoc", "Đột xuất"}};
const std::vector<Choice> kMeasures{{"reminder", "Nhắc nhở"},
                                    {"criticism", "Phê bình"},
                                    {"reprimand", "Kỷ luật khiển trách"},
                                    {"warning", "Kỷ luật cảnh cáo"},
                                    {"salary_downgrade", "Kỷ luật hạ bậc lương"},
                                    {"demotion", "Kỷ luật giáng chức"},
                                    {"dismissal_from_post", "Kỷ luật cách chức"},
                                    {"forced_resignation", "Kỷ luật buộc thôi việc"}};

struct Def {
  Kind kind;
  std::string type, label;
  std::vector<Field> fields;
};

const std::vector<Def>& defs() {
  static const std::vector<Def> d{
      {Kind::inspection, "opened", "Mở cuộc kiểm tra",
       {F{F::agency, "agency", "Đơn vị được kiểm tra", true, {}}, F{F::agency, "by", "Đơn vị kiểm tra", true, {}},
        F{F::choice, "mode", "Hình thức", true, kModes}, F{F::text, "subject", "Nội dung kiểm tra", false, {}}}},
      {Kind::inspection, "finding", "Ghi nhận sai phạm phát hiện",
       {F{F::text, "rule", "Quy định bị vi phạm (điều, khoản)", true, {}}, F{F::text, "text", "Nội dung sai phạm", true, {}},
        F{F::text, "case", "Số hồ sơ việc thi hành án", false, {}}, F{F::text, "officer", "Mã chấp hành viên, công chức", false, {}}}},
      {Kind::inspection, "remedy_ordered", "Yêu cầu khắc phục",
       {F{F::seq, "finding", "Sai phạm", true, {}}, F{F::date, "due", "Hạn khắc phục", true, {}},
        F{F::text, "text", "Nội dung yêu cầu khắc phục", true, {}}}},
      {Kind::inspection, "remedy_done", "Ghi nhận đã khắc phục",
       {F{F::seq, "remedy", "Yêu cầu khắc phục", true, {}}, F{F::text, "note", "Ghi chú", false, {}}}},
      {Kind::inspection, "concluded", "Kết luận kiểm tra", {F{F::text, "number", "Số kết luận", false, {}}}},
      {Kind::violation, "recorded", "Ghi nhận vi phạm của công chức",
       {F{F::agency, "agency", "Đơn vị", true, {}}, F{F::text, "officer", "Mã chấp hành viên, công chức", true, {}},
        F{F::text, "rule", "Quy định bị vi phạm (điều, khoản)", true, {}}, F{F::text, "text", "Nội dung vi phạm", true, {}},
        F{F::text, "case", "Số hồ sơ việc thi hành án", false, {}}, F{F::text, "inspection", "Số cuộc kiểm tra", false, {}}}},
      {Kind::violation, "measure", "Biện pháp xử lý",
       {F{F::choice, "measure", "Biện pháp", true, kMeasures}, F{F::text, "decision", "Số quyết định", false, {}}}},
      {Kind::violation, "closed", "Kết thúc theo dõi", {}},
  };
  return d;
}

const Def* def(Kind k, const std::string& type) {
  for (const Def& d : defs())
    if (d.kind == k && d.type == type) return &d;
  return nullptr;
}

}  // namespace

std::string act_label(Kind k, const std::string& type) {
  const Def* d = def(k, type);
  return d ? d->label : type;
}

const std::vector<Field>& fields_of(Kind k, const std::string& type) {
  static const std::vector<Field> none;
  const Def* d = def(k, type);
  return d ? d->fields : none;
}

std::string choice_label(const std::string& field, const std::string& value) {
  for (const auto* list : {&kModes, &kMeasures})
    for (const Choice& c : *list)
      if (c.value == value && (field == "mode" || field == "measure")) return c.label;
  return value;
}

std::string details_of(Kind k, const Rec& r) {
  std::string out;
  for (const Field& f : fields_of(k, r.type)) {
    std::string v;
    if (f.kind == F::seq) v = r.integer(f.name.c_str()) ? "#" + std::to_string(r.integer(f.name.c_str())) : "";
    else if (f.kind == F::date) v = r.date_of(f.name.c_str()) ? r.date_of(f.name.c_str())->vn() : "";
    else v = choice_label(f.name, r.text(f.name.c_str()));
    if (!v.empty()) out += (out.empty() ? "" : "; ") + f.label + ": " + v;
  }
  return out;
}

nlohmann::json act_from_form(Kind k, const http::Params& form) {
  auto get = [&](const std::string& n) {
    auto it = form.find(n);
    return it == form.end() ? std::string() : it->second;
  };
  nlohmann::json out{{"type", get("type")}};
  if (const std::string d = get("date"); !d.empty()) out["date"] = http::form_date(d);
  for (const Field& f : fields_of(k, get("type"))) {
    const std::string v = get(f.name);
    if (v.empty()) continue;
    if (f.kind == F::date) out[f.name] = http::form_date(v);
    else if (f.kind == F::seq && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos)
      out[f.name] = std::stoll(v);
    else out[f.name] = v;
  }
  return out;
}

}  // namespace thads::accountability
