#include "http/templates.h"

#include <sodium.h>
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
  std::string out;
  out.reserve(16 * 1024);
  it->second->render(d, [&out](const std::string& s) { out += s; });
  return out;
}

std::string Templates::render(const std::string& name, const nlohmann::json& data,
                              const std::vector<Fill>& fills) const {
  return render_kept(name, 'j', data.dump(), [&] { return data; }, fills);
}

std::string Templates::render(const std::string& name, std::string_view data_key,
                              const std::function<nlohmann::json()>& make_data, const std::vector<Fill>& fills) const {
  return render_kept(name, 'k', data_key, make_data, fills);
}

std::string Templates::render_kept(const std::string& name, char kind, std::string_view data_key,
                                   const std::function<nlohmann::json()>& make_data,
                                   const std::vector<Fill>& fills) const {
  // Markers no user can type (random for the process) stand for the fills
  // while the template is rendered; the output is then cut at them.
  static const std::string marker = [] {
    unsigned char nonce[16];
    randombytes_buf(nonce, sizeof nonce);
    std::string m = "thads-fill-";
    for (unsigned char c : nonce) m += "0123456789abcdef"[c >> 4], m += "0123456789abcdef"[c & 15];
    return m + "-";
  }();
  std::string key = name;
  key += '\x1f';
  for (const Fill& f : fills) key += f.key + '\x1f';
  key += kind;  // a data's JSON text and a caller's key never name the same frame
  key += data_key;
  std::shared_ptr<const Frame> frame;
  {
    std::lock_guard lock(frames_mu_);
    if (auto it = frames_.find(key); it != frames_.end()) frame = it->second;
  }
  if (!frame) {
    nlohmann::json d = make_data();
    if (!d.is_object()) d = nlohmann::json::object();
    for (size_t i = 0; i < fills.size(); ++i) d[fills[i].key] = marker + std::to_string(i) + "-";
    const std::string text = render(name, d);
    auto f = std::make_shared<Frame>();
    size_t at = 0;
    for (size_t m; (m = text.find(marker, at)) != std::string::npos;) {
      const size_t num = m + marker.size(), end = text.find('-', num);
      f->pieces.emplace_back(text.substr(at, m - at), std::stoi(text.substr(num, end - num)));
      at = end + 1;
    }
    f->pieces.emplace_back(text.substr(at), -1);
    frame = f;
    std::lock_guard lock(frames_mu_);
    if (frames_.size() >= kMaxFrames) frames_.erase(frames_.begin());
    frames_.emplace(std::move(key), frame);
  }
  // Text fills are escaped here as {{key}} would have escaped them (the
  // marker itself has nothing to escape); markup goes in as it is.
  std::vector<std::string> escaped(fills.size());
  for (size_t i = 0; i < fills.size(); ++i)
    if (!fills[i].markup) escaped[i] = mu::html_escape<std::string>(std::string(fills[i].text));
  auto text_of = [&](int i) -> std::string_view {
    const auto k = static_cast<size_t>(i);
    return fills[k].markup ? fills[k].text : std::string_view(escaped[k]);
  };
  size_t size = 0;
  for (const auto& [text, i] : frame->pieces) size += text.size() + (i >= 0 ? text_of(i).size() : 0);
  std::string out;
  out.reserve(size);
  for (const auto& [text, i] : frame->pieces) {
    out += text;
    if (i >= 0) out += text_of(i);
  }
  return out;
}

}  // namespace thads::http
