// Demo data of the oversight module (`thads demo`): bodies, administrative
// judgments under monitoring, complaints, denunciations, procuracy acts and
// requests to other bodies, on the agencies, officers and cases of the
// generated case data set, in plausible proportions (about half the
// monitoring files complied, a fifth compelled, most compelled files
// published; most complaints admitted and dismissed; some requests answered
// late or not at all). Every record obeys oversight.md, no act is dated after
// `world.today`, and the output is a pure function of (world, seed).
#pragma once

#include <cstdint>
#include <ostream>

#include "app/demo_world.h"

namespace thads::oversight {

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out);

}  // namespace thads::oversight
