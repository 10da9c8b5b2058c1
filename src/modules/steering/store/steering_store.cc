#include "modules/steering/store/steering_store.h"

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "modules/coordination/store/coordination_store.h"
#include "store/store.h"

namespace thads::steering {
namespace {

std::string or_empty(const std::optional<Date>& d) { return d ? d->iso() : ""; }

void put_key_case(Db& db, const KeyCase& kc) {
  db.run("INSERT INTO steering_key_cases(id, case_id, agency, state, reasons, committee, stuck_reason, proposed_on, "
         "decided_on, closed_on, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
         "state = excluded.state, committee = excluded.committee, stuck_reason = excluded.stuck_reason, "
         "decided_on = excluded.decided_on, closed_on = excluded.closed_on, version = excluded.version",
         {kc.id, kc.case_id, kc.agency, kc.state, nlohmann::json(kc.reasons).dump(), kc.committee, kc.stuck_reason,
          kc.proposed_on.iso(), or_empty(kc.decided_on), or_empty(kc.closed_on),
          static_cast<int64_t>(kc.history.size())});
  for (const Step& st : kc.steps)
    db.run("INSERT INTO steering_key_case_steps(id, step, text, owner, deadline, done_on) VALUES (?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (id, step) DO UPDATE SET done_on = excluded.done_on",
           {kc.id, st.number, st.text, st.owner, st.deadline.iso(), or_empty(st.done_on)});
}

}  // namespace

std::vector<std::string> schema(Dialect) {
  return {
      "CREATE TABLE IF NOT EXISTS steering_directives (id TEXT PRIMARY KEY, number TEXT NOT NULL, issuer TEXT NOT NULL, "
      "date TEXT NOT NULL, title TEXT NOT NULL, agency TEXT NOT NULL, replaces TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS steering_tasks (task TEXT PRIMARY KEY, source TEXT NOT NULL, from_meeting BIGINT NOT NULL, "
      "number TEXT NOT NULL, text TEXT NOT NULL, owner TEXT NOT NULL, periodicity TEXT NOT NULL, deadline TEXT NOT NULL, "
      "bodies TEXT NOT NULL, start TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS steering_tasks_source ON steering_tasks (source)",
      "CREATE TABLE IF NOT EXISTS steering_task_reports (task TEXT NOT NULL, body TEXT NOT NULL, period TEXT NOT NULL, "
      "seq BIGINT NOT NULL, date TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, actor TEXT NOT NULL, "
      "PRIMARY KEY (task, body, period, seq))",
      "CREATE INDEX IF NOT EXISTS steering_task_reports_body ON steering_task_reports (body)",
      "CREATE TABLE IF NOT EXISTS steering_committees (id TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, "
      "agency TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS steering_members (member TEXT PRIMARY KEY, committee TEXT NOT NULL, person TEXT NOT NULL, "
      "body TEXT NOT NULL, role TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS steering_meetings (id TEXT PRIMARY KEY, committee TEXT NOT NULL, date TEXT NOT NULL, "
      "agenda TEXT NOT NULL, conclusions TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS steering_key_cases (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, agency TEXT NOT NULL, "
      "state TEXT NOT NULL, reasons TEXT NOT NULL, committee TEXT NOT NULL, stuck_reason TEXT NOT NULL, "
      "proposed_on TEXT NOT NULL, decided_on TEXT NOT NULL, closed_on TEXT NOT NULL, version BIGINT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS steering_key_cases_case ON steering_key_cases (case_id)",
      "CREATE TABLE IF NOT EXISTS steering_key_case_steps (id TEXT NOT NULL, step BIGINT NOT NULL, text TEXT NOT NULL, "
      "owner TEXT NOT NULL, deadline TEXT NOT NULL, done_on TEXT NOT NULL, PRIMARY KEY (id, step))",
  };
}

void project(Db& db, const Ledger& ledger, const Record& r) {
  switch (r.kind) {
    case Kind::directive:
      db.run("INSERT INTO steering_directives(id, number, issuer, date, title, agency, replaces) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             {r.key, r.text("number"), r.text("issuer"), r.date.iso(), r.text("title"), r.text("agency"),
              r.text("replaces")});
      break;
    case Kind::directive_task: {
      const Task& t = ledger.tasks().at(r.key);
      db.run("INSERT INTO steering_tasks(task, source, from_meeting, number, text, owner, periodicity, deadline, "
             "bodies, start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {t.key, t.source, int64_t{t.from_meeting}, t.number, t.text, t.owner,
              std::string(to_string(t.periodicity)), or_empty(t.deadline), nlohmann::json(t.bodies).dump(),
              t.start.iso()});
      break;
    }
    case Kind::task_report:
      db.run("INSERT INTO steering_task_reports(task, body, period, seq, date, status, text, actor) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {r.text("task"), r.text("body"), r.text("period"), r.seq, r.date.iso(), r.text("status"), r.text("text"),
              r.actor});
      break;
    case Kind::committee:
      db.run("INSERT INTO steering_committees(id, name, level, agency, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)",
             {r.key, r.text("name"), r.text("level"), r.text("agency"), r.date.iso(), r.text("valid_to")});
      break;
    case Kind::committee_member:
      db.run("INSERT INTO steering_members(member, committee, person, body, role, from_date, to_date) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             {r.key, r.text("committee"), r.text("person"), r.text("body"), r.text("role"), r.date.iso(),
              r.text("to")});
      break;
    case Kind::meeting:
      db.run("INSERT INTO steering_meetings(id, committee, date, agenda, conclusions) VALUES (?, ?, ?, ?, ?)",
             {r.key, r.text("committee"), r.date.iso(), r.p["agenda"].dump(),
              r.p.contains("conclusions") && !r.p["conclusions"].is_null() ? r.p["conclusions"].dump() : "[]"});
      break;
    case Kind::key_case: put_key_case(db, ledger.key_cases().at(r.key)); break;
    case Kind::periodic_report: break;  // read from the journal through the ledger
  }
}

Ledger load_ledger(Db& db) {
  Ledger ledger;
  std::string in;
  for (Kind k : kKinds) in += std::string(in.empty() ? "'" : ", '") + std::string(to_string(k)) + "'";
  db.run("SELECT kind, body, recorded_at FROM journal WHERE kind IN (" + in + ") ORDER BY pos", {}, [&](const Row& row) {
    auto j = nlohmann::json::parse(row.s(1), nullptr, false);
    Parsed p = j.is_discarded() ? Parsed{Refusal{"bad_field", "not JSON", ""}}
                                : parse_steering(row.s(0), j, row.i(2), false);
    auto* r = std::get_if<Record>(&p);
    if (!r) throw StoreError("a journal entry of " + row.s(0) + " cannot be read back");
    ledger.apply(std::move(*r));
  });
  return ledger;
}

std::vector<std::string> stored_attachment_parts(Db& db, const std::string& sha256) {
  std::vector<std::string> out;
  db.run("SELECT body FROM journal WHERE kind = 'attachment' AND stream = ? ORDER BY seq", {sha256},
         [&](const Row& row) { out.push_back(row.s(0)); });
  return out;
}

int64_t count_rows(Db& db, const std::string& table) {
  auto r = db.one("SELECT COUNT(*) FROM " + table);
  return r ? r->i(0) : 0;
}

std::vector<DirectiveRow> list_directives(Db& db, const std::vector<std::string>& agencies) {
  std::string sql =
      "SELECT d.id, d.number, d.issuer, d.date, d.title, d.agency, d.replaces, "
      "(SELECT COUNT(*) FROM steering_tasks t WHERE t.source = d.id AND t.from_meeting = 0) FROM steering_directives d";
  std::vector<Value> params;
  if (!agencies.empty()) {
    sql += " WHERE d.agency IN (";
    for (size_t i = 0; i < agencies.size(); ++i) sql += i ? ", ?" : "?", params.emplace_back(agencies[i]);
    sql += ")";
  }
  sql += " ORDER BY d.date DESC, d.id";
  std::vector<DirectiveRow> out;
  db.run(sql, params, [&](const Row& r) {
    out.push_back({r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), r.i(7)});
  });
  return out;
}

std::vector<CaseFacts> candidate_cases(Db& db, const std::vector<std::string>& agencies, Date opened_before,
                                       int64_t large_amount, int64_t limit) {
  std::vector<CaseFacts> out;
  if (agencies.empty()) return out;
  std::string in;
  std::vector<Value> params;
  for (const std::string& a : agencies) in += in.empty() ? "?" : ", ?", params.emplace_back(a);
  std::vector<Value> p1 = params;
  p1.emplace_back(opened_before.iso());
  p1.emplace_back(large_amount);
  p1.emplace_back(limit);
  std::map<std::string, size_t> at;
  db.run("SELECT case_id, agency, opened_date, remaining FROM cases WHERE ended = '' AND agency IN (" + in +
             ") AND (opened_date < ? OR remaining >= ?) ORDER BY opened_date, case_id LIMIT ?",
         p1, [&](const Row& r) {
           at[r.s(0)] = out.size();
           out.push_back({r.s(0), r.s(1), Date::parse(r.s(2)).value_or(Date{}), r.i(3), false, false});
         });
  std::vector<Value> p2 = params;
  p2.emplace_back(limit);
  db.run("SELECT DISTINCT s.case_id, c.agency, c.opened_date, c.remaining FROM oversight_streams s "
         "JOIN cases c ON c.case_id = s.case_id WHERE s.kind = 'complaint' AND s.state = 'open' AND c.ended = '' "
         "AND c.agency IN (" + in + ") ORDER BY s.case_id LIMIT ?",
         p2, [&](const Row& r) {
           if (auto it = at.find(r.s(0)); it != at.end()) {
             out[it->second].complaint_pending = true;
             return;
           }
           at[r.s(0)] = out.size();
           out.push_back({r.s(0), r.s(1), Date::parse(r.s(2)).value_or(Date{}), r.i(3), true, false});
         });
  // Open cases with coercion events: the latest plan decides (domain rule
  // mobilised_coercion_pending).
  std::map<std::string, std::vector<nlohmann::json>> coercion;
  std::map<std::string, CaseFacts> facts;
  db.run("SELECT j.stream, j.body, c.agency, c.opened_date, c.remaining FROM journal j "
         "JOIN cases c ON c.case_id = j.stream WHERE j.kind = 'event' AND c.ended = '' AND c.agency IN (" + in +
             ") AND j.body LIKE '%\"coercion\\_%' ESCAPE '\\' ORDER BY j.stream, j.seq",
         params, [&](const Row& r) {
           coercion[r.s(0)].push_back(nlohmann::json::parse(r.s(1), nullptr, false));
           facts.try_emplace(r.s(0), CaseFacts{r.s(0), r.s(2), Date::parse(r.s(3)).value_or(Date{}), r.i(4), false, false});
         });
  // Plans voided by the coordination module's records: their events do not
  // count (one query for the subtree).
  const std::map<std::string, std::set<int64_t>> voided = coordination::voided_plan_events_in(db, agencies);
  const std::set<int64_t> none;
  for (const auto& [id, events] : coercion) {
    const auto v = voided.find(id);
    if (!mobilised_coercion_pending(events, v == voided.end() ? none : v->second)) continue;
    if (auto it = at.find(id); it != at.end()) {
      out[it->second].coercion_planned = true;
    } else if (static_cast<int64_t>(out.size()) < limit) {
      at[id] = out.size();
      out.push_back(facts.at(id));
      out.back().coercion_planned = true;
    }
  }
  return out;
}

}  // namespace thads::steering
