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

// Gives the pages of the heap's free memory back to the system when the
// arenas hold more than `keep_free` bytes free (glibc's malloc_trim, which
// also releases whole free pages in the middle of an arena, where
// M_TRIM_THRESHOLD never looks). `thads serve` keeps a large trim threshold
// so that requests do not fault their memory in again (cli/serve_commands.cc);
// without this, memory freed in the middle of the arenas stays resident for
// the process's life. Returns true when it trimmed. Does nothing where the
// allocator is not glibc's (a sanitized build: the sanitizer's allocator).
// Safe from any thread; it holds each arena's lock in turn while it walks it.
bool release_free_heap(size_t keep_free);

}  // namespace thads::http
