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

// The bodies write_demo writes for one province (land registry, bank,
// police, People's Committee, tax), for another module's demo that names
// them before write_demo runs (`thads demo` runs the modules' demos in their
// registration order, which is the link order: coordination before
// oversight). Written again by write_demo, the same records are duplicates
// the import accepts.
void write_demo_bodies(const std::string& province, std::ostream& out);

// The same records at national scale, for the benchmarks (bench/oversight_gen,
// bench/oversight.sh): `admin_files` monitoring files round robin over the
// provinces, and complaints, procuracy acts and requests spread over
// `world.cases` (read with stride 1), as many of each as asked (fewer only
// when the cases cannot date them by `world.today`). Ids carry an "-S" after
// the province ("HN-S-YC-2025-0001"), so they never meet write_demo's; no
// body records (write_demo's are in the demo file imported first); at most one
// freeze per case, a hundredth of its debt on its opening day, as write_demo.
// A pure function of (world, seed, counts).
struct ScaleCounts {
  int64_t admin_files = 0, complaints = 0, procuracy = 0, requests = 0;
};
void write_scale(const DemoWorld& world, uint64_t seed, const ScaleCounts& n, std::ostream& out);

}  // namespace thads::oversight
