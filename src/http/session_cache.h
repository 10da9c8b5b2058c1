// Sessions found valid moments ago, so that most requests need not read the
// store to know who is asking (a read of the store was a fifth of the work
// of a case request).
//
// Contract: an entry is used only
//  - while accounts_generation() has the value it had before the session was
//    read from the store: any change this process makes to users or sessions
//    (log out, password change or reset, deactivation, expiry) ends every
//    entry at once;
//  - for at most `ttl_seconds` of steady time: the longest a change made by
//    another process (`thads user disable`) goes unseen, as for the other
//    read models of the server (ReadCache);
//  - while, at the request's time, the session is within its idle and
//    absolute limits and its last use was recorded less than the touch
//    interval ago (the next use is then read and recorded in the store).
// ttl_seconds 0 turns it off. At most `max_entries` sessions; an arbitrary
// one makes room. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/accounts.h"

namespace thads::http {

class SessionCache {
 public:
  explicit SessionCache(double ttl_seconds, size_t max_entries = 100000)
      : ttl_(ttl_seconds), max_entries_(max_entries) {}

  std::optional<SessionInfo> find(const std::string& token, int64_t now, const SessionPolicy& policy);
  // Keeps `s`, read from the store after accounts_generation() was `generation`.
  void keep(const std::string& token, const SessionInfo& s, uint64_t generation);

 private:
  struct Entry {
    SessionInfo session;
    uint64_t generation = 0;
    std::chrono::steady_clock::time_point read_at;
  };
  const double ttl_;
  const size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
};

}  // namespace thads::http
