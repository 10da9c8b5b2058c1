#include "cli/cli_support.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/settings_journal.h"
#include "cli/commands.h"
#include "domain/json_limits.h"

namespace thads::cli {

std::string default_db() {
  if (const char* e = std::getenv("THADS_DB"); e && *e) return e;
  return "thads.db";
}

std::unique_ptr<Store> open_store(const std::string& location, bool read_only) {
  if (read_only) return Store::missing(location) ? nullptr : Store::open_read_only(location);
  if (!is_postgres_url(location)) {
    auto parent = std::filesystem::path(location).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  return Store::open(location);
}

std::unique_ptr<Store> open_empty_store() { return Store::open(":memory:"); }

static bool tty() {
  static const bool t = isatty(fileno(stderr)) != 0;
  return t;
}

void progress(const char* phase, int64_t done, int64_t total) {
  if (!tty()) return;
  if (total > 0) {
    const int width = 30;
    const int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r%-16s [%.*s%*s] %3d%% (%lld/%lld)", phase, filled,
                 "##############################", width - filled, "", static_cast<int>(100 * done / total),
                 static_cast<long long>(done), static_cast<long long>(total));
  } else {
    std::fprintf(stderr, "\r%-16s %lld", phase, static_cast<long long>(done));
  }
  std::fflush(stderr);
}

void progress_done() {
  if (tty()) std::fprintf(stderr, "\r\033[K");
}

int64_t now_unix() { return static_cast<int64_t>(std::time(nullptr)); }

namespace {
int g_exit = 0;
}  // namespace

void set_exit_code(int code) { g_exit = code; }
int last_exit_code() { return g_exit; }

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    progress_done();
    std::cerr << "error: " << e.what() << "\n";
    return usage;
  }
}

std::optional<nlohmann::json> parse_compare_figures(std::string_view text, std::string* error) {
  BoundedJson j = parse_json_bounded(text);
  if (!j.value) {
    *error = "not valid JSON: " + j.message;
    return std::nullopt;
  }
  if (!j.value->is_object()) {
    *error = "expected one JSON object of figures";
    return std::nullopt;
  }
  return std::move(j.value);
}

int refuse_broken_chain(Store& store, const char* command, bool since_verified) {
  const auto show = [](int64_t done, int64_t total) { progress("kiểm tra chuỗi", done, total); };
  const AuditResult r = since_verified ? store.verify_audit_since_verified(show) : store.verify_audit(show);
  progress_done();
  if (r.ok) return ok;
  std::cerr << "audit chain BROKEN: " << r.problem << "\n";
  if (r.first_bad)
    std::cerr << "first tampered entry: pos " << r.first_bad->pos << ", " << r.first_bad->kind << " "
              << r.first_bad->stream << " seq " << r.first_bad->seq << "\n";
  std::cerr << command << " refused: the journal must be restored from a backup first (docs/security/audit-chain.md)\n";
  return refused;
}

void record_settings(Store& store, const char* command) {
  std::string who = "system";
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) who += ":" + std::string(pw->pw_name);
  if (record_settings_in_force(store, who, command, now_unix()))
    std::cerr << "settings recorded in the audit journal ("
              << (settings_file().empty() ? std::string("defaults") : settings_file()) << ")\n";
}

}  // namespace thads::cli
