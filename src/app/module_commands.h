// Modules' own CLI commands and their steps after `thads demo`, registered
// while the program starts (like app/modules.h, kept apart so that adding
// these touched no module's build).
//
// - A command is `thads <group> <name> --db … --option value …`
//   (src/cli/cmd_modules.cc): every option takes one value; `run` gets those
//   given and returns the exit code (interchange.md "CLI contract": 0 done,
//   1 refused, 2 usage), writing its result to `out` and reasons to `err`.
//   The operator of the database runs it: a write is journalled as "cli".
// - An after-demo step runs once `thads demo` has imported its data set into
//   a store (not with --out): the module's demo acts that need the stored
//   data (figures gathered from it), recorded by the operator "demo".
#pragma once

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "store/store.h"

namespace thads {

struct ModuleCommand {
  std::string group, name, help;
  std::vector<std::pair<std::string, std::string>> options;  // name (without --) -> help
  std::function<int(Store&, const std::map<std::string, std::string>& values, std::ostream& out, std::ostream& err)> run;
};
void register_module_command(ModuleCommand c);
const std::vector<ModuleCommand>& module_commands();

using AfterDemo = std::function<void(Store&, int64_t now_unix)>;
void register_after_demo(AfterDemo step);
const std::vector<AfterDemo>& after_demo_steps();

}  // namespace thads
