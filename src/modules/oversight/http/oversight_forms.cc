#include "modules/oversight/http/oversight_forms.h"

#include <map>

#include "http/event_form.h"
#include "http/pages.h"

namespace thads::oversight {
namespace {

using F = ActField;
using json = nlohmann::json;

struct ActDef {
  std::string type, label;
  std::vector<ActField> fields;
};

const std::vector<ActChoice> kYesNo{{"true", "Chấp nhận"}, {"false", "Không chấp nhận"}};

F voids_field() { return F{"voids", "Thao tác bị hủy bỏ (số thứ tự)", F::number, true, {}}; }
F reason_text() { return F{"reason", "Lý do hủy bỏ", F::text, true, {}}; }

const std::vector<ActDef>& defs(StreamKind k) {
  static const std::vector<ActDef> admin{
      {"received", "Tiếp nhận bản án, quyết định (vào sổ nhận)",
       {F{"agency", "Cơ quan thi hành án theo dõi", F::agency, true, {}},
        F{"judgment.number", "Số bản án, quyết định", F::text, true, {}},
        F{"judgment.court", "Tòa án", F::text, true, {}},
        F{"judgment.date", "Ngày bản án", F::date, true, {}},
        F{"judgment.effective_date", "Ngày có hiệu lực", F::date, true, {}},
        F{"ruling", "Nội dung phán quyết", F::choice, true,
          {{"annul_decision", "Hủy quyết định hành chính"},
           {"unlawful_act", "Tuyên hành vi hành chính trái pháp luật"},
           {"failure_to_act", "Tuyên không thực hiện nhiệm vụ, công vụ là trái pháp luật"},
           {"dismissal_annulled", "Hủy quyết định kỷ luật buộc thôi việc"},
           {"competition", "Quyết định giải quyết vụ việc cạnh tranh"},
           {"voter_list", "Danh sách cử tri (thi hành ngay)"},
           {"interim_measure", "Biện pháp khẩn cấp tạm thời (thi hành ngay)"},
           {"other", "Khác"}}},
        F{"debtor.name", "Người phải thi hành (cơ quan, người có thẩm quyền)", F::text, true, {}},
        F{"debtor.address", "Địa chỉ người phải thi hành", F::text, false, {}},
        F{"debtor.level", "Cấp của người phải thi hành", F::choice, true,
          {{"central", "Trung ương (Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ)"},
           {"province", "Ủy ban nhân dân, Chủ tịch UBND cấp tỉnh"},
           {"district", "Cấp huyện"},
           {"commune", "Cấp xã"},
           {"other", "Khác"}}},
        F{"superior.name", "Cơ quan cấp trên trực tiếp", F::text, false, {}},
        F{"creditor.name", "Người được thi hành", F::text, true, {}},
        F{"obligation", "Nghĩa vụ phải thi hành", F::text, true, {}},
        F{"debtor_received_date", "Ngày người phải thi hành nhận bản án", F::date, false, {}}}},
      {"officer_assigned", "Phân công chấp hành viên theo dõi", {F{"officer", "Chấp hành viên", F::officer, true, {}}}},
      {"notice_sent", "Gửi thông báo tự nguyện thi hành", {}},
      {"debtor_reported", "Cơ quan phải thi hành báo cáo kết quả",
       {F{"result", "Kết quả", F::choice, true,
          {{"complied", "Đã chấp hành"}, {"partly_complied", "Chấp hành một phần"}, {"not_complied", "Chưa chấp hành"}}}}},
      {"delay_reason", "Nguyên nhân chậm, chưa thi hành",
       {F{"reason", "Nguyên nhân", F::choice, true,
          {{"objective_obstacle", "Trở ngại khách quan"},
           {"awaiting_funds", "Chờ bố trí kinh phí"},
           {"awaiting_superior", "Chờ ý kiến cấp trên"},
           {"disagrees", "Không đồng ý với bản án"},
           {"unclear_judgment", "Bản án chưa rõ, cần giải thích"},
           {"other", "Khác"}}},
        F{"note", "Ghi chú", F::text, false, {}}}},
      {"compel_order", "Nhận quyết định buộc thi hành án hành chính",
       {F{"number", "Số quyết định", F::text, true, {}}, F{"court", "Tòa án", F::text, true, {}},
        F{"order_date", "Ngày ra quyết định", F::date, true, {}}}},
      {"debtor_met", "Làm việc với người phải thi hành (lập biên bản)", {}},
      {"published", "Đăng tải công khai việc không chấp hành", {F{"portals", "Cổng thông tin", F::multi, true,
                  {{"province", portal_label("province")},
                   {"national", portal_label("national")},
                   {"government", portal_label("government")}}}}},
      {"unpublished", "Gỡ bỏ thông tin đăng tải công khai", {}},
      {"superior_instructed", "Cấp trên chỉ đạo thi hành bằng văn bản", {}},
      {"discipline_recommended", "Kiến nghị xử lý trách nhiệm người đứng đầu",
       {F{"to", "Gửi đến", F::text, false, {}}}},
      {"interpretation_requested", "Đề nghị Tòa án giải thích bản án", {}},
      {"interpretation_received", "Nhận văn bản giải thích của Tòa án", {}},
      {"escalated", "Báo cáo cơ quan quản lý thi hành án dân sự", {}},
      {"complied", "Xác nhận đã chấp hành xong (kết thúc theo dõi)", {}},
      {"closed", "Kết thúc theo dõi vì lý do khác",
       {F{"ground", "Lý do", F::choice, true,
          {{"judgment_set_aside", "Bản án bị hủy"}, {"transferred", "Chuyển cơ quan khác theo dõi"}, {"other", "Khác"}}}}},
      {"voided", "Hủy bỏ thao tác ghi nhầm", {voids_field(), reason_text()}},
  };
  static const std::vector<ActDef> complaint{
      {"lodged", "Tiếp nhận đơn khiếu nại",
       {F{"agency", "Cơ quan của người bị khiếu nại", F::agency, true, {}},
        F{"case", "Số hồ sơ việc thi hành án", F::text, false, {}},
        F{"complainant.name", "Người khiếu nại", F::text, true, {}},
        F{"against", "Khiếu nại đối với", F::choice, true,
          {{"officer", "Chấp hành viên"}, {"head", "Thủ trưởng cơ quan thi hành án"}}},
        F{"act", "Quyết định, hành vi bị khiếu nại", F::choice, true,
          {{"before_measures", "Trước khi áp dụng biện pháp bảo đảm, cưỡng chế"},
           {"account_freeze", "Phong tỏa tài khoản"},
           {"other_protective", "Biện pháp bảo đảm khác"},
           {"coercion", "Áp dụng biện pháp cưỡng chế"},
           {"after_coercion", "Sau khi áp dụng biện pháp cưỡng chế"}}},
        F{"act_known_date", "Ngày nhận được, biết được quyết định, hành vi", F::date, true, {}},
        F{"level", "Lần khiếu nại", F::integer_choice, true, {{"1", "Lần đầu"}, {"2", "Lần hai"}}},
        F{"first", "Số hồ sơ khiếu nại lần đầu (khi khiếu nại lần hai)", F::text, false, {}},
        F{"channel", "Hình thức tiếp nhận", F::choice, false,
          {{"desk", "Trực tiếp tại trụ sở"}, {"post", "Qua đường bưu chính"}, {"forwarded", "Do cơ quan khác chuyển đến"}}},
        F{"remote", "Vùng sâu, vùng xa, đi lại khó khăn", F::flag, false, {}}}},
      {"admitted", "Thụ lý khiếu nại", {}},
      {"rejected", "Không thụ lý khiếu nại",
       {F{"reason", "Lý do", F::choice, true,
          {{"no_interest", "Không liên quan trực tiếp đến quyền, lợi ích của người khiếu nại"},
           {"incapacity", "Người khiếu nại không có năng lực hành vi"},
           {"no_representation", "Không có giấy tờ chứng minh người đại diện"},
           {"time_expired", "Hết thời hiệu khiếu nại"},
           {"already_final", "Đã có quyết định giải quyết có hiệu lực"},
           {"other", "Khác"}}}}},
      {"extended", "Gia hạn giải quyết (vụ việc phức tạp)", {}},
      {"resolved", "Quyết định giải quyết khiếu nại",
       {F{"outcome", "Kết quả", F::choice, true,
          {{"upheld", "Khiếu nại đúng"}, {"partly_upheld", "Khiếu nại đúng một phần"}, {"dismissed", "Khiếu nại sai"}}}}},
      // Extensions (TT 13/2021/TT-BTP Art. 14): to whom and how; none ticked
      // means all three, as oversight.md defines the act.
      {"decision_sent", "Gửi quyết định giải quyết khiếu nại",
       {F{"sent_to", "Gửi cho", F::multi, false,
          {{"parties", "Người khiếu nại và đương sự có liên quan"},
           {"superior", "Cơ quan quản lý thi hành án cấp trên"},
           {"procuracy", "Viện kiểm sát nhân dân cùng cấp"}}},
        F{"how", "Hình thức gửi", F::choice, false,
          {{"hand", "Giao trực tiếp"}, {"post", "Qua đường bưu chính"}, {"electronic", "Phương tiện điện tử"}}}}},
      {"decision_published", "Công khai quyết định giải quyết khiếu nại lần hai", {}},
      {"withdrawn", "Rút khiếu nại", {}},
      {"voided", "Hủy bỏ thao tác ghi nhầm", {voids_field(), reason_text()}},
  };
  static const std::vector<ActDef> denunciation{
      {"lodged", "Tiếp nhận tố cáo",
       {F{"agency", "Cơ quan của người bị tố cáo", F::agency, true, {}},
        F{"case", "Số hồ sơ việc thi hành án", F::text, false, {}},
        F{"denouncer.name", "Người tố cáo", F::text, true, {}},
        F{"against", "Tố cáo đối với", F::choice, true,
          {{"officer", "Chấp hành viên"}, {"head", "Thủ trưởng cơ quan thi hành án"}}},
        F{"needs_checks", "Cần xác minh thêm trước khi thụ lý", F::flag, false, {}}}},
      {"admitted", "Thụ lý tố cáo", {}},
      {"rejected", "Không thụ lý tố cáo", {F{"reason", "Lý do", F::text, true, {}}}},
      {"transferred", "Chuyển cơ quan có thẩm quyền", {F{"to", "Cơ quan nhận", F::text, true, {}}}},
      {"extended", "Gia hạn giải quyết tố cáo", {}},
      {"concluded", "Kết luận nội dung tố cáo",
       {F{"outcome", "Kết luận", F::choice, true,
          {{"founded", "Tố cáo đúng"}, {"partly_founded", "Tố cáo đúng một phần"}, {"unfounded", "Tố cáo sai"}}}}},
      {"conclusion_sent", "Gửi kết luận nội dung tố cáo", {}},
      {"conclusion_published", "Công khai kết luận nội dung tố cáo", {}},
      {"withdrawn", "Rút tố cáo", {}},
      {"voided", "Hủy bỏ thao tác ghi nhầm", {voids_field(), reason_text()}},
  };
  auto procuracy_opening = [](bool protest, bool requirement) {
    std::vector<ActField> f{F{"agency", "Cơ quan thi hành án nhận", F::agency, true, {}},
                            F{"case", "Số hồ sơ việc thi hành án", F::text, false, {}},
                            F{"procuracy", "Viện kiểm sát", F::text, true, {}},
                            F{"number", "Số văn bản", F::text, true, {}}};
    if (protest) {
      f.push_back(F{"level", "Cấp kháng nghị", F::choice, true, {{"same", "Cùng cấp"}, {"superior", "Cấp trên"}}});
      f.push_back(F{"act_known_date", "Ngày Viện kiểm sát biết quyết định, hành vi", F::date, true, {}});
    }
    if (requirement)
      f.push_back(F{"demand", "Nội dung yêu cầu", F::choice, true,
                    {{"self_inspect", "Tự kiểm tra"},
                     {"issue_decision", "Ra quyết định về thi hành án"},
                     {"enforce", "Tổ chức thi hành"},
                     {"provide_documents", "Cung cấp hồ sơ, tài liệu"}}});
    return f;
  };
  static const std::vector<ActDef> procuracy{
      {"protest", "Tiếp nhận kháng nghị của Viện kiểm sát", procuracy_opening(true, false)},
      {"recommendation", "Tiếp nhận kiến nghị của Viện kiểm sát", procuracy_opening(false, false)},
      {"requirement", "Tiếp nhận yêu cầu của Viện kiểm sát", procuracy_opening(false, true)},
      {"replied", "Trả lời Viện kiểm sát", {F{"accepted", "Ý kiến", F::yes_no, true, kYesNo}}},
      {"remedied", "Khắc phục vi phạm (kết thúc)", {}},
      {"reported_to_superior", "Báo cáo cơ quan cấp trên (không đồng ý kháng nghị)", {}},
      {"superior_answered", "Cơ quan cấp trên trả lời", {F{"accepted", "Ý kiến", F::yes_no, true, kYesNo}}},
      {"closed", "Kết thúc", {}},
      {"voided", "Hủy bỏ thao tác ghi nhầm", {voids_field(), reason_text()}},
  };
  static const std::vector<ActDef> request{
      {"sent", "Gửi yêu cầu cơ quan, tổ chức",
       {F{"agency", "Cơ quan thi hành án", F::agency, true, {}},
        F{"case", "Số hồ sơ việc thi hành án", F::text, true, {}},
        F{"body", "Cơ quan, tổ chức được yêu cầu", F::body, true, {}},
        F{"purpose", "Mục đích", F::choice, true,
          {{"verify_assets", "Xác minh tài sản, tài khoản, thu nhập"},
           {"freeze_account", "Phong tỏa tài khoản (Điều 67)"},
           {"stop_transfer", "Tạm dừng đăng ký, chuyển dịch tài sản (Điều 69)"},
           {"protection", "Bảo vệ cưỡng chế (Điều 72)"},
           {"other", "Khác"}}},
        F{"subject.name", "Người bị yêu cầu (họ tên, tên tổ chức)", F::text, true, {}},
        F{"subject.id_number", "Số định danh, mã số thuế", F::text, false, {}},
        F{"amount", "Số tiền phong tỏa (đồng)", F::amount, false, {}}}},
      {"answered", "Ghi nhận trả lời của cơ quan, tổ chức",
       {F{"result", "Kết quả", F::choice, true,
          {{"found", "Có tài sản, thông tin"}, {"not_found", "Không có"}, {"done", "Đã thực hiện"}, {"refused", "Từ chối"}}},
        F{"note", "Ghi chú", F::text, false, {}}}},
      {"reminded", "Đôn đốc trả lời", {}},
      {"lifted", "Giải tỏa phong tỏa, tạm dừng (kết thúc)", {}},
      {"closed", "Kết thúc yêu cầu", {}},
      {"voided", "Hủy bỏ thao tác ghi nhầm", {voids_field(), reason_text()}},
  };
  switch (k) {
    case StreamKind::admin_judgment: return admin;
    case StreamKind::complaint: return complaint;
    case StreamKind::denunciation: return denunciation;
    case StreamKind::procuracy: return procuracy;
    case StreamKind::request: return request;
  }
  return admin;
}

const ActDef* def_of(StreamKind k, const std::string& type) {
  for (const ActDef& d : defs(k))
    if (d.type == type) return &d;
  return nullptr;
}

const json* at_path(const json& o, const std::string& path) {
  const json* cur = &o;
  size_t start = 0;
  for (;;) {
    const size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

void put_path(json& o, const std::string& path, json v) {
  json* cur = &o;
  size_t start = 0;
  for (;;) {
    const size_t dot = path.find('.', start);
    if (dot == std::string::npos) {
      (*cur)[path.substr(start)] = std::move(v);
      return;
    }
    cur = &(*cur)[path.substr(start, dot - start)];
    start = dot + 1;
  }
}

bool digits(const std::string& s) {
  return !s.empty() && s.size() < 16 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string portal_label(const std::string& p) {
  if (p == "province") return "Cổng thông tin điện tử cấp tỉnh";
  if (p == "national") return "Cổng thông tin của cơ quan quản lý thi hành án dân sự";
  if (p == "government") return "Cổng thông tin điện tử Chính phủ";
  return p;
}

std::string state_label(const std::string& s) {
  if (s == "open") return "Đang theo dõi, giải quyết";
  if (s == "ended") return "Đã kết thúc";
  if (s == "withdrawn") return "Đã hủy bỏ (ghi nhầm)";
  return s;
}

std::string act_label(StreamKind k, const std::string& type) {
  const ActDef* d = def_of(k, type);
  return d ? d->label : type;
}

const std::vector<std::string>& act_types(StreamKind k) {
  static const auto lists = [] {
    std::map<StreamKind, std::vector<std::string>> m;
    for (StreamKind kind : kStreamKinds)
      for (const ActDef& d : defs(kind)) m[kind].push_back(d.type);
    return m;
  }();
  return lists.at(k);
}

const std::vector<ActField>& act_fields(StreamKind k, const std::string& type) {
  static const std::vector<ActField> none;
  const ActDef* d = def_of(k, type);
  return d ? d->fields : none;
}

std::string choice_text(StreamKind k, const std::string& type, const std::string& field, const std::string& value) {
  for (const ActField& f : act_fields(k, type))
    if (f.name == field)
      for (const ActChoice& c : f.choices)
        if (c.value == value) return c.label;
  return value;
}

std::vector<std::pair<std::string, std::string>> act_facts(StreamKind k, const std::string& type, const json& record) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ActField& f : act_fields(k, type)) {
    const json* v = at_path(record, f.name);
    if (!v || v->is_null()) continue;
    std::string text;
    if (f.kind == F::multi && v->is_array()) {
      for (const json& p : *v)
        if (p.is_string()) text += (text.empty() ? "" : ", ") + choice_text(k, type, f.name, p.get<std::string>());
    } else if (f.kind == F::date && v->is_string()) {
      const auto d = Date::parse(v->get<std::string>());
      text = d ? d->vn() : v->get<std::string>();
    } else if (f.kind == F::amount && v->is_number_integer()) {
      text = http::vnd(v->get<int64_t>());
    } else if (f.kind == F::flag) {
      text = *v == true ? "có" : "không";
    } else if (f.kind == F::yes_no && v->is_boolean()) {
      text = v->get<bool>() ? "Chấp nhận" : "Không chấp nhận";
    } else if (v->is_string()) {
      text = choice_text(k, type, f.name, v->get<std::string>());
    } else {
      text = choice_text(k, type, f.name, v->dump());
    }
    out.emplace_back(f.label, text);
  }
  return out;
}

std::string act_details(StreamKind k, const std::string& type, const json& record) {
  std::string out;
  for (const auto& [label, text] : act_facts(k, type, record)) out += (out.empty() ? "" : "; ") + label + ": " + text;
  return out;
}

json act_from_form(StreamKind k, const http::Params& form) {
  json out = json::object();
  auto get = [&](const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string type = get("type");
  out["type"] = type;
  if (const std::string d = get("date"); !d.empty()) out["date"] = http::form_date(d);
  for (const ActField& f : act_fields(k, type)) {
    if (f.kind == F::multi) {
      json list = json::array();
      for (const ActChoice& c : f.choices)
        if (!get(f.name + "_" + c.value).empty()) list.push_back(c.value);
      if (!list.empty()) put_path(out, f.name, list);
      continue;
    }
    const std::string v = get(f.name);
    if (f.kind == F::flag) {
      if (!v.empty()) put_path(out, f.name, true);
      continue;
    }
    if (v.empty()) continue;
    switch (f.kind) {
      case F::date: put_path(out, f.name, http::form_date(v)); break;
      case F::amount:
        if (auto n = http::parse_amount(v)) put_path(out, f.name, static_cast<int64_t>(*n));
        else put_path(out, f.name, v);
        break;
      case F::number:
      case F::integer_choice:
        if (digits(v)) put_path(out, f.name, std::stoll(v));
        else put_path(out, f.name, v);
        break;
      case F::yes_no:
        if (v == "true" || v == "false") put_path(out, f.name, v == "true");
        else put_path(out, f.name, v);
        break;
      default: put_path(out, f.name, v);
    }
  }
  return out;
}

}  // namespace thads::oversight
