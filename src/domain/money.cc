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

int64_t to_thousand_vnd(Money m) {
  if (m >= 0) return (m + 500) / 1000;
  return -((-m + 500) / 1000);
}

}  // namespace thads
