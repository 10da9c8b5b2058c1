#include "cli/serve_commands.h"

#include <arpa/inet.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <system_error>
#include <iostream>
#include <thread>

#include "app/accounts.h"
#include "app/queue_answers.h"
#include "app/saved_snapshot.h"
#include "domain/interchange.h"
#include "app/warm_up.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "http/heap_memory.h"
#include "store/replication.h"
#include "http/server.h"

namespace thads::cli {
namespace {

using namespace thads::http;

using thads::cli::guarded;
using thads::cli::set_exit_code;

bool parse_listen(const std::string& s, std::string& host, uint16_t& port) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  host = s.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string p = s.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  const int n = std::stoi(p);
  if (n > 65535) return false;
  port = static_cast<uint16_t>(n);
  return !host.empty();
}

// keep_free: serve --heap-free-mib, in bytes (below).
int serve(ServerConfig cfg, const std::string& listen, size_t keep_free) {
  if (!parse_listen(listen, cfg.host, cfg.port)) {
    std::cerr << "--listen must be HOST:PORT, got '" << listen << "'\n";
    return cli::usage;
  }
  {
    auto store = cli::open_store(cfg.db, false);  // creates the store and its tables
    if (int rc = cli::refuse_broken_chain(*store, "serve", true); rc != cli::ok) return rc;
    ensure_account_schema(store->db());
    cli::record_settings(*store, "serve");  // before any request applies them
  }
  if (!cfg.read_db.empty()) {
    if (!is_postgres_url(cfg.db) || !is_postgres_url(cfg.read_db)) {
      std::cerr << "thads serve: --read-db needs --db and --read-db to be PostgreSQL URLs (a streaming replica)\n";
      return cli::usage;
    }
    std::unique_ptr<Store> replica;
    try {
      replica = Store::open_read_only(cfg.read_db);
      if (replica) (void)replica->journal_position();
    } catch (const StoreError& e) {
      std::cerr << "thads serve: --read-db: " << e.what() << "\n";
      replica.reset();
    }
    if (!replica) {
      std::cerr << "thads serve: --read-db holds no thads store (is it a streaming replica of --db?)\n";
      return cli::usage;
    }
    std::cerr << "thads: reads (GET) from the replica, "
              << (in_recovery(replica->db()) ? "in recovery (a standby)" : "NOT in recovery (a primary?)")
              << "; writes and sessions through --db\n";
  }
  // Every request allocates and frees its JSON and strings; glibc otherwise
  // gives the freed top of each thread's heap back to the system and then
  // faults it in again on the next request (sysmalloc and page faults were
  // ~15% of a case request). Keep up to 512 MiB of free heap instead.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  mallopt(M_TOP_PAD, 16 * 1024 * 1024);
  App app(std::move(cfg));
  Server server(app);
  // Load the search index and the statistics snapshot while the server
  // already answers, so that the first search, dashboard or report does not
  // wait for them (seconds on a national store). Searches meanwhile run in
  // SQL; requests that need the statistics wait for this one load.
  // The statistics first (seconds), the search index after (tens of
  // seconds on a national store; searches run in SQL until it is there).
  // After the first load, and then at most every kSaveSeconds when the
  // journal moved (the search index: when its tail is worth it, below), the
  // statistics and the search index are saved in the store (this thread,
  // never a request's), so that the next start, report or server
  // reads only the journal's tail (docs/storage.md, "Read-model snapshots").
  constexpr int kSaveSeconds = 300;
  // Every kTrimSeconds the heap's free memory beyond --heap-free-mib goes
  // back to the system (http/heap_memory.h): the trim threshold above keeps
  // the top of each arena, but what requests free in the middle of the
  // arenas would otherwise stay resident (the soaks of sessions 20 and 22:
  // 150 to 220 MiB free and resident, rising for the first 20 minutes).
  constexpr int kTrimSeconds = 30;
  std::atomic<bool> stopping{false};
  const auto warm_up = [&app, &stopping, keep_free] {
    using Clock = std::chrono::steady_clock;
    const auto secs = [](Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    const auto t0 = Clock::now();
    int64_t saved_pos = -1, names_saved_pos = -1;
    const auto save_stats = [&app, &saved_pos] {
      try {
        auto lease = app.stores().acquire();
        auto stats = app.cache().stats(*lease);
        if (stats->position() == saved_pos) return;
        if (stats->save(*lease)) saved_pos = stats->position();
      } catch (const std::exception& e) {
        std::cerr << "thads: statistics snapshot not saved: " << e.what() << "\n";
      }
    };
    // The search index is large (about 315 bytes a case): saved again only
    // when the tail a next process would replay is worth it
    // (app/saved_snapshot.h worth_saving_again).
    auto names_saved_at = Clock::now();
    const auto save_names = [&app, &names_saved_pos, &names_saved_at] {
      try {
        auto lease = app.stores().acquire();
        auto index = app.cache().names(*lease);
        if (!index) return;
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - names_saved_at);
        if (!worth_saving_again(names_saved_pos, index->position(), index->case_count(), age)) return;
        if (index->save(*lease)) names_saved_pos = index->position(), names_saved_at = Clock::now();
      } catch (const std::exception& e) {
        std::cerr << "thads: search index snapshot not saved: " << e.what() << "\n";
      }
    };
    try {
      auto lease = app.stores().acquire();
      app.cache().stats(*lease);
      const SnapshotOrigin origin = app.cache().stats_origin();
      std::cerr << "thads: statistics loaded in " << secs(t0) << " s"
                << (origin.saved ? " from the saved snapshot at position " + std::to_string(origin.saved_pos)
                                 : " from the tables (saved snapshot not used: " + origin.why_not + ")")
                << "\n";
      if (origin.saved) saved_pos = origin.saved_pos;
    } catch (const std::exception& e) {
      std::cerr << "thads: statistics not preloaded: " << e.what() << "\n";
    }
    save_stats();
    // The modules' held read models (app/warm_up.h): the work queue's
    // oversight deadlines, the public list.
    for (const WarmUp& w : warm_ups()) {
      if (app.cache().stopping()) break;
      try {
        auto lease = app.stores().acquire();
        const auto t1 = Clock::now();
        w.load(*lease);
        std::cerr << "thads: " << w.name << " loaded in " << secs(t1) << " s\n";
      } catch (const std::exception& e) {
        std::cerr << "thads: " << w.name << " not preloaded: " << e.what() << "\n";
      }
    }
    // Today's work queue of every agency, held at the journal's position
    // (app/queue_answers.h): a head's first queue of the day is not computed
    // while they wait. A write moves the position: the next request of each
    // computes it again.
    try {
      auto lease = app.stores().acquire();
      const auto t1 = Clock::now();
      const size_t n = hold_todays_queues(*lease, app.cache(), vn_date_of(app.now()));
      std::cerr << "thads: today's work queues of " << n << " agencies held in " << secs(t1) << " s\n";
    } catch (const std::exception& e) {
      std::cerr << "thads: work queues not preloaded: " << e.what() << "\n";
    }
    try {
      auto lease = app.stores().acquire();
      const auto t1 = Clock::now();
      if (auto index = app.cache().names(*lease)) {
        const SnapshotOrigin origin = app.cache().names_origin();
        std::cerr << "thads: search index of " << index->case_count() << " cases loaded in " << secs(t1) << " s"
                  << (origin.saved ? " from the saved snapshot at position " + std::to_string(origin.saved_pos)
                                   : " from the tables (saved snapshot not used: " + origin.why_not + ")")
                  << "\n";
        if (origin.saved) names_saved_pos = origin.saved_pos;
      }
    } catch (const std::exception& e) {
      std::cerr << "thads: search index not preloaded: " << e.what() << "\n";
    }
    save_names();
    std::cerr << "thads: background loading done in " << secs(t0) << " s\n";
    for (;;) {
      for (int i = 0; i < kSaveSeconds; ++i) {
        if (stopping.load(std::memory_order_relaxed)) return;
        std::this_thread::sleep_for(std::chrono::seconds(1));
        if (i % kTrimSeconds == kTrimSeconds - 1) release_free_heap(keep_free);
      }
      save_stats();
      save_names();
    }
  };
  std::thread warm;  // started only once the server listens
  try {
    server.run_until_signal([&] {
      std::cerr << "thads serving http://" << app.config().host << ":" << app.config().port << "/ on "
                << server.threads() << " threads (store " << app.config().db << ", web " << app.web_dir() << ")\n";
      warm = std::thread(warm_up);
    });
  } catch (const std::system_error& e) {
    app.cache().stop_loading();
    stopping.store(true, std::memory_order_relaxed);
    if (warm.joinable()) warm.join();
    const std::string where = app.config().host + ":" + std::to_string(app.config().port);
    // asio reports errno in a category of its own: compare the number too.
    if (e.code() == std::errc::address_in_use || e.code().value() == EADDRINUSE)
      std::cerr << "thads serve: port " << app.config().port << " is in use on " << app.config().host
                << " (another program listens there); choose another with --listen\n";
    else
      std::cerr << "thads serve: cannot listen on " << where << ": " << e.what() << "\n";
    return cli::usage;
  }
  // Stopped by a signal: the background loading gives up at its next
  // cancellation point instead of finishing (tens of seconds on a national store).
  app.cache().stop_loading();
  stopping.store(true, std::memory_order_relaxed);
  if (warm.joinable()) warm.join();
  std::cerr << "thads stopped\n";
  return cli::ok;
}

}  // namespace

void register_serve_commands(CLI::App& app) {
  static std::string db = cli::default_db();
  static std::string listen = "127.0.0.1:8080", web;
  static ServerConfig cfg;
  static int64_t idle_seconds = 30 * 60, idle_minutes = 0, absolute_hours = 12;
  static bool secure = false, quiet = false;
  auto* srv = app.add_subcommand("serve", "Chạy máy chủ web và API (/api/v1)");
  srv->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  srv->add_option("--listen", listen, "HOST:PORT")->capture_default_str();
  srv->add_option("--threads", cfg.threads, "worker threads (0: hardware threads)")->capture_default_str();
  srv->add_option("--web", web, "web directory (templates/, static/); default: found next to the binary");
  srv->add_option("--idle-seconds", idle_seconds, "session idle timeout, in seconds")
      ->check(CLI::Range(int64_t{1}, int64_t{7 * 24 * 3600}))
      ->capture_default_str();
  srv->add_option("--idle-minutes", idle_minutes, "session idle timeout in minutes (older form of --idle-seconds)")
      ->check(CLI::Range(int64_t{1}, int64_t{7 * 24 * 60}));
  srv->add_option("--absolute-hours", absolute_hours, "session absolute timeout")->capture_default_str();
  srv->add_flag("--secure-cookies", secure, "mark cookies Secure (behind HTTPS)");
  srv->add_option("--trusted-proxy", cfg.trusted_proxies,
                  "address of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
      ->check([](const std::string& a) -> std::string {
        unsigned char buf[16];
        return ::inet_pton(AF_INET, a.c_str(), buf) == 1 || ::inet_pton(AF_INET6, a.c_str(), buf) == 1
                   ? std::string()
                   : "not an IPv4 or IPv6 address: " + a;
      });
  static size_t case_cache_mib = CaseCache::kDefaultMaxBytes >> 20;
  srv->add_option("--case-cache-mib", case_cache_mib,
                  "memory for built cases kept between requests, in MiB (0: keep none)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 20))
      ->capture_default_str();
  static size_t heap_free_mib = 64;
  srv->add_option("--heap-free-mib", heap_free_mib,
                  "free heap memory kept for reuse, in MiB; beyond it, every 30 s, the free pages go back "
                  "to the system")
      ->check(CLI::Range(size_t{0}, size_t{1} << 20))
      ->capture_default_str();
  static size_t render_cache_mib = Templates::kDefaultMaxFrameBytes >> 20;
  srv->add_option("--render-cache-mib", render_cache_mib,
                  "memory for page parts kept rendered between requests, in MiB (0: keep none)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 20))
      ->capture_default_str();
  srv->add_option("--write-timeout-seconds", cfg.write_timeout_seconds,
                  "how long one write of an answer may wait for a slow client (a large answer goes out in "
                  "8 KiB pieces, at most 64 to a write: a client must take 512 KiB in this time)")
      ->check(CLI::Range(int64_t{1}, int64_t{600}))
      ->capture_default_str();
  srv->add_option("--read-db", cfg.read_db,
                  "a PostgreSQL streaming replica of --db: GET requests read from it once it has replayed this "
                  "server's writes (docs/operations.md)");
  srv->add_option("--read-wait-ms", cfg.read_wait_ms,
                  "how long a read waits for the replica to replay this server's last write before it reads --db")
      ->check(CLI::Range(int64_t{0}, int64_t{10000}))
      ->capture_default_str();
  srv->add_flag("--quiet", quiet, "no access log");
  srv->callback([] {
    set_exit_code(guarded([] {
      ServerConfig c = cfg;
      c.db = db;
      c.web_dir = web;
      c.cached_case_bytes = case_cache_mib << 20;
      c.cached_render_bytes = render_cache_mib << 20;
      c.policy.idle_seconds = idle_minutes > 0 ? idle_minutes * 60 : idle_seconds;
      // The last use is recorded at most this often, and idle time counts
      // from the last recorded use: a tenth of the idle timeout (at most a
      // minute) keeps a session's end within 10% of the timeout, early.
      c.policy.touch_interval_seconds =
          std::clamp<int64_t>(c.policy.idle_seconds / 10, 1, c.policy.touch_interval_seconds);
      c.policy.absolute_seconds = absolute_hours * 3600;
      c.secure_cookies = secure;
      c.access_log = !quiet;
      return serve(std::move(c), listen, heap_free_mib << 20);
    }));
  });
}

}  // namespace thads::cli
