// Demo data of the accountability module (`thads demo`): for every province
// a planned inspection of one of its regional agencies and a self-inspection,
// with findings, remedies (most done, about one in five late or still
// open), officers' violations with their measures, and the sending of most
// decisions to enforce to the procuracy (about nine in ten within the 3
// working days of Art. 38). Deterministic for a seed.
#pragma once

#include <cstdint>
#include <ostream>

#include "app/demo_world.h"

namespace thads::accountability {

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out);

}  // namespace thads::accountability
