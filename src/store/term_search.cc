#include "store/term_search.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace thads {
namespace {

// Upper bound of a prefix range: U+10FFFF sorts after every folded word.
std::string upper_bound_of(const std::string& prefix) { return prefix + "\xf4\x8f\xbf\xbf"; }

std::string placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// Orders the words so that the rarest drives the query (counted up to a cap).
std::vector<std::string> by_rarity(Db& db, std::vector<std::string> words) {
  std::vector<std::pair<int64_t, std::string>> counted;
  for (auto& w : words) {
    auto r = db.one("SELECT COUNT(*) FROM (SELECT 1 FROM case_terms WHERE term >= ? AND term < ? LIMIT 5000) x",
                    {w, upper_bound_of(w)});
    counted.emplace_back(r ? r->i(0) : 0, std::move(w));
  }
  std::stable_sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [_, w] : counted) out.push_back(std::move(w));
  return out;
}

// Cases whose words match every query word, with extra SQL conditions on c.
std::vector<CaseRow> term_query(Db& db, const std::vector<std::string>& words, const std::string& extra,
                                const std::vector<Value>& extra_params, size_t limit) {
  std::string sql = std::string("SELECT DISTINCT ") + kCaseRowColumns +
                    " FROM case_terms t JOIN cases c ON c.case_id = t.case_id WHERE t.term >= ? AND t.term < ?";
  std::vector<Value> params{words[0], upper_bound_of(words[0])};
  for (size_t i = 1; i < words.size(); ++i) {
    sql += " AND EXISTS (SELECT 1 FROM case_terms t2 WHERE t2.case_id = t.case_id AND t2.term >= ? AND t2.term < ?)";
    params.emplace_back(words[i]);
    params.emplace_back(upper_bound_of(words[i]));
  }
  sql += extra + " LIMIT ?";
  params.insert(params.end(), extra_params.begin(), extra_params.end());
  params.emplace_back(static_cast<int64_t>(limit));
  std::vector<CaseRow> out;
  db.run(sql, params, [&](const Row& r) { out.push_back(case_row_of(r)); });
  return out;
}

// --- Search by merging posting lists (SQLite) ---------------------------
//
// case_terms is ordered by (term, case_id), so the cases of one term can be
// read in case_id order from any point. A query word is the union of the
// terms it prefixes ("an" → an, anh, ang); the cases matching every word are
// found by leapfrogging over those unions in case_id order, which touches
// about as many index entries as there are matches up to the page size,
// whatever the length of each list ("nguyen" alone has ~450,000 cases).

// The cases of one term in case_id order, read in batches.
class TermCursor {
 public:
  TermCursor(Db& db, std::string term) : db_(db), term_(std::move(term)) {}

  // The smallest case id >= key, or nullptr. Keys must not decrease.
  const std::string* seek(const std::string& key) {
    if (pos_ < buf_.size() && buf_.back() >= key) {
      pos_ = static_cast<size_t>(std::lower_bound(buf_.begin() + static_cast<std::ptrdiff_t>(pos_), buf_.end(), key) -
                                 buf_.begin());
      return &buf_[pos_];
    }
    if (done_) return nullptr;
    fetch(key);
    return pos_ < buf_.size() ? &buf_[pos_] : nullptr;
  }

 private:
  void fetch(const std::string& key) {
    // Small first batches (most searches stop early), larger later ones; a
    // seek past the batch starts a new one at the key, skipping the gap.
    const int64_t n = batch_;
    batch_ = std::min<int64_t>(batch_ * 2, 512);
    buf_.clear();
    pos_ = 0;
    db_.run("SELECT case_id FROM case_terms WHERE term = ? AND case_id >= ? ORDER BY case_id LIMIT ?",
            {term_, key, n}, [&](const Row& r) { buf_.push_back(r.s(0)); });
    done_ = static_cast<int64_t>(buf_.size()) < n;
  }

  Db& db_;
  std::string term_;
  std::vector<std::string> buf_;
  size_t pos_ = 0;
  int64_t batch_ = 32;
  bool done_ = false;
};

// The cases of one query word: the union of its terms' cursors.
class WordCursor {
 public:
  WordCursor(Db& db, const std::vector<std::string>& terms) {
    for (const auto& t : terms) terms_.emplace_back(db, t);
  }
  const std::string* seek(const std::string& key) {
    const std::string* best = nullptr;
    for (TermCursor& t : terms_)
      if (const std::string* x = t.seek(key); x && (!best || *x < *best)) best = x;
    return best;
  }

 private:
  std::vector<TermCursor> terms_;
};

// The distinct indexed terms that start with `prefix`, in order; nullopt
// when there are more than `cap` (the word is then checked per candidate).
std::optional<std::vector<std::string>> terms_with_prefix(Db& db, const std::string& prefix, size_t cap) {
  std::vector<std::string> out;
  const std::string hi = upper_bound_of(prefix);
  std::optional<std::string> next;
  db.run("SELECT term FROM case_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT 1", {prefix, hi},
         [&](const Row& r) { next = r.s(0); });
  while (next) {
    if (out.size() == cap) return std::nullopt;
    out.push_back(std::move(*next));
    next.reset();
    db.run("SELECT term FROM case_terms WHERE term > ? AND term < ? ORDER BY term LIMIT 1", {out.back(), hi},
           [&](const Row& r) { next = r.s(0); });
  }
  return out;
}

// True when one of the case's terms starts with every word of `words`.
bool case_has_words(Db& db, const std::string& case_id, const std::vector<std::string>& words) {
  if (words.empty()) return true;
  std::vector<std::string> terms;
  db.run("SELECT term FROM case_terms WHERE case_id = ?", {case_id}, [&](const Row& r) { terms.push_back(r.s(0)); });
  for (const auto& w : words)
    if (std::none_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.rfind(w, 0) == 0; }))
      return false;
  return true;
}

// The first `limit` cases (by case_id) of the scope that match every word,
// or nullopt when no word has few enough terms to walk its postings.
std::optional<std::vector<CaseRow>> search_by_postings(Db& db, const std::vector<std::string>& words,
                                                       const std::vector<std::string>& agencies, size_t limit) {
  constexpr size_t kMaxTerms = 64;
  std::vector<WordCursor> cursors;
  std::vector<std::string> checked;  // words with too many terms: checked per candidate
  for (const auto& w : words) {
    auto terms = terms_with_prefix(db, w, kMaxTerms);
    if (!terms) {
      checked.push_back(w);
      continue;
    }
    if (terms->empty()) return std::vector<CaseRow>{};  // a word nothing has
    cursors.emplace_back(db, *terms);
  }
  if (cursors.empty()) return std::nullopt;

  const std::unordered_set<std::string> scope(agencies.begin(), agencies.end());
  auto everything = db.one("SELECT COUNT(*) FROM agencies");
  const bool whole_tree = everything && static_cast<size_t>(everything->i(0)) <= scope.size();
  std::string in_scope_sql;
  std::vector<Value> scope_params;
  if (!whole_tree) {
    // A small scope (a district) is cheaper to walk than the postings of
    // common words: its cases, in case_id order, each checked for the words.
    std::vector<Value> params(agencies.begin(), agencies.end());
    constexpr int64_t kSmallScope = 4000;
    params.emplace_back(kSmallScope);
    auto n = db.one("SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE agency IN (" + placeholders(agencies.size()) +
                        ") LIMIT ?) x",
                    params);
    if (n && n->i(0) < kSmallScope) {
      std::vector<std::string> ids;
      params.pop_back();
      db.run("SELECT case_id FROM cases WHERE agency IN (" + placeholders(agencies.size()) + ") ORDER BY case_id",
             params, [&](const Row& r) { ids.push_back(r.s(0)); });
      std::vector<CaseRow> out;
      for (const auto& id : ids) {
        if (!case_has_words(db, id, words)) continue;
        auto r = db.one(std::string("SELECT ") + kCaseRowColumns + " FROM cases c WHERE c.case_id = ?", {id});
        if (r) out.push_back(case_row_of(*r));
        if (out.size() >= limit) break;
      }
      return out;
    }
  }

  std::vector<std::string> ids;
  std::string key;  // "" sorts before every case id
  size_t agree = 0;
  for (size_t i = 0;; i = (i + 1) % cursors.size()) {
    const std::string* x = cursors[i].seek(key);
    if (!x) break;
    if (*x == key && agree > 0) {
      ++agree;
    } else {
      key = *x;
      agree = 1;
    }
    if (agree < cursors.size()) continue;
    // Every walked word matches `key`.
    if (case_has_words(db, key, checked)) {
      bool in_scope = whole_tree;
      if (!in_scope) {
        auto r = db.one("SELECT agency FROM cases WHERE case_id = ?", {key});
        in_scope = r && scope.count(r->s(0));
      }
      if (in_scope) {
        ids.push_back(key);
        if (ids.size() >= limit) break;
      }
    }
    key.push_back('\0');  // the next candidate is strictly greater
    agree = 0;
  }
  // The rows of the page, in one statement.
  std::vector<CaseRow> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  db.run(std::string("SELECT ") + kCaseRowColumns + " FROM cases c WHERE c.case_id IN (" + placeholders(ids.size()) + ")",
         params, [&](const Row& r) {
           CaseRow row = case_row_of(r);
           if (scope.count(row.agency)) out.push_back(std::move(row));
         });
  return out;
}

}  // namespace

std::vector<CaseRow> search_case_rows(Db& db, std::vector<std::string> words, const std::vector<std::string>& agencies,
                                      size_t limit) {
  std::vector<CaseRow> rows;
  if (words.empty() || agencies.empty() || limit == 0) return rows;
  if (db.dialect() == Dialect::sqlite) {
    if (auto found = search_by_postings(db, words, agencies, limit)) {
      rows = std::move(*found);
    } else {
      // Every word is too short to enumerate its terms ("n v"): one plan
      // that never starts from the agency index (SQLite would otherwise walk
      // every case of the scope).
      std::vector<Value> params(agencies.begin(), agencies.end());
      rows = term_query(db, by_rarity(db, std::move(words)), " AND +c.agency IN (" + placeholders(agencies.size()) + ")",
                        params, limit);
    }
  } else {
    words = by_rarity(db, std::move(words));
    std::vector<Value> params(agencies.begin(), agencies.end());
    rows = term_query(db, words, " AND c.agency IN (" + placeholders(agencies.size()) + ")", params, limit);
  }
  std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) { return a.case_id < b.case_id; });
  return rows;
}

std::vector<CaseRow> public_candidates(Db& db, const std::vector<std::string>& words, size_t limit) {
  if (words.empty()) return {};
  return term_query(db, by_rarity(db, words), " AND c.public_unable = 1", {}, limit);
}

std::vector<CaseRow> public_unable_rows(Db& db, size_t limit, size_t offset) {
  std::vector<CaseRow> out;
  db.run(std::string("SELECT ") + kCaseRowColumns +
             " FROM cases c WHERE c.public_unable = 1 ORDER BY c.unable_date DESC, c.case_id LIMIT ? OFFSET ?",
         {static_cast<int64_t>(limit), static_cast<int64_t>(offset)}, [&](const Row& r) { out.push_back(case_row_of(r)); });
  return out;
}

}  // namespace thads
