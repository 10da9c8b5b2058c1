#include "app/settings.h"

#include <fstream>
#include <sstream>

namespace thads {
namespace {

LegalSettings& active() {
  static LegalSettings s = LegalSettings::defaults();
  return s;
}

}  // namespace

const LegalSettings& legal_settings() { return active(); }

void use_legal_settings(const LegalSettings& s) { active() = s; }

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
  std::string why;
  auto s = LegalSettings::from_json(text.str(), &why);
  if (!s && error) *error = path + ": " + why;
  return s;
}

}  // namespace thads
