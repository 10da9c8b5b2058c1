// Fuzz target: one interchange line (src/domain/interchange.h), the v1 kinds
// and those the modules register (record_kinds.h). Whatever the bytes, the
// parser answers a record, a skip or a refusal; a record's canonical form
// parses back as the same record and as a stored event when it is one.
#include <cstdint>
#include <cstdlib>
#include <variant>

#include "domain/interchange.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const std::string line = fuzz::text_of(data, size);
  const Record r = parse_line(line, fuzz::kNow);
  if (const auto* e = std::get_if<Event>(&r)) {
    if (!same_record(e->raw, e->raw)) std::abort();
    // The payload is the one of the event's own type (domain/event.h).
    if (e->payload.index() != static_cast<size_t>(e->type)) std::abort();
    // What the journal keeps must read back (parse_stored_event skips the
    // recorded-at check, nothing else).
    if (!parse_stored_event(e->raw, e->recorded_at)) std::abort();
  }
  if (const auto* ref = std::get_if<Refusal>(&r)) {
    if (ref->code.empty()) std::abort();
  }
  return 0;
}
