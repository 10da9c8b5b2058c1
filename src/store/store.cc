#include "store/store.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>

#include "store/audit_chain.h"
#include "store/audit_keys.h"
#include "store/faulty_db.h"
#include "store/journal_codec.h"
#include "store/read_model_snapshots.h"
#include "store/schema.h"
#include "store/store_extensions.h"

namespace thads {

// ---------------------------------------------------------------- Store ----

Store::~Store() = default;

Db& Store::db() { return *db_; }

Snapshot::Snapshot(Store& store) : tx_(std::make_unique<ReadTx>(store.db())) {}
Snapshot::~Snapshot() = default;
void Snapshot::commit() { tx_->commit(); }

Store::Store(std::unique_ptr<Db> db, bool create) : db_(std::move(db)) {
  // Refused before anything is written: a layout this build does not know.
  if (const int v = schema_version(); v > kSchemaVersion)
    throw StoreError("this store was written by a newer thads (layout version " + std::to_string(v) +
                     "; this build knows versions up to " + std::to_string(kSchemaVersion) +
                     "): nothing was changed. Use the newer thads, or restore a backup made with this one");
  if (create) create_schema();
}

int Store::schema_version() {
  const bool has_meta =
      db_->dialect() == Dialect::postgres
          ? db_->one("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                     "AND table_name = 'meta'")
                .has_value()
          : db_->one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").has_value();
  if (!has_meta) return 0;
  auto r = db_->one("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!r) return 0;
  const std::string s = r->s(0);
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 1)
    throw StoreError("the store's layout version is not readable (meta.schema_version = '" + s + "')");
  return v;
}

namespace {

enum class Holds { nothing, thads, other };

// What a SQLite file holds: no table, a thads store (its `meta` table), or
// the tables of another program (their names in *names).
Holds sqlite_holds(Db& db, std::string* names) {
  bool any = false, meta = false;
  db.run("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", {},
         [&](const Row& r) {
           any = true;
           const std::string n = r.s(0);
           if (n == "meta") meta = true;
           if (names->size() < 200) *names += (names->empty() ? "" : ", ") + n;
         });
  return meta ? Holds::thads : any ? Holds::other : Holds::nothing;
}

StoreError foreign(const std::string& location, const std::string& names) {
  return StoreError(location + " is not a thads store: it holds the tables of another program (" + names +
                    "); nothing was written to it. Give a thads store, or a new file to create one");
}

// A column that must hold a whole number; nullopt when it holds anything else.
std::optional<int64_t> whole_number(const Row& r, size_t k) {
  if (auto* v = std::get_if<int64_t>(&r.cols[k])) return *v;
  const std::string s = r.s(k);
  int64_t out = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return out;
}

// A random name of a store (16 bytes, hex): binds its checkpoints and its
// anchor in the key directory to it.
std::string new_store_id() {
  if (sodium_init() < 0) throw StoreError("libsodium failed to initialise");
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  char hex[sizeof b * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

std::string meta_value(Db& db, const char* key) {
  auto r = db.one("SELECT value FROM meta WHERE key = ?", {std::string(key)});
  return r ? r->s(0) : "";
}

void put_meta(Db& db, const char* key, const std::string& value) {
  db.run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
         {std::string(key), value});
}

// Journal layout 2: a dictionary is trained once the journal holds
// kTrainAfter entries, from the bodies of the last kTrainSamples of them
// (about 2 MB of text; zstd trains in well under a second), at most
// kDictionaryBytes large. Measured on the demo's bodies (docs/storage.md).
constexpr int64_t kTrainAfter = 10000;
constexpr int64_t kTrainSamples = 10000;
constexpr size_t kDictionaryBytes = 64 * 1024;
constexpr int64_t kLargestSample = 64 * 1024;
constexpr size_t kSampleBytes = 8u << 20;

// The legal day (UTC+7) of an instant, as a day number: one checkpoint a day.
int64_t vn_day(int64_t unix_seconds) { return (unix_seconds + 7 * 3600) / 86400; }

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& location) {
  if (is_postgres_url(location)) return std::unique_ptr<Store>(new Store(wrap_db(open_postgres(location), location), true));
  // Looked at read-only first: opening for writing already turns on the
  // WAL mode, a change to the file.
  if (!missing(location) && location != ":memory:") {
    std::string names;
    if (sqlite_holds(*open_sqlite(location, true), &names) == Holds::other) throw foreign(location, names);
  }
  return std::unique_ptr<Store>(new Store(wrap_db(open_sqlite(location), location), true));
}

std::unique_ptr<Store> Store::open_read_only(const std::string& location) {
  if (is_postgres_url(location)) {
    auto db = wrap_db(open_postgres(location), location);
    const bool has = db->one("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_name = 'meta'").has_value();
    return std::unique_ptr<Store>(new Store(std::move(db), !has));
  }
  auto db = wrap_db(open_sqlite(location, true), location);
  std::string names;
  switch (sqlite_holds(*db, &names)) {
    case Holds::nothing: return nullptr;
    case Holds::other: throw foreign(location, names);
    case Holds::thads: break;
  }
  return std::unique_ptr<Store>(new Store(std::move(db), false));
}

bool Store::missing(const std::string& location) {
  return !is_postgres_url(location) && !std::filesystem::exists(location);
}

int Store::journal_layout() {
  if (journal_layout_ == 0)
    journal_layout_ = db_->dialect() == Dialect::sqlite &&
                              db_->one("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'journal'")
                          ? 2
                          : 1;
  return journal_layout_;
}

namespace {
// The journal layout of a new SQLite store: 2, unless the environment asks
// for 1 (THADS_SQLITE_JOURNAL_LAYOUT=1: to compare the two, docs/storage.md).
int new_sqlite_journal_layout() {
  const char* v = std::getenv("THADS_SQLITE_JOURNAL_LAYOUT");
  return v && std::string_view(v) == "1" ? 1 : 2;
}
}  // namespace

void Store::create_schema() {
  const bool pg = db_->dialect() == Dialect::postgres;
  if (pg) db_->exec("SELECT pg_advisory_lock(727274)");  // one schema creator at a time
  // A SQLite store keeps the layout it was made with; a new one gets 2.
  const bool fresh_sqlite =
      !pg && !db_->one("SELECT 1 FROM sqlite_master WHERE name IN ('journal', 'journal_data')").has_value();
  const int layout = pg ? 1 : fresh_sqlite ? new_sqlite_journal_layout() : journal_layout();
  journal_layout_ = 0;  // looked at again after the statements
  for (const std::string& stmt : schema_statements(db_->dialect(), layout)) db_->exec(stmt);
  for (const SchemaSource& module : registered_schemas())
    for (const std::string& stmt : module(db_->dialect())) db_->exec(stmt);
  // A new store is keyed from its first entry (chain version 2); a store
  // written before version 2 has a chain head but no keyed_from yet, and is
  // marked by its first write (WriteTx).
  if (!db_->one("SELECT 1 FROM meta WHERE key = 'chain_head'")) {
    db_->run("INSERT INTO meta(key, value) VALUES ('keyed_from', '1') ON CONFLICT (key) DO NOTHING", {});
    db_->run("INSERT INTO meta(key, value) VALUES ('store_id', ?) ON CONFLICT (key) DO NOTHING", {new_store_id()});
  }
  db_->run("INSERT INTO meta(key, value) VALUES ('chain_head', ?) ON CONFLICT (key) DO NOTHING",
           {"0 " + genesis_hash()});
  db_->run("INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
           {std::to_string(kSchemaVersion)});
  // An older store: its migrations, in order, in one transaction.
  const int from = schema_version();
  if (from < kSchemaVersion) {
    db_->begin_write();
    try {
      for (const Migration& m : migrations()) {
        if (m.to <= from) continue;
        for (const std::string& stmt : m.statements(db_->dialect())) db_->exec(stmt);
      }
      db_->run("UPDATE meta SET value = ? WHERE key = 'schema_version'", {std::to_string(kSchemaVersion)});
      db_->commit();
    } catch (...) {
      db_->rollback();
      if (pg) db_->exec("SELECT pg_advisory_unlock(727274)");
      throw;
    }
  }
  if (pg) db_->exec("SELECT pg_advisory_unlock(727274)");
}

std::vector<AgencyRecord> Store::agencies() {
  std::vector<AgencyRecord> out;
  db_->run("SELECT code, name, level, parent, body FROM agencies ORDER BY code", {}, [&](const Row& r) {
    out.push_back({r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)});
  });
  return out;
}

std::vector<OfficerRecord> Store::officers() {
  std::vector<OfficerRecord> out;
  db_->run("SELECT id, name, agency, role, body FROM officers ORDER BY id", {}, [&](const Row& r) {
    out.push_back({r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)});
  });
  return out;
}

std::set<std::string> Store::inactive_officers() {
  std::set<std::string> out;
  db_->run("SELECT id FROM officer_inactive", {}, [&](const Row& r) { out.insert(r.s(0)); });
  return out;
}

std::vector<JournalEntry> Store::stream_entries(const std::string& kind, const std::string& stream) {
  std::vector<JournalEntry> out;
  db_->run("SELECT pos, seq, recorded_at, actor, body, hash FROM journal WHERE kind = ? AND stream = ? ORDER BY seq",
           {kind, stream}, [&](const Row& r) {
             out.push_back({r.i(0), kind, stream, r.i(1), r.i(2), r.s(3), r.s(4), r.s(5)});
           });
  return out;
}

std::vector<TargetRecord> Store::targets() {
  std::vector<TargetRecord> out;
  db_->run("SELECT agency, fiscal_year, cases_rate, money_rate, body FROM targets", {}, [&](const Row& r) {
    out.push_back({r.s(0), static_cast<int>(r.i(1)), r.i(2), r.i(3), r.s(4)});
  });
  return out;
}

std::vector<HolidayRec> Store::holidays() {
  std::vector<HolidayRec> out;
  db_->run("SELECT date, type, name, body FROM holidays ORDER BY date", {}, [&](const Row& r) {
    HolidayRec h;
    h.day.date = Date::parse(r.s(0)).value_or(Date{});
    h.day.type = r.s(1) == "working_day" ? DayType::working_day : DayType::day_off;
    h.day.name = r.s(2);
    h.raw = r.s(3);
    out.push_back(std::move(h));
  });
  return out;
}

std::vector<Event> Store::load_stream(const std::string& case_id) {
  std::vector<Event> out;
  db_->run("SELECT body, recorded_at FROM journal WHERE kind = 'event' AND stream = ? ORDER BY seq", {case_id},
           [&](const Row& r) {
             auto e = parse_stored_event(r.s(0), r.i(1));
             if (!e) throw StoreError("stored event of case " + case_id + " cannot be read back");
             out.push_back(std::move(*e));
           });
  return out;
}

std::optional<Event> Store::load_event(const std::string& case_id, int64_t seq) {
  auto r = db_->one("SELECT body, recorded_at FROM journal WHERE kind = 'event' AND stream = ? AND seq = ?",
                    {case_id, seq});
  if (!r) return std::nullopt;
  auto e = parse_stored_event(r->s(0), r->i(1));
  if (!e) throw StoreError("stored event of case " + case_id + " cannot be read back");
  return e;
}

int64_t Store::version_of(const std::string& case_id) {
  auto r = db_->one("SELECT version FROM cases WHERE case_id = ?", {case_id});
  return r ? r->i(0) : 0;
}

std::vector<std::string> Store::case_ids() {
  std::vector<std::string> out;
  db_->run("SELECT DISTINCT stream FROM journal WHERE kind = 'event' ORDER BY stream", {},
           [&](const Row& r) { out.push_back(r.s(0)); });
  return out;
}

bool Store::has_case_stream(const std::string& case_id) {
  return db_->one("SELECT 1 FROM journal WHERE kind = 'event' AND stream = ? LIMIT 1", {case_id}).has_value();
}

std::vector<JournalEntry> Store::entries_between(int64_t after, int64_t before, const std::string& kind, int64_t max) {
  std::vector<JournalEntry> out;
  db_->run("SELECT pos, kind, stream, seq, recorded_at, actor, body, hash FROM journal "
           "WHERE pos > ? AND pos < ? AND kind = ? ORDER BY pos LIMIT ?",
           {after, before, kind, max}, [&](const Row& r) {
             out.push_back({r.i(0), r.s(1), r.s(2), r.i(3), r.i(4), r.s(5), r.s(6), r.s(7)});
           });
  return out;
}

void Store::for_each_entry(const std::function<void(const JournalEntry&)>& f) {
  db_->run("SELECT pos, kind, stream, seq, recorded_at, actor, body, hash FROM journal ORDER BY pos", {},
           [&](const Row& r) { f({r.i(0), r.s(1), r.s(2), r.i(3), r.i(4), r.s(5), r.s(6), r.s(7)}); });
}

void Store::use_request_page_cache() {
  if (db_->dialect() == Dialect::sqlite) db_->exec("PRAGMA cache_size=-16384");
}

int64_t Store::journal_position() {
  auto r = db_->one("SELECT value FROM meta WHERE key = 'chain_head'");
  if (!r) return 0;
  const std::string v = r->s(0);
  return std::stoll(v.substr(0, v.find(' ')));
}

Store::JournalChanges Store::changes_since(int64_t since, int64_t max) {
  JournalChanges out;
  int64_t n = 0;
  db_->run("SELECT kind, stream FROM journal WHERE pos > ? ORDER BY pos LIMIT ?", {since, max + 1}, [&](const Row& r) {
    ++n;
    const std::string kind = r.s(0);
    if (kind == "event") out.cases.push_back(r.s(1));
    // Agencies, officers, targets, holidays; not accounts nor the settings
    // applied (docs/settings.md): they change no read model.
    else if (kind != "user" && kind != "settings" && !is_module_journal_kind(kind)) out.reference = true;
  });
  out.too_many = n > max;
  std::sort(out.cases.begin(), out.cases.end());
  out.cases.erase(std::unique(out.cases.begin(), out.cases.end()), out.cases.end());
  return out;
}

int64_t Store::journal_size() {
  // Layout 2: every entry of journal_data has its stream (the view's join
  // loses none), so its rows alone are counted, without the join.
  auto r = db_->one(journal_layout() == 2 ? "SELECT COUNT(*) FROM journal_data" : "SELECT COUNT(*) FROM journal");
  return r ? r->i(0) : 0;
}

std::string Store::store_id() { return meta_value(*db_, "store_id"); }

namespace {
// A store written before checkpoints, opened read-only, has no such table.
bool has_checkpoints_table(Db& db) {
  return db.dialect() == Dialect::postgres
             ? db.one("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                      "AND table_name = 'checkpoints'")
                   .has_value()
             : db.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").has_value();
}
}  // namespace

Store::CheckpointPage Store::checkpoints_newest(int64_t limit, int64_t before) {
  CheckpointPage page;
  if (!has_checkpoints_table(*db_) || limit <= 0) return page;
  const std::string id = store_id();
  const int64_t below = before > 0 ? before : std::numeric_limits<int64_t>::max();
  if (auto r = db_->one("SELECT COUNT(*) FROM checkpoints")) page.total = r->i(0);
  db_->run("SELECT pos, hash, keyed_from, signed_at, signature FROM checkpoints WHERE pos < ? ORDER BY pos DESC LIMIT ?",
           {below, limit}, [&](const Row& r) { page.items.push_back({id, r.i(0), r.s(1), r.i(2), r.i(3), r.s(4)}); });
  return page;
}

std::vector<Checkpoint> Store::checkpoints() {
  std::vector<Checkpoint> out;
  if (!has_checkpoints_table(*db_)) return out;
  const std::string id = store_id();
  db_->run("SELECT pos, hash, keyed_from, signed_at, signature FROM checkpoints ORDER BY pos", {},
           [&](const Row& r) { out.push_back({id, r.i(0), r.s(1), r.i(2), r.i(3), r.s(4)}); });
  return out;
}

Checkpoint Store::checkpoint() {
  {
    WriteTx tx(*this);
    tx.checkpoint_on_commit();
    tx.commit();
  }
  auto all = checkpoints();
  if (all.empty()) throw StoreError("the journal is empty: there is no chain head to sign yet");
  return all.back();
}

AuditResult Store::verify_audit(const std::function<void(int64_t, int64_t)>& progress) {
  return verify_chain(progress, false);
}

AuditResult Store::verify_audit_since_verified(const std::function<void(int64_t, int64_t)>& progress) {
  return verify_chain(progress, true);
}

AuditResult Store::verify_chain(const std::function<void(int64_t, int64_t)>& progress, bool since_verified) {
  // One consistent view: on PostgreSQL other servers may append meanwhile,
  // and the head read after the scan must be the head of what was scanned.
  Snapshot view(*this);
  AuditResult res;
  auto fail = [&](std::string problem) {
    res.ok = false;
    res.problem = std::move(problem);
    return res;
  };
  auto broken = [&](const JournalEntry& e, std::string problem) {
    res.ok = false;
    res.first_bad = e;
    res.problem = std::move(problem);
  };
  // The version mark: keyed_from (absent on a version-1 store never written since).
  const std::string kf = meta_value(*db_, "keyed_from");
  if (!kf.empty()) {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(kf.data(), kf.data() + kf.size(), v);
    if (ec != std::errc() || end != kf.data() + kf.size() || v < 1)
      return fail("the chain's version mark (keyed_from '" + kf + "') was altered");
    res.keyed_from = v;
  }
  std::vector<Checkpoint> cps = checkpoints();
  if (res.keyed_from == 0 && !cps.empty())
    return fail("the store holds signed checkpoints but its chain's version mark was removed");
  const AuditKeys* keys = nullptr;
  const std::string id = store_id();
  if (res.keyed_from > 0 || !cps.empty() || !id.empty()) {
    keys = &audit_keys();
    const std::string key_id = meta_value(*db_, "chain_key_id");
    if (!key_id.empty() && key_id != keys->chain_key_id())
      return fail("the store's chain is keyed with another key (id " + key_id + ") than this installation's (id " +
                  keys->chain_key_id() + " in " + keys->dir + "): set THADS_KEYS to the store's key directory");
  }
  // Where to start: after the entry this installation last verified, when
  // the journal still holds it with the same hash; else from the first.
  std::string prev = genesis_hash();
  int64_t expect_pos = 1;
  if (since_verified && keys) {
    if (auto v = read_verified(*keys, id); v && v->pos > 0) {
      auto r = db_->one("SELECT hash FROM journal WHERE pos = ?", {v->pos});
      if (r && r->s(0) == v->hash) {
        prev = v->hash;
        expect_pos = v->pos + 1;
        res.from = v->pos;
      }
    }
  }
  std::map<int64_t, const Checkpoint*> at;
  for (const Checkpoint& c : cps) at[c.pos] = &c;
  // The checkpoints inside the part verified before: their entries still have their hashes.
  for (const Checkpoint& c : cps) {
    if (c.pos >= expect_pos) break;
    auto r = db_->one("SELECT hash FROM journal WHERE pos = ?", {c.pos});
    if (!r || r->s(0) != c.hash)
      return fail("the entry at position " + std::to_string(c.pos) + " differs from the signed checkpoint there");
  }
  // The head's position, for the progress only (a count of the journal's
  // rows reads them all: seconds on a national store).
  int64_t total = 0;
  if (auto h = db_->one("SELECT value FROM meta WHERE key = 'chain_head'")) {
    const std::string v = h->s(0);
    std::from_chars(v.data(), v.data() + v.size(), total);
  }
  total = std::max<int64_t>(0, total - res.from);
  // Read column by column (not through for_each_entry): a tampered row may
  // hold text where a number belongs, and that is a finding, not an error.
  const char* sql = "SELECT pos, kind, stream, seq, recorded_at, actor, body, hash FROM journal WHERE pos > ? ORDER BY pos";
  // In a store of journal layout 2 an entry whose packed bytes were altered
  // may not unpack at all: the scan stops there, and that is a finding about
  // the entry after the last one checked, not an error of the command.
  try {
  db_->run(sql, {res.from}, [&](const Row& r) {
    if (!res.ok) return;
    const auto pos = whole_number(r, 0), seq = whole_number(r, 3), recorded_at = whole_number(r, 4);
    const JournalEntry e{pos.value_or(0),         r.s(1), r.s(2), seq.value_or(0),
                         recorded_at.value_or(0), r.s(5), r.s(6), r.s(7)};
    if (!pos || !seq || !recorded_at) {
      const size_t col = !pos ? 0 : !seq ? 3 : 4;
      return broken(e, "entry at position " + (pos ? std::to_string(*pos) : "'" + r.s(0) + "'") + " has a " +
                           (col == 0 ? "pos" : col == 3 ? "seq" : "recorded_at") + " that is not a whole number ('" +
                           r.s(col) + "'): the row was altered");
    }
    if (e.pos != expect_pos) return broken(e, "entry " + std::to_string(expect_pos) + " is missing before this one");
    const bool keyed = res.keyed_from > 0 && e.pos >= res.keyed_from;
    if (chain_hash(prev, e.kind, e.stream, e.seq, e.recorded_at, e.actor, e.body, keyed ? keys->chain_key : "") !=
        e.hash)
      return broken(e, "content or hash does not match the chain");
    if (auto c = at.find(e.pos); c != at.end() && c->second->hash != e.hash)
      return broken(e, "the entry differs from the signed checkpoint at position " + std::to_string(e.pos));
    prev = e.hash;
    ++expect_pos;
    ++res.checked;
    if (progress && res.checked % 100000 == 0) progress(res.checked, total);
  });
  } catch (const StoreBusy&) {
    throw;
  } catch (const StoreError& e) {
    if (journal_layout() != 2 || !res.ok) throw;
    JournalEntry bad{};
    bad.pos = expect_pos;
    if (auto r = db_->one("SELECT s.kind, s.stream, d.seq FROM journal_data d JOIN journal_streams s "
                          "ON s.id = d.stream_id WHERE d.pos = ?",
                          {expect_pos})) {
      bad.kind = r->s(0);
      bad.stream = r->s(1);
      bad.seq = r->i(2);
    }
    broken(bad, "entry " + std::to_string(expect_pos) + " cannot be read back (" + e.what() + "): the row was altered");
  }
  if (!res.ok) return res;
  const int64_t last = expect_pos - 1;
  auto head = db_->one("SELECT value FROM meta WHERE key = 'chain_head'");
  if (!head || head->s(0) != std::to_string(last) + " " + prev)
    return fail("the chain head does not match the last entry: entries were removed from the end");
  for (const Checkpoint& c : cps) {
    if (!checkpoint_signature_ok(c, keys->sign_public))
      return fail("the checkpoint at position " + std::to_string(c.pos) +
                  " does not carry this installation's signature: it was forged or altered");
    if (c.keyed_from != res.keyed_from)
      return fail("the chain's version mark (keyed_from " + std::to_string(res.keyed_from) +
                  ") differs from the one the checkpoint at position " + std::to_string(c.pos) + " signed");
    if (c.pos > last)
      return fail("the journal ends at position " + std::to_string(last) + " but a checkpoint signed position " +
                  std::to_string(c.pos) + ": entries were removed from the end");
    ++res.checkpoints;
  }
  if (keys) {
    if (auto a = read_anchor(*keys, id)) {
      auto c = at.find(a->pos);
      if (c == at.end() || c->second->hash != a->hash)
        return fail("the last checkpoint this installation signed for the store (position " + std::to_string(a->pos) +
                    ") is not in it: the chain or its checkpoints were cut or replaced");
    }
  }
  view.commit();
  // Remembered outside the store, so that the next start verifies only what
  // was appended since. Not being able to write it costs only time.
  if (keys && !id.empty() && last > 0) {
    try {
      write_verified(*keys, id, Anchor{last, prev});
    } catch (const std::exception&) {
    }
  }
  return res;
}

std::string Store::check_published(const Checkpoint& earlier, const std::string& public_key) {
  if (!checkpoint_signature_ok(earlier, public_key)) return "the published checkpoint's signature does not verify";
  if (earlier.store_id != store_id()) return "the published checkpoint is of another store (" + earlier.store_id + ")";
  auto r = db_->one("SELECT hash FROM journal WHERE pos = ?", {earlier.pos});
  if (!r) return "the journal no longer reaches position " + std::to_string(earlier.pos) + ": it was cut";
  if (r->s(0) != earlier.hash)
    return "the entry at position " + std::to_string(earlier.pos) + " differs from the published checkpoint";
  return "";
}

// -------------------------------------------------------------- WriteTx ----

WriteTx::WriteTx(Store& s) : s_(s) {
  s_.db_->begin_write();
  try {
    const char* sql = s_.db_->dialect() == Dialect::postgres
                          ? "SELECT value FROM meta WHERE key = 'chain_head' FOR UPDATE"
                          : "SELECT value FROM meta WHERE key = 'chain_head'";
    auto r = s_.db_->one(sql);
    const std::string v = r ? r->s(0) : "0 " + genesis_hash();
    const auto sp = v.find(' ');
    head_pos_ = std::stoll(v.substr(0, sp));
    head_hash_ = v.substr(sp + 1);
    // Chain version 2: a store without the mark is keyed from the entry this
    // transaction appends first (commit() writes the mark).
    const std::string kf = meta_value(*s_.db_, "keyed_from");
    store_id_ = meta_value(*s_.db_, "store_id");
    migrate_ = kf.empty() || store_id_.empty();
    keyed_from_ = kf.empty() ? head_pos_ + 1 : std::stoll(kf);
    if (store_id_.empty()) store_id_ = new_store_id();
    layout_ = s_.journal_layout();
    if (layout_ == 2) {
      auto d = s_.db_->one("SELECT COALESCE(MAX(id), 0) FROM journal_dicts");
      dict_id_ = d ? static_cast<int>(d->i(0)) : 0;
      // Where a training failed, the next try waits for the position it
      // set (meta journal_train_at), not for the next transaction.
      int64_t retry = 0;
      const std::string at = meta_value(*s_.db_, "journal_train_at");
      (void)std::from_chars(at.data(), at.data() + at.size(), retry);
      train_at_ = std::max({kTrainAfter, retry, head_pos_ + 1});
    }
  } catch (...) {
    s_.db_->rollback();
    throw;
  }
}

WriteTx::~WriteTx() {
  if (!done_) {
    try { s_.db_->rollback(); } catch (...) {}
  }
  if (saved_cache_size_ != 0) {
    try { s_.db_->exec("PRAGMA cache_size=" + std::to_string(saved_cache_size_)); } catch (...) {}
  }
}

void WriteTx::begin_bulk_load() {
  Db& db = *s_.db_;
  if (db.dialect() != Dialect::sqlite || saved_cache_size_ != 0) return;
  auto c = db.one("PRAGMA cache_size");
  saved_cache_size_ = c ? c->i(0) : -262144;
  if (saved_cache_size_ == 0) saved_cache_size_ = -2000;
  db.exec("PRAGMA cache_size=-1048576");  // 1 GiB, in KiB
  for (const char* t : {"cases", "case_terms", "pending_deadlines"})
    if (db.one(std::string("SELECT 1 FROM ") + t + " LIMIT 1")) return;
  // "CREATE INDEX IF NOT EXISTS name ON table (…)" of the read-model tables.
  const std::string head = "CREATE INDEX IF NOT EXISTS ";
  for (const std::string& stmt : schema_statements(db.dialect())) {
    if (stmt.rfind(head, 0) != 0) continue;
    const std::string name = stmt.substr(head.size(), stmt.find(' ', head.size()) - head.size());
    db.exec("DROP INDEX IF EXISTS " + name);
    deferred_indexes_.push_back(stmt);
  }
}

void WriteTx::restore_indexes() {
  for (const std::string& stmt : deferred_indexes_) s_.db_->exec(stmt);
  deferred_indexes_.clear();
}

void WriteTx::clear_read_models(const std::vector<std::string>& module_tables) {
  for (const char* t : {"cases", "case_terms", "pending_deadlines", "agencies", "officers", "officer_inactive", "targets",
                        "holidays"})
    s_.db_->run(std::string("DELETE FROM ") + t, {});
  for (const std::string& t : module_tables) {
    // Table names come from the modules' registrations, never from input;
    // refuse anything but a plain identifier all the same.
    if (t.empty() || t.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
      throw StoreError("not a table name: " + t);
    s_.db_->run("DELETE FROM " + t, {});
  }
  // Snapshots of the in-memory read models were made from the tables just
  // emptied: a rebuild may write them differently (a newer thads).
  delete_snapshots(*s_.db_);
}

Db& WriteTx::db() { return *s_.db_; }

void WriteTx::append(const std::string& kind, const std::string& stream, int64_t seq, int64_t recorded_at,
                     const std::string& actor, const std::string& body) {
  const int64_t pos = head_pos_ + 1;
  const std::string h = chain_hash(head_hash_, kind, stream, seq, recorded_at, actor, body,
                                   pos >= keyed_from_ ? audit_keys().chain_key : "");
  if (layout_ == 2) {
    append_layout2(pos, kind, stream, seq, recorded_at, actor, body, h);
    return;
  }
  // The unique (kind, stream, seq) key refuses a second writer of the same
  // version: the optimistic-concurrency check lives in the database itself.
  const char* sql = s_.db_->dialect() == Dialect::postgres
                        ? "INSERT INTO journal(pos, kind, stream, seq, recorded_at, actor, body, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, stream, seq) DO NOTHING"
                        : "INSERT OR IGNORE INTO journal(pos, kind, stream, seq, recorded_at, actor, body, hash) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  if (s_.db_->run(sql, {pos, kind, stream, seq, recorded_at, actor, body, h}) != 1)
    throw VersionConflict(kind + " " + stream + " already has version " + std::to_string(seq));
  head_pos_ = pos;
  head_hash_ = h;
}

void WriteTx::append_layout2(int64_t pos, const std::string& kind, const std::string& stream, int64_t seq,
                             int64_t recorded_at, const std::string& actor, const std::string& body,
                             const std::string& h) {
  Db& db = *s_.db_;
  if (last_stream_id_ == 0 || kind != last_kind_ || stream != last_stream_) {
    auto r = db.one("SELECT id FROM journal_streams WHERE kind = ? AND stream = ?", {kind, stream});
    if (!r) r = db.one("INSERT INTO journal_streams(kind, stream) VALUES (?, ?) RETURNING id", {kind, stream});
    if (!r) throw StoreError("the journal's stream " + kind + " " + stream + " could not be recorded");
    last_stream_id_ = r->i(0);
    last_kind_ = kind;
    last_stream_ = stream;
  }
  if (db.run("INSERT OR IGNORE INTO journal_data(pos, stream_id, seq, recorded_at, actor, body, hash) "
             "VALUES (?, ?, ?, ?, ?, thads_pack(?, ?), thads_unhex(?))",
             {pos, last_stream_id_, seq, recorded_at, actor, body, static_cast<int64_t>(dict_id_), h}) != 1)
    throw VersionConflict(kind + " " + stream + " already has version " + std::to_string(seq));
  head_pos_ = pos;
  head_hash_ = h;
  if (dict_id_ == 0 && pos >= train_at_) train_dictionary();
}

// The store's first dictionary, trained from the bodies of its last
// kTrainSamples entries once it holds kTrainAfter; the bodies stored as text
// before it are packed with it (their text, hence the chain, unchanged).
// Where zstd cannot train one (bodies too few or too alike), tried again
// when the journal has doubled.
void WriteTx::train_dictionary() {
  Db& db = *s_.db_;
  std::vector<std::string> samples;
  size_t bytes = 0;
  // Bodies of ordinary size only, and at most kSampleBytes of them: a store
  // whose entries carry large bodies trains on no more memory than another.
  db.run("SELECT body FROM journal_data WHERE typeof(body) = 'text' AND length(CAST(body AS BLOB)) <= ? "
         "ORDER BY pos DESC LIMIT ?",
         {kLargestSample, kTrainSamples}, [&](const Row& r) {
           if (bytes > kSampleBytes) return;
           samples.push_back(r.s(0));
           bytes += samples.back().size();
         });
  auto dict = train_journal_dictionary(samples, kDictionaryBytes);
  if (!dict) {
    train_at_ = head_pos_ * 2;
    put_meta(db, "journal_train_at", std::to_string(train_at_));
    return;
  }
  db.run("INSERT INTO journal_dicts(id, bytes) VALUES (1, CAST(? AS BLOB))", {*dict});
  dict_id_ = 1;
  db.run("UPDATE journal_data SET body = thads_pack(body, 1) WHERE typeof(body) = 'text'", {});
}

std::optional<JournalEntry> WriteTx::last_entry(const std::string& kind, const std::string& stream) {
  auto r = s_.db_->one("SELECT pos, kind, stream, seq, recorded_at, actor, body, hash FROM journal "
                       "WHERE kind = ? AND stream = ? ORDER BY seq DESC LIMIT 1",
                       {kind, stream});
  if (!r) return std::nullopt;
  return JournalEntry{r->i(0), r->s(1), r->s(2), r->i(3), r->i(4), r->s(5), r->s(6), r->s(7)};
}

void WriteTx::put_agency(const AgencyRecord& a) {
  s_.db_->run("INSERT INTO agencies(code, name, level, parent, body) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, "
              "parent = excluded.parent, body = excluded.body",
              {a.code, a.name, a.level, a.parent, a.raw});
}

void WriteTx::put_officer(const OfficerRecord& o) {
  s_.db_->run("INSERT INTO officers(id, name, agency, role, body) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (id) DO UPDATE SET name = excluded.name, agency = excluded.agency, "
              "role = excluded.role, body = excluded.body",
              {o.id, o.name, o.agency, o.role, o.raw});
}

void WriteTx::put_target(const TargetRecord& t) {
  s_.db_->run("INSERT INTO targets(agency, fiscal_year, cases_rate, money_rate, body) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (agency, fiscal_year) DO UPDATE SET cases_rate = excluded.cases_rate, "
              "money_rate = excluded.money_rate, body = excluded.body",
              {t.agency, static_cast<int64_t>(t.fiscal_year), t.cases_rate_x100, t.money_rate_x100, t.raw});
}

void WriteTx::set_officer_active(const std::string& id, bool active) {
  if (active) s_.db_->run("DELETE FROM officer_inactive WHERE id = ?", {id});
  else s_.db_->run("INSERT INTO officer_inactive(id) VALUES (?) ON CONFLICT (id) DO NOTHING", {id});
}

void WriteTx::put_holiday(const HolidayRec& h) {
  s_.db_->run("INSERT INTO holidays(date, type, name, body) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (date) DO UPDATE SET type = excluded.type, name = excluded.name, body = excluded.body",
              {h.day.date.iso(), std::string(h.day.type == DayType::day_off ? "day_off" : "working_day"), h.day.name,
               h.raw});
}

void WriteTx::put_case(const CaseView& v) { write_case(v, true); }

void WriteTx::put_new_case(const CaseView& v) { write_case(v, false); }

void WriteTx::write_case(const CaseView& v, bool replace) {
  if (replace) restore_indexes();  // the deletes below look rows up by case_id
  Db& db = *s_.db_;
  auto d = [](Date x) { return x.days() == 0 ? std::string() : x.iso(); };
  db.run("INSERT INTO cases(case_id, agency, version, status, ended, end_date, opened_date, mode, judgment_kind, "
         "judgment_number, court, debtor_name, debtor_address, debtor_id, creditor_name, officer, opened_amount, "
         "collected, reduced, written_off, paid_out, remaining, last_date, unable_reason, unable_date, public_unable, "
         "timeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (case_id) DO UPDATE SET agency = excluded.agency, version = excluded.version, "
         "status = excluded.status, ended = excluded.ended, end_date = excluded.end_date, "
         "opened_date = excluded.opened_date, mode = excluded.mode, judgment_kind = excluded.judgment_kind, "
         "judgment_number = excluded.judgment_number, court = excluded.court, debtor_name = excluded.debtor_name, "
         "debtor_address = excluded.debtor_address, debtor_id = excluded.debtor_id, "
         "creditor_name = excluded.creditor_name, officer = excluded.officer, opened_amount = excluded.opened_amount, "
         "collected = excluded.collected, reduced = excluded.reduced, written_off = excluded.written_off, "
         "paid_out = excluded.paid_out, remaining = excluded.remaining, last_date = excluded.last_date, "
         "unable_reason = excluded.unable_reason, unable_date = excluded.unable_date, "
         "public_unable = excluded.public_unable, timeline = excluded.timeline",
         {v.case_id, v.agency, v.version, v.status, v.ended, d(v.end_date), d(v.opened_date), v.mode, v.judgment_kind,
          v.judgment_number, v.court, v.debtor_name, v.debtor_address, v.debtor_id, v.creditor_name, v.officer,
          v.opened_amount, v.collected, v.reduced, v.written_off, v.paid_out, v.remaining, d(v.last_date),
          v.unable_reason, d(v.unable_date), static_cast<int64_t>(v.public_unable ? 1 : 0), v.timeline});
  if (replace) db.run("DELETE FROM case_terms WHERE case_id = ?", {v.case_id});
  if (!v.terms.empty()) {
    std::vector<std::pair<std::string_view, std::string_view>> rows;
    rows.reserve(v.terms.size());
    for (const std::string& t : v.terms) rows.emplace_back(t, v.case_id);
    put_terms(rows);
  }
  if (replace) db.run("DELETE FROM pending_deadlines WHERE case_id = ?", {v.case_id});
  for (const PendingDeadline& p : v.pending)
    db.run("INSERT INTO pending_deadlines(case_id, action, due, article, label, agency, officer) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
           {v.case_id, p.action, p.due.iso(), p.article, p.label_vi, v.agency, v.officer});
}

void WriteTx::put_terms(const std::vector<std::pair<std::string_view, std::string_view>>& rows) {
  // Several rows per statement (up to kPerInsert); one SQL text per count.
  static constexpr size_t kPerInsert = 16;
  static const std::vector<std::string> sql = [] {
    std::vector<std::string> out(kPerInsert + 1);
    for (size_t n = 1; n <= kPerInsert; ++n) {
      out[n] = "INSERT INTO case_terms(term, case_id) VALUES (?, ?)";
      for (size_t k = 1; k < n; ++k) out[n] += ", (?, ?)";
      out[n] += " ON CONFLICT DO NOTHING";
    }
    return out;
  }();
  std::vector<Value> params;
  for (size_t at = 0; at < rows.size(); at += kPerInsert) {
    const size_t n = std::min(kPerInsert, rows.size() - at);
    params.clear();
    for (size_t k = at; k < at + n; ++k) {
      params.emplace_back(std::string(rows[k].first));
      params.emplace_back(std::string(rows[k].second));
    }
    s_.db_->run(sql[n], params);
  }
}

void WriteTx::commit() {
  restore_indexes();
  Db& db = *s_.db_;
  const bool wrote = head_pos_ >= keyed_from_;  // a keyed entry exists (or was appended now)
  if (wrote) {
    const AuditKeys& keys = audit_keys();
    if (migrate_) {
      put_meta(db, "keyed_from", std::to_string(keyed_from_));
      put_meta(db, "store_id", store_id_);
    }
    const std::string id = meta_value(db, "chain_key_id");
    if (id.empty()) put_meta(db, "chain_key_id", keys.chain_key_id());
    else if (id != keys.chain_key_id())
      throw StoreError("the store's chain is keyed with another key (id " + id + ") than this installation's (" +
                       keys.dir + "): set THADS_KEYS to the store's key directory");
  }
  db.run("UPDATE meta SET value = ? WHERE key = 'chain_head'", {std::to_string(head_pos_) + " " + head_hash_});
  if (head_pos_ > 0 && (wrote || checkpoint_)) {
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    auto last = db.one("SELECT pos, signed_at FROM checkpoints ORDER BY pos DESC LIMIT 1");
    const bool behind = !last || last->i(0) < head_pos_;
    if (behind && (checkpoint_ || !last || vn_day(last->i(1)) != vn_day(now))) write_checkpoint(now);
  }
  db.commit();
  done_ = true;
  // The installation's own record of the newest checkpoint, outside the
  // store. Written after the commit: a crash between the two leaves the
  // store a checkpoint ahead of its anchor, which verifies.
  if (signed_) {
    try {
      write_anchor(audit_keys(), store_id_, Anchor{signed_->pos, signed_->hash});
    } catch (const std::exception&) {
      // The store is committed; an anchor that could not be written stays at
      // the previous checkpoint, which the store still holds.
    }
  }
}

void WriteTx::write_checkpoint(int64_t now) {
  if (migrate_ && head_pos_ < keyed_from_) {  // a version-1 store signing before any keyed entry
    put_meta(*s_.db_, "keyed_from", std::to_string(keyed_from_));
    put_meta(*s_.db_, "store_id", store_id_);
  }
  Checkpoint c{store_id_, head_pos_, head_hash_, keyed_from_, now, ""};
  c.signature = sign_checkpoint(c, audit_keys().sign_secret);
  s_.db_->run("INSERT INTO checkpoints(pos, hash, keyed_from, signed_at, signature) VALUES (?, ?, ?, ?, ?)",
              {c.pos, c.hash, c.keyed_from, c.signed_at, c.signature});
  signed_ = c;
}

}  // namespace thads
