// Times the official `cases` + `money` report inside a running process, the
// way `thads serve` computes it: the store is opened and the statistics read
// model loaded once (StatsSnapshot::load), then every report is a fold over
// the in-memory timelines (StatsSnapshot::compute).
//
// Usage: report_bench --db PATH --from YYYY-MM-DD --to YYYY-MM-DD
//                     [--agency CODE] [--reps N] [--out RESULT.json]
// Prints a summary on stderr; writes (or prints) a JSON object with the load
// time, the timings of every repetition, their median and p90, and the
// reports themselves (as `thads report --format json` prints them) for the
// agreement check of bench/compare.mjs. Not a test: nothing here asserts a time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/report_render.h"
#include "app/reports.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Nearest-rank percentile, p in (0, 100].
double percentile(std::vector<double> xs, double p) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(xs.size()))));
  return xs[rank - 1];
}

double median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

// Resident set size (current and peak) in MiB, from /proc.
std::pair<double, double> rss_mib() {
  std::ifstream f("/proc/self/status");
  std::string line;
  double rss = 0, hwm = 0;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atof(line.c_str() + 6) / 1024.0;
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atof(line.c_str() + 6) / 1024.0;
  }
  return {rss, hwm};
}

struct Args {
  std::string db, from, to, agency, out;
  int reps = 50;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") a.db = v;
    else if (k == "--from") a.from = v;
    else if (k == "--to") a.to = v;
    else if (k == "--agency") a.agency = v;
    else if (k == "--reps") a.reps = std::atoi(v.c_str());
    else if (k == "--out") a.out = v;
    else {
      std::cerr << "unknown option " << k << "\n";
      std::exit(2);
    }
  }
  if (a.db.empty() || a.from.empty() || a.to.empty() || a.reps < 1) {
    std::cerr << "usage: report_bench --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--agency CODE] [--reps N] [--out FILE]\n";
    std::exit(2);
  }
  return a;
}

thads::Report must(std::variant<thads::Report, thads::Refusal> r) {
  if (auto* ref = std::get_if<thads::Refusal>(&r)) {
    std::cerr << "report refused: " << ref->code << ": " << ref->message << "\n";
    std::exit(1);
  }
  return std::get<thads::Report>(std::move(r));
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  auto from = thads::Date::parse(a.from);
  auto to = thads::Date::parse(a.to);
  if (!from || !to) {
    std::cerr << "--from and --to must be dates YYYY-MM-DD\n";
    return 2;
  }
  const thads::Period period{*from, *to};
  nlohmann::json out;

  auto t0 = Clock::now();
  auto store = thads::Store::open(a.db);
  out["open_ms"] = ms_since(t0);
  t0 = Clock::now();
  const thads::StatsSnapshot snap = thads::StatsSnapshot::load(*store);
  out["load_ms"] = ms_since(t0);
  out["cases"] = snap.case_count();
  auto [rss, hwm] = rss_mib();
  out["rss_after_load_mib"] = rss;
  out["peak_rss_mib"] = hwm;
  std::cerr << "report_bench: " << snap.case_count() << " cases loaded in " << out["load_ms"].get<double>() << " ms (open "
            << out["open_ms"].get<double>() << " ms), RSS " << rss << " MiB\n";

  auto query = [&](thads::Form f, const std::string& by) {
    thads::ReportQuery q;
    q.form = f;
    q.period = period;
    q.agency = a.agency;
    q.by = by;
    return q;
  };

  // Each measured unit is what a dashboard asks for: the cases form and the
  // money form, nationally or with one row per province (--by agency).
  struct Case {
    std::string name;
    std::string by;
  };
  int64_t sink = 0;
  for (const Case& c : {Case{"national", ""}, Case{"by_agency", "agency"}}) {
    const auto qc = query(thads::Form::cases, c.by);
    const auto qm = query(thads::Form::money, c.by);
    // Warm-up (not counted); keep the reports for the agreement check.
    thads::Report rc = must(snap.compute(qc));
    thads::Report rm = must(snap.compute(qm));
    std::vector<double> both, cases_ms, money_ms, one_pass;
    for (int i = 0; i < a.reps; ++i) {
      auto t = Clock::now();
      thads::Report x = must(snap.compute(qc));
      const double dc = ms_since(t);
      t = Clock::now();
      thads::Report y = must(snap.compute(qm));
      const double dm = ms_since(t);
      sink += x.columns.accepted + y.columns.accepted;
      cases_ms.push_back(dc);
      money_ms.push_back(dm);
      both.push_back(dc + dm);
      // The same two forms from one pass over the cases (what the dashboard
      // and the API's both-forms requests use).
      t = Clock::now();
      auto pair = snap.compute_both(qc);
      one_pass.push_back(ms_since(t));
      const auto& [pc, pm] = std::get<std::pair<thads::Report, thads::Report>>(pair);
      if (thads::report_to_json(pc) != thads::report_to_json(x) || thads::report_to_json(pm) != thads::report_to_json(y)) {
        std::cerr << "report_bench: compute_both disagrees with compute\n";
        return 1;
      }
    }
    nlohmann::json j;
    j["reps"] = a.reps;
    j["ms"] = both;
    j["median_ms"] = median(both);
    j["p90_ms"] = percentile(both, 90);
    j["min_ms"] = *std::min_element(both.begin(), both.end());
    j["one_pass_median_ms"] = median(one_pass);
    j["one_pass_p90_ms"] = percentile(one_pass, 90);
    j["cases_median_ms"] = median(cases_ms);
    j["cases_p90_ms"] = percentile(cases_ms, 90);
    j["money_median_ms"] = median(money_ms);
    j["money_p90_ms"] = percentile(money_ms, 90);
    j["cases_report"] = nlohmann::json::parse(thads::report_to_json(rc));
    j["money_report"] = nlohmann::json::parse(thads::report_to_json(rm));
    out[c.name] = j;
    std::fprintf(stderr,
                 "report_bench %s: cases+money median %.2f ms, p90 %.2f ms (cases %.2f, money %.2f); one pass median "
                 "%.2f ms, p90 %.2f ms; over %d reps\n",
                 c.name.c_str(), median(both), percentile(both, 90), median(cases_ms), median(money_ms),
                 median(one_pass), percentile(one_pass, 90), a.reps);
  }
  out["checksum"] = sink;
  const std::string text = out.dump(1);
  if (a.out.empty()) {
    std::cout << text << "\n";
  } else {
    std::ofstream f(a.out);
    f << text << "\n";
    if (!f) {
      std::cerr << "cannot write " << a.out << "\n";
      return 2;
    }
  }
  return 0;
}
