#include "modules/accountability/store/accountability_store.h"

#include <stdexcept>

#include "store/in_list.h"

namespace thads::accountability {
namespace {

constexpr const char* kColumns =
    "SELECT id, kind, agency, by_agency, opened, state, end_date, officer, title, mode, measure, findings, remedies, "
    "remedies_done, version FROM acc_streams";

Summary summary_row(const Row& r) {
  Summary m;
  m.id = r.s(0), m.kind = r.s(1), m.agency = r.s(2), m.by = r.s(3), m.opened = r.s(4), m.state = r.s(5);
  m.end_date = r.s(6), m.officer = r.s(7), m.title = r.s(8), m.mode = r.s(9), m.measure = r.s(10);
  m.findings = r.i(11), m.remedies = r.i(12), m.remedies_done = r.i(13), m.version = r.i(14);
  return m;
}

std::string where_of(const Filter& f, std::vector<Value>& params) {
  std::string sql;
  auto add = [&](const std::string& t) { sql += (sql.empty() ? " WHERE " : " AND ") + t; };
  if (!f.kind.empty()) add("kind = ?"), params.emplace_back(f.kind);
  if (!f.state.empty()) add("state = ?"), params.emplace_back(f.state);
  if (!f.agencies.empty()) {
    std::string in = "agency IN (";
    for (size_t i = 0; i < f.agencies.size(); ++i) in += i ? ", ?" : "?", params.emplace_back(f.agencies[i]);
    add(in + ")");
  }
  return sql;
}

}  // namespace

std::vector<std::string> schema(Dialect) {
  return {
      "CREATE TABLE IF NOT EXISTS acc_streams (id TEXT PRIMARY KEY, kind TEXT NOT NULL, agency TEXT NOT NULL, "
      "by_agency TEXT NOT NULL, opened TEXT NOT NULL, state TEXT NOT NULL, end_date TEXT NOT NULL, "
      "officer TEXT NOT NULL, title TEXT NOT NULL, mode TEXT NOT NULL, measure TEXT NOT NULL, findings BIGINT NOT NULL, "
      "remedies BIGINT NOT NULL, remedies_done BIGINT NOT NULL, version BIGINT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS acc_streams_kind_agency ON acc_streams (kind, agency)",
      "CREATE TABLE IF NOT EXISTS acc_deliveries (case_id TEXT NOT NULL, decision BIGINT NOT NULL, sent TEXT NOT NULL, "
      "body TEXT NOT NULL, PRIMARY KEY (case_id, decision))",
  };
}

std::string delivery_stream(const std::string& case_id, int64_t decision) { return case_id + "#" + std::to_string(decision); }

void project(Db& db, const AccStream& s) {
  const Summary m = summary_of(s);
  db.run("INSERT INTO acc_streams(id, kind, agency, by_agency, opened, state, end_date, officer, title, mode, measure, "
         "findings, remedies, remedies_done, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET state = excluded.state, end_date = excluded.end_date, "
         "measure = excluded.measure, findings = excluded.findings, remedies = excluded.remedies, "
         "remedies_done = excluded.remedies_done, version = excluded.version",
         {m.id, m.kind, m.agency, m.by, m.opened, m.state, m.end_date, m.officer, m.title, m.mode, m.measure,
          m.findings, m.remedies, m.remedies_done, m.version});
}

void put_delivery(Db& db, const Delivery& d) {
  if (d.voided) {
    db.run("DELETE FROM acc_deliveries WHERE case_id = ? AND decision = ?", {d.case_id, d.decision});
    return;
  }
  db.run("INSERT INTO acc_deliveries(case_id, decision, sent, body) VALUES (?, ?, ?, ?) "
         "ON CONFLICT (case_id, decision) DO UPDATE SET sent = excluded.sent, body = excluded.body",
         {d.case_id, d.decision, d.date.iso(), d.raw});
}

namespace {
Delivery delivery_of(const std::string& body, int64_t recorded_at) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  Parsed p = parse_accountability("delivery", j, recorded_at, false);
  auto* d = std::get_if<Delivery>(&p);
  if (!d) throw StoreError("a stored delivery cannot be read back");
  return std::move(*d);
}
}  // namespace

std::vector<Rec> load_recs(Db& db, Kind kind, const std::string& id) {
  std::vector<Rec> out;
  db.run("SELECT body, recorded_at FROM journal WHERE kind = ? AND stream = ? ORDER BY seq", {std::string(to_string(kind)), id},
         [&](const Row& r) {
           auto j = nlohmann::json::parse(r.s(0), nullptr, false);
           Parsed p = parse_accountability(to_string(kind), j, r.i(1), false);
           auto* rec = std::get_if<Rec>(&p);
           if (!rec) throw StoreError("a journal entry of " + std::string(to_string(kind)) + " cannot be read back");
           rec->recorded_at = r.i(1);
           out.push_back(std::move(*rec));
         });
  return out;
}

void for_each_record(Db& db, Kind kind, std::optional<int64_t> known_at, const std::function<void(AccStream&)>& f) {
  std::string sql = "SELECT stream, body, recorded_at FROM journal WHERE kind = ?";
  std::vector<Value> params{std::string(to_string(kind))};
  if (known_at) sql += " AND recorded_at <= ?", params.emplace_back(*known_at);
  sql += " ORDER BY stream, seq";
  std::vector<Rec> recs;
  auto flush = [&] {
    AccStream s(std::move(recs));
    recs.clear();
    f(s);
  };
  db.run(sql, params, [&](const Row& r) {
    if (!recs.empty() && recs.front().id != r.s(0)) flush();
    auto j = nlohmann::json::parse(r.s(1), nullptr, false);
    Parsed p = parse_accountability(to_string(kind), j, r.i(2), false);
    auto* rec = std::get_if<Rec>(&p);
    if (!rec) throw StoreError("a journal entry of " + std::string(to_string(kind)) + " cannot be read back");
    recs.push_back(std::move(*rec));
  });
  if (!recs.empty()) flush();
}

std::optional<std::vector<std::string>> stream_agencies(Db& db, const std::vector<std::string>& ids) {
  return distinct_cells_one_row_each(db, "SELECT agency, by_agency FROM acc_streams WHERE id IN ", ids);
}

std::optional<Kind> kind_of(Db& db, const std::string& id) {
  for (Kind k : kKinds)
    if (db.one("SELECT 1 FROM journal WHERE kind = ? AND stream = ? AND seq = 1", {std::string(to_string(k)), id})) return k;
  return std::nullopt;
}

std::vector<Delivery> delivery_records(Db& db, const std::string& case_id, int64_t decision) {
  std::vector<Delivery> out;
  db.run("SELECT body, recorded_at FROM journal WHERE kind = 'delivery' AND stream = ? ORDER BY seq",
         {delivery_stream(case_id, decision)}, [&](const Row& r) { out.push_back(delivery_of(r.s(0), r.i(1))); });
  return out;
}

std::vector<Delivery> deliveries_of_case(Db& db, const std::string& case_id) {
  std::vector<Delivery> out;
  db.run("SELECT body FROM acc_deliveries WHERE case_id = ? ORDER BY decision", {case_id},
         [&](const Row& r) { out.push_back(delivery_of(r.s(0), 0)); });
  return out;
}

std::vector<Summary> list(Db& db, const Filter& f) {
  std::vector<Value> params;
  const std::string where = where_of(f, params);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<Summary> out;
  db.run(std::string(kColumns) + where + " ORDER BY opened DESC, id LIMIT ? OFFSET ?", params,
         [&](const Row& r) { out.push_back(summary_row(r)); });
  return out;
}

int64_t count(Db& db, const Filter& f) {
  std::vector<Value> params;
  auto r = db.one("SELECT COUNT(*) FROM acc_streams" + where_of(f, params), params);
  return r ? r->i(0) : 0;
}

std::optional<Summary> row(Db& db, const std::string& id) {
  auto r = db.one(std::string(kColumns) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return summary_row(*r);
}

int64_t with_prefix(Db& db, const std::string& prefix) {
  auto r = db.one("SELECT COUNT(*) FROM acc_streams WHERE id LIKE ?", {prefix + "%"});
  return r ? r->i(0) : 0;
}

std::vector<std::string> unable_cases(Db& db, const std::vector<std::string>& agencies, const std::string& from,
                                      const std::string& to) {
  std::vector<std::string> out;
  if (agencies.empty()) return out;
  std::vector<Value> params;
  std::string in;
  for (size_t i = 0; i < agencies.size(); ++i) in += i ? ", ?" : "?", params.emplace_back(agencies[i]);
  params.emplace_back(from), params.emplace_back(to);
  // A timeline point is "days:kind:status:amount"; kind 0 is a status change, status 3 `unable`
  // (domain/case_view.cc serialize, domain/statistics.h TimelinePoint, domain/event.h Status).
  params.emplace_back(std::string("%:0:3:%"));
  db.run("SELECT case_id FROM cases WHERE agency IN (" + in +
             ") AND ((unable_date >= ? AND unable_date <= ? AND unable_date <> '') OR timeline LIKE ?) ORDER BY case_id",
         params, [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

bool officer_known(Db& db, const std::string& id) {
  return db.one("SELECT 1 FROM officers WHERE id = ?", {id}).has_value();
}

std::string case_agency(Db& db, const std::string& case_id) {
  auto r = db.one("SELECT agency FROM cases WHERE case_id = ?", {case_id});
  return r ? r->s(0) : std::string();
}

}  // namespace thads::accountability
