// What a running server loads in the background once it listens, beside the
// statistics and the search index (src/cli/serve_commands.cc): the modules'
// held read models (the oversight work queue's deadlines, the public list),
// so that the first request of each does not pay their load (seconds to
// tens of seconds on a national store).
//
// Contract: modules register while the program starts (static initialisers,
// as for register_module); afterwards the list is only read. Each function
// runs on the warm-up thread with a store of its own; an exception is
// reported and the next one runs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace thads {

struct WarmUp {
  std::string name;  // for the server's log
  std::function<void(Store&)> load;
};

void register_warm_up(WarmUp w);
const std::vector<WarmUp>& warm_ups();

}  // namespace thads
