#include "domain/money.h"

namespace thads {

std::string format_vnd(Money m) {
  const bool neg = m < 0;
  uint64_t v = neg ? static_cast<uint64_t>(-(m + 1)) + 1 : static_cast<uint64_t>(m);
  std::string digits = std::to_string(v);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - i - 1) % 3 == 0 && i + 1 < n) out += '.';
  }
  return (neg ? "-" : "") + out + " đ";
}

namespace {

constexpr const char* kDigits[10] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

// One group of three digits (0–999). `full`: a group after a higher one, so
// its hundreds and a lone unit are spelled out ("không trăm linh năm").
std::string group_words(int v, bool full) {
  const int h = v / 100, t = v / 10 % 10, u = v % 10;
  std::string out;
  auto add = [&](const std::string& w) { out += (out.empty() ? "" : " ") + w; };
  if (h > 0 || full) add(std::string(kDigits[h]) + " trăm");
  if (t == 0) {
    if (u > 0 && (h > 0 || full)) add("linh");
  } else if (t == 1) {
    add("mười");
  } else {
    add(std::string(kDigits[t]) + " mươi");
  }
  if (u == 0) return out;
  if (u == 1 && t >= 2) add("mốt");
  else if (u == 5 && t >= 1) add("lăm");
  else add(kDigits[u]);
  return out;
}

// 0 < v < 10^9 as words; `full` as in group_words, for the leading group.
std::string below_billion(uint64_t v, bool full) {
  static constexpr const char* kUnits[3] = {"", " nghìn", " triệu"};
  std::string out;
  bool seen = full;
  for (int g = 2; g >= 0; --g) {
    uint64_t div = 1;
    for (int i = 0; i < g; ++i) div *= 1000;
    const int part = static_cast<int>(v / div % 1000);
    if (part == 0) continue;
    out += (out.empty() ? "" : " ") + group_words(part, seen) + kUnits[g];
    seen = true;
  }
  return out;
}

std::string words(uint64_t v, bool full) {
  const uint64_t billions = v / 1'000'000'000, rest = v % 1'000'000'000;
  std::string out;
  if (billions > 0) out = words(billions, full) + " tỷ";
  if (rest > 0) out += (out.empty() ? "" : " ") + below_billion(rest, billions > 0 || full);
  return out;
}

}  // namespace

std::string amount_in_words(Money m) {
  const bool neg = m < 0;
  const uint64_t v = neg ? static_cast<uint64_t>(-(m + 1)) + 1 : static_cast<uint64_t>(m);
  std::string w = v == 0 ? "không" : words(v, false);
  if (neg) w = "âm " + w;
  // Capitalise the first letter (ASCII or the two-byte "â").
  if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
  else if (w.rfind("â", 0) == 0) w.replace(0, std::string("â").size(), "Â");
  return w + " đồng";
}

int64_t to_thousand_vnd(Money m) {
  // Half away from zero, by quotient and remainder: no intermediate sum, so
  // no overflow at the ends of int64 (found by fuzz/money.cc).
  int64_t q = m / 1000;
  const int64_t r = m % 1000;
  if (r >= 500) ++q;
  if (r <= -500) --q;
  return q;
}

}  // namespace thads
