// Backup commands: backup (a consistent copy of the store) and restore
// (into an empty store, then the audit chain verified). store/backup.h.
#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "store/audit_keys.h"
#include "store/backup.h"

namespace thads::cli {
namespace {

// A backup older than the store's newest checkpoint is what a restore is
// for; the installation's anchor (audit_keys.h) would call it a cut tail.
// Said aloud, and the anchor set back to the backup's newest checkpoint.
void note_older_backup(Store& s) {
  const auto cps = s.checkpoints();
  if (cps.empty()) return;
  const AuditKeys& keys = audit_keys();
  const auto a = read_anchor(keys, s.store_id());
  if (!a || a->pos <= cps.back().pos) return;
  std::cerr << "note: this installation signed this store up to position " << a->pos << "; the backup ends at "
            << cps.back().pos << ": what was recorded after the backup is not in the restored store\n";
  write_anchor(keys, s.store_id(), Anchor{cps.back().pos, cps.back().hash});
}

}  // namespace

void register_backup_commands(CLI::App& app) {
  static std::string db = default_db();
  static std::string file;

  auto* bk = app.add_subcommand("backup", "Sao lưu toàn bộ kho dữ liệu (bản chụp nhất quán)");
  bk->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  bk->add_option("--out", file, "the backup file to write")->required();
  bk->callback([] {
    set_exit_code(guarded([] {
      backup_store(db, file);
      std::cout << "backup written: " << file << "\n";
      return static_cast<int>(ok);
    }));
  });

  static std::string from;
  auto* rs = app.add_subcommand("restore", "Khôi phục kho dữ liệu từ bản sao lưu (vào kho trống)");
  rs->add_option("--db", db, "SQLite file or postgresql:// URL of an empty store")->capture_default_str();
  rs->add_option("file", from, "the backup file")->required();
  rs->callback([] {
    set_exit_code(guarded([] {
      try {
        restore_store(from, db);
      } catch (const StoreError& e) {
        std::cerr << e.what() << "\n";
        return static_cast<int>(usage);
      }
      auto s = open_store(db, false);
      note_older_backup(*s);
      if (int rc = refuse_broken_chain(*s, "restore", false); rc != ok) return rc;
      std::cout << "restored " << from << " into " << db << ": " << s->journal_size()
                << " journal entries, audit chain intact\n";
      return static_cast<int>(ok);
    }));
  });
}

}  // namespace thads::cli
