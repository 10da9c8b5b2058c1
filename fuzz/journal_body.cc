// Fuzz target: the journal bodies of a SQLite store of journal layout 2
// (JournalCodec, src/store/journal_codec.h): a blob read from the file is
// untrusted bytes. The input is made into a blob as in stats_snapshot.cc
// (fuzz::snapshot_bytes: the input as it is, a packed body altered by
// patches, or a packed body cut and extended), with a dictionary trained
// from bodies shaped like the journal's. Unpacking either gives a text or
// throws JournalCodecError; and any input packed and unpacked again is
// itself, byte for byte.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "store/journal_codec.h"

namespace {

struct Seed {
  std::string dict;
  std::string packed;
};

const Seed& seed() {
  static const Seed s = [] {
    std::vector<std::string> bodies;
    for (int i = 0; i < 3000; ++i)
      bodies.push_back(R"({"case":"HN-2025-)" + std::to_string(100000 + i * 7919 % 900000) + R"(","date":"2025-0)" +
                       std::to_string(1 + i % 9) + R"(-1)" + std::to_string(i % 10) + R"(","kind":"event","seq":)" +
                       std::to_string(1 + i % 20) + R"(,"type":")" + (i % 2 ? "notified" : "payment_received") +
                       "\"}");
    Seed out;
    out.dict = thads::train_journal_dictionary(bodies, 16 * 1024).value();
    thads::JournalCodec codec([&](int) { return std::optional<std::string>(out.dict); });
    out.packed = codec.pack(bodies[42], 1);
    return out;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const Seed& s = seed();
  // One codec for the run, as one connection keeps its own: its dictionary
  // digested once, not for each input.
  static JournalCodec codec([&s](int id) -> std::optional<std::string> {
    if (id == 1) return s.dict;
    return std::nullopt;
  });
  const std::optional<std::string> in = fuzz::snapshot_bytes(data, size, s.packed);
  if (!in) return 0;
  try {
    const std::string text = codec.unpack(*in);
    if (text.size() > JournalCodec::kMaxBody) std::abort();
  } catch (const JournalCodecError&) {
  }
  if (codec.unpack(codec.pack(*in, 1)) != *in) std::abort();
  return 0;
}
