// Fuzz target: the legal settings file (LegalSettings::from_json, read by
// `thads --settings FILE`). Accepted settings write back as JSON that reads
// back as the same settings.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/legal_settings.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  std::string error;
  const auto s = LegalSettings::from_json(fuzz::text_of(data, size), &error);
  if (!s) {
    if (error.empty()) std::abort();
    return 0;
  }
  const auto again = LegalSettings::from_json(s->to_json(), &error);
  if (!again || again->to_json() != s->to_json()) std::abort();
  return 0;
}
