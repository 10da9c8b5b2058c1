// Times staff case search inside a process, the way `thads serve` answers
// it: the in-memory NameIndex (loaded once) against the SQL search over
// `case_terms` (its peer), on the same names, for the whole country.
//
// Usage: search_bench --db PATH --names FILE [--limit N] [--reps N] [--sql N]
// FILE: one URL-encoded query a line (bench/http.sh's names.txt). Prints the
// load time, the resident memory before and after the load, the time per
// search (p50, p99) of both, and how many answers differ (must be 0). Not a
// test: nothing here asserts a time.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <ctime>
#include <vector>

#include "app/name_index.h"
#include "domain/text.h"
#include "store/db.h"  // the benchmark compares with plain SQL, as tests may
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double us_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

// CPU time of this thread in microseconds: a search's cost without the time
// the thread waited for a core (the machine is shared).
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double percentile(std::vector<double> xs, double p) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(xs.size()))));
  return xs[rank - 1];
}

double rss_mib() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, names_file;
  size_t limit = 50, reps = 5, sql = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") db = v;
    else if (k == "--names") names_file = v;
    else if (k == "--limit") limit = std::stoul(v);
    else if (k == "--reps") reps = std::stoul(v);
    else if (k == "--sql") sql = std::stoul(v);
  }
  if (db.empty() || names_file.empty()) {
    std::cerr << "usage: search_bench --db PATH --names FILE [--limit N] [--reps N] [--sql N]\n";
    return 2;
  }
  std::vector<std::vector<std::string>> queries;
  std::ifstream in(names_file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(thads::tokens(url_decode(line)));

  auto store = thads::Store::open(db);
  std::vector<std::string> scope;
  store->db().run("SELECT code FROM agencies", {}, [&](const thads::Row& r) { scope.push_back(r.s(0)); });

  const double rss0 = rss_mib();
  auto t0 = Clock::now();
  auto index = thads::NameIndex::load(*store);
  const double load_s = us_since(t0) / 1e6;
  const double rss1 = rss_mib();
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("RssAnon:", 0) == 0 || line.rfind("RssFile:", 0) == 0) std::fprintf(stderr, "%s\n", line.c_str());
  std::fprintf(stderr, "index: %zu cases loaded in %.1f s; RSS %.0f -> %.0f MiB (+%.0f)\n", index->case_count(),
               load_s, rss0, rss1, rss1 - rss0);

  std::vector<double> times;
  size_t rows = 0;
  for (size_t r = 0; r < reps; ++r)
    for (const auto& q : queries) {
      const double c0 = cpu_us();
      rows += index->search(q, scope, limit).size();
      times.push_back(cpu_us() - c0);
    }
  // The slowest queries of the last repetition.
  std::vector<std::pair<double, size_t>> slow;
  for (size_t i = 0; i < queries.size(); ++i) slow.emplace_back(times[times.size() - queries.size() + i], i);
  std::sort(slow.rbegin(), slow.rend());
  for (size_t i = 0; i < std::min<size_t>(5, slow.size()); ++i) {
    std::string text;
    for (const auto& w : queries[slow[i].second]) text += w + " ";
    std::fprintf(stderr, "  slow: %.1f us  %s\n", slow[i].first, text.c_str());
  }
  std::fprintf(stderr, "index search (thread CPU time): %zu searches, p50 %.1f us, p99 %.1f us, max %.1f us (%zu rows)\n", times.size(),
               percentile(times, 50), percentile(times, 99), percentile(times, 100), rows);

  // The SQL search on the first `sql` names, and whether both agree.
  std::vector<double> sql_times;
  size_t differ = 0;
  for (size_t i = 0; i < std::min(sql, queries.size()); ++i) {
    const auto& q = queries[i];
    std::string text;
    for (const auto& w : q) text += w + " ";
    t0 = Clock::now();
    std::vector<std::string> want;
    // Same SQL as search_cases' walk would be too slow to restate here;
    // a plain prefix query, ordered by case_id, is the reference answer.
    std::string sqltext = "SELECT c.case_id FROM cases c WHERE 1";
    std::vector<thads::Value> params;
    for (const auto& w : q) {
      sqltext += " AND EXISTS (SELECT 1 FROM case_terms t WHERE t.case_id = c.case_id AND t.term >= ? AND t.term < ?)";
      params.emplace_back(w);
      params.emplace_back(w + "\xf4\x8f\xbf\xbf");
    }
    sqltext += " ORDER BY c.case_id LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit));
    store->db().run(sqltext, params, [&](const thads::Row& r) { want.push_back(r.s(0)); });
    sql_times.push_back(us_since(t0));
    std::vector<std::string> got;
    for (const auto& row : index->search(q, scope, limit)) got.push_back(row.case_id);
    if (got != want) ++differ;
  }
  std::fprintf(stderr, "plain SQL (ORDER BY case_id): %zu searches, p50 %.0f us, p99 %.0f us; answers that differ: %zu\n",
               sql_times.size(), percentile(sql_times, 50), percentile(sql_times, 99), differ);
  return differ ? 1 : 0;
}
