#include "app/name_index.h"
#include "app/name_index_base.h"
#include "store/read_model_scans.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace thads {
namespace {

// A loader's cancellation point: every 4096 rows it looks at `stop`.
void stop_point(const std::atomic<bool>* stop, size_t rows) {
  if (stop && (rows & 4095) == 0 && stop->load(std::memory_order_relaxed)) throw LoadStopped();
}

// A query word with at most this many terms is walked through its postings;
// one with more (a one- or two-letter prefix) is checked per case, and when
// every word is such, the cases are visited in order (the page fills fast).
constexpr uint32_t kMaxMergedTerms = 64;

// Blocks of the bitmap walk: the first one small (a common name fills the
// page within a few thousand cases), each next one twice as large, up to
// 65,536 cases (8 KiB of bits: the block stays in the first-level cache).
constexpr uint32_t kFirstBlock = 4096;
constexpr uint32_t kLastBlock = 65536;

// The relative costs the walks are chosen by, measured on the national demo
// store (docs/benchmarks.md): a leapfrog skip, per term of the words
// walked; marking one posting; a block's bitmaps, per 64 cases; and a probe
// against a mark, per posting it spares.
constexpr uint64_t kSkipCost = 12;
constexpr uint64_t kMarkCost = 3;
constexpr uint64_t kBitmapCost = 4;
constexpr uint64_t kProbeRatio = 32;

// The scopes last asked for, kept with the bits of their agencies.
constexpr size_t kScopesKept = 64;

// The text of column k without a copy ("" for NULL; integers are not text).
std::string_view text_of(const Row& r, size_t k) {
  if (auto* s = std::get_if<std::string>(&r.cols[k])) return *s;
  return {};
}

// Asks the kernel to back [p, p + bytes) with huge pages where it can (the
// whole 2 MiB pages inside it), before the memory is first written. The
// index's large arrays are read at random, one row per result: with 4 KiB
// pages nearly every such read also misses the TLB. Advice only: nothing
// changes where transparent huge pages are off.
void advise_huge_pages(const void* p, size_t bytes) {
  constexpr uintptr_t huge = uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<uintptr_t>(p) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(huge - 1);
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

bool has_prefix(const std::vector<std::string>& sorted_terms, const std::string& word) {
  auto it = std::lower_bound(sorted_terms.begin(), sorted_terms.end(), word);
  return it != sorted_terms.end() && it->starts_with(word);
}

}  // namespace

void NameIndex::Base::load_cases(Db& db, const std::atomic<bool>* stop) {
  // Read in storage order, then put in case_id order.
  std::vector<Packed> loaded;
  std::string loaded_text;
  scan_case_rows(db, [&](const Row& r) {
    stop_point(stop, loaded.size());
    Packed p;
    p.text = loaded_text.size();
    for (int k = 0; k < 5; ++k) {
      static constexpr size_t kColumn[5] = {0, 3, 4, 5, 6};
      const std::string_view s = text_of(r, kColumn[k]);
      loaded_text += s;
      p.len[k] = static_cast<uint32_t>(s.size());
    }
    p.agency = intern(agencies, agency_index, text_of(r, 1));
    p.status = intern(text_of(r, 2));
    p.court = intern(text_of(r, 7));
    p.officer = intern(text_of(r, 8));
    p.opened = intern(text_of(r, 9));
    p.reason = intern(text_of(r, 10));
    p.unable = intern(text_of(r, 11));
    p.remaining = r.i(12);
    loaded.push_back(p);
  });
  if (loaded.size() >= UINT32_MAX) throw StoreError("too many cases for the search index");
  auto id_of = [&](uint32_t i) { return std::string_view(loaded_text).substr(loaded[i].text, loaded[i].len[0]); };
  std::vector<uint32_t> order(loaded.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return id_of(a) < id_of(b); });
  cases.reserve(loaded.size());
  text.reserve(loaded_text.size());
  advise_huge_pages(cases.data(), cases.capacity() * sizeof(Packed));
  advise_huge_pages(text.data(), text.capacity());
  agency_first.assign(agencies.size(), UINT32_MAX);
  agency_last.assign(agencies.size(), 0);
  for (uint32_t i : order) {
    Packed p = loaded[i];
    uint64_t n = 0;
    for (uint32_t l : p.len) n += l;
    text.append(loaded_text, p.text, n);
    p.text = text.size() - n;
    const auto number = static_cast<uint32_t>(cases.size());
    agency_first[p.agency] = std::min(agency_first[p.agency], number);
    agency_last[p.agency] = number;
    cases.push_back(p);
    agency.push_back(p.agency);
  }
}

std::shared_ptr<const NameIndex::Base::Scope> NameIndex::Base::scope(const std::vector<std::string>& codes) const {
  {
    std::lock_guard lock(scopes_mutex);
    for (const auto& [kept, s] : scopes)
      if (kept == codes) return s;
  }
  auto s = std::make_shared<Scope>();
  s->in.assign(agencies.size(), 0);
  uint32_t lo = UINT32_MAX, hi = 0;
  for (const std::string& code : codes) {
    auto it = agency_index.find(code);
    if (it == agency_index.end()) continue;
    s->in[it->second] = 1;
    lo = std::min(lo, agency_first[it->second]);
    hi = std::max(hi, agency_last[it->second] + 1);
  }
  if (lo < hi) s->lo = lo, s->hi = hi;
  std::lock_guard lock(scopes_mutex);
  if (scopes.size() < kScopesKept) {
    scopes.emplace_back(codes, s);
  } else {
    scopes[scopes_next] = {codes, s};
    scopes_next = (scopes_next + 1) % kScopesKept;
  }
  return s;
}

void NameIndex::Base::load_terms(Db& db, const std::atomic<bool>* stop) {
  std::unordered_map<std::string_view, uint32_t> number;
  number.reserve(cases.size());
  for (uint32_t n = 0; n < cases.size(); ++n) number.emplace(case_id(n), n);

  // (term, case) pairs with provisional term numbers in the order met; the
  // query's order makes equal terms consecutive (cheap), any order is right.
  std::unordered_map<std::string, uint32_t> term_number;
  std::vector<std::string> names;
  std::vector<uint64_t> pairs;
  std::string last;
  uint32_t last_number = 0;
  scan_case_terms(db, [&](const Row& r) {
    stop_point(stop, pairs.size());
    auto c = number.find(text_of(r, 1));
    if (c == number.end()) return;
    const std::string_view t = text_of(r, 0);
    if (names.empty() || t != last) {
      auto [it, fresh] = term_number.try_emplace(std::string(t), static_cast<uint32_t>(names.size()));
      if (fresh) names.emplace_back(t);
      last = t;
      last_number = it->second;
    }
    pairs.push_back(uint64_t{last_number} << 32 | c->second);
  });
  term_number.clear();

  // Final term numbers in bytewise order of the terms.
  std::vector<uint32_t> order(names.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
  std::vector<uint32_t> final_number(names.size());
  term_end.reserve(names.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    final_number[order[i]] = i;
    term_text += names[order[i]];
    term_end.push_back(static_cast<uint32_t>(term_text.size()));
  }
  names.clear();
  names.shrink_to_fit();
  for (uint64_t& p : pairs) p = uint64_t{final_number[p >> 32]} << 32 | (p & 0xffffffffu);
  if (!std::is_sorted(pairs.begin(), pairs.end())) std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  post.reserve(pairs.size());
  advise_huge_pages(post.data(), post.capacity() * sizeof(uint32_t));
  post_end.assign(term_end.size(), 0);
  std::vector<uint32_t> per_case(cases.size(), 0);
  for (uint64_t p : pairs) {
    post.push_back(static_cast<uint32_t>(p));
    ++post_end[p >> 32];
    ++per_case[static_cast<uint32_t>(p)];
  }
  std::partial_sum(post_end.begin(), post_end.end(), post_end.begin());
  fwd_end.reserve(cases.size());
  advise_huge_pages(fwd_end.data(), fwd_end.capacity() * sizeof(uint32_t));
  fwd_end.resize(cases.size());
  std::partial_sum(per_case.begin(), per_case.end(), fwd_end.begin());
  fwd.reserve(pairs.size());
  advise_huge_pages(fwd.data(), fwd.capacity() * sizeof(uint32_t));
  fwd.resize(pairs.size());
  // Filling in term order leaves each case's terms ascending.
  for (uint32_t n = 0; n < cases.size(); ++n) per_case[n] = n ? fwd_end[n - 1] : 0;
  for (uint64_t p : pairs) fwd[per_case[static_cast<uint32_t>(p)]++] = static_cast<uint32_t>(p >> 32);
}

// --- Building and refreshing ----------------------------------------------

std::shared_ptr<const NameIndex> NameIndex::load(Store& store, const std::atomic<bool>* stop) {
  Db& db = store.db();
  Snapshot tx(store);
  auto base = std::make_shared<Base>();
  const int64_t pos = store.journal_position();
  base->load_cases(db, stop);
  base->load_terms(db, stop);
  tx.commit();
  auto index = std::make_shared<NameIndex>();
  index->replaced_ = std::make_shared<const std::vector<uint64_t>>((base->cases.size() + 63) / 64, 0);
  index->changed_ = std::make_shared<const ChangedMap>();
  index->rows_ = std::make_shared<const RowMap>();
  index->base_ = std::move(base);
  index->position_ = pos;
  return index;
}

std::shared_ptr<const NameIndex> NameIndex::refresh(std::shared_ptr<const NameIndex> s, Store& store,
                                                    int64_t max_changes) {
  if (!s) return nullptr;
  Db& db = store.db();
  Snapshot tx(store);
  const int64_t pos = store.journal_position();
  if (pos == s->position_) {
    tx.commit();
    return s;
  }
  // Only events change case rows and terms; reference entries do not.
  const Store::JournalChanges changes = store.changes_since(s->position_, max_changes);
  if (changes.too_many) return nullptr;
  const std::vector<std::string>& touched = changes.cases;

  auto next = std::make_shared<NameIndex>(*s);
  auto replaced = std::make_shared<std::vector<uint64_t>>(*s->replaced_);
  auto changed = std::make_shared<ChangedMap>(*s->changed_);
  auto rows = std::make_shared<RowMap>(*s->rows_);
  const Base& base = *s->base_;
  for (const std::string& id : touched) {
    const std::optional<CaseRow> row = case_row_by_id(db, id);
    std::vector<std::string> terms;
    if (row) terms = terms_of_case(db, id);
    std::sort(terms.begin(), terms.end());
    const auto num = base.find(id);
    if (num) {
      (*replaced)[*num / 64] &= ~(uint64_t{1} << (*num % 64));
      rows->erase(*num);
    } else if (changed->count(id)) {
      --next->added_;
    }
    changed->erase(id);
    if (!row) {
      if (num) (*replaced)[*num / 64] |= uint64_t{1} << (*num % 64);
      continue;
    }
    if (num && row->agency == base.agencies[base.cases[*num].agency] && terms == base.terms_of(*num)) {
      rows->emplace(*num, std::move(*row));
      continue;
    }
    if (num) (*replaced)[*num / 64] |= uint64_t{1} << (*num % 64);
    else ++next->added_;
    changed->emplace(id, Changed{std::move(*row), std::move(terms)});
  }
  tx.commit();
  if (static_cast<int64_t>(changed->size() + rows->size()) > max_changes) return nullptr;
  next->replaced_ = std::move(replaced);
  next->changed_ = std::move(changed);
  next->rows_ = std::move(rows);
  next->position_ = pos;
  return next;
}

NameIndex::RowMap::Block& NameIndex::RowMap::writable(uint32_t n) {
  const size_t b = n / kBlock;
  if (b >= blocks_.size()) {
    blocks_.resize(b + 1);
    owned_.resize(b + 1, false);
  }
  if (!owned_[b]) {
    blocks_[b] = blocks_[b] ? std::make_shared<Block>(*blocks_[b]) : std::make_shared<Block>();
    owned_[b] = true;
  }
  return *blocks_[b];
}

bool NameIndex::RowMap::emplace(uint32_t n, CaseRow row) {
  if (find(n)) return false;
  writable(n).emplace(n, std::move(row));
  ++size_;
  return true;
}

void NameIndex::RowMap::erase(uint32_t n) {
  if (!find(n)) return;
  writable(n).erase(n);
  --size_;
}

size_t NameIndex::case_count() const { return base_->cases.size() + added_; }

// --- Searching --------------------------------------------------------------

std::vector<CaseRowRef> NameIndex::find(const std::vector<std::string>& words,
                                        const std::vector<std::string>& agencies, size_t limit) const {
  return find(words, agencies, limit, Plan{});
}

std::vector<CaseRow> NameIndex::search(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                                       size_t limit) const {
  return search(words, agencies, limit, Plan{});
}

std::vector<CaseRowRef> NameIndex::find(const std::vector<std::string>& words,
                                        const std::vector<std::string>& agencies, size_t limit, Plan plan) const {
  std::vector<CaseRowRef> out;
  if (words.empty() || agencies.empty() || limit == 0) return out;
  search_base(words, agencies, limit, plan, out);
  if (changed_->empty()) return out;
  std::vector<CaseRowRef> more;
  search_changed(words, agencies, limit, more);
  if (more.empty()) return out;
  std::vector<CaseRowRef> merged;
  merged.reserve(std::min(limit, out.size() + more.size()));
  std::merge(out.begin(), out.end(), more.begin(), more.end(), std::back_inserter(merged),
             [](const CaseRowRef& a, const CaseRowRef& b) { return a.case_id < b.case_id; });
  if (merged.size() > limit) merged.resize(limit);
  return merged;
}

std::vector<CaseRow> NameIndex::search(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                                       size_t limit, Plan plan) const {
  std::vector<CaseRow> out;
  for (const CaseRowRef& r : find(words, agencies, limit, plan)) out.push_back(r.row());
  return out;
}

namespace {

// The postings of one term, read forward.
struct Postings {
  const uint32_t* at;
  const uint32_t* end;
};

// Moves `p` to its first case >= key, galloping (cheap when it is near).
inline void skip_to(Postings& p, uint32_t key) {
  if (p.at == p.end || *p.at >= key) return;
  size_t step = 1;
  const uint32_t* lo = p.at;
  while (lo + step < p.end && lo[step] < key) {
    lo += step;
    step *= 2;
  }
  p.at = std::lower_bound(lo + 1, std::min(lo + step + 1, p.end), key);
}

// The postings of a query word's terms (their union is the word's cases).
using WordTerms = std::vector<Postings>;

// The smallest case >= key that one of the terms holds, or UINT32_MAX. Keys
// must not decrease.
uint32_t seek(WordTerms& terms, uint32_t key) {
  uint32_t best = UINT32_MAX;
  for (Postings& p : terms) {
    skip_to(p, key);
    if (p.at != p.end) best = std::min(best, *p.at);
  }
  return best;
}

// Sets bit n - from of `bits` for every case n in [from, to) one of the
// terms holds; returns how many postings it read (at least the bits set).
// `from` must not decrease from call to call.
size_t mark(WordTerms& terms, uint32_t from, uint32_t to, uint64_t* bits) {
  size_t read = 0;
  for (Postings& p : terms) {
    skip_to(p, from);
    const uint32_t* first = p.at;
    for (; p.at != p.end && *p.at < to; ++p.at) {
      const uint32_t off = *p.at - from;
      bits[off >> 6] |= uint64_t{1} << (off & 63);
    }
    read += static_cast<size_t>(p.at - first);
  }
  return read;
}

}  // namespace

std::vector<uint32_t> NameIndex::base_hits(const std::vector<std::string>& words,
                                           const std::vector<std::string>& agencies, size_t limit, Plan plan) const {
  const Base& b = *base_;
  struct Word {
    uint32_t lo, hi;
    size_t postings;
  };
  std::vector<Word> ws;
  for (const std::string& w : words) {
    auto [lo, hi] = b.range(w);
    if (lo == hi) return {};  // a word no loaded case has
    const size_t postings = b.post_end[hi - 1] - (lo ? b.post_end[lo - 1] : 0);
    ws.push_back({lo, hi, postings});
  }
  std::sort(ws.begin(), ws.end(), [](const Word& x, const Word& y) { return x.postings < y.postings; });

  const std::shared_ptr<const Base::Scope> scope_kept = b.scope(agencies);
  const Base::Scope& scope = *scope_kept;
  if (scope.lo == scope.hi) return {};

  // Words of few terms are walked; words of many terms (one or two letters)
  // are checked against the case's own terms.
  std::vector<WordTerms> walked;
  std::vector<Word> checked;
  std::vector<size_t> walked_postings;  // of walked word k
  size_t all_postings = 0, walked_terms = 0;
  for (const Word& w : ws) {
    if (w.hi - w.lo > kMaxMergedTerms) {
      checked.push_back(w);
      continue;
    }
    walked.emplace_back();
    for (uint32_t t = w.lo; t < w.hi; ++t) {
      auto [pb, pe] = Base::span(b.post_end, t);
      if (pb < pe) walked.back().push_back({b.post.data() + pb, b.post.data() + pe});
    }
    walked_postings.push_back(w.postings);
    all_postings += w.postings;
    walked_terms += w.hi - w.lo;
  }
  const std::vector<uint64_t>& replaced = *replaced_;
  auto accept = [&](uint32_t n) {
    if (!scope.in[b.agency[n]]) return false;
    if (replaced[n / 64] >> (n % 64) & 1) return false;
    auto [fb, fe] = Base::span(b.fwd_end, n);
    const uint32_t* f = b.fwd.data() + fb;
    const uint32_t* e = b.fwd.data() + fe;
    for (const Word& w : checked) {
      const uint32_t* it = std::lower_bound(f, e, w.lo);
      if (it == e || *it >= w.hi) return false;
    }
    return true;
  };

  Walk walk = plan.walk;
  if (walk == Walk::automatic && !walked.empty()) {
    // Leapfrog reads about the driving word's postings, each skip looking
    // at every term walked; blocks read every posting of every word, but
    // cheaply, and clear and scan bitmaps.
    const uint64_t leap = uint64_t{walked_postings[0]} * walked_terms * kSkipCost;
    const uint64_t blocks = uint64_t{all_postings} * kMarkCost + b.cases.size() / 64 * kBitmapCost;
    walk = blocks <= leap ? Walk::blocks : Walk::leapfrog;
  }

  std::vector<uint32_t> hits;
  if (walked.empty()) {
    for (uint32_t n = scope.lo; n < scope.hi && hits.size() < limit; ++n)
      if (accept(n)) hits.push_back(n);
  } else if (walk == Walk::blocks) {
    // Block by block. A block starts at the first case every word can
    // still hold (each word skips to its next case at or after the last
    // one's; none before can hold them all), rounded down to a multiple of
    // 64 as `replaced` is laid out. The driving word's cases are marked;
    // each other word then either marks its own and they are and-ed, or,
    // when the marks left are few against its postings in the block, is
    // probed for each of them. The cases left are checked in order.
    const uint64_t total = b.cases.size();
    uint64_t width = plan.first_block ? (uint64_t{plan.first_block} + 63) / 64 * 64 : kFirstBlock;
    std::vector<uint64_t> acc, tmp;
    uint32_t from = scope.lo;
    while (hits.size() < limit) {
      uint32_t start = from;
      for (WordTerms& w : walked) start = std::max(start, seek(w, start));
      if (start >= scope.hi) break;
      from = start & ~63u;
      const auto to = static_cast<uint32_t>(std::min<uint64_t>(scope.hi, from + width));
      const size_t n_words = (to - from + 63) / 64;
      acc.assign(n_words, 0);
      // `left`: about how many marks are left (exact after a probe; no
      // more than the postings read after a mark, a fair guess after an
      // and), only to choose between marking and probing; 0 when none.
      size_t left = mark(walked[0], from, to, acc.data());
      for (size_t k = 1; k < walked.size() && left; ++k) {
        const uint64_t in_block = walked_postings[k] * (to - from) / total;
        const bool marks = plan.intersect == Intersect::automatic
                               ? in_block <= left * walked[k].size() * kProbeRatio
                               : plan.intersect == Intersect::mark;
        if (marks) {
          tmp.assign(n_words, 0);
          const size_t read = mark(walked[k], from, to, tmp.data());
          uint64_t any = 0;
          for (size_t i = 0; i < n_words; ++i) any |= acc[i] &= tmp[i];
          left = any ? std::max<size_t>(1, left * read / (to - from)) : 0;
        } else {
          left = 0;
          for (size_t i = 0; i < n_words; ++i)
            for (uint64_t bits = acc[i]; bits; bits &= bits - 1) {
              const uint32_t n = from + static_cast<uint32_t>(i * 64 + std::countr_zero(bits));
              if (seek(walked[k], n) == n) ++left;
              else acc[i] &= ~(uint64_t{1} << std::countr_zero(bits));
            }
        }
      }
      for (size_t i = 0; i < n_words && left && hits.size() < limit; ++i) {
        for (uint64_t bits = acc[i] & ~replaced[from / 64 + i]; bits && hits.size() < limit; bits &= bits - 1) {
          const uint32_t n = from + static_cast<uint32_t>(i * 64 + std::countr_zero(bits));
          if (accept(n)) hits.push_back(n);
        }
      }
      from = to;
      width = std::min<uint64_t>(width * 2, kLastBlock);
    }
  } else {
    // Leapfrog from the scope's first case: the word with the fewest
    // postings proposes a case, each other word skips to it, and a word
    // that skips past it proposes the next.
    uint32_t key = scope.lo;
    while (hits.size() < limit) {
      const uint32_t n = seek(walked[0], key);
      if (n >= scope.hi) break;
      uint32_t next = n;
      for (size_t k = 1; k < walked.size() && next == n; ++k) next = seek(walked[k], n);
      if (next >= scope.hi) break;
      if (next != n) {
        key = next;  // no case in between holds every word
        continue;
      }
      if (accept(n)) hits.push_back(n);
      key = n + 1;
    }
  }
  return hits;
}

void NameIndex::search_base(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                            size_t limit, Plan plan, std::vector<CaseRowRef>& out) const {
  const Base& b = *base_;
  const std::vector<uint32_t> hits = base_hits(words, agencies, limit, plan);
  // Their rows lie far apart: ask the memory for all of them at once (the
  // packed rows, then their texts, which the answer's writer reads next)
  // rather than wait for each in turn.
  for (uint32_t n : hits) __builtin_prefetch(&b.cases[n]);
  for (uint32_t n : hits) {
    const char* t = b.text.data() + b.cases[n].text;
    __builtin_prefetch(t);
    __builtin_prefetch(t + 64);
  }
  out.reserve(hits.size());
  const RowMap& rows = *rows_;
  for (uint32_t n : hits) {
    if (!rows.empty())
      if (const CaseRow* row = rows.find(n)) {
        out.push_back(CaseRowRef::of(*row));
        continue;
      }
    out.push_back(b.ref(n));
  }
}

size_t NameIndex::count(const std::vector<std::string>& words, const std::vector<std::string>& agencies) const {
  if (words.empty() || agencies.empty()) return 0;
  constexpr size_t kAll = std::numeric_limits<size_t>::max();
  size_t n = base_hits(words, agencies, kAll, Plan{}).size();
  if (!changed_->empty()) {
    std::vector<CaseRowRef> more;
    search_changed(words, agencies, kAll, more);
    n += more.size();
  }
  return n;
}

void NameIndex::search_changed(const std::vector<std::string>& words, const std::vector<std::string>& agencies,
                               size_t limit, std::vector<CaseRowRef>& out) const {
  for (const auto& entry : *changed_) {
    const auto& c = entry.second;  // not a structured binding: clang 14 cannot capture one (fuzz build)
    if (!std::all_of(words.begin(), words.end(), [&](const std::string& w) { return has_prefix(c.terms, w); }))
      continue;
    if (std::find(agencies.begin(), agencies.end(), c.row.agency) == agencies.end()) continue;
    out.push_back(CaseRowRef::of(c.row));
    if (out.size() >= limit) break;
  }
}

}  // namespace thads
