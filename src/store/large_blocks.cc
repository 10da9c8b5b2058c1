#include "store/large_blocks.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace thads {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t rounded(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

class LargeBlocks final : public std::pmr::memory_resource {
 private:
  void* do_allocate(size_t bytes, size_t align) override {
    if (bytes < kLargeBlockBytes || align > kHugePage) return ::operator new(bytes, std::align_val_t(align));
    const size_t len = rounded(bytes);
    // One huge page more than asked, to cut an aligned range out of it.
    void* p = ::mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    auto* base = static_cast<char*>(p);
    const size_t head = (kHugePage - reinterpret_cast<uintptr_t>(base) % kHugePage) % kHugePage;
    if (head) ::munmap(base, head);
    if (kHugePage - head) ::munmap(base + head + len, kHugePage - head);
    ::madvise(base + head, len, MADV_HUGEPAGE);  // advice only: small pages where refused
    return base + head;
  }
  void do_deallocate(void* p, size_t bytes, size_t align) override {
    if (bytes < kLargeBlockBytes || align > kHugePage) {
      ::operator delete(p, std::align_val_t(align));
      return;
    }
    ::munmap(p, rounded(bytes));
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

}  // namespace

std::pmr::memory_resource* large_block_resource() {
  static auto* r = new LargeBlocks();  // never destroyed: blocks may outlive main's statics
  return r;
}

}  // namespace thads
