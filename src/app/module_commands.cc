#include "app/module_commands.h"

namespace thads {
namespace {
std::vector<ModuleCommand>& commands() {
  static std::vector<ModuleCommand> c;
  return c;
}
std::vector<AfterDemo>& steps() {
  static std::vector<AfterDemo> s;
  return s;
}
}  // namespace

void register_module_command(ModuleCommand c) { commands().push_back(std::move(c)); }
const std::vector<ModuleCommand>& module_commands() { return commands(); }
void register_after_demo(AfterDemo step) { steps().push_back(std::move(step)); }
const std::vector<AfterDemo>& after_demo_steps() { return steps(); }

}  // namespace thads
