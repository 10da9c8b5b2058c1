// Times drafting the six-month periodic report (issue 17 "Speed") inside a
// running process, the way `thads serve` answers GET /steering/report-file
// and /api/v1/steering/report-draft: the statistics the server holds are
// loaded once (StatsSnapshot::load, as the server's ReadCache does), then
// each run gathers the figures from them (steering::draft_report with the
// snapshot) and writes the PDF (report_pdf). Runs for one province and for
// the whole country; `--reload-runs N` also times the old path, which reloaded
// the statistics for every draft.
//
// Usage: periodic_report_bench --db PATH --period 2026-6M --province CODE
//                              [--runs 5] [--reload-runs 1] [--out RESULT.json]
// Prints a summary on stderr and a JSON object (each run's time, the median)
// on stdout or to --out. Not a test: nothing here asserts a time.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/reports.h"
#include "domain/interchange.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/periodic_report_render.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

struct Args {
  std::string db, period, province, out;
  int runs = 5, reload_runs = 1;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") a.db = v;
    else if (k == "--period") a.period = v;
    else if (k == "--province") a.province = v;
    else if (k == "--runs") a.runs = std::atoi(v.c_str());
    else if (k == "--reload-runs") a.reload_runs = std::atoi(v.c_str());
    else if (k == "--out") a.out = v;
    else {
      std::cerr << "unknown option " << k << "\n";
      std::exit(2);
    }
  }
  if (a.db.empty() || a.period.empty() || a.province.empty() || a.runs < 1 || a.reload_runs < 0) {
    std::cerr << "usage: periodic_report_bench --db PATH --period 2026-6M --province CODE [--runs 5] [--reload-runs 1] "
                 "[--out FILE]\n";
    std::exit(2);
  }
  return a;
}

// One draft as PDF: its size in bytes (so the work is not optimised away).
size_t draft_pdf(thads::Store& store, const std::string& agency, const std::string& period, thads::Date today,
                 const thads::StatsSnapshot* stats) {
  auto d = thads::steering::draft_report(store, nullptr, agency, period, today, stats);
  if (auto* r = std::get_if<thads::Refusal>(&d)) {
    std::cerr << "draft refused: " << r->code << ": " << r->message << "\n";
    std::exit(1);
  }
  return thads::steering::report_pdf(std::get<nlohmann::ordered_json>(d)).size();
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  const thads::Date today = thads::vn_date_of(std::time(nullptr));
  auto store = thads::Store::open(a.db);
  nlohmann::json out{{"period", a.period}, {"today", today.iso()}};
  auto t0 = Clock::now();
  const thads::StatsSnapshot snap = thads::StatsSnapshot::load(*store);
  out["load_ms"] = ms_since(t0);
  out["cases"] = snap.case_count();
  std::cerr << "periodic_report_bench: " << snap.case_count() << " cases loaded in " << out["load_ms"].get<double>()
            << " ms\n";
  size_t sink = 0;
  for (const auto& [name, agency] : {std::pair<std::string, std::string>{"province", a.province}, {"country", ""}}) {
    std::vector<double> held, reload;
    for (int i = 0; i < a.runs; ++i) {
      t0 = Clock::now();
      sink += draft_pdf(*store, agency, a.period, today, &snap);
      held.push_back(ms_since(t0));
    }
    for (int i = 0; i < a.reload_runs; ++i) {
      t0 = Clock::now();
      sink += draft_pdf(*store, agency, a.period, today, nullptr);
      reload.push_back(ms_since(t0));
    }
    out[name] = {{"agency", agency.empty() ? "(root)" : agency}, {"held_ms", held}, {"held_median_ms", median(held)},
                 {"reload_ms", reload}, {"reload_median_ms", median(reload)}};
    std::cerr << "  " << name << ": median " << median(held) << " ms over " << a.runs << " runs (statistics held)";
    if (!reload.empty()) std::cerr << "; reloading the statistics: median " << median(reload) << " ms";
    std::cerr << "\n";
  }
  out["pdf_bytes"] = sink;
  if (a.out.empty()) std::cout << out.dump(2) << "\n";
  else std::ofstream(a.out) << out.dump(2) << "\n";
  return 0;
}
