// The oversight module's side of an import (app/modules.h ModuleImport):
// decides each `body` record and each act of the five streams against what
// is stored and what stands earlier in the file, and writes the accepted
// ones to the journal and the read models, in the import's transaction.
#pragma once

#include <memory>

#include "app/modules.h"

namespace thads::oversight {

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx);

}  // namespace thads::oversight
