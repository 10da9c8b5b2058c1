// Server commands (serve, user) come from the web layer when it is built.
#include "cli/commands.h"

#ifdef THADS_WITH_HTTP
#include "http/cli_server.h"
#endif

namespace thads::cli {

void register_server_commands(CLI::App& app) {
#ifdef THADS_WITH_HTTP
  http::register_cli(app);
#else
  (void)app;
#endif
}

}  // namespace thads::cli
