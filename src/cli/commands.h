// Registration of the `thads` subcommands, one family per file.
#pragma once

#include <CLI/CLI.hpp>

namespace thads::cli {

void register_data_commands(CLI::App& app);    // init, import, export, rebuild, verify-audit, demo
void register_report_commands(CLI::App& app);  // report, deadlines, calendar
void register_server_commands(CLI::App& app);  // serve (when built with the web layer)
void register_user_commands(CLI::App& app);    // user add | passwd | disable | enable | list
void register_audit_commands(CLI::App& app);   // checkpoint
void register_backup_commands(CLI::App& app);  // backup, restore
void register_module_commands(CLI::App& app);  // the modules' own (app/module_commands.h)

// Subcommand callbacks record their exit status here.
void set_exit_code(int code);
int last_exit_code();

// Runs `body`, mapping unexpected errors (I/O, store) to exit 2 with a message.
int guarded(const std::function<int()>& body);

}  // namespace thads::cli
