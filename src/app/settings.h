// Deployment settings: the [B] values of ../shared/domain that a deployment
// may change (the periods believed unchanged under the 2025 law, the Tết
// window, whether make-up Saturdays are working days), as a JSON file
// (docs/settings.md; keys of LegalSettings::from_json).
//
// Contract: the shell (the `thads` command, `thads serve`) calls
// use_legal_settings once at start, from `--settings FILE` or
// $THADS_SETTINGS, before any other thread starts; afterwards the settings
// are read-only and legal_settings() is safe from every thread. Every use
// case that applies a rule reads them here, never LegalSettings::defaults().
// Read models written under other settings are brought in line by
// `thads rebuild`.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/legal_settings.h"

namespace thads {

const LegalSettings& legal_settings();
void use_legal_settings(const LegalSettings& s);

// Reads and checks a settings file; nullopt with a message in *error when it
// cannot be read or a value is unknown, mistyped or out of range. A top-level
// key that names a module's section (register_settings_section) is that
// module's: it is checked by the module and, when the whole file is valid,
// applied at once; the other keys are LegalSettings::from_json's.
std::optional<LegalSettings> read_settings_file(const std::string& path, std::string* error);

// A module's own [B] values in the settings file (e.g. "oversight": {…}).
// `apply` checks the section and, when `commit` is true, makes it the
// module's settings; it returns an error message, or "" when the section is valid.
using SettingsSection = std::function<std::string(const nlohmann::json& section, bool commit)>;
void register_settings_section(std::string key, SettingsSection apply);

// What the administrator's settings page shows of a module's section: each
// value in force with its default, what it sets (Vietnamese) and its article.
struct SettingShown {
  std::string key, label, article;
  nlohmann::json value, default_value;
};
struct SettingsView {
  std::string title;  // Vietnamese, e.g. "Theo dõi thi hành án hành chính, khiếu nại, kiểm sát"
  std::vector<SettingShown> rows;
};
using SettingsDescriber = std::function<SettingsView()>;
void describe_settings_section(std::string key, SettingsDescriber describe);
// Every registered section's view, by key.
std::vector<std::pair<std::string, SettingsView>> described_settings();

}  // namespace thads
