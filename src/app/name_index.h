// NameIndex: staff case search held in memory. The same answers as the
// `case_terms` read model (search_cases in http/case_search.h): the cases of
// a scope whose folded words (party names, ID number, judgment and case
// number) start with every query word, the first ones by case_id, with the
// row each result line shows.
//
// Shape: every case loaded at once gets a number in case_id order; each
// distinct term (sorted bytewise, so a prefix is a range of term numbers)
// has the sorted list of the cases that hold it, and each case the sorted
// list of its term numbers. A query word is a term range (the union of its
// terms' postings). Words of few terms are intersected, either by leapfrog
// (the word with the fewest postings drives, the others skip ahead to it)
// or, when the words' postings are of like size, block by block in bitmaps;
// words of very many terms (one or two letters) and the scope are checked
// per case. Only the cases between the scope's first and last are walked
// (case ids begin with the province, so a province's cases are close
// together), and the walk stops at `limit` matches. Cases changed after the
// load are kept beside it (see refresh()) and merged into every answer.
//
// Contract: an index is immutable once built (but for a small cache of the
// scopes last asked for, behind a mutex); search() is const and safe to call
// from many threads at once. load() and refresh() read the store in one
// read transaction and reflect the journal position they report. Memory: on
// the order of 250 bytes per case (rows included).
#pragma once

#include <stdexcept>

#include <atomic>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/saved_snapshot.h"
#include "store/case_row.h"
#include "store/store.h"

namespace thads {

// What NameIndex::load throws when asked to stop.
struct LoadStopped : std::runtime_error {
  LoadStopped() : std::runtime_error("loading the search index was stopped") {}
};

class NameIndex {
 public:
  // Reads every case and its terms. Seconds on a national store (tens at
  // 1,000,000 cases). When `stop` is given and becomes true while it reads
  // (a server shutting down), it gives up within a few thousand rows and
  // throws LoadStopped; the store is left as it was (it only reads).
  static std::shared_ptr<const NameIndex> load(Store& store, const std::atomic<bool>* stop = nullptr);

  // The index brought up to the journal's current position: the cases whose
  // events were recorded since are re-read and replace their loaded copy.
  // Returns `s` itself when the journal has not moved, and nullptr when more
  // than `max_changes` journal entries are new or more than `max_changes`
  // cases have changed since the load (load() again). Never changes `s`.
  static std::shared_ptr<const NameIndex> refresh(std::shared_ptr<const NameIndex> s, Store& store,
                                                  int64_t max_changes = 20000);

  // How the loaded cases are walked. Every plan gives the same answer;
  // `automatic` picks what it expects to be cheaper, and tests force each.
  enum class Walk {
    automatic,
    leapfrog,  // each word's postings skip to the next case the others hold
    blocks,    // the words' cases are marked in bitmaps of a block of cases and intersected
  };
  // In a block, how a word after the first removes the marks of the cases
  // it does not hold.
  enum class Intersect {
    automatic,
    mark,   // it marks its own cases; the two bitmaps are and-ed
    probe,  // each mark left is looked up in its postings
  };
  struct Plan {
    Walk walk = Walk::automatic;
    Intersect intersect = Intersect::automatic;
    uint32_t first_block = 0;  // cases in the first block (a multiple of 64; 0: the default)
  };

  // The first `limit` cases (by case_id) whose agency is one of `agencies`
  // and whose terms start with every word of `words` (folded words, as
  // tokens() makes them). Nothing for no words.
  std::vector<CaseRow> search(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                              size_t limit) const;
  std::vector<CaseRow> search(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                              size_t limit, Plan plan) const;
  // The same answer in place: the views stay valid while this index lives.
  std::vector<CaseRowRef> find(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                               size_t limit) const;
  std::vector<CaseRowRef> find(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                               size_t limit, Plan plan) const;

  // How many cases of the scope match every word (what search() would
  // answer without a limit), without making their rows.
  size_t count(const std::vector<std::string>& words, const std::vector<std::string>& agencies) const;

  // Persisted snapshots (docs/storage.md, "Read-model snapshots"), saved
  // in the store under kSavedName in format kFormat. decode() answers
  // nullptr unless the bytes are a whole index of this format, every
  // offset and number within its bounds and in the order the searches
  // rely on; never a crash, whatever the bytes. load_saved() starts from
  // the saved index when it matches the journal and brings it up to date
  // with refresh(); else (or when too much was written since) load().
  // It never writes. save() replaces the saved index (a write transaction
  // of its own); false when the journal no longer holds its position.
  // advance_saved() moves the saved index to the journal's head without
  // rewriting it (store/read_model_snapshots.h move_snapshot) when the
  // journal since it holds no case event (an import of the modules'
  // records only); true when it reflects the head after the call.
  static constexpr int64_t kFormat = 1;
  static constexpr const char* kSavedName = "search";
  std::string encode() const;
  static std::shared_ptr<const NameIndex> decode(std::string_view bytes);
  static std::shared_ptr<const NameIndex> load_saved(Store& store, const std::atomic<bool>* stop = nullptr,
                                                     SnapshotOrigin* origin = nullptr);
  bool save(Store& store) const;
  static bool advance_saved(Store& store);

  int64_t position() const { return position_; }  // the journal position reflected
  size_t case_count() const;                       // cases loaded at once plus added since
  size_t changed_count() const { return changed_->size() + rows_->size(); }  // cases re-read since the load

 private:
  struct Base;
  // A case re-read since the load whose terms or agency differ from its
  // loaded copy, or that the load did not have; searched by a scan.
  struct Changed {
    CaseRow row;
    std::vector<std::string> terms;  // sorted
  };
  using ChangedMap = std::map<std::string, Changed, std::less<>>;  // by case_id
  // Rows of loaded cases re-read since the load whose terms and agency are
  // unchanged (a collection, an ended case): found through the loaded
  // postings, shown with the row read last. By case number, in blocks of
  // kBlock numbers shared between the generations of an index: refresh()
  // copies the block pointers and the blocks it changes, never the rows of
  // the other blocks (issue 18: copying every row re-read since the load on
  // each refresh grew with the writes). A copy owns none of its blocks: its
  // first change to a block copies that block.
  class RowMap {
   public:
    static constexpr uint32_t kBlock = 256;
    RowMap() = default;
    RowMap(const RowMap& o) : blocks_(o.blocks_), owned_(o.blocks_.size(), false), size_(o.size_) {}
    RowMap& operator=(const RowMap&) = delete;

    const CaseRow* find(uint32_t n) const {
      const size_t b = n / kBlock;
      if (b >= blocks_.size() || !blocks_[b]) return nullptr;
      auto it = blocks_[b]->find(n);
      return it == blocks_[b]->end() ? nullptr : &it->second;
    }
    bool empty() const { return size_ == 0; }
    size_t size() const { return size_; }
    bool emplace(uint32_t n, CaseRow row);  // false (and nothing changed) when n is held
    void erase(uint32_t n);
    template <class F>
    void for_each(F&& f) const {  // f(n, row), in no particular order
      for (const auto& b : blocks_)
        if (b)
          for (const auto& [n, row] : *b) f(n, row);
    }

   private:
    using Block = std::unordered_map<uint32_t, CaseRow>;
    Block& writable(uint32_t n);
    std::vector<std::shared_ptr<Block>> blocks_;  // blocks_[n / kBlock]; nullptr: no row
    std::vector<bool> owned_;                     // this copy made the block (may change it)
    size_t size_ = 0;
  };

  // The loaded cases that match, by number (case_id order), at most `limit`.
  std::vector<uint32_t> base_hits(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                                  size_t limit, Plan plan) const;
  void search_base(const std::vector<std::string>& words, const std::vector<std::string>& agencies, size_t limit,
                   Plan plan, std::vector<CaseRowRef>& out) const;
  void search_changed(const std::vector<std::string>& words, const std::vector<std::string>& agencies, size_t limit,
                      std::vector<CaseRowRef>& out) const;

  std::shared_ptr<const Base> base_;               // shared by every generation
  std::shared_ptr<const std::vector<uint64_t>> replaced_;  // bit n: loaded case n is in changed_ or gone
  std::shared_ptr<const ChangedMap> changed_;
  std::shared_ptr<const RowMap> rows_;  // by case number
  size_t added_ = 0;  // cases in changed_ that the load did not have
  int64_t position_ = 0;
};

}  // namespace thads
