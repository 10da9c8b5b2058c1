// NameIndex::Base: the cases a NameIndex loaded at once (name_index.h
// describes the shape), for the files that build, search and save it
// (name_index.cc, name_index_saved.cc). Not for other callers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/name_index.h"

namespace thads {

struct NameIndex::Base {
  // One case's row: five texts one after the other in `text`, and the
  // repeated ones (agency, status, court, officer, dates, reason) as numbers
  // into `dict`.
  // The agency is a number into `agencies`, its own small dictionary.
  struct Packed {
    uint64_t text = 0;
    uint32_t len[5] = {};  // case_id, debtor_name, debtor_address, creditor_name, judgment_number
    uint32_t agency = 0, status = 0, court = 0, officer = 0, opened = 0, reason = 0, unable = 0;
    int64_t remaining = 0;
  };

  std::vector<Packed> cases;  // by case_id
  std::vector<uint32_t> agency;  // cases[n].agency, compact for the scope check
  std::string text;
  std::vector<std::string> dict;
  std::unordered_map<std::string, uint32_t> dict_index;
  std::vector<std::string> agencies;  // by agency number
  std::unordered_map<std::string, uint32_t> agency_index;
  // The cases of agency a lie in [agency_first[a], agency_last[a]].
  std::vector<uint32_t> agency_first, agency_last;

  // A scope as the walks use it: which agencies are in, and the cases
  // [lo, hi) outside which none of its cases lies (lo == hi: none).
  struct Scope {
    std::vector<char> in;  // by agency number
    uint32_t lo = 0, hi = 0;
  };
  std::shared_ptr<const Scope> scope(const std::vector<std::string>& codes) const;
  // The scopes last asked for (a user's subtree is asked for again and
  // again; building one looks up each of up to some hundreds of codes).
  mutable std::mutex scopes_mutex;
  mutable std::vector<std::pair<std::vector<std::string>, std::shared_ptr<const Scope>>> scopes;
  mutable size_t scopes_next = 0;

  // Term t = term_text[end(term_end, t)); sorted bytewise, distinct.
  std::string term_text;
  std::vector<uint32_t> term_end;
  // The cases of term t, ascending: post[end(post_end, t)).
  std::vector<uint32_t> post_end, post;
  // The terms of case n, ascending: fwd[end(fwd_end, n)).
  std::vector<uint32_t> fwd_end, fwd;

  static std::pair<size_t, size_t> span(const std::vector<uint32_t>& end, size_t i) {
    return {i ? end[i - 1] : 0, end[i]};
  }
  std::string_view term(uint32_t t) const {
    auto [b, e] = span(term_end, t);
    return std::string_view(term_text).substr(b, e - b);
  }
  std::string_view field(uint32_t n, int k) const {
    const Packed& p = cases[n];
    uint64_t at = p.text;
    for (int i = 0; i < k; ++i) at += p.len[i];
    return std::string_view(text).substr(at, p.len[k]);
  }
  std::string_view case_id(uint32_t n) const { return field(n, 0); }

  static uint32_t intern(std::vector<std::string>& names, std::unordered_map<std::string, uint32_t>& index,
                         std::string_view s) {
    auto it = index.find(std::string(s));
    if (it != index.end()) return it->second;
    names.emplace_back(s);
    index.emplace(names.back(), static_cast<uint32_t>(names.size() - 1));
    return static_cast<uint32_t>(names.size() - 1);
  }
  uint32_t intern(std::string_view s) { return intern(dict, dict_index, s); }

  // The number of the case, if loaded.
  std::optional<uint32_t> find(std::string_view id) const {
    size_t lo = 0, hi = cases.size();
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (case_id(static_cast<uint32_t>(mid)) < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < cases.size() && case_id(static_cast<uint32_t>(lo)) == id) return static_cast<uint32_t>(lo);
    return std::nullopt;
  }

  // The terms [lo, hi) that start with `word`.
  std::pair<uint32_t, uint32_t> range(std::string_view word) const {
    uint32_t lo = 0, hi = static_cast<uint32_t>(term_end.size());
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (term(mid) < word) lo = mid + 1;
      else hi = mid;
    }
    // Terms that start with `word` follow `lo` without a gap.
    uint32_t end = lo;
    hi = static_cast<uint32_t>(term_end.size());
    while (end < hi) {
      const uint32_t mid = end + (hi - end) / 2;
      if (term(mid).starts_with(word)) end = mid + 1;
      else hi = mid;
    }
    return {lo, end};
  }

  std::vector<std::string> terms_of(uint32_t n) const {
    std::vector<std::string> out;
    auto [b, e] = span(fwd_end, n);
    for (size_t i = b; i < e; ++i) out.emplace_back(term(fwd[i]));
    std::sort(out.begin(), out.end());
    return out;
  }

  CaseRowRef ref(uint32_t n) const {
    const Packed& p = cases[n];
    CaseRowRef c;
    c.case_id = field(n, 0);
    c.debtor_name = field(n, 1);
    c.debtor_address = field(n, 2);
    c.creditor_name = field(n, 3);
    c.judgment_number = field(n, 4);
    c.agency = agencies[p.agency];
    c.status = dict[p.status];
    c.court = dict[p.court];
    c.officer = dict[p.officer];
    c.opened_date = dict[p.opened];
    c.unable_reason = dict[p.reason];
    c.unable_date = dict[p.unable];
    c.remaining = p.remaining;
    return c;
  }

  void load_cases(Db& db, const std::atomic<bool>* stop);
  void load_terms(Db& db, const std::atomic<bool>* stop);
};

}  // namespace thads
