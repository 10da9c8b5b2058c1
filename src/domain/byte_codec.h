// ByteWriter / ByteReader: the fixed-width little-endian encoding of the
// persisted read-model snapshots (docs/storage.md, "Read-model snapshots").
//
// Contract: pure. Integers are written in little-endian order with their
// full width (no varints, no floating point); a string is its length (u32)
// then its bytes. The reader never reads past its input: every get checks
// the bytes left first, and once one fails the reader stays failed (ok()
// false) and every later get returns zero or empty, so a decoder may read a
// whole section and check ok() once.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace thads {

static_assert(std::endian::native == std::endian::little, "the snapshot encoding assumes a little-endian machine");

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  template <typename T>
  void put(T v) {
    static_assert(std::is_integral_v<T>);
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.append(b, sizeof(T));
  }
  void str(std::string_view s) {
    put(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  // Bytes as they are (a block whose layout the caller has fixed).
  void raw(std::string_view s) { out_.append(s); }
  // A list of u32: its count (u64), then the numbers one after the other.
  void u32s(const std::vector<uint32_t>& v) {
    put(static_cast<uint64_t>(v.size()));
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(uint32_t));
  }
  // A list of strings: its count (u64), then each as str() writes it.
  void strs(const std::vector<std::string>& v) {
    put(static_cast<uint64_t>(v.size()));
    for (const std::string& s : v) str(s);
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  template <typename T>
  T get() {
    static_assert(std::is_integral_v<T>);
    T v{};
    if (!ok_ || in_.size() < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return v;
  }
  std::string_view str() { return bytes(get<uint32_t>()); }
  std::string_view bytes(uint64_t n) {
    if (!ok_ || in_.size() < n) {
      ok_ = false;
      return {};
    }
    std::string_view s = in_.substr(0, static_cast<size_t>(n));
    in_.remove_prefix(static_cast<size_t>(n));
    return s;
  }
  // A count of items of at least `item_size` bytes each: fails (and answers
  // 0) when the input cannot hold that many, so that no caller reserves
  // memory for a count a corrupt input made up.
  uint64_t count(uint64_t item_size) {
    const uint64_t n = get<uint64_t>();
    if (!ok_ || (item_size && n > in_.size() / item_size)) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  // A list written by ByteWriter::u32s (empty when the reader fails).
  void u32s(std::vector<uint32_t>& v) {
    const uint64_t n = count(sizeof(uint32_t));
    const std::string_view b = bytes(n * sizeof(uint32_t));
    v.resize(ok_ ? static_cast<size_t>(n) : 0);
    if (ok_ && n) std::memcpy(v.data(), b.data(), b.size());
  }
  // A list written by ByteWriter::strs (cut short when the reader fails).
  std::vector<std::string> strs() {
    std::vector<std::string> v(static_cast<size_t>(count(sizeof(uint32_t))));
    for (std::string& s : v) s = std::string(str());
    return v;
  }
  void fail() { ok_ = false; }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace thads
