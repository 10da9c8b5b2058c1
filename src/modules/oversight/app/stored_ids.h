// StoredIds: which ids may already name a stream in the journal, so that an
// import asks the journal only about those.
//
// An import meets each stream id for the first time and must know whether
// the journal holds it (oversight_import.cc: a stream continued from an
// earlier file is read back). Asked one id at a time that is one query per
// new stream: for a national file of millions of new streams, the largest
// single cost of the import. StoredIds keeps a 64-bit hash of every stored
// stream id:
//
//   - `may_be_stored(id)` is false only when no stored stream has the id's
//     hash, so the id is certainly new and no query is needed; true means
//     "ask the journal" (the id, or a hash collision: correctness never
//     rests on the hash);
//   - `note_stored(id)` adds a stream this import has written to the journal.
//
// It is filled lazily: an import that asks the journal fewer than
// `asks_before_listing` times (ImportOptions::lookups_before_listing; a
// day's records into a national store) never lists the journal's millions
// of ids. Memory: 8 bytes per stored stream,
// plus a bounded set of recent additions.
//
// Not thread-safe: one import's own.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

namespace thads::oversight {

class StoredIds {
 public:
  // `list` calls its argument with every stored stream id (the journal's).
  using Lister = std::function<void(const std::function<void(const std::string&)>&)>;
  StoredIds(int64_t asks_before_listing, Lister list)
      : asks_before_listing_(asks_before_listing), list_(std::move(list)) {}

  bool may_be_stored(const std::string& id) {
    if (!listed_) {
      if (++asks_ <= asks_before_listing_) return true;
      list();
    }
    const uint64_t h = hash(id);
    return std::binary_search(sorted_.begin(), sorted_.end(), h) || recent_.count(h) > 0;
  }

  void note_stored(const std::string& id) {
    if (!listed_) return;  // the listing, when it comes, reads it from the journal
    recent_.insert(hash(id));
    // Merged when large, so lookups stay two probes and the merges cost a
    // constant per id over the import.
    if (recent_.size() > std::max<size_t>(65536, sorted_.size() / 4)) merge();
  }

  bool listed() const { return listed_; }

 private:
  static uint64_t hash(const std::string& id) { return std::hash<std::string>{}(id); }

  void list() {
    listed_ = true;
    list_([this](const std::string& id) { sorted_.push_back(hash(id)); });
    std::sort(sorted_.begin(), sorted_.end());
  }

  void merge() {
    const size_t old = sorted_.size();
    sorted_.insert(sorted_.end(), recent_.begin(), recent_.end());
    std::sort(sorted_.begin() + static_cast<std::ptrdiff_t>(old), sorted_.end());
    std::inplace_merge(sorted_.begin(), sorted_.begin() + static_cast<std::ptrdiff_t>(old), sorted_.end());
    recent_.clear();
  }

  int64_t asks_before_listing_;
  Lister list_;
  bool listed_ = false;
  int64_t asks_ = 0;
  std::vector<uint64_t> sorted_;
  std::unordered_set<uint64_t> recent_;
};

}  // namespace thads::oversight
