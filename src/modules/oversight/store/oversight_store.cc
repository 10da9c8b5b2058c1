#include "modules/oversight/store/oversight_store.h"

#include <algorithm>
#include <stdexcept>

#include "domain/text.h"
#include "store/in_list.h"
#include "modules/oversight/domain/publication.h"
#include "modules/oversight/store/stream_hooks.h"

namespace thads::oversight {
namespace {

Act read_act(StreamKind kind, const std::string& body, int64_t recorded_at) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  Parsed p = j.is_discarded() ? Parsed{Refusal{"bad_field", "not JSON", ""}}
                              : parse_oversight(to_string(kind), std::move(j), recorded_at, false);
  auto* a = std::get_if<Act>(&p);
  if (!a) throw StoreError("a journal entry of " + std::string(to_string(kind)) + " cannot be read back");
  a->recorded_at = recorded_at;
  a->raw = body;  // the stored, canonical text (parse_oversight)
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
      "CREATE TABLE IF NOT EXISTS public_non_compliance (id TEXT PRIMARY KEY, agency TEXT NOT NULL, "
      "debtor_name TEXT NOT NULL, debtor_address TEXT NOT NULL, obligation TEXT NOT NULL, "
      "compel_number TEXT NOT NULL, compel_court TEXT NOT NULL, compel_order_date TEXT NOT NULL, "
      "since TEXT NOT NULL, portals TEXT NOT NULL, search TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS public_non_compliance_since ON public_non_compliance (since)",
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

void project(Db& db, const Stream& s) {
  if (!s.exists()) return;
  put_stream(db, summary_of(s));
  run_stream_projections(db, s);  // other modules' read models (stream_hooks.h)
  if (s.acts().front().kind != StreamKind::admin_judgment) return;
  // The public list holds a row only for a file with a `published` act
  // (current_publication): a file that never had one has none to replace.
  // Most files are never published; this spares each a statement.
  const auto& acts = s.acts();
  if (std::none_of(acts.begin(), acts.end(), [](const Act& a) { return a.type == "published"; })) return;
  const std::string id = s.acts().front().id;
  db.run("DELETE FROM public_non_compliance WHERE id = ?", {id});
  auto p = current_publication(s);
  if (!p) return;
  db.run("INSERT INTO public_non_compliance(id, agency, debtor_name, debtor_address, obligation, compel_number, "
         "compel_court, compel_order_date, since, portals, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {p->id, p->agency, p->debtor_name, p->debtor_address, p->obligation, p->compel_number, p->compel_court,
          p->compel_order_date.iso(), p->since.iso(), nlohmann::json(p->portals).dump(),
          " " + fold(p->debtor_name) + " "});
}

namespace {

// WHERE clause and parameters: every word occurs in the folded name.
std::string name_filter(const std::vector<std::string>& words, std::vector<Value>& params) {
  std::string sql;
  for (const std::string& w : words) {
    std::string escaped;
    for (char c : w) {
      if (c == '%' || c == '_' || c == '!') escaped += '!';
      escaped += c;
    }
    sql += sql.empty() ? " WHERE" : " AND";
    sql += " search LIKE ? ESCAPE '!'";
    params.emplace_back("%" + escaped + "%");
  }
  return sql;
}

}  // namespace

std::vector<PublicRow> public_non_compliance(Db& db, const std::vector<std::string>& words, int64_t limit,
                                             int64_t offset) {
  std::vector<Value> params;
  const std::string where = name_filter(words, params);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<PublicRow> out;
  db.run("SELECT id, debtor_name, debtor_address, obligation, compel_number, compel_court, compel_order_date, since, "
         "portals FROM public_non_compliance" + where + " ORDER BY since DESC, id LIMIT ? OFFSET ?",
         params, [&](const Row& r) {
           PublicRow p{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), r.s(7), {}};
           auto j = nlohmann::json::parse(r.s(8), nullptr, false);
           if (j.is_array())
             for (const auto& x : j) p.portals.push_back(x.get<std::string>());
           out.push_back(std::move(p));
         });
  return out;
}

namespace {

constexpr const char* kPublicColumns =
    "SELECT id, debtor_name, debtor_address, obligation, compel_number, compel_court, compel_order_date, since, "
    "portals, search FROM public_non_compliance";

PublicRow public_row_of(const Row& r) {
  PublicRow p{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), r.s(7), {}};
  auto j = nlohmann::json::parse(r.s(8), nullptr, false);
  if (j.is_array())
    for (const auto& x : j) p.portals.push_back(x.get<std::string>());
  return p;
}

}  // namespace

void for_each_public_row(Db& db, const std::function<void(PublicRow&&, std::string&& search)>& f) {
  db.run(kPublicColumns, {}, [&](const Row& r) { f(public_row_of(r), r.s(9)); });
}

std::optional<std::pair<PublicRow, std::string>> public_row(Db& db, const std::string& id) {
  auto r = db.one(std::string(kPublicColumns) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return std::pair{public_row_of(*r), r->s(9)};
}

int64_t public_non_compliance_count(Db& db, const std::vector<std::string>& words) {
  std::vector<Value> params;
  const std::string where = name_filter(words, params);
  auto r = db.one("SELECT COUNT(*) FROM public_non_compliance" + where, params);
  return r ? r->i(0) : 0;
}

int64_t count_streams(Db& db, const std::string& kind, const std::string& state) {
  auto r = db.one("SELECT COUNT(*) FROM oversight_streams WHERE (? = '' OR kind = ?) AND (? = '' OR state = ?)",
                  {kind, kind, state, state});
  return r ? r->i(0) : 0;
}

std::vector<Act> load_acts(Db& db, StreamKind kind, const std::string& id) {
  std::vector<Act> out;
  db.run("SELECT body, recorded_at FROM journal WHERE kind = ? AND stream = ? ORDER BY seq",
         {std::string(to_string(kind)), id}, [&](const Row& r) { out.push_back(read_act(kind, r.s(0), r.i(1))); });
  return out;
}

std::optional<std::vector<std::string>> stream_and_case_agencies(Db& db, const std::vector<std::string>& ids) {
  return distinct_cells_one_row_each(db,
                                     "SELECT s.agency, COALESCE(c.agency, '') FROM oversight_streams s "
                                     "LEFT JOIN cases c ON c.case_id = s.case_id WHERE s.id IN ",
                                     ids);
}

void for_each_stream_agency(Db& db, const std::string& kind,
                            const std::function<void(const std::string& id, const std::string& agency)>& f) {
  db.run("SELECT id, agency FROM oversight_streams WHERE kind = ?", {kind}, [&](const Row& r) { f(r.s(0), r.s(1)); });
}

JournalHead journal_head(Db& db) {
  auto r = db.one("SELECT pos, hash FROM journal ORDER BY pos DESC LIMIT 1");
  return r ? JournalHead{r->i(0), r->s(1)} : JournalHead{};
}

std::string journal_hash_at(Db& db, int64_t pos) {
  auto r = db.one("SELECT hash FROM journal WHERE pos = ?", {pos});
  return r ? r->s(0) : "";
}

std::vector<std::string> streams_changed(Db& db, StreamKind kind, int64_t since, int64_t upto, int64_t max, bool* more) {
  std::vector<std::string> out;
  int64_t n = 0;
  db.run("SELECT stream FROM journal WHERE pos > ? AND pos <= ? AND kind = ? ORDER BY pos LIMIT ?",
         {since, upto, std::string(to_string(kind)), max + 1}, [&](const Row& r) {
           ++n;
           out.push_back(r.s(0));
         });
  *more = n > max;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<StreamKind> kind_of(Db& db, const std::string& id) {
  // One statement: the journal's unique (kind, stream, seq) index is probed
  // once per kind.
  std::string sql = "SELECT kind FROM journal WHERE stream = ? AND seq = 1 AND kind IN (";
  std::vector<Value> params{id};
  for (StreamKind k : kStreamKinds) {
    sql += params.size() == 1 ? "?" : ", ?";
    params.emplace_back(std::string(to_string(k)));
  }
  auto row = db.one(sql + ") LIMIT 1", params);
  if (!row) return std::nullopt;
  for (StreamKind k : kStreamKinds)
    if (row->s(0) == to_string(k)) return k;
  return std::nullopt;
}

void for_each_stream_id(Db& db, const std::function<void(const std::string&)>& f) {
  // Per kind, so each statement walks one range of the journal's unique
  // (kind, stream, seq) index.
  for (StreamKind k : kStreamKinds)
    db.run("SELECT stream FROM journal WHERE kind = ? AND seq = 1", {std::string(to_string(k))},
           [&](const Row& r) { f(r.s(0)); });
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

namespace {

constexpr const char* kRowColumns =
    "SELECT id, kind, agency, case_id, opened, state, end_date, officer, title, version FROM oversight_streams";

StreamRow row_of(const Row& r) {
  return StreamRow{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), r.s(7), r.s(8), r.i(9)};
}

std::string in_list(const char* column, const std::vector<std::string>& values, std::vector<Value>& params) {
  std::string sql = std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  return sql + ")";
}

std::string where_of(const StreamFilter& f, std::vector<Value>& params, bool with_kind) {
  std::vector<std::string> terms;
  if (with_kind && !f.kind.empty()) terms.push_back("kind = ?"), params.emplace_back(f.kind);
  if (!f.state.empty()) terms.push_back("state = ?"), params.emplace_back(f.state);
  if (!f.officer.empty()) terms.push_back("officer = ?"), params.emplace_back(f.officer);
  if (!f.agencies.empty()) terms.push_back(in_list("agency", f.agencies, params));
  if (!f.kinds.empty()) terms.push_back(in_list("kind", f.kinds, params));
  std::string sql;
  for (const std::string& t : terms) sql += (sql.empty() ? " WHERE " : " AND ") + t;
  return sql;
}

}  // namespace

std::vector<StreamRow> list_streams(Db& db, const StreamFilter& f) {
  std::vector<Value> params;
  const std::string where = where_of(f, params, true);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<StreamRow> out;
  db.run(std::string(kRowColumns) + where + " ORDER BY opened DESC, id LIMIT ? OFFSET ?", params,
         [&](const Row& r) { out.push_back(row_of(r)); });
  return out;
}

int64_t count_streams(Db& db, const StreamFilter& f) {
  std::vector<Value> params;
  auto r = db.one("SELECT COUNT(*) FROM oversight_streams" + where_of(f, params, true), params);
  return r ? r->i(0) : 0;
}

std::vector<std::pair<std::string, int64_t>> count_by_kind(Db& db, const StreamFilter& f) {
  std::vector<Value> params;
  std::vector<std::pair<std::string, int64_t>> out;
  db.run("SELECT kind, COUNT(*) FROM oversight_streams" + where_of(f, params, false) + " GROUP BY kind ORDER BY kind",
         params, [&](const Row& r) { out.emplace_back(r.s(0), r.i(1)); });
  return out;
}

std::optional<StreamRow> stream_row(Db& db, const std::string& id) {
  auto r = db.one(std::string(kRowColumns) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return row_of(*r);
}

std::vector<StreamRow> streams_of_case(Db& db, const std::string& case_id, const std::vector<std::string>& kinds) {
  std::vector<StreamRow> out;
  if (kinds.empty()) return out;
  std::vector<Value> params{case_id};
  const std::string sql =
      std::string(kRowColumns) + " WHERE case_id = ? AND " + in_list("kind", kinds, params) + " ORDER BY opened, id";
  db.run(sql, params, [&](const Row& r) { out.push_back(row_of(r)); });
  return out;
}

std::vector<std::pair<std::string, int64_t>> monitoring_loads(Db& db, const std::string& agency) {
  std::vector<std::pair<std::string, int64_t>> out;
  db.run("SELECT officer, COUNT(*) FROM oversight_streams WHERE kind = 'admin_judgment' AND state = 'open' "
         "AND agency = ? AND officer <> '' GROUP BY officer ORDER BY officer",
         {agency}, [&](const Row& r) { out.emplace_back(r.s(0), r.i(1)); });
  return out;
}

int64_t streams_with_prefix(Db& db, const std::string& prefix) {
  auto r = db.one("SELECT COUNT(*) FROM oversight_streams WHERE id LIKE ?", {prefix + "%"});
  return r ? r->i(0) : 0;
}

std::string case_officer(Db& db, const std::string& case_id) {
  auto r = db.one("SELECT officer FROM cases WHERE case_id = ?", {case_id});
  return r ? r->s(0) : std::string();
}

std::vector<StreamRow> requests_of_officer(Db& db, const std::string& officer) {
  std::vector<StreamRow> out;
  db.run("SELECT s.id, s.kind, s.agency, s.case_id, s.opened, s.state, s.end_date, s.officer, s.title, s.version "
         "FROM oversight_streams s JOIN cases c ON c.case_id = s.case_id "
         "WHERE s.kind = 'request' AND s.state <> 'withdrawn' AND c.officer = ? ORDER BY s.id",
         {officer}, [&](const Row& r) { out.push_back(row_of(r)); });
  return out;
}

// The journal body is the act's canonical JSON (acts.h `raw`), so the
// field reads `"first":"<id>"` verbatim.
std::vector<std::string> second_level_complaints(Db& db, const std::string& first) {
  std::string pattern = "%\"first\":" + nlohmann::json(first).dump() + "%";
  std::string escaped;
  for (char c : pattern.substr(1, pattern.size() - 2)) {
    if (c == '\\' || c == '_' || c == '%') escaped += '\\';
    escaped += c;
  }
  std::vector<std::string> out;
  db.run("SELECT stream FROM journal WHERE kind = 'complaint' AND seq = 1 AND body LIKE ? ESCAPE '\\' "
         "ORDER BY stream",
         {"%" + escaped + "%"}, [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

}  // namespace thads::oversight
