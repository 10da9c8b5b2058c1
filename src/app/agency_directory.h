// The agency tree of a store, for scope checks (reports, queues, access).
#pragma once

#include "domain/agency_tree.h"
#include "store/store.h"

namespace thads {

AgencyTree load_agency_tree(Store& store);

}  // namespace thads
