// A read model held in memory by a running process (`thads serve`, the
// benchmarks): one value per stream of a kind, made from the stream's acts by
// a pure function (or read from the stream's read-model row), and kept at the
// journal's head. Each use reads the head
// (one indexed query); when it moved, only the streams of the kind with new
// entries are read again; when the store is another one or its journal is not
// the one held (the chain hash at the held position differs), or too much
// changed, every stream is read again. The journal stays the one truth: the
// model is never written, and a wrong model can only cost a reload.
//
// Issues 14–16 "Speed": the national reports fold 100,000 monitoring files or
// 3,000,000 requests from memory instead of reading and parsing the journal.
#pragma once

#include <functional>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::oversight {

// The values held, one per stream id, in one contiguous vector (a fold over
// 3,000,000 of them walks memory in order) with an index by id.
template <class T>
class HeldItems {
 public:
  using value_type = std::pair<std::string, T>;
  auto begin() const { return rows_.cbegin(); }
  auto end() const { return rows_.cend(); }
  size_t size() const { return rows_.size(); }

  void put(const std::string& id, T&& v) {
    auto [it, fresh] = index_.try_emplace(id, rows_.size());
    if (fresh) rows_.emplace_back(id, std::move(v));
    else rows_[it->second].second = std::move(v);
  }
  void erase(const std::string& id) {
    auto it = index_.find(id);
    if (it == index_.end()) return;
    const size_t i = it->second;
    index_.erase(it);
    if (i + 1 != rows_.size()) {  // the last row takes the freed place
      rows_[i] = std::move(rows_.back());
      index_[rows_[i].first] = i;
    }
    rows_.pop_back();
  }
  void clear() {
    rows_.clear();
    index_.clear();
  }

 private:
  std::vector<value_type> rows_;
  std::unordered_map<std::string, size_t> index_;
};

template <class T>
class HeldStreams {
 public:
  using Items = HeldItems<T>;
  // Where the values come from: every stream's (`all` calls put(id, value))
  // and one stream's (nullopt: leave it out). Both read at the same journal.
  struct Source {
    std::function<void(Db&, const std::function<void(const std::string&, T&&)>& put)> all;
    std::function<std::optional<T>(Db&, const std::string&)> one;
  };
  // The usual source: a pure fold of the stream's acts, read from the journal.
  static Source from_acts(StreamKind kind, std::function<std::optional<T>(std::vector<Act>&)> make) {
    return Source{[kind, make](Db& db, const std::function<void(const std::string&, T&&)>& put) {
                    for_each_stream(db, kind, std::nullopt, [&](std::vector<Act>& acts) {
                      if (auto v = make(acts)) put(acts.front().id, std::move(*v));
                    });
                  },
                  [kind, make](Db& db, const std::string& id) -> std::optional<T> {
                    std::vector<Act> acts = load_acts(db, kind, id);
                    if (acts.empty()) return std::nullopt;
                    return make(acts);
                  }};
  }

  // `kind`: the streams whose journal entries change a value.
  HeldStreams(StreamKind kind, Source source) : kind_(kind), source_(std::move(source)) {}

  // Calls f(const Items&) with the model at the journal's head, under the
  // model's lock taken alone (other users wait; keep f a fold; f may
  // change what values hold in `mutable` members). Rows are (id, value).
  // Moves whenever the held values changed (read inside `with`'s f), so a
  // caller may keep something derived from them.
  uint64_t generation() const { return generation_; }

  template <class F>
  void with(Store& store, F&& f) {
    std::unique_lock lock(mu_);
    refresh(store.db());
    f(static_cast<const Items&>(items_));
  }

  // The same for an f that only reads (changes nothing held, not even
  // through `mutable`): while the journal has not moved, readers share the
  // lock; bringing the model up to date takes it alone (one thread reads
  // the changes, the others wait), and that caller's f runs under it.
  template <class F>
  void with_shared(Store& store, F&& f) {
    const JournalHead head = journal_head(store.db());
    {
      std::shared_lock shared(mu_);
      if (loaded_ && head.pos == pos_ && head.hash == hash_) {
        f(static_cast<const Items&>(items_));
        return;
      }
    }
    std::unique_lock lock(mu_);
    refresh(store.db());
    f(static_cast<const Items&>(items_));
  }

 private:
  static constexpr int64_t kMaxChanged = 200000;  // more new entries than this: read everything

  void refresh(Db& db) {
    const JournalHead head = journal_head(db);
    if (loaded_ && head.pos == pos_ && head.hash == hash_) return;
    bool more = false;
    std::vector<std::string> changed;
    const bool same = loaded_ && head.pos >= pos_ && journal_hash_at(db, pos_) == hash_;
    if (same) changed = streams_changed(db, kind_, pos_, head.pos, kMaxChanged, &more);
    if (!same || more) {
      items_.clear();
      source_.all(db, [&](const std::string& id, T&& v) { items_.put(id, std::move(v)); });
    } else {
      // A stream read again whole: entries written after `head` (a write
      // meanwhile) are read too, and read again at the next refresh.
      for (const std::string& id : changed) {
        items_.erase(id);
        if (auto v = source_.one(db, id)) items_.put(id, std::move(*v));
      }
    }
    if (!same || more || !changed.empty()) ++generation_;
    loaded_ = true;
    pos_ = head.pos;
    hash_ = head.hash;
  }

  StreamKind kind_;
  Source source_;
  std::shared_mutex mu_;
  Items items_;
  bool loaded_ = false;
  uint64_t generation_ = 0;
  int64_t pos_ = 0;
  std::string hash_;
};

}  // namespace thads::oversight
