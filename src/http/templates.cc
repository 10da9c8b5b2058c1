#include "http/templates.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace thads::http {
namespace fs = std::filesystem;
namespace mu = kainjow::mustache;

namespace {

bool has_templates(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "templates", ec);
}

fs::path binary_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

// A value, or an empty object or list to be filled in place.
mu::data shell(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: return mu::data{mu::data::type::object};
    case nlohmann::json::value_t::array: return mu::data{mu::data::type::list};
    // An empty string is false, as in most mustache engines ({{#x}} hides it).
    case nlohmann::json::value_t::string:
      return j.get_ref<const std::string&>().empty() ? mu::data{false} : mu::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean: return mu::data{j.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return mu::data{false};
    default: return mu::data{j.dump()};  // numbers
  }
}

// kainjow copies a whole subtree on set() and push_back(); filling each child
// in place after inserting it keeps the conversion linear in the size of the
// view model. The children are not const objects, only handed out as such.
void fill(mu::data& d, const nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      d.set(it.key(), shell(it.value()));
      if (it->is_structured()) fill(*const_cast<mu::data*>(d.get(it.key())), it.value());
    }
  } else if (j.is_array()) {
    // Growing the list would copy every element already in it.
    const_cast<mu::basic_list<std::string>&>(d.list_value()).reserve(j.size());
    for (const auto& v : j) {
      d.push_back(shell(v));
      if (v.is_structured()) fill(const_cast<mu::basic_list<std::string>&>(d.list_value()).back(), v);
    }
  }
}

mu::data to_data(const nlohmann::json& j) {
  mu::data d = shell(j);
  fill(d, j);
  return d;
}

std::atomic<unsigned> g_next_id{1};

}  // namespace

std::string find_web_dir() {
  if (const char* e = std::getenv("THADS_WEB_DIR"); e && *e) return e;
  fs::path dir = binary_dir();
  for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (has_templates(dir / "web")) return (dir / "web").string();
    if (dir == dir.parent_path()) break;
  }
#ifdef THADS_SHARE_DIR
  const fs::path src = fs::path(THADS_SHARE_DIR).parent_path() / "web";
  if (has_templates(src)) return src.string();
#endif
  return "web";
}

Templates::Templates(const std::string& web_dir) : id_(g_next_id++) {
  const fs::path dir = fs::path(web_dir) / "templates";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("no templates in " + dir.string() + " (set THADS_WEB_DIR)");
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    mu::mustache check{ss.str()};
    if (!check.is_valid())
      throw std::runtime_error("template " + entry.path().string() + ": " + check.error_message());
    sources_[entry.path().stem().string()] = ss.str();
  }
}

std::string Templates::render(const std::string& name, const nlohmann::json& data) const {
  // Parsed templates are not shared between threads (render is not const in
  // kainjow): each thread parses a template once and keeps it.
  thread_local std::unordered_map<std::string, std::unique_ptr<mu::mustache>> cache;
  const std::string key = std::to_string(id_) + "/" + name;
  auto it = cache.find(key);
  if (it == cache.end()) {
    auto src = sources_.find(name);
    if (src == sources_.end()) throw std::out_of_range("no template " + name);
    it = cache.emplace(key, std::make_unique<mu::mustache>(src->second)).first;
  }
  mu::data d = to_data(data);
  // Templates whose names start with '_' are partials ({{> _name}}).
  for (const auto& [pname, psrc] : sources_)
    if (!pname.empty() && pname[0] == '_') {
      const std::string* src = &psrc;
      d.set(pname, mu::partial{[src] { return *src; }});
    }
  return it->second->render(d);
}

}  // namespace thads::http
