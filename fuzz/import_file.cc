// Fuzz target: the import of a whole file (src/app/import.h) into a store
// holding the seed: every line parsed, then checked against the store and
// the earlier lines, all or nothing. The store is reopened from scratch now
// and then so that accepted files do not pile up.
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "app/import.h"
#include "fuzz_support.h"

namespace {
std::string dir;
std::unique_ptr<thads::Store> store;
int runs = 0;

void reopen() {
  store.reset();
  const std::string db = dir + "/import.db";
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
  store = thads::fuzz::seeded_store(db);
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dir = thads::fuzz::scratch_dir();
  reopen();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  if (++runs % 500 == 0) reopen();
  std::istringstream in(fuzz::text_of(data, size));
  ImportOptions opt;
  opt.now_unix = fuzz::kNow;
  opt.actor = "fuzz";
  const ImportResult r = import_jsonl(*store, in, opt);
  // All or nothing: a refused file adds nothing.
  if (!r.ok() && (r.events_added != 0 || r.references_added != 0)) std::abort();
  for (const LineRefusal& l : r.refusals)
    if (l.refusal.code.empty() || l.line < 0) std::abort();
  return 0;
}
