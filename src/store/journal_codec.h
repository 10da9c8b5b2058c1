// JournalCodec: how a SQLite store of journal layout 2 keeps the journal's
// bodies and hashes in fewer bytes (docs/storage.md, "Journal layout 2").
//
// A body is canonical JSON of a few hundred bytes whose keys and much of
// whose values recur from entry to entry. Compressed one by one with a zstd
// dictionary trained on the store's own first entries, it takes about a
// quarter of its size; without a dictionary, a body this small does not
// compress. So a body is kept as written (TEXT) until the store has a
// dictionary, and after that as a BLOB: one byte naming the dictionary (its
// id in `journal_dicts`, 1 to 255) and a zstd frame compressed with it. A
// hash is kept as its 32 bytes.
//
// Contract: unpack(pack(text, id)) == text, byte for byte, for every text;
// a dictionary, once stored under an id, never changes (ids are never
// reused); a blob that does not unpack is an error (JournalCodecError),
// never a guess. The hash chain is over the text, never over these bytes.
// One JournalCodec serves one connection at a time (it holds zstd contexts).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace thads {

struct JournalCodecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class JournalCodec {
 public:
  // `load(id)`: the bytes of dictionary `id`, or nullopt when the store has
  // none of that id. Called once per id until forget().
  using Loader = std::function<std::optional<std::string>(int id)>;
  explicit JournalCodec(Loader load);
  ~JournalCodec();
  JournalCodec(const JournalCodec&) = delete;
  JournalCodec& operator=(const JournalCodec&) = delete;

  // The body compressed with dictionary `dict_id` (1–255), its id first.
  std::string pack(std::string_view text, int dict_id);
  // The text of a packed body. Throws JournalCodecError when the blob names
  // a dictionary the store does not have, is cut, or decompresses to more
  // than kMaxBody bytes.
  std::string unpack(std::string_view blob);
  // The same in two steps, for a caller that owns the memory (the SQL
  // function hands SQLite its own buffer): the text's size, then the text
  // written to out[0, size). Both throw as unpack does.
  size_t unpacked_size(std::string_view blob);
  void unpack_to(std::string_view blob, char* out, size_t size);
  // Drops the dictionaries loaded (a rolled-back transaction may have
  // stored one that no longer exists).
  void forget();

  static constexpr size_t kMaxBody = 64u << 20;

 private:
  struct Dict;
  Dict& dict(int id);
  Loader load_;
  std::map<int, std::unique_ptr<Dict>> dicts_;
  struct Contexts;
  std::unique_ptr<Contexts> ctx_;
};

// A dictionary trained from `samples` (bodies as written), at most
// `capacity` bytes; nullopt when zstd cannot train one from them (too few,
// or too alike).
std::optional<std::string> train_journal_dictionary(const std::vector<std::string>& samples, size_t capacity);

// "ab01…" (64 lowercase hex digits) as its 32 bytes; nullopt for any other text.
std::optional<std::string> hash_bytes(std::string_view hex);

}  // namespace thads
