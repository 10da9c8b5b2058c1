// Demo data of the steering module (`thads demo`): for the first provinces
// of the generated world, the outside bodies the directives name (party
// commissions, procuracy, court, Fatherland Front), an older directive and
// the newer one replacing it with task trees written for the demo (not
// copies of real texts), the bodies' progress reports (some on time, some
// late, some missing), a steering committee with members, meetings and
// follow-up tasks, and key cases drawn from the world's oldest and largest
// cases. Every record obeys docs/formats/steering.md, none is dated after
// `world.today`, and the output is a pure function of (world, seed). It
// names the oversight demo's `police` and `people_committee` bodies, which
// `thads demo` writes before (the modules' order).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "app/demo_world.h"
#include "store/store.h"

namespace thads::steering {

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out);

// After the demo's import (app/module_commands.h register_after_demo): the
// six-month report of the last six months that have ended, issued for the
// first province with demo directives and issued again with a reason (two
// versions), as the operator "demo". Returns the reports' ids.
std::vector<std::string> issue_demo_reports(Store& store, int64_t now_unix);
// "2026-6M" on 04/12/2026: the last six months of a statistical year that
// have ended before `today` (TTLT 12/2021 Art. 6: 1 October – 31 March).
std::string last_ended_six_months(Date today);

}  // namespace thads::steering
