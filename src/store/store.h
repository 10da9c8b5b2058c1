// Store: the event store and its read models, over one Db (SQLite or
// PostgreSQL; the SQL is shared).
//
// Contract:
// - The journal holds every accepted record (case events and reference
//   records) in one sequence `pos`, each with a BLAKE2b hash over its content
//   and its predecessor's hash (see audit_chain.h). Nothing is updated in place.
// - Writes happen inside a WriteTx: one database transaction holding the
//   journal append, the read-model updates and the new chain head. Either all
//   of it commits or none of it does.
// - Appending to a case states the version read (its last seq); a stale
//   writer gets VersionConflict, never a silent overwrite.
// - Read models (cases, case_terms, pending_deadlines) are derived from the
//   journal and can be rebuilt from it at any time (rebuild()).
// A Store is used by one thread at a time; open one per thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/case_state.h"
#include "domain/case_view.h"
#include "domain/interchange.h"
#include "store/audit_chain.h"
#include "store/db_types.h"

namespace thads {

class Db;  // the connection: opaque here, defined in store/db.h for the stores only
class ReadTx;

struct VersionConflict : StoreError {
  using StoreError::StoreError;
};

struct JournalEntry {
  int64_t pos = 0;
  std::string kind;    // event, agency, officer, target, holiday, user, …
  std::string stream;  // case id or reference key
  int64_t seq = 0;
  int64_t recorded_at = 0;
  std::string actor;
  std::string body;    // canonical JSON
  std::string hash;    // hex
};

struct AuditResult {
  bool ok = true;
  int64_t checked = 0;
  std::optional<JournalEntry> first_bad;  // the first tampered or missing entry
  std::string problem;
  int64_t checkpoints = 0;  // signed checkpoints verified
  int64_t keyed_from = 0;   // first keyed position (0: a chain of version 1, unkeyed)
  int64_t from = 0;         // entries after this position were checked (0: all of them)
};

class Store;

// One consistent view of the store for a multi-statement read: a read
// transaction from construction to commit(), or to destruction (then rolled
// back; nothing was written).
class Snapshot {
 public:
  explicit Snapshot(Store& store);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  void commit();

 private:
  std::unique_ptr<ReadTx> tx_;
};

class WriteTx {
 public:
  explicit WriteTx(Store& s);
  ~WriteTx();  // rolls back unless committed
  WriteTx(const WriteTx&) = delete;
  WriteTx& operator=(const WriteTx&) = delete;

  // Appends one journal entry (hash-chained). For kind "event", the case's
  // version must be seq - 1 (checked by the unique (kind, stream, seq) key).
  void append(const std::string& kind, const std::string& stream, int64_t seq, int64_t recorded_at,
              const std::string& actor, const std::string& body);
  void put_agency(const AgencyRecord& a);
  void put_officer(const OfficerRecord& o);
  void put_target(const TargetRecord& t);
  void put_holiday(const HolidayRec& h);
  // An officer deactivated (false) or activated again (reference_change).
  void set_officer_active(const std::string& id, bool active);
  void put_case(const CaseView& v);  // replaces the case's read-model rows
  // The read models of a case that has no read-model rows yet (import of a
  // case new to the store): the same rows as put_case, without the deletes.
  void put_new_case(const CaseView& v);
  // Search-term rows (term, case_id), for a bulk load that writes them in key order.
  void put_terms(const std::vector<std::pair<std::string_view, std::string_view>>& rows);
  Db& db();
  // The last journal entry of (kind, stream) as this transaction sees it
  // (its own appends included); nullopt when the stream has none. Read
  // under the chain-head lock the transaction holds, so two writers that
  // each read before appending cannot both append the same change.
  std::optional<JournalEntry> last_entry(const std::string& kind, const std::string& stream);
  // Empties the core read models (cases, case_terms, pending_deadlines,
  // agencies, officers, targets, holidays) and the tables named, before a
  // rebuild writes them again from the journal. The journal is untouched.
  void clear_read_models(const std::vector<std::string>& module_tables);
  // Commits; the new chain head is also signed as a checkpoint when
  // checkpoint_on_commit() was called (an import, `thads checkpoint`) or
  // when the last checkpoint is from an earlier day (the daily checkpoint).
  void commit();
  void checkpoint_on_commit() { checkpoint_ = true; }

  // For a bulk load (import) on SQLite: a larger page cache for this
  // transaction and, when the read models are empty, their secondary indexes
  // dropped for the load and created again from the sorted rows before
  // commit (or as soon as put_case needs them). Unique and primary keys stay.
  // Nothing of it outlives the transaction; PostgreSQL: no effect.
  void begin_bulk_load();

 private:
  void write_case(const CaseView& v, bool replace);
  void restore_indexes();
  Store& s_;
  bool done_ = false;
  int64_t saved_cache_size_ = 0;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements to run again
  void write_checkpoint(int64_t now);
  int64_t head_pos_ = 0;
  std::string head_hash_;
  // Journal layout 2: the stream last appended to, the dictionary bodies are
  // packed with (0: none yet), and the position from which one is trained.
  void append_layout2(int64_t pos, const std::string& kind, const std::string& stream, int64_t seq,
                      int64_t recorded_at, const std::string& actor, const std::string& body, const std::string& h);
  void train_dictionary();
  int layout_ = 1;
  std::string last_kind_, last_stream_;
  int64_t last_stream_id_ = 0;
  int dict_id_ = 0;
  int64_t train_at_ = 0;
  int64_t keyed_from_ = 0;  // first keyed position
  std::string store_id_;
  bool migrate_ = false;     // a version-1 store: keyed from this transaction on
  bool checkpoint_ = false;
  std::optional<Checkpoint> signed_;  // written by commit(), anchored after it
};

class Store {
 public:
  // Opens (and creates the schema of) a store at a SQLite path or a
  // postgresql:// URL. A SQLite file that holds tables but not a thads
  // store's (another program's database) is refused with StoreError, and
  // nothing is written to it.
  static std::unique_ptr<Store> open(const std::string& location);
  // Opens an existing store for reading only (export, report, deadlines,
  // verify-audit): nothing is written, not even the schema, so a store the
  // user may only read (or on read-only media) serves them. nullptr when the
  // SQLite file holds no table at all (an empty store). StoreError for a
  // file of another program. PostgreSQL: the schema is created only when
  // missing.
  static std::unique_ptr<Store> open_read_only(const std::string& location);
  // True when a SQLite path does not exist yet (read-only commands then treat
  // the store as empty). PostgreSQL URLs always "exist".
  static bool missing(const std::string& location);
  ~Store();

  // The connection, for the stores' named queries (an opaque handle above
  // the store folders: see store/db_types.h).
  Db& db();
  // A small page cache (16 MiB) for a connection that serves requests: they
  // read a few pages of a large store at random places, so pages are
  // recycled instead of growing toward what an import wants; the operating
  // system's file cache keeps the store in memory. No effect on PostgreSQL.
  void use_request_page_cache();

  std::vector<AgencyRecord> agencies();
  std::vector<OfficerRecord> officers();
  std::vector<TargetRecord> targets();
  std::vector<HolidayRec> holidays();
  // Officers deactivated by a reference_change. Needs the layout of this
  // build (a read-write open): not for the read-only commands.
  std::set<std::string> inactive_officers();
  // The journal entries of one (kind, stream), in seq order.
  std::vector<JournalEntry> stream_entries(const std::string& kind, const std::string& stream);

  // The case's whole stream in seq order (empty when unknown).
  std::vector<Event> load_stream(const std::string& case_id);
  // One event of the case (its `seq`), or nullopt when it has no such event.
  std::optional<Event> load_event(const std::string& case_id, int64_t seq);
  int64_t version_of(const std::string& case_id);
  std::vector<std::string> case_ids();
  // Whether the journal holds an event of `case_id`.
  bool has_case_stream(const std::string& case_id);

  // The journal entries of `kind` after position `after` and before
  // `before`, in pos order, at most `max` of them: what was recorded between
  // two entries (e.g. two issued versions of a report).
  std::vector<JournalEntry> entries_between(int64_t after, int64_t before, const std::string& kind, int64_t max);
  // Journal in pos order (export, audit, rebuild).
  void for_each_entry(const std::function<void(const JournalEntry&)>& f);
  int64_t journal_size();
  // The position of the journal's last entry (0 when empty): it moves with
  // every accepted record, so read models keyed by it know when to refresh.
  int64_t journal_position();
  // What the journal holds after position `since`, read up to `max` entries:
  // the cases that have new events (sorted, distinct), whether reference
  // entries came (agencies, officers, targets, holidays), and whether there
  // were more than `max` entries (then the rest is not read).
  struct JournalChanges {
    std::vector<std::string> cases;
    bool reference = false;
    bool too_many = false;
  };
  JournalChanges changes_since(int64_t since, int64_t max);

  // Checks the whole chain; a stored entry whose columns are not of their
  // type (a recorded_at stored as text) is reported as the first bad entry.
  // Version 2 (audit_chain.h): keyed entries are checked with the
  // installation's chain key, every signed checkpoint with its public key
  // and against the entry at its position, and the installation's anchor
  // (the last checkpoint it signed for this store) must still be there.
  // The whole chain, in one read transaction. After a clean verification
  // the installation remembers the head it reached (audit_keys.h, verified/).
  AuditResult verify_audit(const std::function<void(int64_t done, int64_t total)>& progress = {});
  // The same from the entry this installation last verified, when the
  // journal still holds it with the same hash (else the whole chain): what
  // `serve` and `rebuild` run before they start, so that a national store is
  // not read whole at every start. An edit of an entry verified before is
  // not looked for here (its hash is checked only at the remembered entry
  // and at the signed checkpoints): `thads verify-audit` reads everything
  // (docs/security/audit-chain.md, "What is verified, and when").
  AuditResult verify_audit_since_verified(const std::function<void(int64_t done, int64_t total)>& progress = {});
  // Whether the store still holds `earlier` (a checkpoint published before,
  // verified with `public_key`, 32 bytes): its entry has the same hash, and
  // the chain has not been cut below it. Empty when it holds; else why not.
  std::string check_published(const Checkpoint& earlier, const std::string& public_key);
  // The checkpoints, oldest first, and this store's id (empty for a version-1
  // store never written since).
  std::vector<Checkpoint> checkpoints();
  // A page of the checkpoints, newest first: at most `limit` of those below
  // position `before` (0: from the newest), and how many the store holds.
  struct CheckpointPage {
    std::vector<Checkpoint> items;
    int64_t total = 0;
  };
  CheckpointPage checkpoints_newest(int64_t limit, int64_t before);
  std::string store_id();
  // Signs the current head as a checkpoint now (`thads checkpoint`); returns it.
  Checkpoint checkpoint();

 private:
  AuditResult verify_chain(const std::function<void(int64_t, int64_t)>& progress, bool since_verified);
  friend class WriteTx;
  Store(std::unique_ptr<Db> db, bool create);
  void create_schema();

 public:
  // The layout version the store holds (meta.schema_version; 0 when the
  // store is new). See kSchemaVersion in schema.h.
  int schema_version();
  // 1 or 2, see schema_statements() in schema.h.
  int journal_layout();

 private:
  std::unique_ptr<Db> db_;
  int journal_layout_ = 0;  // 0: not looked at yet
};

}  // namespace thads
