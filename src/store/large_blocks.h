// Memory for the large arrays of the read models (a persisted snapshot's
// bytes, the statistics table of a national store: hundreds of MiB).
//
// Contract: large_block_resource() is one process-wide, thread-safe
// std::pmr::memory_resource that is never destroyed. A block of at least
// kLargeBlockBytes is mapped on its own (anonymous, aligned to 2 MiB) and
// advised to the kernel as transparent huge pages, so that filling it costs
// one page fault per 2 MiB instead of one per 4 KiB: on a national store
// the faults of 4 KiB pages were about a third of a fresh `thads report`'s
// time (docs/benchmarks.md, "Session 17"). Where the kernel gives no huge
// pages the block still works, with small pages. A smaller block comes
// from operator new. Blocks are freed to where they came from; allocation
// failure throws std::bad_alloc.
#pragma once

#include <cstddef>
#include <memory_resource>

namespace thads {

inline constexpr size_t kLargeBlockBytes = size_t{4} << 20;

std::pmr::memory_resource* large_block_resource();

}  // namespace thads
