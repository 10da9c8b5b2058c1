// Generates oversight records at national scale (issues 14, 15, 16 "Speed")
// beside a demo data set: reads the agencies, officers and every case of the
// demo file (`thads demo --cases 1000000 --seed 1 --out DEMO`) and writes, as
// a second interchange file to import after it, the monitoring files,
// complaints, procuracy acts and requests that oversight::write_scale makes
// (the demo generator's own streams, at the counts asked). Deterministic by
// seed; every record obeys ../shared/domain/oversight.md, so the file imports
// without refusal.
//
// Usage: oversight_gen --demo DEMO.jsonl --out FILE [--seed 1] [--today YYYY-MM-DD]
//                      [--admin-files 100000] [--complaints 150000]
//                      [--procuracy 50000] [--requests 3000000]
// `--today` defaults to today (UTC), the day `thads demo` dates its data by.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

#include "app/demo_world.h"
#include "modules/oversight/app/oversight_demo.h"

namespace {

struct Args {
  std::string demo, out, today;
  uint64_t seed = 1;
  thads::oversight::ScaleCounts n{100'000, 150'000, 50'000, 3'000'000};
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--demo") a.demo = v;
    else if (k == "--out") a.out = v;
    else if (k == "--today") a.today = v;
    else if (k == "--seed") a.seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (k == "--admin-files") a.n.admin_files = std::atoll(v.c_str());
    else if (k == "--complaints") a.n.complaints = std::atoll(v.c_str());
    else if (k == "--procuracy") a.n.procuracy = std::atoll(v.c_str());
    else if (k == "--requests") a.n.requests = std::atoll(v.c_str());
    else {
      std::cerr << "unknown option " << k << "\n";
      std::exit(2);
    }
  }
  if (a.demo.empty() || a.out.empty()) {
    std::cerr << "usage: oversight_gen --demo DEMO.jsonl --out FILE [--seed 1] [--today YYYY-MM-DD] [--admin-files N] "
                 "[--complaints N] [--procuracy N] [--requests N]\n";
    std::exit(2);
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  thads::Date today = thads::Date::from_days(static_cast<int32_t>(std::time(nullptr) / 86400));
  if (!a.today.empty()) {
    auto d = thads::Date::parse(a.today);
    if (!d) {
      std::cerr << "bad --today " << a.today << "\n";
      return 2;
    }
    today = *d;
  }
  std::ifstream in(a.demo, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << a.demo << "\n";
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const thads::DemoWorld world = thads::scan_demo(in, today, 1);
  std::ofstream out(a.out, std::ios::binary);
  out << "{\"kind\":\"format\",\"v\":1}\n";
  thads::oversight::write_scale(world, a.seed, a.n, out);
  out.flush();
  if (!out) {
    std::cerr << "cannot write " << a.out << "\n";
    return 2;
  }
  std::cerr << "oversight_gen: " << world.cases.size() << " cases read, written in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
  return 0;
}
