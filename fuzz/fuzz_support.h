// Shared by the fuzz targets: a scratch store seeded once per process with
// fuzz/store_seed.jsonl (agencies, officers, four cases), and the bytes of a
// fuzz input as a string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <optional>
#include <cstring>
#include <string>
#include <unistd.h>

#include "app/import.h"
#include "store/store.h"

namespace thads::fuzz {

// A fixed "now" (2026-01-15T03:00:00Z), so that a run is reproducible.
inline constexpr int64_t kNow = 1768446000;

inline std::string text_of(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A new directory under $TMPDIR for this process (and its key directory).
// Bytes for a snapshot decoder from a fuzz input and a valid encoding:
// the first byte picks how — the input itself; the valid bytes with bytes
// flipped (each 5 input bytes: a u32 offset and a mask); or a prefix of the
// valid bytes (length from a u32) followed by the rest of the input.
// nullopt when the input is too short for its choice.
inline std::optional<std::string> snapshot_bytes(const uint8_t* data, size_t size, const std::string& valid) {
  if (size == 0) return std::nullopt;
  const auto u32_at = [](const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  };
  const uint8_t* rest = data + 1;
  const size_t n = size - 1;
  std::string bytes;
  switch (data[0] % 3) {
    case 0: bytes.assign(reinterpret_cast<const char*>(rest), n); break;
    case 1:
      bytes = valid;
      if (!bytes.empty())
        for (size_t i = 0; i + 5 <= n; i += 5) bytes[u32_at(rest + i) % bytes.size()] ^= static_cast<char>(rest[i + 4]);
      break;
    default:
      if (n < 4) return std::nullopt;
      bytes = valid.substr(0, u32_at(rest) % (valid.size() + 1));
      bytes.append(reinterpret_cast<const char*>(rest + 4), n - 4);
  }
  return bytes;
}

inline std::string scratch_dir() {
  auto p = std::filesystem::temp_directory_path() / ("thads-fuzz-" + std::to_string(getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  // The audit chain's keys of the scratch stores (docs/security/audit-chain.md)
  // stay in the scratch directory too.
  ::setenv("THADS_KEYS", (p / "keys").c_str(), 1);
  return p.string();
}

inline std::string seed_text() {
  std::ifstream in(THADS_FUZZ_DIR "/store_seed.jsonl", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A SQLite store at `path` holding the seed.
inline std::unique_ptr<Store> seeded_store(const std::string& path) {
  auto store = Store::open(path);
  std::istringstream in(seed_text());
  ImportOptions opt;
  opt.now_unix = kNow;
  if (!import_jsonl(*store, in, opt).ok()) throw std::runtime_error("fuzz: the seed was refused");
  return store;
}

}  // namespace thads::fuzz
