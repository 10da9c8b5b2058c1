// release_free_heap (http/heap_memory.h): `thads serve` keeps a large trim
// threshold, so memory freed in the middle of the heap stayed resident for the
// process's life (the soaks of sessions 20 and 22). These tests free memory
// that glibc's own trimming cannot give back (below a block still in use) and
// hold release_free_heap to giving it back, and to leaving it alone while the
// free memory is within the bound.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "http/heap_memory.h"

namespace {

constexpr size_t kBlock = 4096;            // below any mmap threshold: from the arena
constexpr size_t kBlocks = 64 * 256;       // 64 MiB

// Allocates kBlocks blocks, touches them, then one more block that stays in
// use above them, and frees the kBlocks: 64 MiB free and resident in the
// middle of the arena, where M_TRIM_THRESHOLD does not reach.
std::unique_ptr<char[]> free_in_the_middle() {
  std::vector<std::unique_ptr<char[]>> blocks;
  blocks.reserve(kBlocks);
  for (size_t i = 0; i < kBlocks; ++i) {
    blocks.emplace_back(new char[kBlock]);
    std::memset(blocks.back().get(), 1, kBlock);
  }
  auto above = std::make_unique<char[]>(kBlock);
  std::memset(above.get(), 1, kBlock);
  blocks.clear();
  return above;
}

#ifndef THADS_UNDER_ASAN

// Resident memory of this process, in bytes (/proc/self/statm, field 2).
long resident_bytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long size = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * sysconf(_SC_PAGESIZE) : -1;
}

constexpr long kFreed = kBlock * kBlocks;

TEST(HeapRelease, GivesTheFreePagesInTheMiddleOfTheArenaBack) {
  const auto above = free_in_the_middle();
  const thads::http::HeapBytes h = thads::http::heap_bytes();
  ASSERT_GE(static_cast<long>(h.free), kFreed / 2) << "the freed blocks are free in the arena";
  const long before = resident_bytes();
  ASSERT_TRUE(thads::http::release_free_heap(16u << 20));
  const long after = resident_bytes();
  EXPECT_GE(before - after, kFreed / 2) << "resident " << before << " -> " << after;
}

TEST(HeapRelease, KeepsTheFreeMemoryWithinTheBound) {
  const auto above = free_in_the_middle();
  const thads::http::HeapBytes h = thads::http::heap_bytes();
  const long before = resident_bytes();
  EXPECT_FALSE(thads::http::release_free_heap(h.free + (64u << 20)));
  const long after = resident_bytes();
  EXPECT_LT(before - after, kFreed / 4) << "resident " << before << " -> " << after;
}

#else

// Under AddressSanitizer the sanitizer's allocator holds the heap: nothing to
// trim, and release_free_heap says so.
TEST(HeapRelease, DoesNothingUnderTheSanitizersAllocator) {
  const auto above = free_in_the_middle();
  EXPECT_FALSE(thads::http::release_free_heap(0));
}

#endif

}  // namespace
