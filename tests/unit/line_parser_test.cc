// The import's reader (app/line_parser.h): batches in file order, and its
// other duty, destroying what the importer hands back on its own thread,
// bounded, and all of it before it goes.
#include "app/line_parser.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <variant>

#include "domain/record_kinds.h"

namespace thads {
namespace {

// Counts its destructions, and those that ran on `caller`'s thread.
struct Tracked {
  std::atomic<int>* destroyed;
  std::atomic<int>* on_caller;
  std::thread::id caller;
  Tracked(std::atomic<int>& d, std::atomic<int>& c)
      : destroyed(&d), on_caller(&c), caller(std::this_thread::get_id()) {}
  Tracked(Tracked&& o) noexcept : destroyed(o.destroyed), on_caller(o.on_caller), caller(o.caller) {
    o.destroyed = nullptr;
  }
  Tracked& operator=(Tracked&&) = delete;
  ~Tracked() {
    if (!destroyed) return;  // moved from
    ++*destroyed;
    if (std::this_thread::get_id() == caller) ++*on_caller;
  }
};

std::string lines(int n) {
  std::string text = "{\"kind\":\"format\",\"v\":1}\n";
  for (int i = 0; i < n; ++i)
    text += "{\"kind\":\"agency\",\"code\":\"A" + std::to_string(i) + "\",\"name\":\"Cục " + std::to_string(i) +
            "\",\"level\":\"province\",\"parent\":\"CQL\"}\n";
  return text;
}

TEST(LineParser, HandsOverEveryLineInFileOrderInBatches) {
  std::istringstream in(lines(3000));
  LineParser p(in, 0);
  LineParser::Batch b;
  size_t count = 0, batches = 0;
  while (p.next(b)) {
    ++batches;
    EXPECT_LE(b.size(), LineParser::kBatch);
    for (const Record& r : b) {
      if (count == 0) {
        EXPECT_TRUE(std::holds_alternative<FormatRecord>(r));
      } else {
        const auto* a = std::get_if<AgencyRecord>(&r);
        ASSERT_NE(a, nullptr) << "line " << count + 1;
        EXPECT_EQ(a->code, "A" + std::to_string(count - 1));
      }
      ++count;
    }
  }
  EXPECT_EQ(count, 3001u);
  EXPECT_EQ(batches, (3001 + LineParser::kBatch - 1) / LineParser::kBatch);
}

TEST(LineParser, DestroysWhatItIsHandedOnItsOwnThreadAndAllOfItBeforeItGoes) {
  std::atomic<int> destroyed{0}, on_caller{0};
  std::istringstream in(lines(1500));
  int handed = 0;
  {
    LineParser p(in, 0);
    LineParser::Batch b;
    while (p.next(b)) {
      std::vector<Tracked> some;
      for (int i = 0; i < 10; ++i) some.emplace_back(destroyed, on_caller);
      p.dispose(std::move(some));
      handed += 10;
      p.dispose(std::move(b));  // a batch too: any movable value
      b = {};
    }
    // After the last line the thread still takes what is handed over.
    for (int i = 0; i < 1; ++i) {
      std::vector<Tracked> late;
      late.emplace_back(destroyed, on_caller);
      p.dispose(std::move(late));
      ++handed;
    }
  }
  EXPECT_EQ(destroyed.load(), handed);  // nothing left behind, nothing destroyed twice
  // Fewer than kMaxGarbage hand-overs in all (two per batch, then one):
  // none can be the caller's own, however the threads were scheduled.
  ASSERT_LT(2 * ((1501 + LineParser::kBatch - 1) / LineParser::kBatch) + 1, LineParser::kMaxGarbage);
  EXPECT_EQ(on_caller.load(), 0);
}

// A record of a kind registered here: its value counts its destructions,
// and those on the thread that set `g_caller`.
std::atomic<int> g_probes_destroyed{0}, g_probes_on_caller{0};
std::thread::id g_caller;
struct Probe {
  ~Probe() {
    ++g_probes_destroyed;
    if (std::this_thread::get_id() == g_caller) ++g_probes_on_caller;
  }
};
std::variant<ModuleRecord, Refusal> parse_probe(std::string_view kind, nlohmann::json&&, int64_t, bool) {
  return ModuleRecord{std::string(kind), std::make_shared<Probe>()};
}

// The importer's thread sets the pace: the batches it is done with (their
// records' leftovers) are destroyed on the parser's thread, the last one too.
TEST(LineParser, TheBatchesTheCallerIsDoneWithAreDestroyedOnTheParsersThread) {
  register_record_kind("line_parser_probe", &parse_probe);
  g_caller = std::this_thread::get_id();
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "{\"kind\":\"line_parser_probe\"}\n";
  std::istringstream in(text);
  size_t seen = 0;
  {
    LineParser p(in, 0);
    LineParser::Batch b;
    while (p.next(b)) seen += b.size();
    EXPECT_TRUE(b.empty());
  }
  EXPECT_EQ(seen, 2000u);
  EXPECT_EQ(g_probes_destroyed.load(), 2000);
  // Four batches: never more than kMaxGarbage hand-overs waiting.
  ASSERT_LT((2000 + LineParser::kBatch - 1) / LineParser::kBatch, LineParser::kMaxGarbage);
  EXPECT_EQ(g_probes_on_caller.load(), 0);
}

// However far the parser's thread lags, at most kMaxGarbage hand-overs wait:
// the rest are destroyed by the caller at once.
TEST(LineParser, BeyondTheBoundTheCallerDestroysItsOwn) {
  std::atomic<int> destroyed{0}, on_caller{0};
  // A stream that blocks the parser's thread in its read until released, so
  // nothing handed over can be collected meanwhile.
  struct Gate : std::streambuf {
    std::mutex m;
    std::condition_variable cv;
    bool open = false;
    int underflow() override {
      std::unique_lock<std::mutex> l(m);
      cv.wait(l, [&] { return open; });
      return traits_type::eof();
    }
  } gate;
  std::istream in(&gate);
  {
    LineParser p(in, 0);
    const int n = static_cast<int>(LineParser::kMaxGarbage) + 10;
    for (int i = 0; i < n; ++i) {
      std::vector<Tracked> one;
      one.emplace_back(destroyed, on_caller);
      p.dispose(std::move(one));
    }
    EXPECT_EQ(on_caller.load(), 10);  // the ten beyond the bound
    EXPECT_EQ(destroyed.load(), 10);
    {
      std::lock_guard<std::mutex> l(gate.m);
      gate.open = true;
    }
    gate.cv.notify_all();
    LineParser::Batch b;
    EXPECT_FALSE(p.next(b));
  }
  EXPECT_EQ(destroyed.load(), static_cast<int>(LineParser::kMaxGarbage) + 10);
  EXPECT_EQ(on_caller.load(), 10);
}

}  // namespace
}  // namespace thads
