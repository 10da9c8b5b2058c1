#include "app/settings.h"

#include <fstream>
#include <map>
#include <sstream>

namespace thads {
namespace {

std::map<std::string, SettingsSection>& sections() {
  static std::map<std::string, SettingsSection> m;
  return m;
}

std::map<std::string, SettingsDescriber>& describers() {
  static std::map<std::string, SettingsDescriber> m;
  return m;
}

LegalSettings& active() {
  static LegalSettings s = LegalSettings::defaults();
  return s;
}

}  // namespace

const LegalSettings& legal_settings() { return active(); }

void use_legal_settings(const LegalSettings& s) { active() = s; }

void register_settings_section(std::string key, SettingsSection apply) { sections()[std::move(key)] = std::move(apply); }

void describe_settings_section(std::string key, SettingsDescriber describe) {
  describers()[std::move(key)] = std::move(describe);
}

std::vector<std::pair<std::string, SettingsView>> described_settings() {
  std::vector<std::pair<std::string, SettingsView>> out;
  for (const auto& [key, d] : describers()) out.emplace_back(key, d());
  return out;
}

std::optional<LegalSettings> read_settings_file(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "settings: cannot read " + path;
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    if (error) *error = "settings: cannot read " + path;
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  std::vector<std::pair<const SettingsSection*, nlohmann::json>> modules;
  if (j.is_object()) {
    for (const auto& [key, apply] : sections()) {
      auto it = j.find(key);
      if (it == j.end()) continue;
      if (std::string why = apply(*it, false); !why.empty()) {
        if (error) *error = path + ": " + key + ": " + why;
        return std::nullopt;
      }
      modules.emplace_back(&apply, *it);
      j.erase(key);
    }
  }
  std::string why;
  auto s = LegalSettings::from_json(j.is_discarded() ? text.str() : j.dump(), &why);
  if (!s) {
    if (error) *error = path + ": " + why;
    return s;
  }
  for (const auto& [apply, section] : modules) (*apply)(section, true);
  return s;
}

}  // namespace thads
