// Server-rendered HTML: mustache templates (kainjow) loaded from the web
// directory, rendered from JSON view models.
//
// Contract: Templates reads every web/templates/*.mustache once, at
// construction (throws std::runtime_error when the directory is missing or
// a template does not parse). render() is safe to call from many threads at
// once (each thread keeps its own parsed copies). {{name}} HTML-escapes;
// triple mustache is used only for markup this class rendered itself (the
// layout's page body, the case page's case-only part), never for user data.
#pragma once

#include <nlohmann/json.hpp>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace thads::http {

// The web directory (templates/, static/, openapi.json): THADS_WEB_DIR when
// set; else the first of <binary dir>/web, <binary dir>/../web, … and the
// source tree's web/ that holds templates/.
std::string find_web_dir();

class Templates {
 public:
  // Kept renderings (below) hold at most this many bytes by default.
  static constexpr size_t kDefaultMaxFrameBytes = size_t{64} << 20;
  explicit Templates(const std::string& web_dir, size_t max_frame_bytes = kDefaultMaxFrameBytes);
  // Renders template `name` (file name without .mustache). JSON values map
  // to mustache: objects and arrays as sections, numbers as text; null,
  // false and "" are false. Throws std::out_of_range for an unknown template.
  std::string render(const std::string& name, const nlohmann::json& data) const;
  // A value given to a template apart from its view model. Text goes where
  // the template says {{key}}, escaped; markup (only what this class
  // rendered before, never user data) where it says {{{key}}}, as it is.
  struct Fill {
    std::string key;
    std::string_view text;
    bool markup = false;
  };
  // Like render(name, data) with the fills added to `data`. The rendering of
  // `data` itself is kept, by a hash of its JSON text (at most
  // max_frame_bytes of renderings per Templates, by frame_bytes()'s count;
  // the least recently used make room), so views whose data repeats
  // (the layout of one user's pages, the summary of a case) cost only the
  // copying of the fills. Thread-safe.
  std::string render(const std::string& name, const nlohmann::json& data, const std::vector<Fill>& fills) const;
  // The same with the view model made only when `key` names no kept
  // rendering: `key` must determine everything make_data() returns (the
  // caller's promise; it is what the data's JSON text does above). For views
  // whose data would cost more to build and print than the page itself.
  std::string render(const std::string& name, std::string_view key, const std::function<nlohmann::json()>& make_data,
                     const std::vector<Fill>& fills) const;
  // Appends to `out` what render(name, nlohmann::json::object(), fills)
  // returns: for views made of fills only, written many times into one page
  // (the rows of a table), without a string or a view model per view.
  void append(std::string& out, const std::string& name, const std::vector<Fill>& fills) const;

 private:
  struct Frame;

 public:
  // append() for many views of one template in a row: the rendering is
  // looked up once (a hash and a lock per lookup were two fifths of a search
  // page's 50 rows; docs/benchmarks.md, "Session 29"). `fills` must name the
  // same keys, in the same order, as those given to stamp(). Holds the
  // rendering (not the Templates): usable after the kept one is evicted.
  class Stamp {
   public:
    void append(std::string& out, const std::vector<Fill>& fills) const { write(out, *frame_, fills); }

   private:
    friend class Templates;
    explicit Stamp(std::shared_ptr<const Frame> f) : frame_(std::move(f)) {}
    std::shared_ptr<const Frame> frame_;
  };
  Stamp stamp(const std::string& name, const std::vector<Fill>& fills) const;
  bool has(const std::string& name) const { return sources_.count(name) != 0; }
  // The kept renderings: how many, and the memory they hold (their text,
  // their pieces and their keys; what max_frame_bytes bounds).
  size_t frame_count() const;
  size_t frame_bytes() const;

 private:
  // A kept rendering: literal text, each piece followed by the fill of that
  // index (or none after the last piece).
  struct Frame {
    std::vector<std::pair<std::string, int>> pieces;
    size_t bytes = 0;  // what keeping it costs, key and map node included
  };
  std::shared_ptr<const Frame> frame(const std::string& name, char kind, std::string_view data_key,
                                     const std::function<nlohmann::json()>& make_data,
                                     const std::vector<Fill>& fills) const;
  static void write(std::string& out, const Frame& frame, const std::vector<Fill>& fills);

  std::map<std::string, std::string> sources_;
  size_t max_frame_bytes_;
  mutable std::mutex frames_mu_;
  // By a 32-byte hash (BLAKE2b) of the template's name, the fills' keys and
  // the data's key: a view model's JSON text can be as long as its rendering.
  struct Kept {
    std::shared_ptr<const Frame> frame;
    std::list<std::string>::iterator used;  // its place in frames_lru_
  };
  mutable std::unordered_map<std::string, Kept> frames_;
  mutable std::list<std::string> frames_lru_;  // the keys of frames_, the most recently used first
  mutable size_t frames_bytes_ = 0;
  unsigned id_;  // distinguishes instances in the per-thread cache
};

}  // namespace thads::http
