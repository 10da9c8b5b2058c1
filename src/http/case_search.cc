#include "http/case_search.h"

#include <algorithm>
#include <map>

#include "domain/case_view.h"
#include "domain/text.h"

namespace thads::http {
namespace {

constexpr const char* kRowColumns =
    "c.case_id, c.agency, c.status, c.debtor_name, c.debtor_address, c.creditor_name, c.judgment_number, "
    "c.court, c.officer, c.opened_date, c.unable_reason, c.unable_date, c.remaining";

CaseRow row_of(const Row& r) {
  CaseRow c;
  c.case_id = r.s(0);
  c.agency = r.s(1);
  c.status = r.s(2);
  c.debtor_name = r.s(3);
  c.debtor_address = r.s(4);
  c.creditor_name = r.s(5);
  c.judgment_number = r.s(6);
  c.court = r.s(7);
  c.officer = r.s(8);
  c.opened_date = r.s(9);
  c.unable_reason = r.s(10);
  c.unable_date = r.s(11);
  c.remaining = r.i(12);
  return c;
}

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
  std::string sql = std::string("SELECT DISTINCT ") + kRowColumns +
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
  db.run(sql, params, [&](const Row& r) { out.push_back(row_of(r)); });
  return out;
}

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

std::optional<std::pair<Date, Date>> age_range(const std::string& age, Date today) {
  // Opened on a date in [from, to): the age at `today` falls in the bucket.
  const Date y1 = today.plus_months(-12), y2 = today.plus_months(-24), y5 = today.plus_months(-60);
  if (age == "lt1") return std::pair{y1.plus_days(1), today.plus_days(1)};
  if (age == "1to2") return std::pair{y2.plus_days(1), y1.plus_days(1)};
  if (age == "2to5") return std::pair{y5.plus_days(1), y2.plus_days(1)};
  if (age == "gt5") return std::pair{Date::from_ymd(1900, 1, 1), y5.plus_days(1)};
  return std::nullopt;
}

}  // namespace

bool is_column(const std::string& key) { return column_members().count(key) != 0; }

std::string column_key(int64_t Columns::*member) {
  for (const auto& [key, m] : column_members())
    if (m == member) return key;
  return "";
}

std::vector<CaseRow> search_cases(Store& store, const SearchQuery& q) {
  auto words = query_words(q.text);
  if (words.empty() || q.agencies.empty()) return {};
  words = by_rarity(store.db(), std::move(words));
  std::vector<Value> params(q.agencies.begin(), q.agencies.end());
  auto rows = term_query(store.db(), words, " AND c.agency IN (" + placeholders(q.agencies.size()) + ")", params,
                         q.limit);
  std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) { return a.case_id < b.case_id; });
  return rows;
}

std::vector<CaseRow> public_unable_debtors(Store& store, const PublicQuery& q) {
  std::vector<CaseRow> out;
  const auto words = query_words(q.text);
  if (words.empty()) {
    store.db().run(std::string("SELECT ") + kRowColumns +
                       " FROM cases c WHERE c.public_unable = 1 ORDER BY c.unable_date DESC, c.case_id LIMIT ? OFFSET ?",
                   {static_cast<int64_t>(q.limit), static_cast<int64_t>(q.offset)},
                   [&](const Row& r) { out.push_back(row_of(r)); });
    return out;
  }
  // Candidates match any word of the case (ID numbers included); only those
  // whose name matches are kept, so an ID number finds nobody.
  auto rows = term_query(store.db(), by_rarity(store.db(), words), " AND c.public_unable = 1", {},
                         (q.limit + q.offset) * 4 + 50);
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

CaseList list_cases(Store& store, const CaseFilter& f) {
  CaseList out;
  if (f.agencies.empty()) return out;
  std::string sql = std::string("SELECT ") + kRowColumns + ", c.timeline FROM cases c WHERE c.agency IN (" +
                    placeholders(f.agencies.size()) + ")";
  std::vector<Value> params(f.agencies.begin(), f.agencies.end());
  const std::string open = " AND c.status IN ('active', 'postponed_agreed', 'postponed_suspended', 'unable')";
  if (auto range = age_range(f.age, f.today)) {
    sql += open + " AND c.opened_date >= ? AND c.opened_date < ?";
    params.emplace_back(range->first.iso());
    params.emplace_back(range->second.iso());
  }
  if (!f.unable_reason.empty()) {
    sql += " AND c.status = 'unable'";
    if (f.unable_reason != "*") {
      sql += " AND c.unable_reason = ?";
      params.emplace_back(f.unable_reason);
    }
  }
  if (!f.officer.empty()) {
    sql += open + " AND c.officer = ?";
    params.emplace_back(f.officer);
  }
  if (!f.overdue_officer.empty()) {
    sql += " AND c.case_id IN (SELECT p.case_id FROM pending_deadlines p WHERE p.due < ?";
    params.emplace_back(f.today.iso());
    if (f.overdue_officer != "*") {
      sql += " AND p.officer = ?";
      params.emplace_back(f.overdue_officer == "-" ? std::string() : f.overdue_officer);
    }
    sql += ")";
  }
  sql += " ORDER BY c.case_id";
  const auto member = column_members().find(f.column);
  const bool by_column = member != column_members().end();
  store.db().run(sql, params, [&](const Row& r) {
    if (by_column) {
      CaseTimeline t;
      if (!parse_timeline(r.s(13), t)) return;
      Columns one;
      accumulate(t, f.form, f.period, one);
      one.derive(f.form);
      if (one.*(member->second) == 0) return;
    }
    ++out.total;
    if (out.rows.size() < f.limit) out.rows.push_back(row_of(r));
  });
  return out;
}

}  // namespace thads::http
