#include "store/journal_codec.h"

#include <zdict.h>
#include <zstd.h>

namespace thads {

namespace {
// Level 3 (zstd's default): on the demo's bodies with a trained dictionary,
// within a few bytes of level 19 and several times faster to write.
constexpr int kLevel = 3;
}  // namespace

struct JournalCodec::Dict {
  ZSTD_CDict* c = nullptr;  // made on first pack
  ZSTD_DDict* d = nullptr;  // made on first unpack
  std::string bytes;
  ~Dict() {
    ZSTD_freeCDict(c);
    ZSTD_freeDDict(d);
  }
};

struct JournalCodec::Contexts {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_DCtx* d = ZSTD_createDCtx();
  Contexts() {
    if (!c || !d) {
      ZSTD_freeCCtx(c);
      ZSTD_freeDCtx(d);
      throw JournalCodecError("zstd could not make its contexts");
    }
    // No checksum (the hash chain covers the text) and no dictionary id in
    // the frame (our own first byte names the dictionary): 5 bytes less.
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
  }
  ~Contexts() {
    ZSTD_freeCCtx(c);
    ZSTD_freeDCtx(d);
  }
};

JournalCodec::JournalCodec(Loader load) : load_(std::move(load)) {}
JournalCodec::~JournalCodec() = default;

void JournalCodec::forget() { dicts_.clear(); }

JournalCodec::Dict& JournalCodec::dict(int id) {
  if (auto it = dicts_.find(id); it != dicts_.end()) return *it->second;
  auto bytes = load_(id);
  if (!bytes || bytes->empty())
    throw JournalCodecError("the journal names compression dictionary " + std::to_string(id) +
                            ", which the store does not hold");
  auto d = std::make_unique<Dict>();
  d->bytes = std::move(*bytes);
  return *dicts_.emplace(id, std::move(d)).first->second;
}

std::string JournalCodec::pack(std::string_view text, int dict_id) {
  if (dict_id < 1 || dict_id > 255) throw JournalCodecError("dictionary id out of range");
  if (!ctx_) ctx_ = std::make_unique<Contexts>();
  Dict& d = dict(dict_id);
  if (!d.c) {
    d.c = ZSTD_createCDict(d.bytes.data(), d.bytes.size(), kLevel);
    if (!d.c) throw JournalCodecError("zstd refused dictionary " + std::to_string(dict_id));
  }
  std::string out(1 + ZSTD_compressBound(text.size()), '\0');
  out[0] = static_cast<char>(dict_id);
  // ZSTD_compress2 with the dictionary referenced keeps the context's
  // parameters (no dictionary id, no checksum); ZSTD_compress_usingCDict
  // would write the dictionary's 4-byte id into every frame.
  size_t n = ZSTD_CCtx_refCDict(ctx_->c, d.c);
  if (!ZSTD_isError(n)) n = ZSTD_compress2(ctx_->c, out.data() + 1, out.size() - 1, text.data(), text.size());
  if (ZSTD_isError(n)) throw JournalCodecError(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(1 + n);
  return out;
}

size_t JournalCodec::unpacked_size(std::string_view blob) {
  if (blob.size() < 2) throw JournalCodecError("a packed journal body is cut short");
  const unsigned long long size = ZSTD_getFrameContentSize(blob.data() + 1, blob.size() - 1);
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxBody)
    throw JournalCodecError("a packed journal body is not a zstd frame of a known size");
  return static_cast<size_t>(size);
}

void JournalCodec::unpack_to(std::string_view blob, char* out, size_t size) {
  if (blob.size() < 2) throw JournalCodecError("a packed journal body is cut short");
  const int id = static_cast<unsigned char>(blob[0]);
  if (!ctx_) ctx_ = std::make_unique<Contexts>();
  Dict& d = dict(id);
  if (!d.d) {
    d.d = ZSTD_createDDict(d.bytes.data(), d.bytes.size());
    if (!d.d) throw JournalCodecError("zstd refused dictionary " + std::to_string(id));
  }
  const size_t n = ZSTD_decompress_usingDDict(ctx_->d, out, size, blob.data() + 1, blob.size() - 1, d.d);
  if (ZSTD_isError(n) || n != size)
    throw JournalCodecError(std::string("a packed journal body does not decompress: ") +
                            (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size"));
}

std::string JournalCodec::unpack(std::string_view blob) {
  std::string out(unpacked_size(blob), '\0');
  unpack_to(blob, out.data(), out.size());
  return out;
}

std::optional<std::string> train_journal_dictionary(const std::vector<std::string>& samples, size_t capacity) {
  std::string all;
  std::vector<size_t> sizes;
  sizes.reserve(samples.size());
  for (const std::string& s : samples) {
    all += s;
    sizes.push_back(s.size());
  }
  std::string dict(capacity, '\0');
  const size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), all.data(), sizes.data(),
                                         static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n) || n < 256) return std::nullopt;
  dict.resize(n);
  return dict;
}

std::optional<std::string> hash_bytes(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  std::string out(32, '\0');
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < 32; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace thads
