#include "modules/coordination/store/coordination_store.h"


namespace thads::coordination {
namespace {

const char* kSelect =
    "SELECT b.code, COALESCE(s.name, b.name), b.type, COALESCE(s.agency, b.agency), b.body, "
    "COALESCE(s.active, 1), COALESCE(s.changes, 0) FROM bodies b LEFT JOIN body_status s ON s.code = b.code";

BodyEntry entry_of(const Row& r) {
  BodyEntry e;
  e.body = {r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)};
  e.active = r.i(5) != 0;
  e.changes = r.i(6);
  return e;
}

}  // namespace

std::vector<std::string> schema(Dialect) {
  return {
      "CREATE TABLE IF NOT EXISTS body_status (code TEXT PRIMARY KEY, name TEXT, agency TEXT, "
      "active BIGINT NOT NULL, changes BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS request_ledger (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, agency TEXT NOT NULL, "
      "body TEXT NOT NULL, purpose TEXT NOT NULL, subject_name TEXT NOT NULL, subject_id TEXT NOT NULL, "
      "sender TEXT NOT NULL, amount BIGINT NOT NULL, sent TEXT NOT NULL, answer_due TEXT NOT NULL, "
      "first_answer TEXT NOT NULL, result TEXT NOT NULL, state TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS request_ledger_agency_sent ON request_ledger (agency, sent)",
      "CREATE INDEX IF NOT EXISTS request_ledger_body ON request_ledger (body)",
      "CREATE INDEX IF NOT EXISTS request_ledger_case ON request_ledger (case_id)",
  };
}

void put_body_status(Db& db, const BodyOverlay& o) {
  auto opt = [](const std::optional<std::string>& s) { return s ? Value(*s) : Value(); };
  db.run("INSERT INTO body_status(code, name, agency, active, changes) VALUES (?, ?, ?, ?, ?) "
         "ON CONFLICT (code) DO UPDATE SET name = excluded.name, agency = excluded.agency, "
         "active = excluded.active, changes = excluded.changes",
         {o.code, opt(o.name), opt(o.agency), int64_t{o.active ? 1 : 0}, o.changes});
}

std::optional<BodyOverlay> body_overlay(Db& db, const std::string& code) {
  auto r = db.one("SELECT code, name, agency, active, changes FROM body_status WHERE code = ?", {code});
  if (!r) return std::nullopt;
  BodyOverlay o{r->s(0), std::nullopt, std::nullopt, r->i(3) != 0, r->i(4)};
  if (!r->null(1)) o.name = r->s(1);
  if (!r->null(2)) o.agency = r->s(2);
  return o;
}

std::vector<BodyEntry> body_entries(Db& db) {
  std::vector<BodyEntry> out;
  db.run(std::string(kSelect) + " ORDER BY b.code", {}, [&](const Row& r) { out.push_back(entry_of(r)); });
  return out;
}

std::optional<BodyEntry> body_entry(Db& db, const std::string& code) {
  auto r = db.one(std::string(kSelect) + " WHERE b.code = ?", {code});
  if (!r) return std::nullopt;
  return entry_of(*r);
}

std::optional<std::string> body_change_raw(Db& db, const std::string& code, int64_t seq) {
  auto r = db.one("SELECT body FROM journal WHERE kind = 'body_change' AND stream = ? AND seq = ?", {code, seq});
  if (!r) return std::nullopt;
  return r->s(0);
}

std::vector<std::string> coercion_plan_raws(Db& db, const std::string& case_id) {
  std::vector<std::string> out;
  db.run("SELECT body FROM journal WHERE kind = 'coercion_plan' AND stream = ? ORDER BY seq", {case_id},
         [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

namespace {

// A stored coercion_plan record read back (it was checked when written).
CoercionPlan stored_plan(const std::string& raw, const std::string& case_id) {
  auto p = parse_coercion_plan(nlohmann::json::parse(raw, nullptr, false), 0, false);
  if (auto* c = std::get_if<CoercionPlan>(&p)) return std::move(*c);
  throw StoreError("a coercion_plan of case " + case_id + " cannot be read back");
}

}  // namespace

std::vector<CoercionPlan> stored_coercion_plans(Db& db, const std::string& case_id) {
  std::vector<CoercionPlan> out;
  for (const std::string& raw : coercion_plan_raws(db, case_id)) out.push_back(stored_plan(raw, case_id));
  return out;
}

std::map<std::string, std::set<int64_t>> voided_plan_events_in(Db& db, const std::vector<std::string>& agencies) {
  std::map<std::string, std::set<int64_t>> out;
  if (agencies.empty()) return out;
  std::string in;
  std::vector<Value> params;
  for (const std::string& a : agencies) in += in.empty() ? "?" : ", ?", params.emplace_back(a);
  std::map<std::string, std::vector<CoercionPlan>> plans;
  db.run("SELECT j.stream, j.body FROM journal j JOIN cases c ON c.case_id = j.stream "
         "WHERE j.kind = 'coercion_plan' AND c.ended = '' AND c.agency IN (" + in + ") ORDER BY j.stream, j.seq",
         params, [&](const Row& r) { plans[r.s(0)].push_back(stored_plan(r.s(1), r.s(0))); });
  for (const auto& [case_id, list] : plans)
    if (std::set<int64_t> voided = voided_plan_events(list); !voided.empty()) out[case_id] = std::move(voided);
  return out;
}

std::optional<std::string> request_opening_raw(Db& db, const std::string& id) {
  auto r = db.one("SELECT body FROM journal WHERE kind = 'request' AND stream = ? AND seq = 1", {id});
  if (!r) return std::nullopt;
  return r->s(0);
}

void put_ledger_row(Db& db, const LedgerRow& r) {
  db.run("INSERT INTO request_ledger(id, case_id, agency, body, purpose, subject_name, subject_id, sender, amount, sent, "
         "answer_due, first_answer, result, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, agency = excluded.agency, body = excluded.body, "
         "purpose = excluded.purpose, subject_name = excluded.subject_name, subject_id = excluded.subject_id, "
         "sender = excluded.sender, amount = excluded.amount, sent = excluded.sent, answer_due = excluded.answer_due, "
         "first_answer = excluded.first_answer, result = excluded.result, state = excluded.state",
         {r.id, r.case_id, r.agency, r.body, r.purpose, r.subject_name, r.subject_id, r.sender, r.amount, r.sent.iso(),
          r.answer_due ? r.answer_due->iso() : "", r.first_answer ? r.first_answer->iso() : "", r.result, r.state});
}

std::shared_ptr<const Calendar> stored_calendar(Db& db) {
  std::string rows;  // the table's rows, as the key of the calendar kept
  std::vector<HolidayRecord> records;
  db.run("SELECT date, type, name FROM holidays ORDER BY date", {}, [&](const Row& r) {
    HolidayRecord h;
    h.date = Date::parse(r.s(0)).value_or(Date{});
    h.type = r.s(1) == "working_day" ? DayType::working_day : DayType::day_off;
    h.name = r.s(2);
    rows.append(r.s(0)).append(1, '\x1f').append(r.s(1)).append(1, '\x1f').append(h.name).append(1, '\x1e');
    records.push_back(std::move(h));
  });
  thread_local std::string kept_rows;
  thread_local std::shared_ptr<const Calendar> kept;
  if (!kept || rows != kept_rows) {
    auto cal = std::make_shared<Calendar>(Calendar::official());  // the stored records over it, as app/calendar_source.h does
    for (const HolidayRecord& h : records) cal->set(h);
    kept = std::move(cal);
    kept_rows = std::move(rows);
  }
  return kept;
}

namespace {

std::string where(const LedgerFilter& f, std::vector<Value>& params) {
  std::string w = " WHERE 1 = 1";
  if (!f.agencies.empty()) {
    w += " AND agency IN (";
    for (size_t i = 0; i < f.agencies.size(); ++i) {
      w += i ? ", ?" : "?";
      params.emplace_back(f.agencies[i]);
    }
    w += ")";
  }
  auto eq = [&](const char* col, const std::string& v) {
    if (v.empty()) return;
    w += std::string(" AND ") + col + " = ?";
    params.emplace_back(v);
  };
  eq("body", f.body);
  eq("sender", f.sender);
  eq("purpose", f.purpose);
  eq("case_id", f.case_id);
  eq("subject_id", f.subject_id);
  if (!f.from.empty()) w += " AND sent >= ?", params.emplace_back(f.from);
  if (!f.to.empty()) w += " AND sent <= ?", params.emplace_back(f.to);
  if (!f.status.empty()) {
    // Judged as of `as_of`: an answer recorded with a later date does not count yet.
    const std::string as_of = f.as_of.empty() ? "9999-12-31" : f.as_of;
    w += " AND state <> 'withdrawn' AND answer_due <> ''";
    if (f.status == "on_time") w += " AND first_answer <> '' AND first_answer <= ? AND first_answer <= answer_due";
    else if (f.status == "late") w += " AND first_answer <> '' AND first_answer <= ? AND first_answer > answer_due";
    else if (f.status == "unanswered") w += " AND (first_answer = '' OR first_answer > ?)";
    else w += " AND (first_answer = '' OR first_answer > ?) AND answer_due < ?", params.emplace_back(as_of);
    params.emplace_back(as_of);
  }
  return w;
}

std::optional<Date> date_or_none(const std::string& s) { return s.empty() ? std::nullopt : Date::parse(s); }

}  // namespace

std::vector<LedgerRow> ledger_rows(Db& db, const LedgerFilter& f) {
  std::vector<Value> params;
  std::string sql = "SELECT id, case_id, agency, body, purpose, subject_name, subject_id, sender, amount, sent, "
                    "answer_due, first_answer, result, state FROM request_ledger" + where(f, params) +
                    " ORDER BY sent DESC, id LIMIT ? OFFSET ?";
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<LedgerRow> out;
  db.run(sql, params, [&](const Row& r) {
    LedgerRow l;
    l.id = r.s(0), l.case_id = r.s(1), l.agency = r.s(2), l.body = r.s(3), l.purpose = r.s(4);
    l.subject_name = r.s(5), l.subject_id = r.s(6), l.sender = r.s(7), l.amount = r.i(8);
    l.sent = Date::parse(r.s(9)).value_or(Date{});
    l.answer_due = date_or_none(r.s(10));
    l.first_answer = date_or_none(r.s(11));
    l.result = r.s(12), l.state = r.s(13);
    out.push_back(std::move(l));
  });
  return out;
}

namespace {

constexpr const char* kFactsColumns = "SELECT id, agency, body, sent, answer_due, first_answer, state FROM request_ledger";

LedgerFacts facts_of(const Row& r) { return {r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6)}; }

}  // namespace

void for_each_ledger_facts(Db& db, const std::function<void(const LedgerFacts&)>& f) {
  db.run(kFactsColumns, {}, [&](const Row& r) { f(facts_of(r)); });
}

std::optional<LedgerFacts> ledger_facts(Db& db, const std::string& id) {
  auto r = db.one(std::string(kFactsColumns) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return facts_of(*r);
}

int64_t ledger_count(Db& db, const LedgerFilter& f) {
  std::vector<Value> params;
  auto r = db.one("SELECT COUNT(*) FROM request_ledger" + where(f, params), params);
  return r ? r->i(0) : 0;
}

std::vector<std::pair<std::string, std::string>> cases_with_open_freezes(Db& db, const std::vector<std::string>& agencies,
                                                                         const std::string& officer) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<Value> params;
  std::string sql;
  if (!officer.empty()) {
    sql = "SELECT DISTINCT l.case_id, l.agency FROM request_ledger l JOIN cases c ON c.case_id = l.case_id "
          "WHERE l.purpose = 'freeze_account' AND l.state = 'open' AND c.officer = ?";
    params.emplace_back(officer);
  } else {
    LedgerFilter f;
    f.agencies = agencies;
    sql = "SELECT DISTINCT case_id, agency FROM request_ledger" + where(f, params) +
          " AND purpose = 'freeze_account' AND state = 'open'";
  }
  db.run(sql + " ORDER BY 1", params, [&](const Row& r) { out.emplace_back(r.s(0), r.s(1)); });
  return out;
}

std::string case_agency(Db& db, const std::string& case_id) {
  auto r = db.one("SELECT agency FROM cases WHERE case_id = ?", {case_id});
  return r ? r->s(0) : std::string();
}

}  // namespace thads::coordination
