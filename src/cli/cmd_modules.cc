// The modules' own commands (app/module_commands.h): `thads <group> <name>
// --db … --option value …`, one subcommand per group, registered from the
// modules' registrations; the store is opened for writing.
#include <iostream>
#include <map>

#include "app/module_commands.h"
#include "cli/cli_support.h"
#include "cli/commands.h"

namespace thads::cli {

void register_module_commands(CLI::App& app) {
  static std::string db = default_db();
  // Values per command, kept alive as CLI11 writes into them.
  static std::map<std::string, std::map<std::string, std::string>> values;
  std::map<std::string, CLI::App*> groups;
  for (const ModuleCommand& c : module_commands()) {
    CLI::App*& g = groups[c.group];
    if (!g) {
      g = app.add_subcommand(c.group, "Lệnh của phân hệ " + c.group);
      g->require_subcommand(1);
    }
    CLI::App* sub = g->add_subcommand(c.name, c.help);
    sub->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
    const std::string key = c.group + " " + c.name;
    for (const auto& [name, help] : c.options) sub->add_option("--" + name, values[key][name], help);
    sub->callback([&c, sub, key] {
      set_exit_code(guarded([&] {
        std::map<std::string, std::string> given;
        for (const auto& [name, help] : c.options)
          if (sub->count("--" + name) > 0) given[name] = values[key][name];
        auto store = open_store(db, false);
        return c.run(*store, given, std::cout, std::cerr);
      }));
    });
  }
}

}  // namespace thads::cli
