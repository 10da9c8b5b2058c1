#include "http/templates.h"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
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

Templates::Templates(const std::string& web_dir, size_t max_frame_bytes)
    : max_frame_bytes_(max_frame_bytes), id_(g_next_id++) {
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
  std::string out;
  write(out, *frame(name, 'j', data.dump(), [&] { return data; }, fills), fills);
  return out;
}

std::string Templates::render(const std::string& name, std::string_view data_key,
                              const std::function<nlohmann::json()>& make_data, const std::vector<Fill>& fills) const {
  std::string out;
  write(out, *frame(name, 'k', data_key, make_data, fills), fills);
  return out;
}

void Templates::append(std::string& out, const std::string& name, const std::vector<Fill>& fills) const {
  stamp(name, fills).append(out, fills);
}

Templates::Stamp Templates::stamp(const std::string& name, const std::vector<Fill>& fills) const {
  return Stamp(frame(name, 'j', "{}", [] { return nlohmann::json::object(); }, fills));
}

std::shared_ptr<const Templates::Frame> Templates::frame(const std::string& name, char kind, std::string_view data_key,
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
  // The key: a hash of what determines the rendering. The separators keep
  // one field's end from passing for the next one's start.
  std::string key(crypto_generichash_BYTES, '\0');
  {
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, key.size());
    const auto add = [&st](std::string_view s) {
      crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    };
    add(name);
    add("\x1f");
    for (const Fill& f : fills) add(f.key), add("\x1f");
    add(std::string_view(&kind, 1));  // a data's JSON text and a caller's key never name the same frame
    add(data_key);
    crypto_generichash_final(&st, reinterpret_cast<unsigned char*>(key.data()), key.size());
  }
  {
    std::lock_guard lock(frames_mu_);
    if (auto it = frames_.find(key); it != frames_.end()) {
      frames_lru_.splice(frames_lru_.begin(), frames_lru_, it->second.used);
      return it->second.frame;
    }
  }
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
  f->pieces.shrink_to_fit();
  // The frame, its shared_ptr's control block, its pieces (a string's own
  // buffer past the short-string capacity), the map's node and key.
  constexpr size_t kNodesAndControl = 96 + 48;  // the map's and the recency list's nodes, the control block
  f->bytes = sizeof(Frame) + kNodesAndControl + f->pieces.capacity() * sizeof(f->pieces[0]) + 2 * (key.capacity() + 1);
  for (const auto& [piece, i] : f->pieces)
    if (piece.capacity() > 15) f->bytes += piece.capacity() + 1;
  if (f->bytes > max_frame_bytes_) return f;  // rendered, not kept
  std::lock_guard lock(frames_mu_);
  if (auto it = frames_.find(key); it != frames_.end()) return it->second.frame;  // another thread kept it meanwhile
  while (!frames_.empty() && frames_bytes_ + f->bytes > max_frame_bytes_) {
    auto victim = frames_.find(frames_lru_.back());
    frames_bytes_ -= victim->second.frame->bytes;
    frames_.erase(victim);
    frames_lru_.pop_back();
  }
  frames_bytes_ += f->bytes;
  frames_lru_.push_front(key);
  frames_.emplace(std::move(key), Kept{f, frames_lru_.begin()});
  return f;
}

size_t Templates::frame_count() const {
  std::lock_guard lock(frames_mu_);
  return frames_.size();
}

size_t Templates::frame_bytes() const {
  std::lock_guard lock(frames_mu_);
  return frames_bytes_;
}

namespace {

// The characters html_escape replaces.
bool needs_html_escape(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
  });
}

}  // namespace

void Templates::write(std::string& out, const Frame& frame, const std::vector<Fill>& fills) {
  size_t size = out.size();
  for (const auto& [text, i] : frame.pieces) size += text.size() + (i >= 0 ? fills[static_cast<size_t>(i)].text.size() : 0);
  if (size > out.capacity()) out.reserve(std::max(size, 2 * out.capacity()));
  for (const auto& [text, i] : frame.pieces) {
    out += text;
    if (i < 0) continue;
    const Fill& f = fills[static_cast<size_t>(i)];
    // Text is escaped as {{key}} would have escaped it (the marker itself
    // has nothing to escape); text with nothing to escape goes in as it
    // is, which is what the escape would give. Markup goes in as it is.
    if (f.markup || !needs_html_escape(f.text)) out += f.text;
    else out += mu::html_escape<std::string>(std::string(f.text));
  }
}

}  // namespace thads::http
