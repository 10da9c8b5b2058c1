#include "domain/text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>
#include <unordered_set>

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

// ICU's transliterator edits its UnicodeString in place, moving the rest of
// the text at each change: its time grows with the square of the text's
// length (a 400 KB name took 2.3 s, an 800 KB one most of 11 s of an
// import). Longer texts are folded in pieces of at most kPiece bytes,
// each cut where no rule of the fold looks across it: before an ASCII byte
// that is not a letter or digit (a space, punctuation) — failing that in a
// piece, before any ASCII byte (a new combining sequence starts there),
// and failing that at a character boundary.
constexpr size_t kPiece = 4096;

size_t cut_before(std::string_view s, size_t from) {
  const size_t end = from + kPiece;  // s.size() > end
  size_t ascii = 0;
  for (size_t i = end; i > from; --i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) continue;
    if (!std::isalnum(c)) return i;
    if (ascii == 0) ascii = i;
  }
  if (ascii != 0) return ascii;
  size_t i = end;
  while (i > from + 1 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;  // back to a lead byte
  return i;
}

void fold_piece(std::string_view utf8, std::string& out) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (auto* t = folder()) t->transliterate(u);
  u.toUTF8String(out);  // appends
}

}  // namespace

std::string fold(std::string_view utf8) {
  std::string out;
  size_t at = 0;
  while (utf8.size() - at > kPiece) {
    const size_t cut = cut_before(utf8, at);
    fold_piece(utf8.substr(at, cut - at), out);
    at = cut;
  }
  fold_piece(utf8.substr(at), out);
  return out;
}

std::vector<std::string> tokens(std::string_view utf8) {
  const std::string f = fold(utf8);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;  // a linear search of `out` was quadratic in the words
  std::string cur;
  auto flush = [&] {
    if (!cur.empty() && seen.insert(cur).second) out.push_back(cur);
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
