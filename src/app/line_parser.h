// LineParser: the import's reader. It reads and parses the lines of an
// interchange file on a thread of its own (parse_line is pure) and hands
// them over in batches, in file order; the importer decides and writes them
// on the calling thread (app/import.cc).
//
// It is also the import's disposer (app/disposer.h): what the importer hands
// back (the modules' dropped streams) is destroyed on the parser's thread,
// between batches and after the last line, until the parser is destroyed.
// That thread made those allocations and has time to spare; the importer's
// thread sets the pace.
//
// Contract: at most kDepth batches wait to be taken, and at most kMaxGarbage
// hand-overs wait to be destroyed; beyond that dispose() destroys on the
// caller's thread. So memory stays bounded however far either side lags: an
// import's window drops half of itself per hand-over, so what waits is at
// most kMaxGarbage / 2 windows. Everything handed over is destroyed before
// the destructor returns. A read error is rethrown by next() once the
// batches before it are taken.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <istream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/disposer.h"
#include "domain/interchange.h"

namespace thads {

// Reads one line, without its '\n', into `text`; false at the end of the
// input. At most kMaxLineBytes + 1 bytes of a line are kept (the rest is
// read and dropped): enough for parse_line to refuse it as too long, while
// one endless line cannot take all memory.
bool read_line(std::istream& in, std::string& text);

class LineParser final : public Disposer {
 public:
  using Batch = std::vector<Record>;
  static constexpr size_t kBatch = 512;
  static constexpr size_t kDepth = 16;
  static constexpr size_t kMaxGarbage = 8;

  // Starts reading `in` at once; `now_unix` stands in for a missing
  // recorded_at (parse_line).
  LineParser(std::istream& in, int64_t now_unix);
  ~LineParser() override;
  LineParser(const LineParser&) = delete;
  LineParser& operator=(const LineParser&) = delete;

  // The next batch in file order; false at the end of the input. What
  // `out` held before is handed to this disposer, not destroyed in place.
  bool next(Batch& out);

  void take(std::unique_ptr<Disposable> owned) override;

 private:
  void collect(std::unique_lock<std::mutex>& l);
  void work();

  std::istream& in_;
  const int64_t now_;
  std::mutex m_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;
  std::deque<std::unique_ptr<Disposable>> garbage_;
  bool done_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace thads
