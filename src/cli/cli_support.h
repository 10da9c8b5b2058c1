// Helpers shared by the `thads` subcommands: exit codes, store opening,
// progress bars on a terminal.
#pragma once

#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace thads::cli {

// Exit status contract (interchange.md "CLI contract").
enum Exit : int { ok = 0, refused = 1, usage = 2 };

std::string default_db();
// Opens the store. `read_only` (the commands that only read): nothing is
// written, not even the schema (Store::open_read_only); nullptr when the
// SQLite file is missing or holds no table (the caller treats that as an
// empty store). A file of another program is refused (StoreError).
std::unique_ptr<Store> open_store(const std::string& location, bool read_only);
// An empty in-memory-like store for read-only commands on a missing file.
std::unique_ptr<Store> open_empty_store();

// Prints a progress bar to stderr when it is a terminal; silent otherwise.
void progress(const char* phase, int64_t done, int64_t total);
void progress_done();

int64_t now_unix();

// The text of a --compare file (report admin-reconcile): one JSON object of
// figures, parsed under the JSON limits of docs/limits.md (json_limits.h).
// nullopt, with the reason in `error`, for anything else.
std::optional<nlohmann::json> parse_compare_figures(std::string_view text, std::string* error);

// Verifies the audit chain (Store::verify_audit); when it is broken prints
// where and that `command` is refused, and returns `refused`; else `ok`.
// `serve` and `rebuild` run it before they start.
// `since_verified`: only the entries after the one this installation last
// verified (Store::verify_audit_since_verified; serve and rebuild), else the whole chain.
int refuse_broken_chain(Store& store, const char* command, bool since_verified);

// Records the settings in force in the store's journal when they differ
// from the ones last recorded there (app/settings_journal.h), as the OS
// account running `command`; says so on standard error. `serve`, `import`,
// `rebuild` and `demo` run it before they apply any rule.
void record_settings(Store& store, const char* command);

}  // namespace thads::cli
