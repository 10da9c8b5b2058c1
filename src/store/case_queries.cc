#include "store/case_queries.h"

namespace thads {
namespace {

std::string placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

void add_in(std::string& sql, std::vector<Value>& params, const char* column, const std::vector<std::string>& values) {
  sql += std::string(" AND ") + column + " IN (" + placeholders(values.size()) + ")";
  params.insert(params.end(), values.begin(), values.end());
}

// The ORDER BY of a sort: the column, then the case id ascending, so that
// equal keys keep one order (pages neither repeat nor skip a case).
std::string order_by(CaseSort s, bool descending) {
  std::string key;
  switch (s) {
    case CaseSort::id: key = "c.case_id"; break;
    case CaseSort::agency: key = "c.agency"; break;
    case CaseSort::debtor: key = "c.debtor_name"; break;
    case CaseSort::creditor: key = "c.creditor_name"; break;
    case CaseSort::judgment: key = "c.judgment_number"; break;
    case CaseSort::opened: key = "c.opened_date"; break;
    case CaseSort::officer: key = "c.officer"; break;
    case CaseSort::remaining: key = "c.remaining"; break;
    case CaseSort::status:
      // The order of the case's course, not of the codes.
      key = "CASE c.status WHEN 'active' THEN 0 WHEN 'postponed_agreed' THEN 1 WHEN 'postponed_suspended' THEN 2 "
            "WHEN 'unable' THEN 3 WHEN 'ended' THEN 4 ELSE 5 END";
      break;
  }
  const char* dir = descending ? " DESC" : " ASC";
  if (s == CaseSort::id) return std::string(" ORDER BY c.case_id") + dir;
  return " ORDER BY " + key + dir + ", c.case_id ASC";
}

// " FROM cases c WHERE …" with its parameters.
std::string where_of(const CaseQuery& q, std::vector<Value>& params) {
  std::string sql = " FROM cases c WHERE 1 = 1";
  add_in(sql, params, "c.agency", q.agencies);
  if (!q.statuses.empty()) add_in(sql, params, "c.status", q.statuses);
  if (q.officer) {
    sql += " AND c.officer = ?";
    params.emplace_back(*q.officer);
  }
  if (!q.opened_from.empty()) {
    sql += " AND c.opened_date >= ?";
    params.emplace_back(q.opened_from);
  }
  if (!q.opened_before.empty()) {
    sql += " AND c.opened_date < ?";
    params.emplace_back(q.opened_before);
  }
  if (q.min_remaining) {
    sql += " AND c.remaining >= ?";
    params.emplace_back(static_cast<int64_t>(*q.min_remaining));
  }
  if (q.max_remaining) {
    sql += " AND c.remaining <= ?";
    params.emplace_back(static_cast<int64_t>(*q.max_remaining));
  }
  if (!q.unable_reason.empty()) {
    sql += " AND c.unable_reason = ?";
    params.emplace_back(q.unable_reason);
  }
  if (q.public_only) sql += " AND c.public_unable = 1";
  if (q.overdue_officer) {
    sql += " AND c.case_id IN (SELECT p.case_id FROM pending_deadlines p WHERE p.due < ?";
    params.emplace_back(q.today);
    if (*q.overdue_officer != "*") {
      sql += " AND p.officer = ?";
      params.emplace_back(*q.overdue_officer);
    }
    sql += ")";
  }
  return sql;
}

}  // namespace

CaseQueryResult query_cases(Db& db, const CaseQuery& q) {
  CaseQueryResult out;
  if (q.agencies.empty()) return out;
  std::vector<Value> params;
  const std::string where = where_of(q, params);
  if (q.limit > 0) {
    auto n = db.one("SELECT COUNT(*)" + where, params);
    out.total = n ? static_cast<size_t>(n->i(0)) : 0;
    if (out.total == 0 || q.offset >= out.total) return out;
  }
  std::string sql = std::string("SELECT ") + kCaseRowColumns + (q.with_timeline ? ", c.timeline" : "") + where +
                    order_by(q.sort, q.descending);
  if (q.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(static_cast<int64_t>(q.limit));
    params.emplace_back(static_cast<int64_t>(q.offset));
  }
  db.run(sql, params, [&](const Row& r) {
    out.rows.push_back(case_row_of(r));
    if (q.with_timeline) out.timelines.push_back(r.s(13));
  });
  if (q.limit == 0) out.total = out.rows.size();
  return out;
}

std::vector<std::pair<std::string, int64_t>> count_cases_by_status(Db& db, const std::vector<std::string>& agencies,
                                                                   const std::optional<std::string>& officer) {
  std::vector<std::pair<std::string, int64_t>> out;
  if (agencies.empty()) return out;
  std::vector<Value> params;
  std::string sql = "SELECT c.status, COUNT(*) FROM cases c WHERE 1 = 1";
  add_in(sql, params, "c.agency", agencies);
  if (officer) {
    sql += " AND c.officer = ?";
    params.emplace_back(*officer);
  }
  sql += " GROUP BY c.status ORDER BY c.status";
  db.run(sql, params, [&](const Row& r) { out.emplace_back(r.s(0), r.i(1)); });
  return out;
}

std::vector<OfficerWork> officer_workloads(Db& db, const std::vector<std::string>& agencies, const std::string& today) {
  std::vector<OfficerWork> out;
  if (agencies.empty()) return out;
  const std::string open = "('active', 'postponed_agreed', 'postponed_suspended', 'unable')";
  std::vector<Value> params{today};
  std::string sql =
      "SELECT o.id, o.name, o.agency, "
      "(SELECT COUNT(*) FROM cases c WHERE c.officer = o.id AND c.status IN " + open + "), "
      "(SELECT COALESCE(SUM(c.remaining), 0) FROM cases c WHERE c.officer = o.id AND c.status IN " + open + "), "
      "(SELECT COUNT(*) FROM cases c WHERE c.officer = o.id AND c.status IN ('ended', 'withdrawn')), "
      "(SELECT COUNT(*) FROM pending_deadlines p WHERE p.officer = o.id AND p.due < ?) "
      "FROM officers o WHERE o.role = 'enforcement_officer'";
  add_in(sql, params, "o.agency", agencies);
  sql += " ORDER BY o.id";
  db.run(sql, params, [&](const Row& r) {
    out.push_back({r.s(0), r.s(1), r.s(2), r.i(3), r.i(4), r.i(5), r.i(6)});
  });
  return out;
}

std::unordered_map<std::string, std::string> officer_names(Db& db, const std::vector<std::string>& ids) {
  std::unordered_map<std::string, std::string> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  db.run("SELECT id, name FROM officers WHERE id IN (" + placeholders(ids.size()) + ")", params,
         [&](const Row& r) { out.emplace(r.s(0), r.s(1)); });
  return out;
}

std::vector<std::string> overdue_case_ids(Db& db, const std::vector<std::string>& agencies, const std::string& today) {
  std::vector<std::string> out;
  if (agencies.empty()) return out;
  std::vector<Value> params{today};
  std::string sql = "SELECT DISTINCT p.case_id FROM pending_deadlines p WHERE p.due < ?";
  add_in(sql, params, "p.agency", agencies);
  sql += " ORDER BY p.case_id";
  db.run(sql, params, [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

CaseQueryResult public_unable_page(Db& db, const std::vector<std::string>& agencies, size_t offset, size_t limit) {
  CaseQueryResult out;
  std::vector<Value> params;
  std::string where = " FROM cases c WHERE c.public_unable = 1";
  if (!agencies.empty()) add_in(where, params, "c.agency", agencies);
  if (auto n = db.one("SELECT COUNT(*)" + where, params)) out.total = static_cast<size_t>(n->i(0));
  if (out.total == 0 || offset >= out.total) return out;
  params.emplace_back(static_cast<int64_t>(limit));
  params.emplace_back(static_cast<int64_t>(offset));
  db.run(std::string("SELECT ") + kCaseRowColumns + where + " ORDER BY c.unable_date DESC, c.case_id LIMIT ? OFFSET ?",
         params, [&](const Row& r) { out.rows.push_back(case_row_of(r)); });
  return out;
}

std::unordered_map<std::string, std::string> case_opened_bodies(Db& db, const std::vector<std::string>& case_ids) {
  std::unordered_map<std::string, std::string> out;
  if (case_ids.empty()) return out;
  std::vector<Value> params(case_ids.begin(), case_ids.end());
  db.run("SELECT stream, body FROM journal WHERE kind = 'event' AND seq = 1 AND stream IN (" +
             placeholders(case_ids.size()) + ")",
         params, [&](const Row& r) { out.emplace(r.s(0), r.s(1)); });
  return out;
}

std::optional<std::string> officer_agency(Db& db, const std::string& officer_id) {
  auto r = db.one("SELECT agency FROM officers WHERE id = ?", {officer_id});
  if (!r) return std::nullopt;
  return r->s(0);
}

std::optional<CaseHolder> case_holder(Db& db, const std::string& case_id) {
  auto r = db.one("SELECT agency, officer FROM cases WHERE case_id = ?", {case_id});
  if (!r) return std::nullopt;
  return CaseHolder{r->s(0), r->s(1)};
}

int64_t count_case_ids_with_prefix(Db& db, const std::string& prefix) {
  // The prefix is an agency code and a year: it holds neither % nor _.
  auto r = db.one("SELECT COUNT(*) FROM cases WHERE case_id LIKE ?", {prefix + "%"});
  return r ? r->i(0) : 0;
}

std::optional<CaseView> case_summary(Db& db, const std::string& id) {
  auto r = db.one(
      "SELECT agency, version, status, ended, end_date, mode, officer, opened_amount, collected, reduced, "
      "written_off, paid_out, remaining, unable_reason, unable_date, public_unable FROM cases WHERE case_id = ?",
      {id});
  if (!r) return std::nullopt;
  auto date = [&](size_t i) { return Date::parse(r->s(i)).value_or(Date{}); };
  CaseView v;
  v.case_id = id;
  v.agency = r->s(0);
  v.version = r->i(1);
  v.status = r->s(2);
  v.ended = r->s(3);
  v.end_date = date(4);
  v.mode = r->s(5);
  v.officer = r->s(6);
  v.opened_amount = r->i(7);
  v.collected = r->i(8);
  v.reduced = r->i(9);
  v.written_off = r->i(10);
  v.paid_out = r->i(11);
  v.remaining = r->i(12);
  v.unable_reason = r->s(13);
  v.unable_date = date(14);
  v.public_unable = r->i(15) != 0;
  return v;
}

// The journal entries that change the calendar: holiday records and their
// corrections (reference_change, stream "holiday/DATE"), both counted on
// the (kind, stream, seq) key; the prefix compared as bytes, not by a
// collation's order.
#define THADS_HOLIDAY_ENTRIES                                                                    \
  "(SELECT COUNT(*) FROM journal WHERE kind = 'holiday' OR (kind = 'reference_change' AND " \
  "substr(stream, 1, 8) = 'holiday/'))"

std::optional<CaseCacheKey> case_cache_key(Db& db, const std::string& case_id) {
  auto r = db.one("SELECT c.version, c.agency, c.officer, " THADS_HOLIDAY_ENTRIES " FROM cases c WHERE c.case_id = ?",
                  {case_id});
  if (!r) return std::nullopt;
  return CaseCacheKey{r->i(0), CaseHolder{r->s(1), r->s(2)}, r->i(3)};
}

int64_t holiday_entry_count(Db& db) {
  auto r = db.one("SELECT " THADS_HOLIDAY_ENTRIES);
  return r ? r->i(0) : 0;
}
#undef THADS_HOLIDAY_ENTRIES

std::vector<OfficerOpenCases> officers_with_open_cases(Db& db, const std::string& agency) {
  std::vector<OfficerOpenCases> out;
  std::vector<Value> params(open_statuses().begin(), open_statuses().end());
  params.emplace_back(agency);
  db.run("SELECT o.id, o.name, (SELECT COUNT(*) FROM cases c WHERE c.officer = o.id AND c.status IN (" +
             placeholders(open_statuses().size()) +
             ")) FROM officers o WHERE o.agency = ? AND o.role = 'enforcement_officer' "
             "AND o.id NOT IN (SELECT id FROM officer_inactive) ORDER BY o.id",
         params, [&](const Row& r) { out.push_back({r.s(0), r.s(1), r.i(2)}); });
  return out;
}

int64_t open_cases_of_officer(Db& db, const std::string& officer_id) {
  std::vector<Value> params{officer_id};
  params.insert(params.end(), open_statuses().begin(), open_statuses().end());
  auto r = db.one("SELECT COUNT(*) FROM cases WHERE officer = ? AND status IN (" + placeholders(open_statuses().size()) + ")",
                  params);
  return r ? r->i(0) : 0;
}

void for_each_pending_deadline_until(Db& db, const std::string& until, const std::string& officer,
                                     const std::vector<std::string>& agencies,
                                     const std::function<void(const PendingDeadlineRow&)>& f, size_t limit) {
  std::string sql =
      "SELECT p.case_id, p.action, p.label, p.article, p.agency, p.officer, p.due, c.debtor_name "
      "FROM pending_deadlines p JOIN cases c ON c.case_id = p.case_id WHERE p.due <= ?";
  std::vector<Value> params{until};
  if (!officer.empty()) {
    sql += " AND p.officer = ?";
    params.emplace_back(officer);
  }
  if (!agencies.empty()) {
    sql += " AND p.agency IN (" + placeholders(agencies.size()) + ")";
    params.insert(params.end(), agencies.begin(), agencies.end());
  }
  sql += " ORDER BY p.due, p.case_id";
  if (limit > 0) {
    sql += " LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit));
  }
  db.run(sql, params, [&](const Row& r) {
    f(PendingDeadlineRow{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), r.s(7)});
  });
}

}  // namespace thads
