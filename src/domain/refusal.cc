#include "domain/refusal.h"

#include <array>
#include <string_view>

namespace thads {
namespace {

struct CodeInfo { std::string_view code; std::string_view vi; };

// In the order of interchange.md "Refusals": when several codes apply to one
// line, the first of this list is reported.
constexpr std::array<CodeInfo, 19> kCodes{{
    {"unknown_kind", "Loại bản ghi không được hỗ trợ."},
    {"bad_field", "Thiếu thông tin bắt buộc hoặc thông tin không đúng định dạng."},
    {"unknown_type", "Loại sự kiện không được hỗ trợ."},
    {"seq_conflict", "Sự kiện này đã được ghi nhận với nội dung khác."},
    {"unknown_case", "Không tìm thấy việc thi hành án."},
    {"seq_gap", "Thứ tự sự kiện của việc thi hành án bị gián đoạn."},
    {"date_before_previous", "Ngày của sự kiện sớm hơn sự kiện trước đó của việc."},
    {"case_ended", "Việc thi hành án đã kết thúc, không thể ghi nhận thêm."},
    {"unknown_agency", "Không tìm thấy cơ quan thi hành án."},
    {"unknown_body", "Không tìm thấy cơ quan, tổ chức được yêu cầu trong danh mục."},
    {"not_in_force", "Quy định áp dụng cho thao tác này chưa có hiệu lực vào ngày đó."},
    {"void_target", "Không thể hủy bỏ sự kiện này."},
    {"bad_transition", "Thao tác không phù hợp với trạng thái hiện tại của việc."},
    {"over_collection", "Số tiền vượt quá số còn phải thi hành."},
    {"over_freeze", "Tổng số tiền phong tỏa vượt quá số tiền người phải thi hành án còn phải thi hành (Điều 67 Luật THADS)."},
    {"not_settled", "Chưa thể xác nhận thi hành xong khi vẫn còn số tiền phải thi hành."},
    {"over_payout", "Số tiền chi trả vượt quá số tiền đã thu chưa chi."},
    {"version_conflict", "Hồ sơ đã được người khác cập nhật; vui lòng tải lại và thử lại."},
    {"forbidden", "Bạn không có quyền thực hiện thao tác này."},
}};

}  // namespace

int refusal_rank(const std::string& code) {
  for (size_t i = 0; i < kCodes.size(); ++i)
    if (kCodes[i].code == code) return static_cast<int>(i);
  return static_cast<int>(kCodes.size());
}

std::string refusal_message_vi(const std::string& code) {
  for (const auto& c : kCodes)
    if (c.code == code) return std::string(c.vi);
  return "Dữ liệu không hợp lệ.";
}

}  // namespace thads
