// The settings a process applies, kept in the audit chain (issue 12,
// docs/settings.md "In the audit chain", docs/security/audit-chain.md).
//
// The [B] values (app/settings.h) come from a file read at start, not from
// the store; so that a change of them is as visible as a change of a case,
// each process that applies rules (`thads serve`, `import`, `rebuild`,
// `demo`) records the settings in force as a journal entry before it serves
// or applies them, whenever they differ from the settings last recorded in
// that store: the first time, after any change of the file, and when a
// process runs without a file after one ran with it (back to the
// defaults). Identical settings append nothing.
//
// The entry: kind `settings`, stream `settings`, seq 1, 2, … in the same
// hash chain as every record, recorded_at = now, actor = who applied them,
// body {"kind":"settings","settings":{…},"file":"…","command":"…"} where
// `settings` is the canonical form of every value in force (the core's keys
// as LegalSettings::to_json, then each module's section by key, every value
// written out, defaults included), so two files that set the same values
// record once. It is a reference-kind entry that changes no read model:
// not exported, not rebuilt, and it does not make the server reload its
// statistics (Store::changes_since).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/store.h"

namespace thads {

// The file the settings were read from ("" when none: the defaults); set
// by the shell when it applies --settings / $THADS_SETTINGS.
void note_settings_file(std::string path);
const std::string& settings_file();

// Every value in force, canonical (see above); the defaults in the same form.
nlohmann::ordered_json settings_in_force();
nlohmann::ordered_json settings_defaults();
// The values of `settings` that differ from `defaults`, as "key = value"
// (a module's as "section.key = value"), in canonical order.
std::vector<std::string> settings_changed_from(const nlohmann::ordered_json& settings,
                                               const nlohmann::ordered_json& defaults);

// Appends a `settings` entry when the settings in force differ from the
// last recorded in `store` (or none is); returns whether it appended. One
// write transaction; the comparison is made inside it, so concurrent
// processes starting with the same settings append once.
bool record_settings_in_force(Store& store, const std::string& actor, const std::string& command, int64_t now);

// The recorded settings, newest first (at most `limit`).
struct SettingsRecord {
  int64_t pos = 0;          // journal position
  int64_t seq = 0;
  int64_t recorded_at = 0;  // unix seconds
  std::string actor, command, file;
  nlohmann::ordered_json settings;
};
std::vector<SettingsRecord> settings_history(Store& store, size_t limit);

}  // namespace thads
