#include "app/import.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "app/calendar_source.h"
#include "app/disposer.h"
#include "app/import_window.h"
#include "app/line_parser.h"
#include "app/modules.h"
#include "app/settings.h"
#include "domain/case_view.h"
#include "domain/interchange.h"
#include "domain/json_limits.h"
#include "domain/reference_change.h"
#include "store/case_queries.h"
#include "store/read_model_scans.h"

namespace thads {
namespace {

// How the import works (one pass, one transaction):
// - The write transaction is opened first; every check reads the store
//   inside it, so what is checked is what is written.
// - Each accepted record is appended to the journal as soon as its line is
//   decided, in file order (the same order, hence the same hash chain, as
//   checking everything first and writing afterwards).
// - Only a window of recently used cases stays in memory. A case leaving the
//   window gets its read models written (in case-id order within a batch)
//   and is forgotten; if a later line names it again, its stream is read back
//   from the journal (which holds every record accepted so far, this
//   import's included).
// - A refused line makes the import fail: checking goes on to report every
//   refusal, nothing more is projected, and the transaction is rolled back.
// - A holiday record changes the calendar the read models are projected
//   with: at the end, every case whose deadlines it can move (open cases,
//   cases with deadlines not met, cases projected before it in this import)
//   is projected again — in the store, not only in this file.
class Importer {
 public:
  Importer(Store& s, const ImportOptions& o) : store_(s), opt_(o), tx_(std::make_unique<WriteTx>(s)) {
    if (o.authorize)
      if (auto no = o.authorize(tx_->db())) refuse(0, std::move(*no));
    for (auto& a : s.agencies()) ref_["agency\x1f" + a.code] = a.raw, agencies_.insert(a.code), parents_[a.code] = a.parent;
    agency_refs_.known = [this](const std::string& code) { return agencies_.count(code) > 0; };
    agency_refs_.parent = [this](const std::string& code) {
      auto it = parents_.find(code);
      return it == parents_.end() ? std::string() : it->second;
    };
    for (auto& x : s.officers()) ref_["officer\x1f" + x.id] = x.raw;
    for (auto& t : s.targets()) ref_["target\x1f" + t.agency + "\x1f" + std::to_string(t.fiscal_year)] = t.raw;
    std::vector<HolidayRec> stored_holidays = s.holidays();
    for (auto& h : stored_holidays) ref_["holiday\x1f" + h.day.date.iso()] = h.raw;
    cal_ = official_calendar_with(stored_holidays);
    // Cases already in the store are asked of it as they are met (flags()),
    // every one listed at once only when many are asked: an import of a
    // day's records into a national store never reads its million ids.
    list_after_ = o.lookups_before_listing <= 0
                      ? 0
                      : std::max<int64_t>(o.lookups_before_listing, count_case_rows(store_.db()) / 4);
    tx_->begin_bulk_load();
  }

  void record(int64_t n, Record& r) {
    std::visit([&](auto& rec) { on(n, rec); }, r);
  }

  ImportResult finish() {
    if (!res_.ok()) {
      tx_.reset();  // rolls back
      return res_;
    }
    for (auto& [module, part] : module_imports_) part->finish();
    flush_all();
    flush_terms();
    if (recalendar_) reproject_written();
    res_.events_added = events_added_;
    res_.references_added = references_added_;
    res_.cases_touched = cases_touched_;
    tx_->checkpoint_on_commit();  // one signed checkpoint per import (docs/security/audit-chain.md)
    tx_->commit();
    return res_;
  }

  // Hands what the modules' imports drop to `d` (app/disposer.h) until
  // called again; nullptr: freed at once.
  void dispose_through(Disposer* d) { disposer_.use(d); }
  ImportResult& result() { return res_; }

 private:
  enum : uint8_t {
    kInJournal = 1,  // the case has events in the journal (stored or appended by this import)
    kHasView = 2,    // the case may have read-model rows
    kTouched = 4,    // this import appended events to the case
    kProjected = 8,  // this import wrote the case's read models
  };

  struct Live {
    CaseStream stream;
    uint64_t last_use = 0;
    bool dirty = false;  // events appended since the read models were last written
  };
  using LiveMap = std::unordered_map<std::string, Live>;

  void refuse(int64_t n, Refusal r) { res_.refusals.push_back({n, std::move(r)}); }

  void on(int64_t, Skip&) {}
  void on(int64_t, FormatRecord&) {}
  void on(int64_t n, Refusal& r) { refuse(n, std::move(r)); }

  // Reference records: identical = no-op, different = seq_conflict.
  bool fresh(int64_t n, std::string key, const std::string& raw) {
    auto it = ref_.find(key);
    if (it == ref_.end()) {
      ref_.emplace(std::move(key), raw);
      return true;
    }
    if (same_record(it->second, raw)) ++res_.duplicates;
    else refuse(n, {"seq_conflict", "a different record with the same key is already recorded", ""});
    return false;
  }

  void on(int64_t n, AgencyRecord& a) {
    if (!a.parent.empty() && !agencies_.count(a.parent) && a.parent != a.code) {
      refuse(n, {"unknown_agency", "parent agency " + a.parent + " is not known", ""});
      return;
    }
    if (!fresh(n, "agency\x1f" + a.code, a.raw)) return;
    agencies_.insert(a.code);
    parents_[a.code] = a.parent;
    tx_->append("agency", a.code, 1, opt_.now_unix, opt_.actor, a.raw);
    tx_->put_agency(a);
    ++references_added_;
  }
  void on(int64_t n, OfficerRecord& o) {
    if (!agencies_.count(o.agency)) {
      refuse(n, {"unknown_agency", "agency " + o.agency + " is not known", ""});
      return;
    }
    if (!fresh(n, "officer\x1f" + o.id, o.raw)) return;
    tx_->append("officer", o.id, 1, opt_.now_unix, opt_.actor, o.raw);
    tx_->put_officer(o);
    ++references_added_;
  }
  void on(int64_t n, TargetRecord& t) {
    if (!agencies_.count(t.agency)) {
      refuse(n, {"unknown_agency", "agency " + t.agency + " is not known", ""});
      return;
    }
    if (!fresh(n, "target\x1f" + t.agency + "\x1f" + std::to_string(t.fiscal_year), t.raw)) return;
    tx_->append("target", t.agency + "/" + std::to_string(t.fiscal_year), 1, opt_.now_unix, opt_.actor, t.raw);
    tx_->put_target(t);
    ++references_added_;
  }
  void on(int64_t n, HolidayRec& h) {
    if (!fresh(n, "holiday\x1f" + h.day.date.iso(), h.raw)) return;
    tx_->append("holiday", h.day.date.iso(), 1, opt_.now_unix, opt_.actor, h.raw);
    tx_->put_holiday(h);
    ++references_added_;
    cal_.set(h.day);
    recalendar_ = true;
  }

  // A change to a reference record (docs/formats/reference-change.md): it
  // names a record stored or earlier in the file, numbered from 1 per record
  // like a case's events; the record's read model takes the changed fields.
  void on(int64_t n, ReferenceChange& c) {
    std::string ref_key = c.record + "\x1f" + c.key;
    if (c.record == "target") {
      const TargetKey tk = target_key(c.key);
      ref_key = "target\x1f" + tk.agency + "\x1f" + std::to_string(tk.fiscal_year);
    }
    if (!ref_.count(ref_key)) {
      refuse(n, {"unknown_reference", "no " + c.record + " '" + c.key + "' is recorded", ""});
      return;
    }
    std::vector<std::string>& done = changes(c.stream());
    const int64_t have = static_cast<int64_t>(done.size());
    if (c.seq <= have) {
      if (same_record(done[static_cast<size_t>(c.seq - 1)], c.raw)) ++res_.duplicates;
      else refuse(n, {"seq_conflict", "change " + std::to_string(c.seq) + " of " + c.stream() + " is already recorded, with other content", ""});
      return;
    }
    if (c.seq != have + 1) {
      refuse(n, {"seq_gap", "the next change of " + c.stream() + " is " + std::to_string(have + 1), ""});
      return;
    }
    if (c.record == "agency") {
      AgencyRecord a = current(store_.agencies(), [&](const AgencyRecord& x) { return x.code == c.key; });
      apply_change(a, c);
      tx_->put_agency(a);
    } else if (c.record == "officer") {
      OfficerRecord o = current(store_.officers(), [&](const OfficerRecord& x) { return x.id == c.key; });
      if (c.agency && !agencies_.count(*c.agency)) {
        refuse(n, {"unknown_agency", "agency " + *c.agency + " is not known", ""});
        return;
      }
      // An officer moved to another agency leaves his cases behind: they are
      // reassigned first (L.THADS Art. 36(2), Art. 23: the head of the agency
      // assigns each case to one of its officers), so none is left with an
      // officer of another agency. A thads rule on that basis.
      if (c.agency && *c.agency != o.agency)
        if (const int64_t open = open_cases_of_officer(tx_->db(), o.id); open > 0) {
          refuse(n, {"bad_transition", "officer " + o.id + " still holds " + std::to_string(open) +
                                           " open cases; assign them to other officers before the move",
                     "Điều 36(2), Điều 23 Luật THADS"});
          return;
        }
      apply_change(o, c);
      tx_->put_officer(o);
      if (c.active) tx_->set_officer_active(o.id, *c.active);
    } else if (c.record == "target") {
      const TargetKey tk = target_key(c.key);
      TargetRecord t = current(store_.targets(), [&](const TargetRecord& x) {
        return x.agency == tk.agency && x.fiscal_year == tk.fiscal_year;
      });
      apply_change(t, c);
      tx_->put_target(t);
    } else {
      HolidayRec h = current(store_.holidays(), [&](const HolidayRec& x) { return x.day.date.iso() == c.key; });
      apply_change(h, c);
      tx_->put_holiday(h);
      cal_.set(h.day);
      recalendar_ = true;
    }
    tx_->append("reference_change", c.stream(), c.seq, c.recorded_at, c.actor.empty() ? opt_.actor : c.actor, c.raw);
    done.push_back(c.raw);
    ++references_added_;
  }

  // The changes of one reference record recorded so far (stored, then this
  // import's), read from the journal on first use.
  std::vector<std::string>& changes(const std::string& stream) {
    auto it = changes_.find(stream);
    if (it == changes_.end()) {
      std::vector<std::string> bodies;
      for (const JournalEntry& e : store_.stream_entries("reference_change", stream)) bodies.push_back(e.body);
      it = changes_.emplace(stream, std::move(bodies)).first;
    }
    return it->second;
  }

  // The record as it now stands in the read model (this import's writes
  // included: they are in the transaction).
  template <class T, class Pred>
  static T current(std::vector<T> all, Pred is) {
    for (T& x : all)
      if (is(x)) return std::move(x);
    throw StoreError("a known reference record is missing from its read model");
  }

  void on(int64_t n, Event& e) {
    // After a refused event, later lines of the same case are not checked.
    if (!blocked_.empty() && blocked_.count(e.case_id)) return;
    Live& c = live(e.case_id);
    const Decision d = c.stream.decide(e, agency_refs_);
    if (d.kind == Decision::duplicate) {
      ++res_.duplicates;
      return;
    }
    if (d.kind == Decision::refuse) {
      refuse(n, d.refusal);
      blocked_.insert(e.case_id);
      return;
    }
    // Appended even after a refusal elsewhere in the file (the transaction is
    // then rolled back): the journal in the transaction always holds every
    // accepted record, so a case that left the window can be read back.
    tx_->append("event", e.case_id, e.seq, e.recorded_at, e.actor, e.raw);
    ++events_added_;
    uint8_t& k = flags(e.case_id);
    if (!(k & kTouched)) ++cases_touched_;
    k |= kInJournal | kTouched;
    c.dirty = true;
    c.stream.append(std::move(e));
  }

  // A record of a module's kind: the module decides it and writes it.
  void on(int64_t n, ModuleRecord& m) {
    const Module* module = module_of_kind(m.kind);
    if (!module || !module->begin_import) {
      refuse(n, {"unknown_kind", "unknown record kind '" + m.kind + "'", ""});
      return;
    }
    auto it = module_imports_.find(module);
    if (it == module_imports_.end()) {
      if (!module_ctx_) {
        module_ctx_ = std::make_unique<ImportContext>(ImportContext{
            store_, *tx_, opt_, agency_refs_, cal_,
            [this](const std::string& id) { return (flags(id) & kInJournal) != 0; },
            [this](const std::string& id) -> const CaseStream* {
              if (!(flags(id) & kInJournal)) return nullptr;
              return &live(id).stream;
            },
            [this](const std::string& id, int64_t seq) -> std::optional<Event> {
              if (!(flags(id) & kInJournal) || seq < 1) return std::nullopt;
              auto w = live_.find(id);
              if (w == live_.end()) return store_.load_event(id, seq);  // this import's events are in the transaction
              const Event* e = event_numbered(w->second.stream.events(), seq);
              return e ? std::optional<Event>(*e) : std::nullopt;
            },
            disposer_});
      }
      it = module_imports_.emplace(module, module->begin_import(*module_ctx_)).first;
    }
    Refusal why;
    switch (it->second->on(m, why)) {
      case ModuleImport::Outcome::added_event: ++events_added_; break;
      case ModuleImport::Outcome::added_reference: ++references_added_; break;
      case ModuleImport::Outcome::duplicate: ++res_.duplicates; break;
      case ModuleImport::Outcome::refused: refuse(n, std::move(why)); break;
      case ModuleImport::Outcome::skipped: break;
    }
  }

  // What is known of case `id` (the k… flags above). A case met for the
  // first time is asked of the store (its events in the journal, its row in
  // the read models), until list_after_ ids were asked: then every stored
  // case is listed at once, and an id not listed is new. The answers see
  // this import's own writes (its transaction), but every case it wrote
  // went through here first, so its entry is already exact.
  uint8_t& flags(const std::string& id) {
    auto it = known_.find(id);
    if (it != known_.end()) return it->second;
    if (!listed_ && ++asked_ > list_after_) {
      listed_ = true;
      for (const std::string& stored : store_.case_ids()) known_.try_emplace(stored, kInJournal | kHasView);
      scan_case_ids(store_.db(), [&](const std::string& row) { known_.try_emplace(row, kHasView); });
      return known_[id];
    }
    if (listed_) return known_[id];  // not listed: new to the store
    uint8_t k = 0;
    if (store_.has_case_stream(id)) k |= kInJournal | kHasView;
    else if (case_row_exists(store_.db(), id)) k |= kHasView;
    return known_.emplace(id, k).first->second;
  }

  // The case's stream, in the window (loaded when absent).
  Live& live(const std::string& id) {
    auto it = live_.find(id);
    if (it == live_.end()) {
      if (size_t n = overflow(live_.size(), opt_.window)) evict(n);
      const bool stored = (flags(id) & kInJournal) != 0;
      it = live_.emplace(id, Live{stored ? CaseStream(store_.load_stream(id)) : CaseStream(), 0, false}).first;
    }
    it->second.last_use = ++tick_;
    return it->second;
  }

  // Writes and forgets the `count` least recently used cases of the window.
  void evict(size_t count) {
    auto oldest = least_recently_used(live_, count);
    write_and_drop(oldest);
  }

  void flush_all() {
    std::vector<LiveMap::iterator> all;
    all.reserve(live_.size());
    for (auto it = live_.begin(); it != live_.end(); ++it) all.push_back(it);
    write_and_drop(all);
  }

  // Projects the dirty cases among `cases` in case-id order (B-tree inserts
  // then land in order), then drops all of them from the window.
  void write_and_drop(std::vector<LiveMap::iterator>& cases) {
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a->first < b->first; });
    for (auto it : cases) {
      if (it->second.dirty && res_.ok()) put(it->first, it->second.stream);
      live_.erase(it);
    }
  }

  void put(const std::string& id, const CaseStream& stream) {
    uint8_t& k = flags(id);
    CaseView v = project(stream, cal_, legal_settings());
    if (k & kHasView) {
      flush_terms();  // put_case deletes the case's earlier terms: they must be written first
      tx_->put_case(v);
    } else {
      buffer_terms(v);
      tx_->put_new_case(v);
    }
    k |= kHasView | kProjected;
    if (opt_.progress && ++projected_ % 20000 == 0) opt_.progress("cập nhật hồ sơ", projected_, 0);
  }

  // The search terms of cases new to the store wait here and are written
  // together in (term, case_id) order, the order of case_terms' primary key:
  // written case by case, they would land all over that B-tree.
  void buffer_terms(CaseView& v) {
    const uint32_t c = static_cast<uint32_t>(term_cases_.size());
    term_cases_.push_back(v.case_id);
    for (std::string& t : v.terms) {
      auto [it, added] = term_ids_.try_emplace(std::move(t), static_cast<uint32_t>(term_names_.size()));
      if (added) term_names_.push_back(&it->first);
      term_rows_.push_back(static_cast<uint64_t>(it->second) << 32 | c);
    }
    v.terms.clear();
  }

  void flush_terms() {
    if (term_rows_.empty()) return;
    // Ranks of the terms and case ids in byte order; (term, case) rank pairs
    // then sort like the primary key.
    auto ranks = [](size_t n, auto less) {
      std::vector<uint32_t> order(n), rank(n);
      for (uint32_t k = 0; k < n; ++k) order[k] = k;
      std::sort(order.begin(), order.end(), less);
      for (uint32_t k = 0; k < n; ++k) rank[order[k]] = k;
      return std::pair{std::move(order), std::move(rank)};
    };
    auto [term_order, term_rank] =
        ranks(term_names_.size(), [&](uint32_t a, uint32_t b) { return *term_names_[a] < *term_names_[b]; });
    auto [case_order, case_rank] =
        ranks(term_cases_.size(), [&](uint32_t a, uint32_t b) { return term_cases_[a] < term_cases_[b]; });
    for (uint64_t& r : term_rows_)
      r = static_cast<uint64_t>(term_rank[r >> 32]) << 32 | case_rank[static_cast<uint32_t>(r)];
    std::sort(term_rows_.begin(), term_rows_.end());
    term_rows_.erase(std::unique(term_rows_.begin(), term_rows_.end()), term_rows_.end());
    std::vector<std::pair<std::string_view, std::string_view>> chunk;
    chunk.reserve(4096);
    for (size_t k = 0; k < term_rows_.size(); ++k) {
      const uint64_t r = term_rows_[k];
      chunk.emplace_back(*term_names_[term_order[r >> 32]], term_cases_[case_order[static_cast<uint32_t>(r)]]);
      if (chunk.size() == 4096 || k + 1 == term_rows_.size()) {
        tx_->put_terms(chunk);
        chunk.clear();
      }
    }
    term_rows_.clear();
    term_rows_.shrink_to_fit();
    term_cases_.clear();
    term_cases_.shrink_to_fit();
    term_names_.clear();
    term_ids_.clear();
  }

  // Holidays were added: the due dates of deadlines counted in working days
  // may move (BLDS 2015 Art. 147–148 with the new days off), for cases
  // already in the store as much as for those of this file. Project again
  // every case that has a deadline not met or is still open, and the cases
  // projected before the holiday in this import (rare: reference records
  // normally come first).
  void reproject_written() {
    flush_terms();
    std::vector<std::string> ids;
    for (const auto& [id, k] : known_)
      if (k & kProjected) ids.push_back(id);
    for (std::string& id : open_or_pending_case_ids(store_.db())) ids.push_back(std::move(id));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const std::string& id : ids) tx_->put_case(project(CaseStream(store_.load_stream(id)), cal_, legal_settings()));
  }

  Store& store_;
  const ImportOptions& opt_;
  DisposerSwitch disposer_;  // what the modules' imports drop goes there (app/disposer.h)
  std::unique_ptr<WriteTx> tx_;
  ImportResult res_;
  Calendar cal_;
  std::unordered_map<std::string, std::string> ref_;
  std::unordered_map<std::string, std::vector<std::string>> changes_;  // reference_change stream -> bodies by seq
  std::unordered_set<std::string> agencies_;
  std::unordered_map<std::string, std::string> parents_;  // agency code -> parent code ("" for a root)
  AgencyRefs agency_refs_;
  std::unordered_map<std::string, uint8_t> known_;  // see flags()
  int64_t list_after_ = 0, asked_ = 0;
  bool listed_ = false;
  LiveMap live_;
  std::unordered_map<std::string, uint32_t> term_ids_;  // buffered terms
  std::vector<const std::string*> term_names_;         // term id -> term
  std::vector<std::string> term_cases_;                 // case number -> case id
  std::vector<uint64_t> term_rows_;                     // term id << 32 | case number
  std::unordered_set<std::string> blocked_;
  std::unique_ptr<ImportContext> module_ctx_;
  std::unordered_map<const Module*, std::unique_ptr<ModuleImport>> module_imports_;
  uint64_t tick_ = 0;
  int64_t events_added_ = 0;
  int64_t references_added_ = 0;
  int64_t cases_touched_ = 0;
  int64_t projected_ = 0;
  bool recalendar_ = false;
};

}  // namespace

ImportResult import_jsonl(Store& store, std::istream& in, const ImportOptions& opt) {
  Importer imp(store, opt);
  if (!imp.result().ok()) return imp.finish();  // not authorised: no line is read
  int64_t n = 0;
  {
    LineParser parser(in, opt.now_unix);
    // The parser's thread frees what the modules' imports drop while it
    // lives; it ends with the input, and what finish() drops last is freed
    // at once.
    struct Unhook {
      Importer& imp;
      ~Unhook() { imp.dispose_through(nullptr); }
    } unhook{imp};
    imp.dispose_through(&parser);
    LineParser::Batch batch;
    while (parser.next(batch)) {
      for (Record& r : batch) {
        imp.record(++n, r);
        if (opt.progress && n % 50000 == 0) opt.progress("kiểm tra", n, 0);
      }
    }
  }
  imp.result().lines = n;
  return imp.finish();
}

}  // namespace thads
