// Disposer: where an import hands what it no longer needs, to be destroyed
// off its deciding thread.
//
// An import's window drops thousands of held streams at a time, each with
// its acts' parsed payloads: trees of small allocations made on the line
// parser's thread. Freeing them took about a tenth of the import's main
// thread, the one that decides and writes and so sets the pace. The import
// of a file hands them to its line parser's thread instead (app/import.cc,
// app/line_parser.h), which has time to spare and made those allocations.
//
// Contract: dispose() takes ownership of its argument; the object is
// destroyed before the disposer is, on whichever thread the disposer's
// implementation chooses (possibly at once, on the caller's). The objects'
// destructors must not touch the caller's state. Hand over batches (a vector
// of node handles), not single small objects: each hand-over costs a lock.
#pragma once

#include <memory>
#include <utility>

namespace thads {

class Disposer {
 public:
  struct Disposable {
    virtual ~Disposable() = default;
  };

  virtual ~Disposer() = default;

  template <class T>
  void dispose(T value) {
    take(std::make_unique<Holder<T>>(std::move(value)));
  }

  // The type-erased hand-over dispose() makes (for a disposer that passes
  // what it takes on to another).
  virtual void take(std::unique_ptr<Disposable> owned) = 0;

 private:
  template <class T>
  struct Holder final : Disposable {
    explicit Holder(T&& v) : value(std::move(v)) {}
    T value;
  };
};

// Passes what it takes on to the disposer set by use(), which must outlive
// that use; with none set, destroys it at once on the caller's thread.
class DisposerSwitch final : public Disposer {
 public:
  void use(Disposer* to) { to_ = to; }
  void take(std::unique_ptr<Disposable> owned) override {
    if (to_) to_->take(std::move(owned));
  }

 private:
  Disposer* to_ = nullptr;
};

}  // namespace thads
