// Demo data: a synthetic national dataset in interchange format v1.
//
// Contract: generate_demo() writes JSON Lines (interchange.md) to `out`: the
// post-01/07/2025 agency tree (Cục Quản lý THADS, the 34 provincial agencies,
// their Phòng THADS khu vực), officers, yearly targets, then `cases` case
// histories opened over the six years before `today`, no event dated after
// `today`. Every record obeys the transition rules, so importing the output
// into an empty store refuses nothing. The output is a pure function of
// (cases, seed, today): same options, same bytes. Proportions are calibrated
// on the published national figures (legal-rules.md §6): for a statistical
// year that has run its course, about 35–40% of accepted cases are carried
// over, 65–80% of cases (40–55% of the money) have conditions, ~1.4% are
// postponed or suspended at the end, and the completion rate is ~75–85% by
// cases and ~40–55% by money. `progress` is called every 10,000 cases.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>

#include "domain/date.h"

namespace thads {

struct DemoOptions {
  int64_t cases = 20000;
  uint64_t seed = 2025;
  Date today;
};

// Writes a synthetic, valid interchange v1 dataset (JSON Lines) to `out`. Deterministic for a seed and today.
void generate_demo(std::ostream& out, const DemoOptions& o,
                   const std::function<void(const char*, int64_t, int64_t)>& progress = {});

}  // namespace thads
