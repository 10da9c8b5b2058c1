#include "domain/text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

namespace thads {
namespace {

icu::Transliterator* folder() {
  // NFD splits "ễ" into e + marks; the marks are removed; đ/Đ have no
  // decomposition and are mapped by hand; Lower folds case.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; [đĐ] > d; Lower; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !tr) {
      // Rule-based variant: some ICU builds want compound rules spelled as rules.
      UParseError pe;
      status = U_ZERO_ERROR;
      tr.reset(icu::Transliterator::createFromRules(
          "thads-fold", "::NFD; ::[:Nonspacing Mark:] Remove; [đĐ] > d; ::Lower; ::NFC;", UTRANS_FORWARD, pe,
          status));
    }
    return tr;
  }();
  return t.get();
}

}  // namespace

std::string fold(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (auto* t = folder()) t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> tokens(std::string_view utf8) {
  const std::string f = fold(utf8);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty() && std::find(out.begin(), out.end(), cur) == out.end()) out.push_back(cur);
    cur.clear();
  };
  for (char ch : f) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) cur += ch;
    else flush();
  }
  flush();
  return out;
}

}  // namespace thads
