// The store's tables, written once for both dialects (see docs/storage.md).
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace thads {

std::vector<std::string> schema_statements(Dialect d);

}  // namespace thads
