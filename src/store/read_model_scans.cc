#include "store/read_model_scans.h"

namespace thads {

void scan_case_rows(Db& db, const std::function<void(const Row&)>& f) {
  db.run(std::string("SELECT ") + kCaseRowColumns + " FROM cases c", {}, f);
}

std::optional<CaseRow> case_row_by_id(Db& db, const std::string& case_id) {
  std::optional<CaseRow> row;
  db.run(std::string("SELECT ") + kCaseRowColumns + " FROM cases c WHERE c.case_id = ?", {case_id},
         [&](const Row& r) { row = case_row_of(r); });
  return row;
}

void scan_case_terms(Db& db, const std::function<void(const Row&)>& f) {
  db.run("SELECT term, case_id FROM case_terms ORDER BY term, case_id", {}, f);
}

std::vector<std::string> terms_of_case(Db& db, const std::string& case_id) {
  std::vector<std::string> terms;
  db.run("SELECT term FROM case_terms WHERE case_id = ?", {case_id}, [&](const Row& r) { terms.push_back(r.s(0)); });
  return terms;
}

namespace {
constexpr const char* kCaseStatsColumns = "case_id, agency, timeline, status, unable_reason, opened_date";
}

void scan_case_stats(Db& db, const std::function<void(const Row&)>& f) {
  db.run(std::string("SELECT ") + kCaseStatsColumns + " FROM cases", {}, f);
}

void case_stats_of(Db& db, const std::string& case_id, const std::function<void(const Row&)>& f) {
  db.run(std::string("SELECT ") + kCaseStatsColumns + " FROM cases WHERE case_id = ?", {case_id}, f);
}

int64_t count_cases(Db& db) {
  auto n = db.one("SELECT COUNT(*) FROM cases");
  return n ? n->i(0) : 0;
}

void scan_pending_deadlines(Db& db, const std::function<void(const Row&)>& f) {
  db.run("SELECT case_id, agency, officer, due FROM pending_deadlines", {}, f);
}

void pending_deadlines_of(Db& db, const std::string& case_id, const std::function<void(const Row&)>& f) {
  db.run("SELECT agency, officer, due FROM pending_deadlines WHERE case_id = ?", {case_id}, f);
}

void scan_case_ids(Db& db, const std::function<void(const std::string&)>& f) {
  db.run("SELECT case_id FROM cases", {}, [&](const Row& r) { f(r.s(0)); });
}

bool case_row_exists(Db& db, const std::string& case_id) {
  return db.one("SELECT 1 FROM cases WHERE case_id = ?", {case_id}).has_value();
}

int64_t count_case_rows(Db& db) {
  auto r = db.one("SELECT count(*) FROM cases");
  return r ? r->i(0) : 0;
}

std::vector<std::string> open_or_pending_case_ids(Db& db) {
  std::vector<std::string> ids;
  db.run("SELECT case_id FROM cases WHERE status NOT IN ('ended', 'withdrawn') "
         "UNION SELECT case_id FROM pending_deadlines",
         {}, [&](const Row& r) { ids.push_back(r.s(0)); });
  return ids;
}

}  // namespace thads
