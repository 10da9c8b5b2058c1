#include "modules/oversight/store/oversight_store.h"

#include <stdexcept>

namespace thads::oversight {
namespace {

Act read_act(StreamKind kind, const std::string& body, int64_t recorded_at) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  Parsed p = j.is_discarded() ? Parsed{Refusal{"bad_field", "not JSON", ""}}
                              : parse_oversight(to_string(kind), j, recorded_at, false);
  auto* a = std::get_if<Act>(&p);
  if (!a) throw StoreError("a journal entry of " + std::string(to_string(kind)) + " cannot be read back");
  a->recorded_at = recorded_at;
  return std::move(*a);
}

}  // namespace

std::vector<std::string> schema(Dialect) {
  return {
      "CREATE TABLE IF NOT EXISTS bodies (code TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, "
      "agency TEXT NOT NULL, body TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS oversight_streams (id TEXT PRIMARY KEY, kind TEXT NOT NULL, agency TEXT NOT NULL, "
      "case_id TEXT NOT NULL, opened TEXT NOT NULL, state TEXT NOT NULL, end_date TEXT NOT NULL, "
      "officer TEXT NOT NULL, title TEXT NOT NULL, version BIGINT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS oversight_streams_kind_agency ON oversight_streams (kind, agency)",
      "CREATE INDEX IF NOT EXISTS oversight_streams_case ON oversight_streams (case_id)",
  };
}

StreamRow summary_of(const Stream& s) {
  StreamRow r;
  if (!s.exists()) return r;
  const Act& o = s.acts().front();
  r.id = o.id;
  r.kind = std::string(to_string(o.kind));
  r.agency = o.text("agency");
  r.case_id = o.text("case");
  r.opened = o.date.iso();
  r.version = s.version();
  switch (o.kind) {
    case StreamKind::admin_judgment: r.title = o.text("debtor", "name"); break;
    case StreamKind::complaint: r.title = o.text("complainant", "name"); break;
    case StreamKind::denunciation: r.title = o.text("denouncer", "name"); break;
    case StreamKind::procuracy: r.title = o.text("procuracy") + " " + o.text("number"); break;
    case StreamKind::request: r.title = o.text("subject", "name"); break;
  }
  const auto history = s.effective();
  r.state = "open";
  if (s.withdrawn()) r.state = "withdrawn";
  else if (const Act* e = ending_of(history)) r.state = "ended", r.end_date = e->date.iso();
  for (const Act* a : history)
    if (a->type == "officer_assigned") r.officer = a->text("officer");
  return r;
}

void put_body(Db& db, const BodyRecord& b) {
  db.run("INSERT INTO bodies(code, name, type, agency, body) VALUES (?, ?, ?, ?, ?) "
         "ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, agency = excluded.agency, "
         "body = excluded.body",
         {b.code, b.name, b.type, b.agency, b.raw});
}

std::vector<BodyRecord> bodies(Db& db) {
  std::vector<BodyRecord> out;
  db.run("SELECT code, name, type, agency, body FROM bodies ORDER BY code", {},
         [&](const Row& r) { out.push_back({r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)}); });
  return out;
}

void put_stream(Db& db, const StreamRow& r) {
  db.run("INSERT INTO oversight_streams(id, kind, agency, case_id, opened, state, end_date, officer, title, version) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
         "agency = excluded.agency, case_id = excluded.case_id, opened = excluded.opened, state = excluded.state, "
         "end_date = excluded.end_date, officer = excluded.officer, title = excluded.title, version = excluded.version",
         {r.id, r.kind, r.agency, r.case_id, r.opened, r.state, r.end_date, r.officer, r.title, r.version});
}

std::vector<Act> load_acts(Db& db, StreamKind kind, const std::string& id) {
  std::vector<Act> out;
  db.run("SELECT body, recorded_at FROM journal WHERE kind = ? AND stream = ? ORDER BY seq",
         {std::string(to_string(kind)), id}, [&](const Row& r) { out.push_back(read_act(kind, r.s(0), r.i(1))); });
  return out;
}

std::optional<StreamKind> kind_of(Db& db, const std::string& id) {
  for (StreamKind k : kStreamKinds)
    if (db.one("SELECT 1 FROM journal WHERE kind = ? AND stream = ? AND seq = 1", {std::string(to_string(k)), id}))
      return k;
  return std::nullopt;
}

std::vector<std::string> requests_of_case(Db& db, const std::string& case_id) {
  std::vector<std::string> out;
  db.run("SELECT id FROM oversight_streams WHERE case_id = ? AND kind = 'request' ORDER BY id", {case_id},
         [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

void for_each_stream(Db& db, StreamKind kind, std::optional<int64_t> known_at,
                     const std::function<void(std::vector<Act>&)>& f) {
  std::vector<Act> acts;
  std::string sql = "SELECT stream, body, recorded_at FROM journal WHERE kind = ?";
  std::vector<Value> params{std::string(to_string(kind))};
  if (known_at) sql += " AND recorded_at <= ?", params.emplace_back(*known_at);
  sql += " ORDER BY stream, seq";
  db.run(sql, params, [&](const Row& r) {
    const std::string id = r.s(0);
    if (!acts.empty() && acts.front().id != id) {
      f(acts);
      acts.clear();
    }
    acts.push_back(read_act(kind, r.s(1), r.i(2)));
  });
  if (!acts.empty()) f(acts);
}

}  // namespace thads::oversight
