// The `thads` command. Standard output holds the result only; progress and
// logs go to standard error. Exit 0 success, 1 refused input or an unknown
// case or agency, 2 usage or I/O error (interchange.md "CLI contract").
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory_resource>

#include "app/settings.h"
#include "app/settings_journal.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "store/large_blocks.h"

int main(int argc, char** argv) {
  using namespace thads::cli;
  // The read models' large arrays in huge pages (store/large_blocks.h).
  std::pmr::set_default_resource(thads::large_block_resource());
  CLI::App app{"thads — hệ thống thông tin thi hành án dân sự, hành chính"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all");
  // Deployment settings ([B] values, docs/settings.md), before or after the
  // subcommand; loaded before the subcommand runs.
  app.fallthrough();
  app.add_option("--settings", "JSON settings file of the deployment (docs/settings.md)")
      ->envname("THADS_SETTINGS")
      ->each([](const std::string& path) {
        std::string error;
        auto s = thads::read_settings_file(path, &error);
        if (!s) throw CLI::ValidationError("--settings", error);
        thads::use_legal_settings(*s);
        thads::note_settings_file(path);
      });
  register_data_commands(app);
  register_report_commands(app);
  register_server_commands(app);
  register_user_commands(app);
  register_audit_commands(app);
  register_backup_commands(app);
  register_module_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : usage;
  }
  return last_exit_code();
}
