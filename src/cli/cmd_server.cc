// Server commands (serve, user) come from the web layer when it is built.
#include "cli/commands.h"

#ifdef THADS_WITH_HTTP
#include "cli/serve_commands.h"
#endif

namespace thads::cli {

void register_server_commands(CLI::App& app) {
#ifdef THADS_WITH_HTTP
  register_serve_commands(app);
#else
  (void)app;
#endif
}

}  // namespace thads::cli
