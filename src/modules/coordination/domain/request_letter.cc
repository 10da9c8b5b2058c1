#include "modules/coordination/domain/request_letter.h"

namespace thads::coordination {
namespace {

constexpr const char* kLaw = "Luật Thi hành án dân sự năm 2008, sửa đổi, bổ sung năm 2014, 2022";

std::string purpose_article(const std::string& purpose) {
  if (purpose == "verify_assets") return "Điều 11, Điều 44";
  if (purpose == "freeze_account") return "Điều 67";
  if (purpose == "stop_transfer") return "Điều 69";
  if (purpose == "protection") return "Điều 72";
  return "Điều 11";
}

std::string first_title(const std::string& purpose) {
  if (purpose == "verify_assets") return "YÊU CẦU CUNG CẤP THÔNG TIN VỀ TÀI SẢN, THU NHẬP CỦA NGƯỜI PHẢI THI HÀNH ÁN";
  if (purpose == "freeze_account") return "QUYẾT ĐỊNH PHONG TỎA TÀI KHOẢN";
  if (purpose == "stop_transfer")
    return "QUYẾT ĐỊNH TẠM DỪNG VIỆC ĐĂNG KÝ, CHUYỂN QUYỀN SỞ HỮU, SỬ DỤNG, THAY ĐỔI HIỆN TRẠNG TÀI SẢN";
  if (purpose == "protection") return "ĐỀ NGHỊ BẢO VỆ CƯỠNG CHẾ THI HÀNH ÁN";
  return "ĐỀ NGHỊ PHỐI HỢP TỔ CHỨC THI HÀNH ÁN";
}

std::string subject_line(const LetterFacts& f) {
  std::string s = f.subject_name;
  if (!f.subject_id.empty()) s += ", số định danh/mã số thuế " + f.subject_id;
  if (!f.debtor_address.empty()) s += ", địa chỉ: " + f.debtor_address;
  return s;
}

std::string judgment_line(const LetterFacts& f) {
  std::string s = "Bản án, quyết định số " + f.judgment_number;
  if (f.judgment_date) s += " ngày " + f.judgment_date->vn();
  if (!f.judgment_court.empty()) s += " của " + f.judgment_court;
  return s;
}

std::string first_body(const LetterFacts& f) {
  const std::string who = subject_line(f);
  if (f.purpose == "verify_assets")
    return "Để xác minh điều kiện thi hành án của người phải thi hành án " + who + ", đề nghị " + f.body_name +
           " cung cấp thông tin về tài sản, tài khoản, thu nhập và các giao dịch của người này trong thời hạn 05 ngày làm "
           "việc kể từ ngày nhận được văn bản này.";
  if (f.purpose == "freeze_account")
    return "Phong tỏa tài khoản của " + who + " mở tại " + f.body_name + " với số tiền " + format_vnd(f.amount) +
           ". " + f.body_name + " thực hiện ngay việc phong tỏa khi nhận được quyết định này và thông báo kết quả cho "
           "cơ quan thi hành án.";
  if (f.purpose == "stop_transfer")
    return "Tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản của " + who +
           ". Đề nghị " + f.body_name + " thực hiện ngay khi nhận được quyết định này.";
  if (f.purpose == "protection")
    return "Đề nghị " + f.body_name + " xây dựng kế hoạch và bố trí lực lượng bảo vệ việc cưỡng chế thi hành án đối với " +
           who + " trong thời hạn 03 ngày làm việc kể từ ngày nhận được kế hoạch cưỡng chế.";
  return "Đề nghị " + f.body_name + " phối hợp với cơ quan thi hành án trong việc thi hành án đối với " + who + ".";
}

}  // namespace

bool has_letter(const std::string& act, const std::string& purpose) {
  if (act == "sent" || act == "reminded") return true;
  return act == "lifted" && (purpose == "freeze_account" || purpose == "stop_transfer");
}

LetterText letter_text(const LetterFacts& f) {
  LetterText t;
  const std::string first = first_title(f.purpose);
  t.addressee = "Kính gửi: " + f.body_name;
  t.subtitle = "Việc thi hành án " + f.case_id;
  t.basis.push_back("Căn cứ " + purpose_article(f.purpose) + " " + kLaw + ";");
  t.basis.push_back("Căn cứ " + judgment_line(f) + ";");
  const std::string cited = "văn bản số " + f.request_id + " ngày " + f.sent_date.vn();
  if (f.act == "sent") {
    t.number = "Số: " + f.request_id;
    t.title = first;
    t.paragraphs.push_back(first_body(f));
    t.article = "Luật THADS 2008 " + purpose_article(f.purpose);
  } else if (f.act == "reminded") {
    t.number = "Số: " + f.request_id + "/ĐĐ";
    t.title = "ĐÔN ĐỐC THỰC HIỆN YÊU CẦU CỦA CƠ QUAN THI HÀNH ÁN";
    t.basis.insert(t.basis.begin(), "Căn cứ Điều 11 " + std::string(kLaw) + ";");
    t.paragraphs.push_back("Ngày " + f.sent_date.vn() + ", " + f.agency_name + " đã gửi " + f.body_name + " " + cited +
                           " (" + first + ") đối với " + subject_line(f) + ".");
    t.paragraphs.push_back("Đến ngày " + f.date.vn() + ", cơ quan thi hành án chưa nhận được kết quả thực hiện. Đề nghị " +
                           f.body_name + " khẩn trương thực hiện và trả lời bằng văn bản theo quy định.");
    t.article = "Luật THADS 2008 Điều 11, " + purpose_article(f.purpose);
  } else {
    const bool freeze = f.purpose == "freeze_account";
    t.number = "Số: " + f.request_id + "/GT";
    t.title = freeze ? "QUYẾT ĐỊNH CHẤM DỨT PHONG TỎA TÀI KHOẢN"
                     : "QUYẾT ĐỊNH CHẤM DỨT VIỆC TẠM DỪNG ĐĂNG KÝ, CHUYỂN QUYỀN SỞ HỮU, SỬ DỤNG, THAY ĐỔI HIỆN TRẠNG TÀI SẢN";
    t.basis[0] = std::string("Căn cứ ") + (freeze ? "khoản 3 Điều 67 " : "Điều 69 ") + kLaw + ";";
    t.paragraphs.push_back(std::string(freeze ? "Chấm dứt việc phong tỏa tài khoản" : "Chấm dứt việc tạm dừng đăng ký, chuyển dịch tài sản") +
                           " của " + subject_line(f) + " theo " + cited + (freeze ? " với số tiền " + format_vnd(f.amount) : "") +
                           ".");
    t.paragraphs.push_back(f.body_name + " thực hiện ngay khi nhận được quyết định này.");
    t.article = freeze ? "Luật THADS 2008 Điều 67 khoản 3" : "Luật THADS 2008 Điều 69";
  }
  t.recipients = {f.body_name, "Người phải thi hành án", "Viện kiểm sát nhân dân cùng cấp", "Lưu: VT, hồ sơ thi hành án"};
  if (f.act == "sent" && f.purpose == "verify_assets") t.recipients.erase(t.recipients.begin() + 1);
  return t;
}

}  // namespace thads::coordination
