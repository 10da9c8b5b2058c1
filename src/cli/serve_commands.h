// The `thads serve` command (built with the web layer: this file is compiled
// into `thads` only when THADS_BUILD_WEB is on; `thads user` is cmd_user.cc).
//
//   thads serve --db PATH --listen HOST:PORT [--threads N] [--web DIR]
//               [--idle-seconds 1800] [--absolute-hours 12] [--secure-cookies] [--quiet]
#pragma once

#include <CLI/CLI.hpp>

namespace thads::cli {

void register_serve_commands(CLI::App& app);

}  // namespace thads::cli
