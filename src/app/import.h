// Import use case: a JSON Lines file into the store, all or nothing.
//
// Contract: every line is checked (parse, then against what is stored and
// what stands earlier in the file); if any line is refused nothing is
// written and every refusal is returned with its line number. Otherwise all
// accepted records, their read models and the audit chain are written in ONE
// transaction, so a process killed mid-import leaves all of it or none.
// Identical (case, seq) records and identical reference records are no-ops.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct LineRefusal {
  int64_t line = 0;
  Refusal refusal;
};

struct ImportResult {
  int64_t lines = 0;
  int64_t events_added = 0;
  int64_t references_added = 0;
  int64_t duplicates = 0;
  int64_t cases_touched = 0;
  std::vector<LineRefusal> refusals;
  bool ok() const { return refusals.empty(); }
};

struct ImportOptions {
  int64_t now_unix = 0;     // default recorded_at
  std::string actor;        // recorded with reference records
  // Called now and then with (phase, done, total); total 0 when unknown.
  std::function<void(const char* phase, int64_t done, int64_t total)> progress;
  // Rights of the one who imports, checked inside the import's write
  // transaction before any line (a refusal is reported as line 0 and
  // nothing is written). Empty: no check (the command line's operator).
  std::function<std::optional<Refusal>(Db& db)> authorize;
  // Streams kept in memory at once (the cases, and the oversight module's
  // streams, each on its own): beyond it the least recently used half is written to
  // the read models and dropped, and read back from the journal if a later
  // line needs it. Bounds the import's memory whatever the file's size; the
  // outcome does not depend on it (tests set it small).
  size_t window = 4096;
  // Ids asked of the journal one at a time before a module lists every
  // stored id once and asks only about those that may be stored (the
  // oversight streams, modules/oversight/app/stored_ids.h). The cases are
  // listed after this many or a quarter of the stored cases, whichever is
  // more (a listing costs about as much as that many lookups). A small
  // import into a large store never lists; the outcome does not depend on
  // it (tests set it to 0: list at once).
  int64_t lookups_before_listing = 4096;
};

ImportResult import_jsonl(Store& store, std::istream& in, const ImportOptions& opt);

}  // namespace thads
