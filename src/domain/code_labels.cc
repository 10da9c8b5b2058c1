#include "domain/code_labels.h"

namespace thads {
namespace {

const std::vector<CodeLabel> kPostponeGrounds{
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
const std::vector<CodeLabel> kSuspendGrounds{
    {"protest", "Có kháng nghị giám đốc thẩm, tái thẩm (Điều 49)"},
    {"bankruptcy", "Tòa án thụ lý việc phá sản (Điều 49)"},
};
const std::vector<CodeLabel> kTerminateGrounds{
    {"50.1.a", "Điều 50.1.a — người phải thi hành án chết, không để lại di sản"},
    {"50.1.b", "Điều 50.1.b — người được thi hành án chết, quyền lợi không được thừa kế"},
    {"50.1.c", "Điều 50.1.c — đương sự thỏa thuận, người được thi hành án không yêu cầu nữa"},
    {"50.1.d", "Điều 50.1.d — bản án, quyết định bị hủy"},
    {"50.1.đ", "Điều 50.1.đ — tổ chức phải thi hành án giải thể, không còn tài sản"},
    {"50.1.e", "Điều 50.1.e — có quyết định miễn nghĩa vụ thi hành án"},
    {"50.1.g", "Điều 50.1.g — Tòa án mở thủ tục phá sản đối với người phải thi hành án"},
    {"50.1.h", "Điều 50.1.h — người chưa thành niên được giao nuôi dưỡng đã chết hoặc thành niên"},
};
const std::vector<CodeLabel> kUnableReasons{
    {"no_income_or_assets", "Không có thu nhập, tài sản để thi hành án (Điều 44a.1.a)"},
    {"item_gone", "Tài sản phải giao trả không còn (Điều 44a.1.b)"},
    {"address_unknown", "Chưa xác định được địa chỉ, nơi cư trú (Điều 44a.1.c)"},
};
const std::vector<CodeLabel> kVerifyResults{{"able", "Có điều kiện thi hành án"},
                                         {"unable", "Không có điều kiện thi hành án"}};
const std::vector<CodeLabel> kCollectMethods{{"voluntary", "Tự nguyện nộp"},
                                          {"coerced", "Cưỡng chế"},
                                          {"settled", "Các bên tự thỏa thuận, giao nhận"}};

const std::vector<CodeLabel> kCategories{
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
const std::vector<CodeLabel> kJudgmentKinds{
    {"civil", "Dân sự"},           {"criminal", "Hình sự"},   {"administrative", "Hành chính"},
    {"marriage_family", "Hôn nhân và gia đình"}, {"business", "Kinh doanh, thương mại"},
    {"labour", "Lao động"},        {"bankruptcy", "Phá sản"}, {"arbitration", "Trọng tài thương mại"},
    {"other", "Khác"},
};

std::string label_in(const std::vector<CodeLabel>& c, const std::string& value) {
  for (const auto& x : c)
    if (x.value == value) return x.label;
  return value;
}

}  // namespace

const std::vector<CodeLabel>& postpone_grounds() { return kPostponeGrounds; }
const std::vector<CodeLabel>& suspend_grounds() { return kSuspendGrounds; }
const std::vector<CodeLabel>& terminate_grounds() { return kTerminateGrounds; }
const std::vector<CodeLabel>& unable_reasons() { return kUnableReasons; }
const std::vector<CodeLabel>& verify_results() { return kVerifyResults; }
const std::vector<CodeLabel>& collect_methods() { return kCollectMethods; }
const std::vector<CodeLabel>& obligation_categories() { return kCategories; }
const std::vector<CodeLabel>& judgment_kinds() { return kJudgmentKinds; }

std::string code_label(const std::string& field, const std::string& value) {
  if (field == "ground") {
    for (const auto* t : {&kPostponeGrounds, &kSuspendGrounds, &kTerminateGrounds}) {
      std::string l = label_in(*t, value);
      if (l != value) return l;
    }
    return value;
  }
  if (field == "reason") return label_in(kUnableReasons, value);
  if (field == "result") return label_in(kVerifyResults, value);
  if (field == "method") return label_in(kCollectMethods, value);
  return value;
}

std::string category_label(const std::string& category) { return label_in(kCategories, category); }
std::string judgment_kind_label(const std::string& kind) { return label_in(kJudgmentKinds, kind); }
std::string mode_label(const std::string& mode) {
  return mode == "on_request" ? "Theo đơn yêu cầu" : mode == "proactive" ? "Chủ động" : mode;
}

}  // namespace thads
