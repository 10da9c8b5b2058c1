#include "app/report_layout.h"

namespace thads::report_layout {

namespace {

constexpr FormColumn kFormColumns[] = {
    {&Columns::accepted, "Tổng số thụ lý", "Tổng số thụ lý", "Tổng số", false},
    {&Columns::carried_over, "Năm trước chuyển sang", "Tổng số thụ lý", "Năm trước chuyển sang", false},
    {&Columns::new_, "Thụ lý mới", "Tổng số thụ lý", "Thụ lý mới", false},
    {&Columns::entrusted_out, "Ủy thác", nullptr, nullptr, false},
    {&Columns::to_enforce, "Tổng số phải thi hành", nullptr, nullptr, false},
    {&Columns::with_conditions, "Có điều kiện", "Có điều kiện thi hành", "Tổng số", false},
    {&Columns::completed, "Thi hành xong", "Có điều kiện thi hành", "Thi hành xong", false},
    {&Columns::reduced, "Giảm", "Có điều kiện thi hành", "Giảm", true},
    {&Columns::terminated, "Đình chỉ", "Có điều kiện thi hành", "Đình chỉ", false},
    {&Columns::in_progress, "Đang thi hành", "Có điều kiện thi hành", "Đang thi hành", false},
    {&Columns::postponed_suspended, "Hoãn, tạm đình chỉ", nullptr, nullptr, false},
    {&Columns::without_conditions, "Chưa có điều kiện", "Chưa có điều kiện thi hành", "Tổng số", false},
    {&Columns::closed_unenforced, "Kết thúc khác", "Chưa có điều kiện thi hành",
     "Trong đó: kết thúc khác", false},
    {&Columns::carried_to_next, "Chuyển kỳ sau", nullptr, nullptr, false},
    {nullptr, "Tỷ lệ thi hành xong", nullptr, nullptr, false},
};

}  // namespace

std::vector<const FormColumn*> form_columns(Form form) {
  std::vector<const FormColumn*> out;
  for (const FormColumn& c : kFormColumns)
    if (!c.money_only || form == Form::money) out.push_back(&c);
  return out;
}

std::string title_of(Form form) {
  return form == Form::cases ? "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"
                             : "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN";
}

std::string label_header(const std::string& by) {
  if (by == "mode") return "Hình thức thi hành";
  if (by == "judgment_kind") return "Loại bản án, quyết định";
  if (by == "flag") return "Nhóm việc";
  return "Đơn vị";
}

std::string period_of(const Report& r) {
  return "Từ ngày " + r.period.from.vn() + " đến ngày " + r.period.to.vn();
}

std::string known_at_vn(const std::string& t) {
  const auto day = Date::parse(std::string_view(t).substr(0, 10));
  if (!day) return t;
  if (t.size() >= 16 && t[10] == 'T') return t.substr(11, 5) + " ngày " + day->vn();
  return day->vn();
}

std::string agency_line(const Report& r) {
  return r.agency_name.empty() ? r.agency : r.agency_name + " (" + r.agency + ")";
}

std::string group_thousands(int64_t v) {
  const bool neg = v < 0;
  std::string digits = std::to_string(v);
  if (neg) digits.erase(0, 1);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

std::string percent_vn(const std::optional<int64_t>& x100) {
  if (!x100) return "-";
  const int64_t v = *x100 < 0 ? -*x100 : *x100;
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  return (*x100 < 0 ? "-" : "") + std::to_string(v / 100) + "," + frac + "%";
}

std::string signed_thousands(int64_t v) { return (v > 0 ? "+" : "") + group_thousands(v); }

std::string rate_change_vn(const std::optional<int64_t>& now_x100, const std::optional<int64_t>& last_x100) {
  if (!now_x100 || !last_x100) return "-";
  const int64_t d = *now_x100 - *last_x100;  // both within 0..10000
  std::string p = percent_vn(d);
  p.pop_back();  // the '%'
  return (d >= 0 ? "+" : "") + p + " điểm %";
}

}  // namespace thads::report_layout
