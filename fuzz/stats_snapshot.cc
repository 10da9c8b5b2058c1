// Fuzz target: the decoder of the statistics snapshot saved in the store
// (StatsSnapshot::decode, format in src/app/stats_snapshot_saved.cc). The
// first byte chooses what is decoded:
//   0: the rest of the input as it is;
//   1: the snapshot of the seed store, altered by the rest read as patches
//      of 5 bytes (u32 offset, modulo the size; u8 xor mask);
//   2: the snapshot of the seed store cut at the u32 after the byte, with
//      the rest appended.
// A decoded snapshot answers reports and dashboards without a crash (or
// refuses them with FiguresOverflow when its amounts add up past int64)
// and encodes back to the very bytes decoded.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/reports.h"
#include "fuzz_support.h"

namespace {

struct Seed {
  thads::AgencyTree tree;
  std::string bytes;
};

const Seed& seed() {
  static const Seed s = [] {
    auto store = thads::fuzz::seeded_store(thads::fuzz::scratch_dir() + "/seed.db");
    const thads::StatsSnapshot snap = thads::StatsSnapshot::load(*store);
    return Seed{snap.tree(), snap.encode()};
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const Seed& s = seed();
  const std::optional<std::string> in = fuzz::snapshot_bytes(data, size, s.bytes);
  if (!in) return 0;
  const std::string& bytes = *in;
  const auto d = StatsSnapshot::decode(bytes, s.tree);
  if (!d) return 0;
  if (d->encode() != bytes) std::abort();
  const Period p{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)};
  // Amounts a damaged snapshot holds may add up past int64: the report is
  // then refused (FiguresOverflow), never computed with wrapped figures.
  try {
    for (const char* by : {"", "agency", "mode", "judgment_kind", "flag"})
      (void)d->compute_both(ReportQuery{Form::cases, p, "", by, std::nullopt});
  } catch (const FiguresOverflow&) {
  }
  try {
    (void)d->current("", Date::from_ymd(2026, 1, 15));
  } catch (const FiguresOverflow&) {
  }
  return 0;
}
