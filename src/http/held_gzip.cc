#include "http/held_gzip.h"

#include <list>
#include <mutex>
#include <restinio/helpers/http_field_parsers/accept-encoding.hpp>
#include <restinio/transforms/zlib.hpp>
#include <unordered_map>

namespace thads::http {
namespace {

struct Entry {
  std::weak_ptr<const void> owner;
  std::shared_ptr<const std::string> gzip;
  std::list<const void*>::iterator age;  // in `ages`, the most recently asked first
};

struct Held {
  std::mutex mu;
  std::unordered_map<const void*, Entry> by_owner;
  std::list<const void*> ages;
  size_t bytes = 0, compressed = 0;

  void drop(std::unordered_map<const void*, Entry>::iterator it) {
    bytes -= it->second.gzip->size();
    ages.erase(it->second.age);
    by_owner.erase(it);
  }
  // The kept body of `owner`, if it is still that owner's (an address reused
  // by a later answer is not).
  std::shared_ptr<const std::string> find(const std::shared_ptr<const void>& owner) {
    auto it = by_owner.find(owner.get());
    if (it == by_owner.end()) return nullptr;
    if (it->second.owner.lock() != owner) {
      drop(it);
      return nullptr;
    }
    ages.splice(ages.begin(), ages, it->second.age);
    return it->second.gzip;
  }
  void keep(const std::shared_ptr<const void>& owner, std::shared_ptr<const std::string> gz) {
    if (gz->size() > kHeldGzipMaxBytes) return;
    if (auto it = by_owner.find(owner.get()); it != by_owner.end()) drop(it);
    ages.push_front(owner.get());
    bytes += gz->size();
    by_owner.emplace(owner.get(), Entry{owner, std::move(gz), ages.begin()});
    // Bodies of answers no longer held go first, then the least recently asked.
    for (auto it = by_owner.begin(); it != by_owner.end();)
      it = it->second.owner.expired() ? (bytes -= it->second.gzip->size(), ages.erase(it->second.age), by_owner.erase(it))
                                      : std::next(it);
    while (by_owner.size() > kHeldGzipMaxEntries || bytes > kHeldGzipMaxBytes) drop(by_owner.find(ages.back()));
  }
};

Held& held() {
  static Held h;
  return h;
}

}  // namespace

bool accepts_gzip(const Request& req) {
  namespace hfp = restinio::http_field_parsers;
  const std::string& v = req.header("accept-encoding");
  if (v.empty()) return false;
  const auto parsed = hfp::accept_encoding_value_t::try_parse(restinio::string_view_t{v.data(), v.size()});
  if (!parsed) return false;
  bool gzip = false, star = false, gzip_named = false;
  for (const auto& c : parsed->codings) {
    const bool positive = c.weight.as_uint() > 0;
    if (c.content_coding == "gzip" || c.content_coding == "x-gzip") gzip_named = true, gzip = gzip || positive;
    if (c.content_coding == "*") star = positive;
  }
  return gzip || (!gzip_named && star);
}

Response held_json_response(const Request& req, const std::shared_ptr<const void>& owner, const std::string& body) {
  Response r = json_text_response(200, std::string());
  r.header("Vary", "Accept-Encoding");
  if (body.size() < kGzipMinBytes || !owner || !accepts_gzip(req)) {
    r.body = body;
    return r;
  }
  std::shared_ptr<const std::string> gz;
  {
    std::lock_guard lock(held().mu);
    gz = held().find(owner);
  }
  if (!gz) {  // compressed outside the lock; two first requests may both compress, one is kept
    gz = std::make_shared<const std::string>(
        restinio::transforms::zlib::gzip_compress(restinio::string_view_t{body.data(), body.size()}, 6));
    std::lock_guard lock(held().mu);
    held().keep(owner, gz);
    ++held().compressed;
  }
  r.body = *gz;
  r.header("Content-Encoding", "gzip");
  return r;
}

HeldGzipStats held_gzip_stats() {
  std::lock_guard lock(held().mu);
  return {held().by_owner.size(), held().bytes, held().compressed};
}

}  // namespace thads::http
