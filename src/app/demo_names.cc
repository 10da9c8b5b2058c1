// Fixed tables of the demo generator: the 34 provinces since 01/07/2025 and
// Vietnamese names of people, companies, banks and places.
#include <string>

#include "app/demo_data.h"

namespace thads::demo {
namespace {

// Population in millions after the 2025 merger (rounded); wards are real ward
// names of each province's main cities after the 2025 reorganisation.
constexpr Province kProvinces[] = {
    {"HN", "thành phố Hà Nội", "Hà Nội", "Thành phố Hà Nội", 8.7, false, "001",
     {"Hoàn Kiếm", "Cầu Giấy", "Đống Đa", "Hà Đông"}},
    {"HUE", "thành phố Huế", "Huế", "Thành phố Huế", 1.4, false, "046", {"Thuận Hóa", "Phú Xuân", "Kim Long", "Hương Thủy"}},
    {"LCH", "tỉnh Lai Châu", "Lai Châu", "Tỉnh Lai Châu", 0.5, false, "012", {"Tân Phong", "Đoàn Kết", "Tân Phong", "Đoàn Kết"}},
    {"DBI", "tỉnh Điện Biên", "Điện Biên", "Tỉnh Điện Biên", 0.65, false, "011",
     {"Điện Biên Phủ", "Mường Thanh", "Mường Lay", "Điện Biên Phủ"}},
    {"SLA", "tỉnh Sơn La", "Sơn La", "Tỉnh Sơn La", 1.3, false, "014", {"Tô Hiệu", "Chiềng An", "Chiềng Sinh", "Mộc Châu"}},
    {"LSN", "tỉnh Lạng Sơn", "Lạng Sơn", "Tỉnh Lạng Sơn", 0.8, false, "020",
     {"Lương Văn Tri", "Tam Thanh", "Đông Kinh", "Kỳ Lừa"}},
    {"QNI", "tỉnh Quảng Ninh", "Quảng Ninh", "Tỉnh Quảng Ninh", 1.4, false, "022", {"Hạ Long", "Bãi Cháy", "Cẩm Phả", "Móng Cái"}},
    {"THA", "tỉnh Thanh Hóa", "Thanh Hóa", "Tỉnh Thanh Hóa", 3.7, false, "038", {"Hạc Thành", "Sầm Sơn", "Bỉm Sơn", "Đông Sơn"}},
    {"NAN", "tỉnh Nghệ An", "Nghệ An", "Tỉnh Nghệ An", 3.5, false, "040", {"Thành Vinh", "Trường Vinh", "Vinh Hưng", "Cửa Lò"}},
    {"HTI", "tỉnh Hà Tĩnh", "Hà Tĩnh", "Tỉnh Hà Tĩnh", 1.3, false, "042", {"Thành Sen", "Trần Phú", "Hà Huy Tập", "Bắc Hồng Lĩnh"}},
    {"CBA", "tỉnh Cao Bằng", "Cao Bằng", "Tỉnh Cao Bằng", 0.55, false, "004", {"Thục Phán", "Nùng Trí Cao", "Tân Giang", "Thục Phán"}},
    {"TQU", "tỉnh Tuyên Quang", "Tuyên Quang", "Tỉnh Tuyên Quang", 1.9, false, "008",
     {"Minh Xuân", "Nông Tiến", "An Tường", "Hà Giang 1"}},
    {"LCA", "tỉnh Lào Cai", "Lào Cai", "Tỉnh Lào Cai", 1.8, false, "010", {"Lào Cai", "Cam Đường", "Yên Bái", "Nghĩa Lộ"}},
    {"TNG", "tỉnh Thái Nguyên", "Thái Nguyên", "Tỉnh Thái Nguyên", 1.8, false, "019",
     {"Phan Đình Phùng", "Gia Sàng", "Phổ Yên", "Đức Xuân"}},
    {"PTH", "tỉnh Phú Thọ", "Phú Thọ", "Tỉnh Phú Thọ", 4.0, false, "025", {"Việt Trì", "Vĩnh Yên", "Phúc Yên", "Hòa Bình"}},
    {"BNI", "tỉnh Bắc Ninh", "Bắc Ninh", "Tỉnh Bắc Ninh", 3.6, false, "027", {"Kinh Bắc", "Võ Cường", "Từ Sơn", "Bắc Giang"}},
    {"HYE", "tỉnh Hưng Yên", "Hưng Yên", "Tỉnh Hưng Yên", 3.6, false, "033", {"Phố Hiến", "Sơn Nam", "Thái Bình", "Trần Lãm"}},
    {"HP", "thành phố Hải Phòng", "Hải Phòng", "Thành phố Hải Phòng", 4.7, false, "031",
     {"Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải Dương"}},
    {"NBI", "tỉnh Ninh Bình", "Ninh Bình", "Tỉnh Ninh Bình", 4.4, false, "037", {"Hoa Lư", "Tam Điệp", "Phủ Lý", "Nam Định"}},
    {"QTR", "tỉnh Quảng Trị", "Quảng Trị", "Tỉnh Quảng Trị", 1.9, false, "045", {"Đông Hà", "Đồng Hới", "Quảng Trị", "Ba Đồn"}},
    {"DN", "thành phố Đà Nẵng", "Đà Nẵng", "Thành phố Đà Nẵng", 3.1, true, "048", {"Hải Châu", "Thanh Khê", "Sơn Trà", "Hội An"}},
    {"QNG", "tỉnh Quảng Ngãi", "Quảng Ngãi", "Tỉnh Quảng Ngãi", 2.2, true, "051",
     {"Cẩm Thành", "Nghĩa Lộ", "Trương Quang Trọng", "Kon Tum"}},
    {"GLA", "tỉnh Gia Lai", "Gia Lai", "Tỉnh Gia Lai", 3.6, true, "064", {"Pleiku", "Hội Phú", "Quy Nhơn", "An Nhơn"}},
    {"KHO", "tỉnh Khánh Hòa", "Khánh Hòa", "Tỉnh Khánh Hòa", 2.2, true, "056", {"Nha Trang", "Cam Ranh", "Phan Rang", "Ninh Hòa"}},
    {"LDO", "tỉnh Lâm Đồng", "Lâm Đồng", "Tỉnh Lâm Đồng", 3.9, true, "068",
     {"Lâm Viên - Đà Lạt", "Bảo Lộc 1", "Phan Thiết", "Bắc Gia Nghĩa"}},
    {"DLK", "tỉnh Đắk Lắk", "Đắk Lắk", "Tỉnh Đắk Lắk", 3.3, true, "066", {"Buôn Ma Thuột", "Tân An", "Tuy Hòa", "Ea Kao"}},
    {"HCM", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", 14.0, true, "079",
     {"Sài Gòn", "Bến Thành", "Bình Thạnh", "Thủ Dầu Một"}},
    {"DNA", "tỉnh Đồng Nai", "Đồng Nai", "Tỉnh Đồng Nai", 4.5, true, "075", {"Trấn Biên", "Biên Hòa", "Long Khánh", "Bình Phước"}},
    {"TNI", "tỉnh Tây Ninh", "Tây Ninh", "Tỉnh Tây Ninh", 3.3, true, "072", {"Tân Ninh", "Long An", "Tân An", "Hòa Thành"}},
    {"CT", "thành phố Cần Thơ", "Cần Thơ", "Thành phố Cần Thơ", 4.2, true, "092", {"Ninh Kiều", "Cái Răng", "Bình Thủy", "Sóc Trăng"}},
    {"VLO", "tỉnh Vĩnh Long", "Vĩnh Long", "Tỉnh Vĩnh Long", 4.3, true, "086", {"Thanh Đức", "Long Châu", "Bến Tre", "Trà Vinh"}},
    {"DTH", "tỉnh Đồng Tháp", "Đồng Tháp", "Tỉnh Đồng Tháp", 4.4, true, "087", {"Cao Lãnh", "Mỹ Tho", "Sa Đéc", "Gò Công"}},
    {"CMA", "tỉnh Cà Mau", "Cà Mau", "Tỉnh Cà Mau", 2.6, true, "096", {"An Xuyên", "Tân Thành", "Bạc Liêu", "Hiệp Thành"}},
    {"AGI", "tỉnh An Giang", "An Giang", "Tỉnh An Giang", 4.9, true, "089", {"Long Xuyên", "Châu Đốc", "Rạch Giá", "Hà Tiên"}},
};

// Family names with rough national shares (percent).
struct Weighted {
  const char* text;
  double weight;
};
constexpr Weighted kFamily[] = {
    {"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9.5}, {"Phạm", 7}, {"Hoàng", 5}, {"Phan", 4.5}, {"Vũ", 3.9},
    {"Đặng", 2.1},  {"Bùi", 2},   {"Đỗ", 1.4}, {"Hồ", 1.3},  {"Ngô", 1.3},   {"Dương", 1}, {"Lý", 0.5},
    {"Đinh", 0.8},  {"Trương", 0.8}, {"Lương", 0.5}, {"Mai", 0.5}, {"Cao", 0.4}, {"Đoàn", 0.5},
    {"Lâm", 0.4},   {"Trịnh", 0.5}, {"Hà", 0.4}, {"Tạ", 0.3}, {"Tô", 0.3}, {"Đào", 0.4}, {"Chu", 0.2},
    {"Vương", 0.2}, {"Lưu", 0.3}, {"Kiều", 0.2}, {"Quách", 0.2}, {"Thái", 0.2}, {"Châu", 0.2}, {"Triệu", 0.2},
};
constexpr const char* kMiddleMale[] = {"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Công",
                                       "Xuân", "Anh", "Tiến", "Trọng", "Duy", "Quốc", "Mạnh", "Gia", "Đình", "Bá"};
constexpr const char* kMiddleFemale[] = {"Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Minh", "Kim", "Phương",
                                         "Thùy", "Mỹ", "Hồng", "Bảo", "Khánh", "Hoài", "Diệu", "Quỳnh", "Lan", "Hải"};
constexpr const char* kGivenMale[] = {
    "An",   "Bình", "Cường", "Dũng",  "Đạt",   "Hải",  "Hiếu", "Hoàng", "Hùng", "Huy",  "Khánh", "Khoa", "Kiên", "Lâm",
    "Long", "Minh", "Nam",   "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn",  "Tài",  "Thắng", "Thành", "Thịnh", "Toàn",
    "Trung", "Tuấn", "Tùng", "Việt",  "Vinh",  "Vũ",   "Dương", "Đức",  "Hậu",  "Lợi",  "Tâm",  "Trí",  "Hưng", "Tú"};
constexpr const char* kGivenFemale[] = {
    "Anh",  "Chi",   "Dung",  "Giang", "Hà",   "Hạnh", "Hằng",  "Hiền", "Hoa",  "Hồng", "Huệ",  "Hương", "Lan", "Liên",
    "Linh", "Loan",  "Mai",   "My",    "Nga",  "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thủy",
    "Trang", "Tuyết", "Uyên", "Vân",   "Vy",   "Yến",  "Xuân",  "Thu",  "Hạnh", "Ngọc", "Thơ",  "Diệp"};

constexpr const char* kBrands[] = {
    "Hoàng Long", "Minh Phát",  "Thành Công", "Phú Thịnh", "An Phát",   "Đại Việt",  "Tân Á",    "Hưng Thịnh",
    "Việt Tiến",  "Sao Mai",    "Bình Minh",  "Trường Sơn", "Đông Á",   "Kim Long",  "Thiên Phúc", "Hòa Bình",
    "Nam Việt",   "Phương Đông", "Thăng Long", "Gia Huy",   "Hồng Hà",  "Cửu Long",  "Phú Gia",  "Vạn Xuân",
    "Hải Âu",     "Quang Minh", "Tân Phát",   "Sông Hồng", "Tây Nguyên", "Phúc An",  "Trí Việt", "Ánh Dương"};
constexpr const char* kSectors[] = {
    "Xây dựng",       "Thương mại",          "Đầu tư và Phát triển", "Vận tải",      "Bất động sản",
    "Thương mại và Dịch vụ", "Sản xuất và Thương mại", "Xuất nhập khẩu", "Công nghệ", "Thực phẩm",
    "Dệt may",        "Cơ khí",              "Du lịch",              "Vật liệu xây dựng", "Nông sản"};
constexpr std::string_view kBanks[] = {
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "Ngân hàng TMCP Ngoại thương Việt Nam",
    "Ngân hàng TMCP Công Thương Việt Nam",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
    "Ngân hàng TMCP Quân đội",
    "Ngân hàng TMCP Sài Gòn Thương Tín",
    "Ngân hàng TMCP Á Châu",
    "Ngân hàng TMCP Kỹ thương Việt Nam",
    "Ngân hàng TMCP Việt Nam Thịnh Vượng",
    "Ngân hàng TMCP Sài Gòn - Hà Nội",
    "Ngân hàng Chính sách xã hội",
    "Công ty Quản lý tài sản của các tổ chức tín dụng Việt Nam",
};
constexpr const char* kStreets[] = {"Lê Lợi",      "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt",
                                    "Quang Trung", "Nguyễn Trãi",   "Lê Duẩn",   "Hùng Vương",  "Điện Biên Phủ",
                                    "Trần Phú",    "Phan Đình Phùng", "Nguyễn Văn Linh", "Võ Thị Sáu", "Lê Lai"};
constexpr const char* kCommunes[] = {"Tân Phú",   "Hòa Bình", "Tân Lập",  "Phú Hòa",  "Thạnh Phú", "Bình Minh",
                                     "An Thạnh",  "Quảng Phú", "Hưng Đạo", "Tân Thành", "Phú Lộc", "Yên Bình",
                                     "Đồng Tâm",  "Thống Nhất", "Tân Hiệp", "Xuân Sơn", "Hòa Thuận", "Vĩnh Hòa"};

template <class T, size_t N>
const T& pick(Rng& r, const T (&a)[N]) {
  return a[static_cast<size_t>(r.next() % N)];
}

void append_digits(std::string& s, Rng& r, int n) {
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + r.next() % 10));
}

}  // namespace

std::span<const Province> provinces() { return kProvinces; }

PersonName person_name(Rng& r, bool south) {
  static const double total = [] {
    double t = 0;
    for (const auto& f : kFamily) t += f.weight;
    return t;
  }();
  double x = r.uniform() * total;
  const char* family = kFamily[0].text;
  for (const auto& f : kFamily) {
    if (x < f.weight) {
      family = f.text;
      break;
    }
    x -= f.weight;
  }
  // Hoàng and Vũ are mostly spelled Huỳnh and Võ in the South.
  if (south && r.chance(0.7)) {
    if (std::string_view(family) == "Hoàng") family = "Huỳnh";
    else if (std::string_view(family) == "Vũ") family = "Võ";
  }
  PersonName n;
  n.female = r.chance(0.42);  // most debtors are men
  n.text = family;
  n.text += ' ';
  n.text += n.female ? pick(r, kMiddleFemale) : pick(r, kMiddleMale);
  n.text += ' ';
  n.text += n.female ? pick(r, kGivenFemale) : pick(r, kGivenMale);
  return n;
}

std::string company_name(Rng& r) {
  std::string s;
  const double k = r.uniform();
  if (k < 0.55) s = "Công ty TNHH ";
  else if (k < 0.85) s = "Công ty cổ phần ";
  else s = "Công ty TNHH MTV ";
  s += pick(r, kSectors);
  s += ' ';
  s += pick(r, kBrands);
  return s;
}

std::string_view bank_name(Rng& r) { return pick(r, kBanks); }

std::string address(Rng& r, const Province& p, bool organization) {
  std::string s;
  const bool urban = organization || r.chance(0.55);
  if (urban) {
    s = "Số ";
    s += std::to_string(r.range(1, 250));
    s += " đường ";
    s += pick(r, kStreets);
    s += ", Phường ";
    s += p.wards[static_cast<size_t>(r.next() % p.wards.size())];
  } else {
    s = r.chance(0.5) ? "Thôn " : "Ấp ";
    if (!p.south) s = "Thôn ";
    s += std::to_string(r.range(1, 12));
    s += ", Xã ";
    s += pick(r, kCommunes);
  }
  s += ", ";
  s += p.addr;
  return s;
}

std::string cccd(Rng& r, const Province& p, int birth_year, bool female) {
  // Thông tư 59/2021/TT-BCA: birthplace (3), century and sex (1), year (2), random (6).
  std::string s = p.id_prefix;
  const int century = birth_year >= 2000 ? 2 : 0;
  s.push_back(static_cast<char>('0' + century + (female ? 1 : 0)));
  s.push_back(static_cast<char>('0' + (birth_year / 10) % 10));
  s.push_back(static_cast<char>('0' + birth_year % 10));
  append_digits(s, r, 6);
  return s;
}

std::string tax_code(Rng& r) {
  std::string s = "0";
  s.push_back(static_cast<char>('1' + r.next() % 8));
  append_digits(s, r, 8);
  return s;
}

std::string_view commune_committee(Rng& r) {
  static constexpr std::string_view k[] = {"Ủy ban nhân dân xã Tân Phú", "Ủy ban nhân dân phường Hòa Bình",
                                           "Ủy ban nhân dân xã Tân Lập", "Ủy ban nhân dân phường Thống Nhất"};
  return k[r.next() % 4];
}

}  // namespace thads::demo
