// Request metrics in the Prometheus text format (GET /metrics): a counter
// of requests by route pattern, method and status, and a latency histogram
// by route pattern.
//
// Contract: observe() is safe to call from many threads at once; render()
// gives a consistent-enough snapshot (each series read atomically).
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace thads::http {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size()> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_us{0};
  };
  mutable std::mutex mu_;
  // Transparent comparators: a request looks its series up by string_view,
  // without copying the route and the method (a series is copied in once).
  using SeriesKey = std::tuple<std::string, std::string, int>;
  using SeriesProbe = std::tuple<std::string_view, std::string_view, int>;
  // Compares keys and probes as string_views: libstdc++'s tuple operator<
  // across element types compiles with GCC but not with clang.
  struct SeriesLess {
    using is_transparent = void;
    static SeriesProbe view(const SeriesKey& k) { return {std::get<0>(k), std::get<1>(k), std::get<2>(k)}; }
    static const SeriesProbe& view(const SeriesProbe& p) { return p; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return view(a) < view(b);
    }
  };
  std::map<SeriesKey, uint64_t, SeriesLess> counts_;
  std::map<std::string, std::unique_ptr<Histogram>, std::less<>> latency_;
};

}  // namespace thads::http
