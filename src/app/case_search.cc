#include "app/case_search.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

#include "domain/case_view.h"
#include "domain/text.h"
#include "store/case_queries.h"
#include "store/term_search.h"

namespace thads {
namespace {

std::vector<std::string> query_words(const std::string& text) {
  auto w = tokens(text);
  if (w.size() > 8) w.resize(8);
  return w;
}

bool name_matches(const std::string& name, const std::vector<std::string>& words) {
  const auto name_words = tokens(name);
  for (const auto& w : words) {
    const bool hit = std::any_of(name_words.begin(), name_words.end(),
                                 [&](const std::string& n) { return n.rfind(w, 0) == 0; });
    if (!hit) return false;
  }
  return true;
}

using Member = int64_t Columns::*;
const std::map<std::string, Member>& column_members() {
  static const std::map<std::string, Member> m{
      {"carried_over", &Columns::carried_over},   {"new", &Columns::new_},
      {"accepted", &Columns::accepted},           {"entrusted_out", &Columns::entrusted_out},
      {"to_enforce", &Columns::to_enforce},       {"with_conditions", &Columns::with_conditions},
      {"completed", &Columns::completed},         {"reduced", &Columns::reduced},
      {"terminated", &Columns::terminated},       {"in_progress", &Columns::in_progress},
      {"postponed_suspended", &Columns::postponed_suspended},
      {"without_conditions", &Columns::without_conditions},
      {"closed_unenforced", &Columns::closed_unenforced}, {"carried_to_next", &Columns::carried_to_next}};
  return m;
}

}  // namespace

bool is_column(const std::string& key) { return column_members().count(key) != 0; }

int64_t Columns::*column_member(const std::string& key) {
  auto it = column_members().find(key);
  return it == column_members().end() ? nullptr : it->second;
}

std::string column_key(int64_t Columns::*member) {
  for (const auto& [key, m] : column_members())
    if (m == member) return key;
  return "";
}

std::vector<CaseRow> search_cases(Store& store, const SearchQuery& q) {
  auto words = query_words(q.text);
  if (words.empty() || q.agencies.empty() || q.limit == 0) return {};
  return search_case_rows(store.db(), std::move(words), q.agencies, q.limit);
}

std::vector<CaseRow> search_cases(Store& store, ReadCache& cache, const SearchQuery& q) {
  std::vector<CaseRow> out;
  for (const CaseRowRef& r : find_cases(store, cache, q).rows) out.push_back(r.row());
  return out;
}

FoundCases find_cases(Store& store, ReadCache& cache, const SearchQuery& q) {
  return find_cases(store, cache, q.text, q.agencies, q.limit);
}

FoundCases find_cases(Store& store, ReadCache& cache, const std::string& text, const std::vector<std::string>& agencies,
                      size_t limit) {
  FoundCases found;
  auto words = query_words(text);
  if (words.empty() || agencies.empty() || limit == 0) return found;
  if ((found.index = cache.names(store))) {
    found.rows = found.index->find(words, agencies, limit);
    return found;
  }
  found.owned = search_cases(store, SearchQuery{text, agencies, limit});
  for (const CaseRow& r : found.owned) found.rows.push_back(CaseRowRef::of(r));
  return found;
}

PublicList public_unable_list(Store& store, const PublicQuery& q, const std::vector<std::string>& agencies) {
  PublicList out;
  const auto words = query_words(q.text);
  if (words.empty()) {
    CaseQueryResult page = public_unable_page(store.db(), agencies, q.offset, q.limit);
    out.rows = std::move(page.rows);
    out.total = page.total;
  } else {
    const std::unordered_set<std::string> scope(agencies.begin(), agencies.end());
    auto rows = public_candidates(store.db(), words, kPublicCandidates);
    std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) {
      return a.unable_date != b.unable_date ? a.unable_date > b.unable_date : a.case_id < b.case_id;
    });
    for (auto& r : rows) {
      if (!name_matches(r.debtor_name, words) || (!scope.empty() && !scope.count(r.agency))) continue;
      if (out.total++ < q.offset || out.rows.size() >= q.limit) continue;
      out.rows.push_back(std::move(r));
    }
  }
  std::vector<std::string> ids;
  for (const CaseRow& r : out.rows) ids.push_back(r.case_id);
  for (const auto& [id, body] : case_opened_bodies(store.db(), ids)) {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("obligations") || !j["obligations"].is_array()) continue;
    for (const auto& ob : j["obligations"])
      if (ob.is_object() && !ob.contains("amount") && ob.value("category", "") != "")
        out.non_money[id].push_back(ob.value("category", ""));
  }
  return out;
}

std::vector<CaseRow> public_unable_debtors(Store& store, const PublicQuery& q) {
  std::vector<CaseRow> out;
  const auto words = query_words(q.text);
  if (words.empty()) {
    return public_unable_rows(store.db(), q.limit, q.offset);
  }
  // Candidates match any word of the case (ID numbers included); only those
  // whose name matches are kept, so an ID number finds nobody.
  auto rows = public_candidates(store.db(), words, (q.limit + q.offset) * 4 + 50);
  std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) {
    return a.unable_date != b.unable_date ? a.unable_date > b.unable_date : a.case_id < b.case_id;
  });
  size_t skipped = 0;
  for (auto& r : rows) {
    if (!name_matches(r.debtor_name, words)) continue;
    if (skipped++ < q.offset) continue;
    out.push_back(std::move(r));
    if (out.size() >= q.limit) break;
  }
  return out;
}

}  // namespace thads
