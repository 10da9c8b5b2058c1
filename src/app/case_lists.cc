#include "app/case_lists.h"

#include <algorithm>
#include <unordered_set>

#include "domain/case_view.h"
#include "domain/text.h"
#include "app/answer_cache.h"
#include "app/case_search.h"
#include "app/held_officers.h"

namespace thads {
namespace {

constexpr std::pair<const char*, CaseSort> kSorts[] = {
    {"id", CaseSort::id},           {"agency", CaseSort::agency},   {"debtor", CaseSort::debtor},
    {"creditor", CaseSort::creditor}, {"judgment", CaseSort::judgment}, {"opened", CaseSort::opened},
    {"status", CaseSort::status},   {"officer", CaseSort::officer}, {"remaining", CaseSort::remaining}};

const std::vector<std::string>& closed_statuses() {
  static const std::vector<std::string> s{"ended", "withdrawn"};
  return s;
}

// The statuses a filter admits (empty: any).
std::vector<std::string> statuses_of(const std::string& status) {
  if (status == "open") return open_statuses();
  if (status == "closed") return closed_statuses();
  if (status.empty() || status == "all") return {};
  return {status};
}

// Opened on a date in [from, to): the age at `today` falls in the bucket.
std::pair<Date, Date> age_range(const std::string& age, Date today) {
  const Date y1 = today.plus_months(-12), y2 = today.plus_months(-24), y5 = today.plus_months(-60);
  if (age == "lt1") return {y1.plus_days(1), today.plus_days(1)};
  if (age == "1to2") return {y2.plus_days(1), y1.plus_days(1)};
  if (age == "2to5") return {y5.plus_days(1), y2.plus_days(1)};
  return {Date::from_ymd(1900, 1, 1), y5.plus_days(1)};
}

// The filters as a store query (order and page apart).
CaseQuery store_query(const std::vector<std::string>& scope, const ListFilters& f, Date today) {
  CaseQuery q;
  q.agencies = scope;
  q.statuses = statuses_of(f.status);
  // Ages, reasons and officers' loads are of open cases.
  auto restrict_open = [&] {
    if (q.statuses.empty()) {
      q.statuses = open_statuses();
      return;
    }
    std::erase_if(q.statuses, [](const std::string& s) {
      return std::find(open_statuses().begin(), open_statuses().end(), s) == open_statuses().end();
    });
    if (q.statuses.empty()) q.statuses = {"-"};  // nothing can match
  };
  if (!f.age.empty()) {
    restrict_open();
    const auto [from, to] = age_range(f.age, today);
    q.opened_from = from.iso();
    q.opened_before = to.iso();
  }
  if (!f.officer.empty()) q.officer = f.officer == "-" ? std::string() : f.officer;
  q.min_remaining = f.min_amount;
  q.max_remaining = f.max_amount;
  if (!f.unable_reason.empty()) {
    if (std::find(q.statuses.begin(), q.statuses.end(), "unable") != q.statuses.end() || q.statuses.empty())
      q.statuses = {"unable"};
    else
      q.statuses = {"-"};
    if (f.unable_reason != "*") q.unable_reason = f.unable_reason;
  }
  if (f.flag == "public") q.public_only = true;
  if (f.flag == "unassigned") q.officer = std::string();
  if (f.flag == "overdue") q.overdue_officer = "*";
  if (!f.overdue_officer.empty()) q.overdue_officer = f.overdue_officer == "-" ? std::string() : f.overdue_officer;
  if (q.overdue_officer) q.today = today.iso();
  return q;
}

size_t page_count(size_t total, size_t size) { return size == 0 || total == 0 ? 1 : (total + size - 1) / size; }

// Page number and offset of a request, the page clamped to the last one.
void place(CaseListPage& out, const ListRequest& req) {
  out.size = req.size;
  out.pages = page_count(out.total, req.size);
  out.page = std::clamp<size_t>(req.page, 1, out.pages);
}

void name_officers(Store& store, CaseListPage& out) {
  std::vector<std::string> ids;
  for (const CaseRow& r : out.rows)
    if (!r.officer.empty()) ids.push_back(r.officer);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  out.officer_names = officer_names(store.db(), ids);
}

// The page of a list whose every matching case is read (column filters,
// exports): filtered by `keep`, then cut.
CaseListPage page_in_memory(std::vector<CaseRow> rows, const ListRequest& req) {
  CaseListPage out;
  out.total = rows.size();
  place(out, req);
  if (req.size == 0) {
    out.rows = std::move(rows);
    return out;
  }
  const size_t from = (out.page - 1) * req.size;
  const size_t to = std::min(rows.size(), from + req.size);
  for (size_t i = from; i < to; ++i) out.rows.push_back(std::move(rows[i]));
  return out;
}

TooMany too_many(size_t n) {
  return TooMany{"Danh sách có " + std::to_string(n) + " việc, nhiều hơn " + std::to_string(kMaxExport) +
                 " việc một lần tải về; hãy lọc thêm."};
}

ListAnswer query_page(Store& store, const std::vector<std::string>& scope, const ListRequest& req) {
  CaseQuery q = store_query(scope, req.filters, req.today);
  q.sort = req.sort;
  q.descending = req.descending;
  const auto member = column_member(req.filters.column);
  if (req.size == 0 && !member) {
    // A download: refused before reading the rows when there are too many.
    q.limit = 1;
    if (const size_t n = query_cases(store.db(), q).total; n > kMaxExport) return too_many(n);
  }
  if (member || req.size == 0) {
    // Every matching case is read: the column of a form is decided by each
    // case's timeline, and an export takes them all.
    q.limit = 0;
    q.with_timeline = member != nullptr;
    CaseQueryResult all = query_cases(store.db(), q);
    std::vector<CaseRow> kept;
    for (size_t i = 0; i < all.rows.size(); ++i) {
      if (member) {
        CaseTimeline t;
        if (!parse_timeline(all.timelines[i], t)) continue;
        Columns one;
        accumulate(t, req.filters.form, req.filters.period, one);
        one.derive(req.filters.form);
        if (one.*member == 0) continue;
      }
      kept.push_back(std::move(all.rows[i]));
    }
    if (req.size == 0 && kept.size() > kMaxExport) return too_many(kept.size());
    CaseListPage out = page_in_memory(std::move(kept), req);
    name_officers(store, out);
    return out;
  }
  // The total first, then the page asked for (the last one past the end).
  q.limit = 1;
  CaseListPage out;
  out.total = query_cases(store.db(), q).total;
  place(out, req);
  q.limit = req.size;
  q.offset = (out.page - 1) * req.size;
  out.rows = query_cases(store.db(), q).rows;
  name_officers(store, out);
  return out;
}

// The rows' officers named as name_officers() names them, from the officers'
// register the server holds (held_officer_names): a statement per page was 9%
// of a national user's search page (docs/benchmarks.md, "Session 29").
void name_officers(Store& store, ReadCache& cache, CaseListPage& out) {
  const auto names = held_officer_names(store, cache);
  for (const CaseRow& r : out.rows)
    if (const auto it = names->find(r.officer); !r.officer.empty() && it != names->end())
      out.officer_names.emplace(r.officer, it->second);
}

// --- search, in memory --------------------------------------------------------

int status_rank(std::string_view s) {
  static constexpr std::string_view kOrder[] = {"active", "postponed_agreed", "postponed_suspended", "unable", "ended"};
  for (int i = 0; i < 5; ++i)
    if (s == kOrder[i]) return i;
  return 5;
}

bool in_filters(const CaseRowRef& r, const ListFilters& f, Date today, const std::unordered_set<std::string>& overdue) {
  if (const auto allowed = statuses_of(f.status); !allowed.empty() &&
                                                  std::find(allowed.begin(), allowed.end(), r.status) == allowed.end())
    return false;
  if (!f.age.empty()) {
    if (status_rank(r.status) > 3) return false;
    const auto [from, to] = age_range(f.age, today);
    if (r.opened_date < from.iso() || r.opened_date >= to.iso()) return false;
  }
  if (!f.officer.empty() && r.officer != (f.officer == "-" ? std::string_view() : std::string_view(f.officer)))
    return false;
  if (f.min_amount && r.remaining < *f.min_amount) return false;
  if (f.max_amount && r.remaining > *f.max_amount) return false;
  if (f.flag == "public" && r.status != "unable") return false;
  if (f.flag == "unassigned" && !r.officer.empty()) return false;
  if (f.flag == "overdue" && !overdue.count(std::string(r.case_id))) return false;
  return true;
}

std::string_view sort_value(const CaseRowRef& r, CaseSort s) {
  switch (s) {
    case CaseSort::agency: return r.agency;
    case CaseSort::debtor: return r.debtor_name;
    case CaseSort::creditor: return r.creditor_name;
    case CaseSort::judgment: return r.judgment_number;
    case CaseSort::opened: return r.opened_date;
    case CaseSort::officer: return r.officer;
    default: return r.case_id;
  }
}

// Orders search matches as query_cases() orders a list.
void order_rows(std::vector<CaseRowRef>& rows, CaseSort s, bool descending) {
  auto cmp = [&](const CaseRowRef& a, const CaseRowRef& b) {
    int c = 0;
    if (s == CaseSort::remaining) c = a.remaining < b.remaining ? -1 : a.remaining > b.remaining ? 1 : 0;
    else if (s == CaseSort::status) c = status_rank(a.status) - status_rank(b.status);
    else c = sort_value(a, s).compare(sort_value(b, s));
    if (s == CaseSort::id) return descending ? c > 0 : c < 0;
    if (c != 0) return descending ? c > 0 : c < 0;
    return a.case_id < b.case_id;
  };
  std::stable_sort(rows.begin(), rows.end(), cmp);
}

bool default_order(const ListRequest& req) { return req.sort == CaseSort::id && !req.descending; }

}  // namespace

bool ListFilters::any() const {
  return !status.empty() || !officer.empty() || !age.empty() || min_amount || max_amount || !flag.empty() ||
         !unable_reason.empty() || !overdue_officer.empty() || !column.empty();
}

ListAnswer list_case_page(Store& store, const Access& access, const Actor& actor, const ListRequest& req) {
  const std::vector<std::string> scope = access.subtree_codes(actor, req.agency);
  if (scope.empty()) return Verdict::not_found;
  if (auto v = access.search_cases(actor); v != Verdict::allow) return v;
  return query_page(store, scope, req);
}

ListAnswer my_case_page(Store& store, const Access& access, const Actor& actor, const ListRequest& req) {
  if (auto v = access.search_cases(actor); v != Verdict::allow) return v;
  if (actor.officer.empty()) return Verdict::forbidden;
  const std::vector<std::string> scope = access.subtree_codes(actor);
  if (scope.empty()) return Verdict::not_found;
  ListRequest mine = req;
  mine.filters.officer = actor.officer;
  if (mine.filters.status.empty()) mine.filters.status = "open";
  if (mine.filters.status == "all") mine.filters.status.clear();
  ListAnswer a = query_page(store, scope, mine);
  if (auto* page = std::get_if<CaseListPage>(&a))
    page->by_status = count_cases_by_status(store.db(), scope, actor.officer);
  return a;
}

namespace {

// How many cases of the scope match `words` (NameIndex::count), held per
// server for the index's position, the actor's place and the scope asked
// (AnswerCache): a count walks every match (3 ms for a common name over the
// country, about half of a national user's search page; docs/benchmarks.md,
// "Session 28"), and the pages of one search, and the searches many users
// repeat, count the same. A write moves the index's position, and the next
// request counts again.
size_t held_count(const NameIndex& index, ReadCache& cache, const Actor& actor, const std::string& root,
                  const std::vector<std::string>& words, const std::vector<std::string>& scope) {
  static AnswerCache<size_t> held(size_t{4} << 20);
  std::string key = answer_key({std::to_string(cache.id()), to_string(actor.role), actor.agency, root});
  for (const std::string& w : words) key += answer_key({w});
  return *held.get_or_make(key, index.position(), [&] {
    return std::pair<std::shared_ptr<const size_t>, size_t>(std::make_shared<const size_t>(index.count(words, scope)),
                                                            64);
  });
}

// The agency codes of the scope searched (Access::subtree_codes), held per
// server for the actor's place and the agency chosen, at the position where
// the agencies last changed (AnswerCache): made again on every search, the
// codes of a national user's 390 agencies were 7% of the search page
// (docs/benchmarks.md, "Session 29").
std::shared_ptr<const std::vector<std::string>> held_scope(Store& store, ReadCache& cache, const Access& access,
                                                           const Actor& actor, const std::string& root) {
  static AnswerCache<std::vector<std::string>> held(size_t{4} << 20);
  const int64_t position = cache.position_of(store, {"agency", "reference_change:agency"});
  return held.get_or_make(answer_key({std::to_string(cache.id()), actor.agency, root}), position, [&] {
    auto v = std::make_shared<const std::vector<std::string>>(access.subtree_codes(actor, root));
    const size_t bytes = 64 + v->capacity() * (sizeof(std::string) + 16);
    return std::pair<std::shared_ptr<const std::vector<std::string>>, size_t>(std::move(v), bytes);
  });
}

}  // namespace

ListAnswer search_case_page(Store& store, ReadCache& cache, const Access& access, const Actor& actor,
                            const std::string& text, const ListRequest& req) {
  if (auto v = access.search_cases(actor); v != Verdict::allow) return v;
  const auto held = held_scope(store, cache, access, actor, req.agency);
  const std::vector<std::string>& scope = *held;
  if (scope.empty()) return Verdict::not_found;
  CaseListPage out;
  auto words = tokens(text);
  if (words.size() > 8) words.resize(8);
  if (default_order(req) && !req.filters.any() && req.size > 0) {
    // The usual search: a page in case id order. The index walks only up
    // to the end of the page and counts the rest without making rows.
    FoundCases page = find_cases(store, cache, text, scope, req.page * req.size);
    if (page.index) {
      out.total = held_count(*page.index, cache, actor, req.agency, words, scope);
      place(out, req);
      if (out.page != req.page) page = find_cases(store, cache, text, scope, out.page * req.size);
      for (size_t i = (out.page - 1) * req.size; i < page.rows.size(); ++i) out.rows.push_back(page.rows[i].row());
      name_officers(store, cache, out);
      return out;
    }
  }
  // The first matches in case id order, as the search always found them.
  FoundCases found = find_cases(store, cache, text, scope, kSortableMatches + 1);
  if (found.rows.size() <= kSortableMatches) {
    // Every match is in hand: filtered, ordered and cut here.
    std::unordered_set<std::string> overdue;
    if (req.filters.flag == "overdue")
      for (std::string& id : overdue_case_ids(store.db(), scope, req.today.iso())) overdue.insert(std::move(id));
    std::vector<CaseRowRef> kept;
    for (const CaseRowRef& r : found.rows)
      if (in_filters(r, req.filters, req.today, overdue)) kept.push_back(r);
    if (!default_order(req)) order_rows(kept, req.sort, req.descending);
    out.total = kept.size();
    place(out, req);
    const size_t from = req.size ? (out.page - 1) * req.size : 0;
    const size_t to = req.size ? std::min(kept.size(), from + req.size) : kept.size();
    for (size_t i = from; i < to; ++i) out.rows.push_back(kept[i].row());
  } else {
    // Too many to order or filter: the total from the index, the pages in
    // case id order.
    if (found.index) {
      out.total = held_count(*found.index, cache, actor, req.agency, words, scope);
    } else {
      out.total = found.rows.size();
      out.total_exact = false;
    }
    out.order_applied = default_order(req) && !req.filters.any();
    if (req.size == 0)
      return TooMany{"Có hơn " + std::to_string(kSortableMatches) + " việc phù hợp; hãy nhập thêm từ để thu hẹp."};
    place(out, req);
    const size_t from = (out.page - 1) * req.size;
    if (from + req.size > found.rows.size())
      found = find_cases(store, cache, text, scope, from + req.size);
    for (size_t i = from; i < std::min(found.rows.size(), from + req.size); ++i) out.rows.push_back(found.rows[i].row());
  }
  name_officers(store, cache, out);
  return out;
}

std::optional<CaseSort> sort_of(const std::string& key) {
  if (key.empty()) return CaseSort::id;
  for (const auto& [k, s] : kSorts)
    if (key == k) return s;
  return std::nullopt;
}

std::string sort_key(CaseSort s) {
  for (const auto& [k, v] : kSorts)
    if (v == s) return k;
  return "id";
}

std::optional<Money> amount_of(const std::string& text) {
  // Digits, with dots only as thousands separators in groups of three.
  std::string digits;
  size_t group = 0;
  bool dotted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
    } else if (c == '.') {
      if (digits.empty() || (dotted && group != 3) || (!dotted && group > 3)) return std::nullopt;
      dotted = true;
      group = 0;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || (dotted && group != 3) || digits.size() > 15) return std::nullopt;
  return static_cast<Money>(std::stoll(digits));
}

bool is_status_filter(const std::string& s) {
  return s.empty() || s == "open" || s == "closed" || s == "all" || status_rank(s) < 5 || s == "withdrawn";
}
bool is_age(const std::string& s) { return s.empty() || s == "lt1" || s == "1to2" || s == "2to5" || s == "gt5"; }
bool is_flag(const std::string& s) { return s.empty() || s == "overdue" || s == "public" || s == "unassigned"; }

}  // namespace thads
