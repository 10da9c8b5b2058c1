// Fuzz target: amounts typed by a person (parse_amount: "1.234.567",
// "1 234 567") and the ways money is written back (format_vnd,
// amount_in_words, to_thousand_vnd). A parsed amount is never negative and
// its formatted form parses back to it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/money.h"
#include "fuzz_support.h"
#include "http/event_form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const std::string typed = fuzz::text_of(data, size);
  const auto v = http::parse_amount(typed);
  if (v) {
    if (*v < 0) std::abort();
    std::string shown = format_vnd(*v);  // "1.234.567 đ"
    shown = shown.substr(0, shown.find(' '));
    const auto back = http::parse_amount(shown);
    if (!back || *back != *v) std::abort();
    if (amount_in_words(*v).empty()) std::abort();
    (void)to_thousand_vnd(*v);
  }
  // Any int64 the bytes spell, negative and extreme ones too, formats.
  if (size >= 8) {
    int64_t m = 0;
    for (int i = 0; i < 8; ++i) m = static_cast<int64_t>((static_cast<uint64_t>(m) << 8) | data[i]);
    (void)format_vnd(m);
    (void)amount_in_words(m);
    (void)to_thousand_vnd(m);
  }
  return 0;
}
