// The common-password check of the password policy (accounts.h). The list
// is data/common-passwords.txt, compiled in (CMakeLists.txt turns its lines
// into the string literals of common_passwords.inc), so no deployment can
// lose it.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_set>

#include "app/accounts.h"

namespace thads {
namespace {

constexpr const char* kLines[] = {
#include "common_passwords.inc"
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (const char* line : kLines) {
      const std::string_view l(line);
      if (!l.empty() && !l.starts_with("#!comment")) s.insert(lower_ascii(l));
    }
    return s;
  }();
  return set;
}

bool digit_or_punct(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && (std::isdigit(u) || std::ispunct(u) || u == ' ');
}

}  // namespace

bool is_common_password(std::string_view pw) {
  const std::string p = lower_ascii(pw);
  if (common_passwords().count(p)) return true;
  // "Password2024!", "!!iloveyou!!", "123456789012": a listed word, or
  // nothing at all, inside digits and punctuation.
  size_t b = 0, e = p.size();
  while (b < e && digit_or_punct(p[b])) ++b;
  while (e > b && digit_or_punct(p[e - 1])) --e;
  if (b == e || common_passwords().count(p.substr(b, e - b))) return true;
  // "aaaaaaaaaaaa", "abababababab".
  std::string distinct = p;
  std::sort(distinct.begin(), distinct.end());
  return std::unique(distinct.begin(), distinct.end()) - distinct.begin() < 4;
}

}  // namespace thads
