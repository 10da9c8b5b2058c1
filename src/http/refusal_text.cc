#include "http/refusal_text.h"

#include <array>
#include <string_view>

#include "app/accounts.h"

namespace thads::http {
namespace {

struct FieldLabel {
  std::string_view field, vi;
};

// Every field a form of thads posts, by its name in the interchange format
// or the form; nested fields by their last part when the whole path is not listed.
constexpr std::array<FieldLabel, 53> kFields{{
    {"date", "Ngày"},
    {"judgment.date", "Ngày bản án, quyết định"},
    {"judgment.effective_date", "Ngày bản án có hiệu lực"},
    {"judgment.received_date", "Ngày nhận bản án"},
    {"judgment.number", "Số bản án, quyết định"},
    {"judgment.court", "Tòa án đã xét xử"},
    {"number", "Số"},
    {"court", "Tòa án"},
    {"effective_date", "Ngày có hiệu lực"},
    {"debtor.name", "Tên người phải thi hành án"},
    {"debtor.address", "Địa chỉ người phải thi hành án"},
    {"debtor.id_number", "Số định danh cá nhân của người phải thi hành án"},
    {"creditor.name", "Tên người được thi hành án"},
    {"name", "Tên"},
    {"address", "Địa chỉ"},
    {"id_number", "Số định danh cá nhân"},
    {"amount", "Số tiền"},
    {"obligations", "Nghĩa vụ thi hành án"},
    {"category", "Loại nghĩa vụ"},
    {"payee", "Người nhận tiền"},
    {"to", "Người nhận tiền"},
    {"officer", "Chấp hành viên"},
    {"agency", "Cơ quan"},
    {"to_agency", "Cơ quan nhận"},
    {"parent", "Cơ quan cấp trên"},
    {"level", "Cấp"},
    {"code", "Mã cơ quan"},
    {"id", "Mã"},
    {"role", "Vai trò, chức danh"},
    {"reason", "Lý do"},
    {"grounds_date", "Ngày có căn cứ"},
    {"scheduled_date", "Ngày dự kiến cưỡng chế"},
    {"mobilised_forces", "Huy động lực lượng"},
    {"request_date", "Ngày yêu cầu thi hành án"},
    {"mode", "Hình thức thụ lý"},
    {"judgment_kind", "Loại bản án"},
    {"flags", "Đánh dấu"},
    {"entrusted_from", "Ủy thác từ"},
    {"type", "Loại"},
    {"fiscal_year", "Năm thống kê"},
    {"cases_rate", "Tỷ lệ về việc"},
    {"money_rate", "Tỷ lệ về tiền"},
    {"login", "Tên đăng nhập"},
    {"password", "Mật khẩu"},
    {"new_password", "Mật khẩu mới"},
    {"confirm_password", "Nhập lại mật khẩu"},
    {"active", "Trạng thái tài khoản"},
    {"action", "Thao tác"},
    {"period.from", "Từ ngày"},
    {"period.to", "Đến ngày"},
    {"year", "Năm"},
    {"recorded_at", "Thời điểm ghi nhận"},
    {"voids", "Sự kiện bị hủy"},
}};

// Codes that always concern one field.
struct CodeField {
  std::string_view code, field;
};
constexpr std::array<CodeField, 9> kCodeFields{{
    {"unknown_officer", "officer"},
    {"officer_outside_agency", "officer"},
    {"unknown_agency", "agency"},
    {"weak_password", "password"},
    {"login_taken", "login"},
    {"over_collection", "amount"},
    {"over_payout", "amount"},
    {"over_freeze", "amount"},
    {"date_before_previous", "date"},
}};

// Reasons a message states, in Vietnamese (the field is named apart).
struct Reason {
  std::string_view code, message_part, vi;
};
constexpr std::array<Reason, 6> kReasons{{
    {"bad_field", "is not a date", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2025."},
    {"bad_field", "is before from", "Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu."},
    {"bad_field", "is before 2009-07-01",
     "Kỳ báo cáo bắt đầu từ ngày 01/07/2009 trở đi (ngày Luật Thi hành án dân sự 2008 có hiệu lực)."},
    {"bad_field", "after the current statistical year", "Kỳ báo cáo không được vượt quá năm thống kê hiện tại (đến 30/09)."},
    {"bad_field", "characters; at most", "Nội dung quá dài; hãy rút gọn (xem giới hạn trong docs/limits.md)."},
    {"bad_field", "is blank", "Chưa nhập nội dung (chỉ có khoảng trắng)."},
}};

}  // namespace

std::string refusal_field(const Refusal& r) {
  static constexpr std::string_view kMark = "field '";
  if (const size_t at = r.message.find(kMark); at != std::string::npos) {
    const size_t from = at + kMark.size(), end = r.message.find('\'', from);
    if (end != std::string::npos) return r.message.substr(from, end - from);
  }
  for (const CodeField& c : kCodeFields)
    if (c.code == r.code) return std::string(c.field);
  return "";
}

std::string field_label_vi(const std::string& field) {
  for (const FieldLabel& f : kFields)
    if (f.field == field) return std::string(f.vi);
  const size_t dot = field.rfind('.');
  if (dot != std::string::npos) return field_label_vi(field.substr(dot + 1));
  return "";
}

std::string refusal_text(const Refusal& r) {
  std::string what;
  if (r.code == "limitation_expired")
    what = "Đã hết thời hiệu yêu cầu thi hành án (5 năm kể từ ngày bản án có hiệu lực). "
           "Chỉ tiếp nhận khi ghi rõ lý do chấp nhận yêu cầu quá hạn (trở ngại khách quan, bất khả kháng).";
  else if (r.code == "unknown_officer") what = "Không tìm thấy chấp hành viên này; chọn một người trong danh sách.";
  else if (r.code == "officer_outside_agency")
    what = "Chấp hành viên này không thuộc cơ quan đã chọn (hoặc cơ quan cấp dưới của cơ quan đó).";
  else if (r.code == "weak_password")
    what = "Mật khẩu phải có ít nhất " + std::to_string(kMinPasswordLength) +
           " ký tự và không được là mật khẩu phổ biến, dễ đoán.";
  else if (r.code == "unknown_user") what = "Không tìm thấy tài khoản.";
  else if (r.code == "login_taken") what = "Tên đăng nhập đã được sử dụng; chọn tên khác.";
  else if (r.code == "bad_credentials") what = "Tên đăng nhập hoặc mật khẩu không đúng.";
  else if (r.code == "not_found") what = "Không tìm thấy.";
  else if (r.code == "seq_conflict" && r.message.find("same key") != std::string::npos)
    what = "Mục này đã có trong dữ liệu với nội dung khác; dữ liệu danh mục đã ghi không sửa được.";
  else if (r.code == "bad_field" && r.message.rfind("missing field", 0) == 0) what = "Chưa nhập; đây là thông tin bắt buộc.";
  else if (r.code == "bad_field" && r.message.find("differ") != std::string::npos) what = "Hai mật khẩu nhập không khớp.";
  else {
    what = refusal_message_vi(r.code);
    for (const Reason& x : kReasons)
      if (x.code == r.code && r.message.find(x.message_part) != std::string::npos) {
        what = std::string(x.vi);
        break;
      }
  }
  const std::string label = field_label_vi(refusal_field(r));
  return label.empty() ? what : label + ": " + what;
}

}  // namespace thads::http
