// The case demo (app/demo.h) as text, with the world scanned from it, for
// tests that write module records beside the cases (a module's write_demo,
// the benchmarks' write_scale).
#pragma once

#include <sstream>
#include <string>

#include "app/demo.h"
#include "app/demo_world.h"

namespace thads::testing {

struct DemoCases {
  std::string text;  // JSON Lines
  DemoWorld world;   // every case (stride 1)
};

inline DemoCases demo_cases(int64_t cases, uint64_t seed, Date today) {
  DemoOptions o;
  o.cases = cases;
  o.seed = seed;
  o.today = today;
  std::stringstream out;
  generate_demo(out, o);
  DemoCases d{out.str(), {}};
  std::istringstream scan(d.text);
  d.world = scan_demo(scan, today, 1);
  return d;
}

}  // namespace thads::testing
