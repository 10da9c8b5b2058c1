// Audit commands: checkpoint (sign the chain head now and print it, for
// publishing). verify-audit lives with the data commands (cmd_data.cc).
#include <fstream>
#include <iostream>

#include "app/checkpoint_publication.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "store/audit_keys.h"

namespace thads::cli {

void register_audit_commands(CLI::App& app) {
  static std::string db = default_db();
  static std::string out;
  auto* cp = app.add_subcommand("checkpoint", "Ký điểm kiểm tra (checkpoint) đầu chuỗi nhật ký, để công bố");
  cp->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  cp->add_option("--out", out, "write the checkpoint (JSON) to this file too");
  cp->callback([] {
    set_exit_code(guarded([] {
      auto s = open_store(db, false);
      if (int rc = refuse_broken_chain(*s, "checkpoint", false); rc != ok) return rc;
      if (s->journal_size() == 0) {
        std::cerr << "the journal is empty: there is no chain head to sign yet\n";
        return static_cast<int>(refused);
      }
      const std::string text = checkpoint_json(s->checkpoint(), audit_keys().public_hex()).dump() + "\n";
      std::cout << text;
      if (!out.empty()) {
        std::ofstream f(out, std::ios::binary);
        f << text;
        f.flush();
        if (!f) {
          std::cerr << "cannot write " << out << "\n";
          return static_cast<int>(usage);
        }
      }
      return static_cast<int>(ok);
    }));
  });
}

}  // namespace thads::cli
