// The C heap as its allocator counts it, for /metrics (thads_heap_bytes)
// and the tests that measure what a structure holds.
//
// In a build with AddressSanitizer the sanitizer's allocator replaces
// glibc's: glibc's mallinfo2 then reports nothing, and the sanitizer's own
// counts are read instead. THADS_UNDER_ASAN says which build this is.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define THADS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define THADS_UNDER_ASAN 1
#endif
#endif

namespace thads::http {

struct HeapBytes {
  size_t in_use = 0;  // held by the program
  size_t free = 0;    // free in the allocator's arenas, kept for reuse
  bool known = false;  // false where neither count exists (not glibc, no sanitizer)
};

HeapBytes heap_bytes();

}  // namespace thads::http
