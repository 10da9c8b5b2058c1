#include "app/settings_journal.h"

#include <algorithm>

#include "app/settings.h"

namespace thads {
namespace {

std::string& file_applied() {
  static std::string f;
  return f;
}

constexpr const char* kKind = "settings";
constexpr const char* kStream = "settings";

}  // namespace

void note_settings_file(std::string path) { file_applied() = std::move(path); }
const std::string& settings_file() { return file_applied(); }

nlohmann::ordered_json settings_in_force() {
  auto j = nlohmann::ordered_json::parse(legal_settings().to_json());
  for (const auto& [key, view] : described_settings()) {
    nlohmann::ordered_json section = nlohmann::ordered_json::object();
    for (const SettingShown& row : view.rows) section[row.key] = row.value;
    j[key] = std::move(section);
  }
  return j;
}

nlohmann::ordered_json settings_defaults() {
  auto j = nlohmann::ordered_json::parse(LegalSettings::defaults().to_json());
  for (const auto& [key, view] : described_settings()) {
    nlohmann::ordered_json section = nlohmann::ordered_json::object();
    for (const SettingShown& row : view.rows) section[row.key] = row.default_value;
    j[key] = std::move(section);
  }
  return j;
}

std::vector<std::string> settings_changed_from(const nlohmann::ordered_json& settings,
                                               const nlohmann::ordered_json& defaults) {
  std::vector<std::string> out;
  for (const auto& [key, value] : settings.items()) {
    const auto d = defaults.find(key);
    if (value.is_object() && d != defaults.end() && d->is_object()) {
      for (const auto& [k, v] : value.items()) {
        const auto dk = d->find(k);
        if (dk == d->end() || dk->dump() != v.dump()) out.push_back(key + "." + k + " = " + v.dump());
      }
    } else if (d == defaults.end() || d->dump() != value.dump()) {
      out.push_back(key + " = " + value.dump());
    }
  }
  return out;
}

bool record_settings_in_force(Store& store, const std::string& actor, const std::string& command, int64_t now) {
  const nlohmann::ordered_json settings = settings_in_force();
  WriteTx tx(store);
  const auto last = tx.last_entry(kKind, kStream);
  if (last) {
    const auto body = nlohmann::ordered_json::parse(last->body, nullptr, false);
    if (!body.is_discarded() && body.is_object() && body.contains("settings") &&
        body["settings"].dump() == settings.dump())
      return false;  // the transaction rolls back: nothing was written
  }
  const nlohmann::ordered_json body{
      {"kind", kKind}, {"settings", settings}, {"file", settings_file()}, {"command", command}};
  tx.append(kKind, kStream, last ? last->seq + 1 : 1, now, actor, body.dump());
  tx.commit();
  return true;
}

std::vector<SettingsRecord> settings_history(Store& store, size_t limit) {
  std::vector<SettingsRecord> out;
  const std::vector<JournalEntry> entries = store.stream_entries(kKind, kStream);
  for (auto it = entries.rbegin(); it != entries.rend() && out.size() < limit; ++it) {
    const auto body = nlohmann::ordered_json::parse(it->body, nullptr, false);
    SettingsRecord r{it->pos, it->seq, it->recorded_at, it->actor, "", "", nlohmann::ordered_json::object()};
    if (body.is_object()) {
      if (body.contains("command") && body["command"].is_string()) r.command = body["command"].get<std::string>();
      if (body.contains("file") && body["file"].is_string()) r.file = body["file"].get<std::string>();
      if (body.contains("settings") && body["settings"].is_object()) r.settings = body["settings"];
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace thads
