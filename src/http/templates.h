// Server-rendered HTML: mustache templates (kainjow) loaded from the web
// directory, rendered from JSON view models.
//
// Contract: Templates reads every web/templates/*.mustache once, at
// construction (throws std::runtime_error when the directory is missing or
// a template does not parse). render() is safe to call from many threads at
// once (each thread keeps its own parsed copies). {{name}} HTML-escapes;
// triple mustache is used only by the layout, for the page body this class
// rendered itself, never for user data.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <string>

namespace thads::http {

// The web directory (templates/, static/, openapi.json): THADS_WEB_DIR when
// set; else the first of <binary dir>/web, <binary dir>/../web, … and the
// source tree's web/ that holds templates/.
std::string find_web_dir();

class Templates {
 public:
  explicit Templates(const std::string& web_dir);
  // Renders template `name` (file name without .mustache). JSON values map
  // to mustache: objects and arrays as sections, numbers as text; null,
  // false and "" are false. Throws std::out_of_range for an unknown template.
  std::string render(const std::string& name, const nlohmann::json& data) const;
  bool has(const std::string& name) const { return sources_.count(name) != 0; }

 private:
  std::map<std::string, std::string> sources_;
  unsigned id_;  // distinguishes instances in the per-thread cache
};

}  // namespace thads::http
