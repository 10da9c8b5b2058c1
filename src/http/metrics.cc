#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace thads::http {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  Histogram* h;
  {
    std::lock_guard lock(mu_);
    const SeriesProbe key{route, method, status};
    auto c = counts_.find(key);
    if (c == counts_.end()) c = counts_.emplace(SeriesKey{route, method, status}, 0).first;
    ++c->second;
    auto l = latency_.find(std::string_view(route));
    if (l == latency_.end()) l = latency_.emplace(route, std::make_unique<Histogram>()).first;
    h = l->second.get();
  }
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) h->buckets[i].fetch_add(1, std::memory_order_relaxed);
  h->count.fetch_add(1, std::memory_order_relaxed);
  h->sum_us.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::ostringstream o;
  std::lock_guard lock(mu_);
  o << "# HELP thads_http_requests_total HTTP requests by route pattern, method and status.\n"
    << "# TYPE thads_http_requests_total counter\n";
  for (const auto& [key, n] : counts_) {
    const auto& [route, method, status] = key;
    o << "thads_http_requests_total{route=\"" << label(route) << "\",method=\"" << method << "\",status=\""
      << status << "\"} " << n << "\n";
  }
  o << "# HELP thads_http_request_duration_seconds Time to answer a request, by route pattern.\n"
    << "# TYPE thads_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = label(route);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      o << "thads_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << num(kBuckets[i]) << "\"} "
        << h->buckets[i].load(std::memory_order_relaxed) << "\n";
    const uint64_t count = h->count.load(std::memory_order_relaxed);
    o << "thads_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} " << count << "\n"
      << "thads_http_request_duration_seconds_sum{route=\"" << r << "\"} "
      << num(static_cast<double>(h->sum_us.load(std::memory_order_relaxed)) / 1e6) << "\n"
      << "thads_http_request_duration_seconds_count{route=\"" << r << "\"} " << count << "\n";
  }
  return o.str();
}

}  // namespace thads::http
