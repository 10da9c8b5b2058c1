#include "store/schema.h"

namespace thads {

std::vector<std::string> journal_layout2_statements() {
  return {
      // One row per stream (a case, an agency, a complaint …): the journal's
      // rows name it by this number, not by its kind and key again.
      "CREATE TABLE IF NOT EXISTS journal_streams (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
      "stream TEXT NOT NULL, UNIQUE (kind, stream))",
      // The entries. body: TEXT as written, or a BLOB packed with a
      // dictionary (journal_codec.h); hash: its 32 bytes (or text as
      // written, for a value that is not a lowercase hex hash). The unique
      // (stream_id, seq) key is the optimistic-concurrency check.
      "CREATE TABLE IF NOT EXISTS journal_data (pos INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL, "
      "seq INTEGER NOT NULL, recorded_at INTEGER NOT NULL, actor TEXT NOT NULL, body NOT NULL, hash NOT NULL, "
      "UNIQUE (stream_id, seq))",
      // Compression dictionaries, trained from the store's own entries; a
      // row is never changed nor deleted.
      "CREATE TABLE IF NOT EXISTS journal_dicts (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)",
      // What every query reads: the columns of layout 1, the body as text
      // and the hash as hex.
      "CREATE VIEW IF NOT EXISTS journal AS SELECT d.pos AS pos, s.kind AS kind, s.stream AS stream, "
      "d.seq AS seq, d.recorded_at AS recorded_at, d.actor AS actor, thads_body(d.body) AS body, "
      "CASE WHEN typeof(d.hash) = 'blob' THEN lower(hex(d.hash)) ELSE d.hash END AS hash "
      "FROM journal_data d JOIN journal_streams s ON s.id = d.stream_id",
      // Only to alter a store on purpose (the tamper tests, a repair by
      // hand): an entry changed through the view is stored as text, as
      // given; thads itself never updates nor deletes an entry.
      "CREATE TRIGGER IF NOT EXISTS journal_update INSTEAD OF UPDATE ON journal BEGIN "
      "UPDATE journal_data SET pos = NEW.pos, seq = NEW.seq, recorded_at = NEW.recorded_at, actor = NEW.actor, "
      "body = CASE WHEN NEW.body IS OLD.body THEN body ELSE NEW.body END, "
      "hash = CASE WHEN NEW.hash IS OLD.hash THEN hash ELSE NEW.hash END WHERE pos = OLD.pos; END",
      "CREATE TRIGGER IF NOT EXISTS journal_delete INSTEAD OF DELETE ON journal BEGIN "
      "DELETE FROM journal_data WHERE pos = OLD.pos; END",
  };
}

std::vector<std::string> schema_statements(Dialect d, int journal_layout) {
  // Terms are compared bytewise for prefix ranges: PostgreSQL needs the "C"
  // collation for that; SQLite's default is already binary.
  const std::string c = d == Dialect::postgres ? " COLLATE \"C\"" : "";
  // SQLite only: "INTEGER PRIMARY KEY" makes the journal's position the
  // table's own key (the rowid), so each append writes one B-tree less than
  // "BIGINT PRIMARY KEY", which SQLite keeps as a separate unique index; and
  // case_terms WITHOUT ROWID is its primary-key B-tree alone, not a rowid
  // table beside an index holding the same two columns. Stores made before
  // keep their layout: the statements below only create what is missing, and
  // every query reads both layouts alike.
  const bool lite = d == Dialect::sqlite;
  const std::string pos_key = lite ? "pos INTEGER PRIMARY KEY" : "pos BIGINT PRIMARY KEY";
  const std::string without_rowid = lite ? " WITHOUT ROWID" : "";
  std::vector<std::string> out = {
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      // The journal: every accepted record, hash-chained, never updated.
      // Layout 1 is this table; layout 2 (SQLite) is the view below it.
      "CREATE TABLE IF NOT EXISTS journal (" + pos_key + ", kind TEXT NOT NULL, stream TEXT NOT NULL, "
      "seq BIGINT NOT NULL, recorded_at BIGINT NOT NULL, actor TEXT NOT NULL, body TEXT NOT NULL, "
      "hash TEXT NOT NULL, UNIQUE (kind, stream, seq))",
      // Signed checkpoints of the chain head (audit_chain.h): never updated.
      "CREATE TABLE IF NOT EXISTS checkpoints (pos BIGINT PRIMARY KEY, hash TEXT NOT NULL, "
      "keyed_from BIGINT NOT NULL, signed_at BIGINT NOT NULL, signature TEXT NOT NULL)",
      // Reference data (read models of the journal's agency/officer/target/holiday entries).
      "CREATE TABLE IF NOT EXISTS agencies (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, "
      "parent TEXT NOT NULL, body TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS officers (id TEXT PRIMARY KEY, name TEXT NOT NULL, agency TEXT NOT NULL, "
      "role TEXT NOT NULL, body TEXT NOT NULL)",
      // Officers deactivated by a reference_change (docs/formats/reference-change.md):
      // no longer offered for assignment. Read only by the serving and writing paths.
      "CREATE TABLE IF NOT EXISTS officer_inactive (id TEXT PRIMARY KEY)",
      "CREATE TABLE IF NOT EXISTS targets (agency TEXT NOT NULL, fiscal_year BIGINT NOT NULL, "
      "cases_rate BIGINT NOT NULL, money_rate BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (agency, fiscal_year))",
      "CREATE TABLE IF NOT EXISTS holidays (date TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, "
      "body TEXT NOT NULL)",
      // Case summary, statistics timeline and the public list flag.
      "CREATE TABLE IF NOT EXISTS cases (case_id TEXT PRIMARY KEY, agency TEXT NOT NULL, version BIGINT NOT NULL, "
      "status TEXT NOT NULL, ended TEXT NOT NULL, end_date TEXT NOT NULL, opened_date TEXT NOT NULL, "
      "mode TEXT NOT NULL, judgment_kind TEXT NOT NULL, judgment_number TEXT NOT NULL, court TEXT NOT NULL, "
      "debtor_name TEXT NOT NULL, debtor_address TEXT NOT NULL, debtor_id TEXT NOT NULL, "
      "creditor_name TEXT NOT NULL, officer TEXT NOT NULL, opened_amount BIGINT NOT NULL, collected BIGINT NOT NULL, "
      "reduced BIGINT NOT NULL, written_off BIGINT NOT NULL, paid_out BIGINT NOT NULL, remaining BIGINT NOT NULL, "
      "last_date TEXT NOT NULL, unable_reason TEXT NOT NULL, unable_date TEXT NOT NULL, "
      "public_unable BIGINT NOT NULL, timeline TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS cases_agency ON cases (agency)",
      // Officers' workloads (assignment suggestions) read this index only;
      // it also serves every look-up by officer alone. Stores made before
      // session 30 also hold cases_officer (officer), which it made
      // redundant (23 MB on a million cases): they keep it, unused.
      "CREATE INDEX IF NOT EXISTS cases_officer_status ON cases (officer, status)",
      "CREATE INDEX IF NOT EXISTS cases_public ON cases (public_unable)",
      // Search keys without diacritics (one row per folded word).
      "CREATE TABLE IF NOT EXISTS case_terms (term TEXT" + c + " NOT NULL, case_id TEXT NOT NULL, "
      "PRIMARY KEY (term, case_id))" + without_rowid,
      "CREATE INDEX IF NOT EXISTS case_terms_case ON case_terms (case_id)",
      // Legal deadlines not yet met, for work queues.
      "CREATE TABLE IF NOT EXISTS pending_deadlines (case_id TEXT NOT NULL, action TEXT NOT NULL, "
      "due TEXT NOT NULL, article TEXT NOT NULL, label TEXT NOT NULL, agency TEXT NOT NULL, officer TEXT NOT NULL, "
      "PRIMARY KEY (case_id, action))",
      "CREATE INDEX IF NOT EXISTS pending_due ON pending_deadlines (due)",
      // One agency's work queue (deadline_queue) reads only its own rows.
      "CREATE INDEX IF NOT EXISTS pending_agency_due ON pending_deadlines (agency, due)",
      // Persisted in-memory read models (read_model_snapshots.h), split in
      // parts; the header is repeated in every part and must agree.
      "CREATE TABLE IF NOT EXISTS read_model_snapshots (name TEXT NOT NULL, part BIGINT NOT NULL, "
      "parts BIGINT NOT NULL, format BIGINT NOT NULL, pos BIGINT NOT NULL, chain_hash TEXT NOT NULL, "
      "checksum TEXT NOT NULL, data " + std::string(d == Dialect::postgres ? "BYTEA" : "BLOB") +
      " NOT NULL, PRIMARY KEY (name, part))",
  };
  if (journal_layout == 2 && lite) {
    out.erase(out.begin() + 1);  // the journal table of layout 1
    const auto j = journal_layout2_statements();
    out.insert(out.begin() + 1, j.begin(), j.end());
  }
  return out;
}

const std::vector<Migration>& migrations() {
  // Version 1 is the layout of schema_statements() as first released.
  static const std::vector<Migration> m;
  return m;
}

}  // namespace thads
