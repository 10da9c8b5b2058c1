// The steering module's side of an import (app/modules.h ModuleImport):
// decides each steering record against the ledger of what is stored and
// what stands earlier in the file, and writes the accepted ones to the
// journal and the read models, in the import's transaction.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/modules.h"
#include "modules/steering/domain/ledger.h"
#include "store/store.h"

namespace thads::steering {

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx);

// What a body code may name: a `body` of the oversight register or an
// agency. Looks the oversight register up again when a code is not found
// (a body recorded earlier in the same transaction).
class BodyCodes {
 public:
  BodyCodes(Db& db, std::function<bool(const std::string&)> agency_known);
  bool known(const std::string& code);
  // The display name of a body or agency code ("" when unknown).
  std::string name(const std::string& code);

 private:
  void load();
  Db& db_;
  std::function<bool(const std::string&)> agency_known_;
  std::map<std::string, std::string> names_;
};

}  // namespace thads::steering
