// Data commands: init, import, export, rebuild, verify-audit, demo.
#include <malloc.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/module_commands.h"
#include "app/modules.h"
#include "app/name_index.h"
#include "app/reports.h"
#include "app/checkpoint_publication.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "store/audit_keys.h"
#include "store/engine_memory.h"

namespace thads::cli {
namespace {

int print_import(const ImportResult& r, const std::string& file) {
  if (!r.ok()) {
    for (const auto& x : r.refusals)
      std::cerr << "line " << x.line << ": " << x.refusal.code << ": " << x.refusal.message
                << (x.refusal.article.empty() ? "" : " (" + x.refusal.article + ")") << "\n";
    std::cerr << file << ": " << r.refusals.size() << " line(s) refused; nothing was stored\n";
    return refused;
  }
  std::cout << "imported " << file << ": " << r.lines << " lines, " << r.events_added << " events, "
            << r.references_added << " reference records, " << r.duplicates << " already present, "
            << r.cases_touched << " cases updated\n";
  return ok;
}

// Saves the statistics snapshot (docs/storage.md, "Read-model snapshots"),
// so that the next report or server starts from it instead of reading every
// case. Starts from the snapshot saved before when it still matches (only
// the cases written since are read). Not saving is no failure of the
// command: the next reader builds the statistics from the tables.
void save_statistics(Store& store, bool cases_unchanged = false) {
  // What the command freed goes back to the system first. glibc keeps freed
  // memory in the arena of the thread that allocated it (the import's parser
  // thread allocates what the main thread frees), where the pass below, on
  // the main thread, cannot reuse it: without this, an import's peak memory
  // grew by the snapshot's size in some runs (docs/benchmarks.md, "Session 25").
  malloc_trim(0);
  try {
    // Both passes below read the store once (the journal's tail, every
    // case's row): through a memory map those pages would count in the
    // command's peak memory (docs/benchmarks.md, "Session 25" and
    // "Session 27"); through the page cache they reuse what it holds.
    read_for_one_pass(store);
    // A command that wrote no case event nor reference data (an import of
    // the modules' records only) moves the saved snapshot forward instead,
    // when the journal since it confirms that (StatsSnapshot::advance_saved).
    if (cases_unchanged && StatsSnapshot::advance_saved(store)) return;
    SnapshotOrigin origin;
    auto stats = StatsSnapshot::load_saved(store, &origin);
    if (!origin.saved || origin.saved_pos != stats->position()) stats->save(store);
  } catch (const std::exception& e) {
    std::cerr << "statistics snapshot not saved: " << e.what() << "\n";
  }
}

// An import that wrote no case event leaves the search index as it was:
// its saved snapshot, if any, is moved to the journal's head
// (NameIndex::advance_saved), so that the next server reads no tail (or,
// past its bound, the index whole) for the modules' records just imported.
// Not moving it is no failure of the command.
void advance_search_index(Store& store) {
  try {
    NameIndex::advance_saved(store);
  } catch (const std::exception& e) {
    std::cerr << "search index snapshot not moved: " << e.what() << "\n";
  }
}

int do_import(const std::string& db, const std::string& file) {
  // A directory opens as a stream that reads nothing: it would import as an
  // empty file, with success.
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "cannot read " << file << ": it is a directory, not a JSON Lines file\n";
    return usage;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << file << "\n";
    return usage;
  }
  auto store = open_store(db, false);
  record_settings(*store, "import");
  ImportOptions opt;
  opt.now_unix = now_unix();
  opt.actor = "import";
  opt.progress = progress;
  ImportResult r = import_jsonl(*store, in, opt);
  progress_done();
  if (in.bad()) {  // a read error is not the end of the file: nothing of it was stored
    std::cerr << "cannot read " << file << ": read error\n";
    return usage;
  }
  const int rc = print_import(r, file);
  if (rc == ok) {
    save_statistics(*store, r.cases_touched == 0 && r.references_added == 0);
    if (r.cases_touched == 0) advance_search_index(*store);
  }
  return rc;
}

// Every module's demo records after the case data set (app/modules.h).
void append_module_demos(const DemoWorld& world, const DemoOptions& o, std::ostream& out) {
  for (const Module& m : modules())
    if (m.demo) m.demo(world, o.seed, out);
}

// Modules sample about 20,000 of the demo's cases.
int64_t demo_stride(const DemoOptions& o) { return std::max<int64_t>(1, o.cases / 20000); }

}  // namespace

void register_data_commands(CLI::App& app) {
  static std::string db = default_db();
  static std::string file, out;
  static int64_t demo_cases = 20000;
  static uint64_t demo_seed = 2025;

  auto* init = app.add_subcommand("init", "Tạo kho dữ liệu mới (SQLite hoặc postgresql://…)");
  init->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  init->callback([] {
    set_exit_code(guarded([] {
      auto s = open_store(db, false);
      std::cout << "store ready: " << db << "\n";
      return ok;
    }));
  });

  auto* imp = app.add_subcommand("import", "Nhập dữ liệu JSON Lines (toàn bộ hoặc không gì cả)");
  imp->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  imp->add_option("file", file, "JSON Lines file")->required();
  imp->callback([] { set_exit_code(guarded([] { return do_import(db, file); })); });

  auto* exp = app.add_subcommand("export", "Xuất toàn bộ dữ liệu ra JSON Lines");
  exp->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  exp->add_option("--out", out, "output file (default: standard output)");
  exp->callback([] {
    set_exit_code(guarded([] {
      auto s = open_store(db, true);
      std::ofstream f;
      if (!out.empty()) {
        f.open(out, std::ios::binary);
        if (!f) { std::cerr << "cannot write " << out << "\n"; return static_cast<int>(usage); }
      }
      std::ostream& o = out.empty() ? std::cout : f;
      const int64_t n = s ? export_jsonl(*s, o) : (o << R"({"kind":"format","v":1})" << '\n', 0);
      o.flush();
      if (f.is_open()) f.close();  // close() writes what is buffered: its failure counts too
      // A full disk or a closed pipe: the export is not whole, say so.
      if (!o) {
        std::cerr << "cannot write " << (out.empty() ? std::string("standard output") : out)
                  << ": the export is incomplete (disk full or output closed)\n";
        return static_cast<int>(usage);
      }
      std::cerr << "exported " << n << " records\n";
      return static_cast<int>(ok);
    }));
  });

  auto* reb = app.add_subcommand("rebuild", "Dựng lại các bảng đọc từ nhật ký sự kiện");
  reb->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  reb->callback([] {
    set_exit_code(guarded([] {
      auto s = open_store(db, false);
      if (int rc = refuse_broken_chain(*s, "rebuild", true); rc != ok) return rc;
      record_settings(*s, "rebuild");
      RebuildResult r = rebuild(*s, progress);
      progress_done();
      std::cout << "rebuilt read models from " << r.entries << " journal entries (" << r.cases << " cases)\n";
      save_statistics(*s);
      return static_cast<int>(ok);
    }));
  });

  auto* aud = app.add_subcommand("verify-audit", "Kiểm tra chuỗi băm của nhật ký (phát hiện sửa, xóa)");
  aud->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  static std::string published, public_key;
  aud->add_option("--checkpoint", published, "a checkpoint published before (JSON, from `thads checkpoint`) the store must still hold");
  aud->add_option("--public-key", public_key, "the Ed25519 public key (hex) to verify it with (default: this installation's)");
  aud->callback([] {
    set_exit_code(guarded([] {
      auto s = open_store(db, true);
      if (!s) { std::cout << "audit chain intact: 0 entries\n"; return static_cast<int>(ok); }
      AuditResult r = s->verify_audit([](int64_t done, int64_t total) { progress("kiểm tra chuỗi", done, total); });
      progress_done();
      if (r.ok && !published.empty()) {
        std::ifstream in(published, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        std::string error, key_hex = public_key.empty() ? audit_keys().public_hex() : public_key;
        auto c = in ? checkpoint_from_json(text.str(), nullptr, &error) : std::nullopt;
        if (!c) {
          std::cerr << "--checkpoint " << published << ": " << (error.empty() ? "cannot read the file" : error) << "\n";
          return static_cast<int>(usage);
        }
        std::string key(32, '\0');
        size_t len = 0;
        if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), key_hex.data(), key_hex.size(),
                           nullptr, &len, nullptr) != 0 || len != key.size()) {
          std::cerr << "--public-key must be 64 hex digits\n";
          return static_cast<int>(usage);
        }
        if (std::string why = s->check_published(*c, key); !why.empty()) {
          r.ok = false;
          r.problem = why;
        }
      }
      if (r.ok) {
        std::cout << "audit chain intact: " << r.checked << " entries";
        if (r.keyed_from == 0) std::cout << " (chain version 1: unkeyed, no checkpoint yet)";
        else std::cout << ", keyed from " << r.keyed_from << ", " << r.checkpoints << " signed checkpoints";
        std::cout << "\n";
        return static_cast<int>(ok);
      }
      std::cout << "audit chain BROKEN: " << r.problem << "\n";
      if (r.first_bad)
        std::cout << "first tampered entry: pos " << r.first_bad->pos << ", " << r.first_bad->kind << " "
                  << r.first_bad->stream << " seq " << r.first_bad->seq << "\n";
      return static_cast<int>(refused);
    }));
  });

  auto* demo = app.add_subcommand("demo", "Tạo và nhập bộ dữ liệu mẫu (tên, cơ quan, tỷ lệ như thực tế)");
  demo->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  demo->add_option("--cases", demo_cases, "number of cases")->capture_default_str();
  demo->add_option("--seed", demo_seed, "random seed")->capture_default_str();
  demo->add_option("--out", out, "write the JSON Lines instead of importing");
  demo->callback([] {
    set_exit_code(guarded([] {
      DemoOptions o;
      o.cases = demo_cases;
      o.seed = demo_seed;
      o.today = Date::from_days(static_cast<int32_t>(now_unix() / 86400));
      if (!out.empty()) {
        {
          std::ofstream f(out, std::ios::binary);
          if (!f) { std::cerr << "cannot write " << out << "\n"; return static_cast<int>(usage); }
          generate_demo(f, o, progress);
        }
        progress_done();
        std::ifstream back(out, std::ios::binary);
        const DemoWorld world = scan_demo(back, o.today, demo_stride(o));
        std::ofstream f(out, std::ios::binary | std::ios::app);
        append_module_demos(world, o, f);
        f.flush();
        if (!f) { std::cerr << "cannot write " << out << "\n"; return static_cast<int>(usage); }
        return static_cast<int>(ok);
      }
      std::stringstream buf;
      generate_demo(buf, o, progress);
      progress_done();
      {
        std::istringstream scan(buf.str());
        const DemoWorld world = scan_demo(scan, o.today, demo_stride(o));
        append_module_demos(world, o, buf);
      }
      auto s = open_store(db, false);
      record_settings(*s, "demo");
      ImportOptions io;
      io.now_unix = now_unix();
      io.actor = "demo";
      io.progress = progress;
      ImportResult r = import_jsonl(*s, buf, io);
      progress_done();
      const int rc = print_import(r, "demo");
      if (rc == ok)  // the modules' demo acts that need the imported store (app/module_commands.h)
        for (const AfterDemo& step : after_demo_steps()) step(*s, io.now_unix);
      if (rc == ok) save_statistics(*s);
      return rc;
    }));
  });
}

}  // namespace thads::cli
