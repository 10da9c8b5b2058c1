// Case detail: everything the case page and GET /api/v1/cases/{id} show of
// one case, composed from the use cases and domain rules: the stream and its
// folded state, the read-model summary, the legal deadlines as of a day, the
// money ledger (collections with the enforcement fee of TT 216/2016, the
// payout order of Art. 47) and the warnings.
//
// Contract: read-only; one call loads the stream once. The fee is an
// estimate for the creditor's information (what TT 216 would charge on what
// was collected so far), not a decision. This file is free of HTTP and can
// move to src/app as it is.
#pragma once

#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/access.h"
#include "app/case_deadlines.h"
#include "domain/calendar.h"
#include "domain/case_state.h"
#include "domain/case_view.h"
#include "domain/payment_order.h"
#include "app/intake.h"
#include "store/store.h"

namespace thads {

struct Collection {
  int64_t seq = 0;
  Date date;
  std::string method;
  Money amount = 0;
  Money fee_base = 0;  // the part of the amount the fee is charged on
  Money fee = 0;
  bool voluntary_period = false;  // paid within the voluntary period: no fee (TT 216 Art. 6)
  int64_t reversal = 0;           // seq of the `reversed` event naming it, 0 when none
  bool reversed = false;          // its reversal is approved: it no longer counts, no fee
};

// A reversing entry (docs/formats/reversal.md): recorded by the officer,
// approved by the head.
struct Reversal {
  int64_t seq = 0;       // the `reversed` event
  int64_t reverses = 0;  // the collected / paid_out entry
  EventType entry_type = EventType::collected;
  Money amount = 0;
  Date date;
  std::string reason;
  std::string recorded_by;
  bool approved = false;
  std::optional<Date> approved_on;
  std::string approved_by;
};

struct Ledger {
  std::vector<Collection> collections;  // every collection, reversed ones included
  std::vector<Reversal> reversals;
  Money fee_due = 0;
  std::string fee_note;  // why no fee, when none is due
  Distribution payout;   // how the money collected is shared (Art. 47)
};

struct CaseDetail {
  std::vector<Event> events;  // the whole stream, seq order
  CaseState state;
  CaseView view;
  std::shared_ptr<const CaseOpened> opened;  // from the first event (also when withdrawn)
  CaseDeadlines deadlines;
  Ledger ledger;
  std::vector<CaseWarning> warnings;
};

// Where a case belongs, from the read model (cheap; for access checks).
std::optional<CaseScope> case_scope(Store& store, const std::string& case_id);

std::optional<CaseDetail> load_case_detail(Store& store, const std::string& case_id, Date today);

// Recent built cases of one store, shared by a server's threads.
//
// Contract: an entry is used only while the case's version (its number of
// events), the day and the holidays (the number of holiday entries in the
// journal, which only grows) are those it was built from, all read in the
// same read transaction as the case's scope, so it is never stale after a
// write, through this server or another process. At most `max_entries`
// cases and about `max_bytes` of built cases and rendered bodies are kept
// (each entry's size is estimated from its events and bodies when it is
// stored or grows); the least recently used entries make room for a new one,
// so a server's memory for built cases stays flat however long it runs, and
// a burst of reads over other cases does not keep the cases in daily use out
// for long. An entry larger than the whole budget is answered but not kept.
// Thread-safe.
class CaseCache {
 public:
  static constexpr size_t kDefaultMaxEntries = 20000;
  static constexpr size_t kDefaultMaxBytes = size_t{256} << 20;
  explicit CaseCache(size_t max_entries = kDefaultMaxEntries, size_t max_bytes = kDefaultMaxBytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  struct Read {
    CaseScope scope;
    std::shared_ptr<const CaseDetail> detail;
    std::shared_ptr<const std::string> api_body;   // case_json_text(*detail), when asked for
    std::shared_ptr<const std::string> page_body;  // what keep_page_body attached, or nullptr
  };
  // Reads the case's scope and asks `check` whether the caller may read it;
  // the case is built (or taken from the cache) only when it allows. Returns
  // the verdict otherwise; Verdict::not_found when there is no such case.
  std::variant<Read, Verdict> read(Store& store, const std::string& case_id, Date today, bool with_api_body,
                                   const std::function<Verdict(const CaseScope&)>& check);
  // Keeps what the case page rendered from `detail` alone with the entry, if
  // that entry still holds this very `detail`.
  void keep_page_body(const std::string& case_id, const std::shared_ptr<const CaseDetail>& detail,
                      std::shared_ptr<const std::string> body);
  size_t size() const;   // cases kept
  size_t bytes() const;  // their estimated size, at most about max_bytes

 private:
  struct Entry {
    int64_t version = 0;
    int64_t holidays = 0;
    int32_t today = 0;
    std::shared_ptr<const CaseDetail> detail;
    std::shared_ptr<const std::string> api_body, page_body;
    size_t bytes = 0;  // estimated_bytes() when stored
    std::list<std::string>::iterator used;  // its place in lru_ (while in map_)
  };
  // Stores `e` under `case_id` (replacing what is there) and evicts until
  // the bounds hold; called with mu_ held. The entries replaced and evicted
  // are moved to `dropped`, for the caller to free once mu_ is released
  // (freeing a case's events under the lock held other readers waiting).
  void put_locked(const std::string& case_id, Entry e, std::vector<Entry>& dropped);
  std::shared_ptr<const Calendar> calendar(Store& store, int64_t holidays);

  const size_t max_entries_;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> lru_;  // the keys of map_, the most recently used first
  size_t bytes_ = 0;  // sum of the entries' bytes
  int64_t calendar_holidays_ = -1;
  std::shared_ptr<const Calendar> calendar_;
};

// An estimate of the memory a built case holds: its events (with their
// canonical text `raw`; the typed payloads hold little more), its ledger
// and its warnings. For the cache's budget: within about 10% of the heap a
// built demo case holds (tests/integration/case_cache_estimate_test.cc).
size_t estimated_bytes(const CaseDetail& d);

// The name of officer `id` in the officers read model ("" when unknown or
// `id` is ""), read now (the case page shows it beside the case).
std::string officer_name(Store& store, const std::string& id);

// The API representation (docs/api.md "Case").
nlohmann::json case_json(const CaseDetail& d);
// The same as JSON text, written without a tree of the events (what the API
// serves): parsed, it equals case_json(d); its "events" member comes last.
std::string case_json_text(const CaseDetail& d);

}  // namespace thads
