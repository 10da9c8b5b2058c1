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
