#include "http/heap_memory.h"

#include <malloc.h>

#ifdef THADS_UNDER_ASAN
// sanitizer/allocator_interface.h, which GCC 12 does not ship; libasan and
// clang's runtime both define them.
extern "C" size_t __sanitizer_get_current_allocated_bytes();
extern "C" size_t __sanitizer_get_free_bytes();
#endif

namespace thads::http {

HeapBytes heap_bytes() {
  HeapBytes h;
#if defined(THADS_UNDER_ASAN)
  h.in_use = __sanitizer_get_current_allocated_bytes();
  h.free = __sanitizer_get_free_bytes();
  h.known = true;
#elif defined(__GLIBC__)
  const struct mallinfo2 mi = mallinfo2();
  h.in_use = mi.uordblks + mi.hblkhd;  // small chunks in use, and mmapped ones
  h.free = mi.fordblks;
  h.known = true;
#endif
  return h;
}

bool release_free_heap(size_t keep_free) {
#if defined(THADS_UNDER_ASAN) || !defined(__GLIBC__)
  (void)keep_free;
  return false;
#else
  if (heap_bytes().free <= keep_free) return false;
  malloc_trim(0);
  return true;
#endif
}

}  // namespace thads::http
