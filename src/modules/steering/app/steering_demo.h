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

#include "app/demo_world.h"

namespace thads::steering {

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out);

}  // namespace thads::steering
