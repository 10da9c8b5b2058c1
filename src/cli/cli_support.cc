#include "cli/cli_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

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

}  // namespace thads::cli
