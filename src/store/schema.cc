#include "store/schema.h"

namespace thads {

std::vector<std::string> schema_statements(Dialect d) {
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
  return {
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      // The journal: every accepted record, hash-chained, never updated.
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
      "CREATE INDEX IF NOT EXISTS cases_officer ON cases (officer)",
      // Officers' workloads (assignment suggestions) read this index only.
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
}

const std::vector<Migration>& migrations() {
  // Version 1 is the layout of schema_statements() as first released.
  static const std::vector<Migration> m;
  return m;
}

}  // namespace thads
