#include "app/line_parser.h"

#include <algorithm>
#include <utility>

#include "domain/json_limits.h"

namespace thads {

bool read_line(std::istream& in, std::string& text) {
  text.clear();
  char buf[65536];
  bool got = false;
  for (;;) {
    in.getline(buf, sizeof buf);
    const auto n = static_cast<size_t>(in.gcount());
    const bool ended = !in.fail();  // by '\n', or by the end of the input after some bytes
    const size_t bytes = ended && !in.eof() ? n - 1 : n;
    if (n > 0) got = true;
    if (text.size() <= kMaxLineBytes) text.append(buf, std::min(bytes, kMaxLineBytes + 1 - text.size()));
    if (ended) return true;
    if (in.eof() || in.bad()) return got;  // nothing more to read
    in.clear();  // the buffer filled up before the line ended
  }
}

LineParser::LineParser(std::istream& in, int64_t now_unix) : in_(in), now_(now_unix), thread_([this] { work(); }) {}

LineParser::~LineParser() {
  {
    std::lock_guard<std::mutex> l(m_);
    stop_ = true;
  }
  room_.notify_all();
  thread_.join();
}

bool LineParser::next(Batch& out) {
  // The batch the caller is done with (its records' leftovers: moved-from
  // payloads, refusals) is destroyed on this parser's thread, not the
  // caller's.
  if (!out.empty()) dispose(std::exchange(out, Batch{}));
  std::unique_lock<std::mutex> l(m_);
  ready_.wait(l, [&] { return !queue_.empty() || done_; });
  if (queue_.empty()) {
    if (error_) std::rethrow_exception(error_);
    return false;
  }
  out = std::move(queue_.front());
  queue_.pop_front();
  room_.notify_one();
  return true;
}

void LineParser::take(std::unique_ptr<Disposable> owned) {
  {
    std::lock_guard<std::mutex> l(m_);
    if (garbage_.size() >= kMaxGarbage) return;  // `owned` is destroyed here, on the caller's thread
    garbage_.push_back(std::move(owned));
  }
  room_.notify_one();
}

// Destroys what waits, outside the lock; called and returns with `l` held.
void LineParser::collect(std::unique_lock<std::mutex>& l) {
  while (!garbage_.empty()) {
    std::deque<std::unique_ptr<Disposable>> some;
    some.swap(garbage_);
    l.unlock();
    some.clear();
    l.lock();
  }
}

void LineParser::work() {
  try {
    std::string text;
    bool more = true;
    while (more) {
      Batch b;
      b.reserve(kBatch);
      while (b.size() < kBatch && (more = read_line(in_, text))) b.push_back(parse_line(text, now_));
      if (b.empty()) break;
      std::unique_lock<std::mutex> l(m_);
      for (;;) {
        collect(l);
        if (stop_) return;
        if (queue_.size() < kDepth) break;
        room_.wait(l, [&] { return queue_.size() < kDepth || stop_ || !garbage_.empty(); });
      }
      queue_.push_back(std::move(b));
      ready_.notify_one();
    }
  } catch (...) {
    std::lock_guard<std::mutex> l(m_);
    error_ = std::current_exception();
  }
  std::unique_lock<std::mutex> l(m_);
  done_ = true;
  ready_.notify_one();
  // The input is read: the thread now only destroys what it is handed.
  for (;;) {
    collect(l);
    if (stop_) return;
    room_.wait(l, [&] { return stop_ || !garbage_.empty(); });
  }
}

}  // namespace thads
