// The `thads serve` and `thads user` commands (built with the web layer).
//
//   thads serve --db PATH --listen HOST:PORT [--threads N] [--web DIR]
//               [--idle-seconds 1800] [--absolute-hours 12] [--secure-cookies] [--quiet]
//   thads user add    --db PATH --login NAME --role ROLE --agency CODE [--officer ID]
//   thads user passwd --db PATH --login NAME
//   thads user disable|enable --db PATH --login NAME
//   thads user list   --db PATH
// Passwords are read from standard input (one line), never from arguments.
#pragma once

#include <CLI/CLI.hpp>

namespace thads::http {

void register_cli(CLI::App& app);

}  // namespace thads::http
