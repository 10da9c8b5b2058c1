// Fuzz target: the decoder of the search index saved in the store
// (NameIndex::decode, format in src/app/name_index_saved.cc). The first
// byte chooses what is decoded, as in stats_snapshot.cc:
//   0: the rest of the input as it is;
//   1: the index of the seed store, altered by the rest read as patches of
//      5 bytes (u32 offset, modulo the size; u8 xor mask);
//   2: the index of the seed store cut at the u32 after the byte, with the
//      rest appended.
// A decoded index answers searches without a crash and encodes back to the
// very bytes decoded.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "app/name_index.h"
#include "fuzz_support.h"

namespace {

struct Seed {
  std::vector<std::string> agencies;
  std::string bytes;
};

const Seed& seed() {
  static const Seed s = [] {
    auto store = thads::fuzz::seeded_store(thads::fuzz::scratch_dir() + "/seed.db");
    Seed out;
    for (const auto& a : store->agencies()) out.agencies.push_back(a.code);
    out.bytes = thads::NameIndex::load(*store)->encode();
    return out;
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
  const auto d = NameIndex::decode(bytes);
  if (!d) return 0;
  if (d->encode() != bytes) std::abort();
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"nguyen"}, {"t"}, {"van", "a"}, {"ngan", "hang", "0"}}) {
    (void)d->search(words, s.agencies, 20);
    (void)d->count(words, s.agencies);
    if (!s.agencies.empty()) (void)d->search(words, {s.agencies.back()}, 5);
  }
  return 0;
}
