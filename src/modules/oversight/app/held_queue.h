// The oversight streams' open deadlines held in memory for the work queues
// (issue 15 "Speed": one agency's queue beside 200,000 complaints and
// procuracy acts), indexed by agency, kept at the journal's head.
//
// What is held, per stream of every kind: its agency, its summary (state,
// end, officer, title), the latest day its deadlines depend on (`latest`:
// its acts' dates and, for a freeze request, its case's events' dates), and
// the deadlines that are the agency's work and not met, computed once by
// stream_deadlines(acts, latest, …) (domain/deadlines.h). Why that is exact:
// stream_deadlines ignores acts dated after `today` and otherwise reads
// `today` only to judge open deadlines overdue (settle) and a coercion dated
// after it; so for any day on or after `latest` the unmet deadlines and their
// due days are those held, and the queue judges them against its own day.
// A queue asked for a day before a stream's `latest` (a day in the past)
// reads that stream from the journal as before (`live` in the callback).
//
// Kept current as HeldStreams (held_streams.h) is: each use reads the
// journal's head; when it moved, only the streams with new entries, and the
// freeze requests of cases with new events, are read again; another store, a
// journal that is not the one held, too many changes or another holiday
// calendar read everything again. The journal stays the one truth: nothing is
// written, and a wrong model can only cost a reload.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/money.h"
#include "modules/oversight/domain/acts.h"
#include "store/store.h"

namespace thads::oversight {

struct HeldDeadline {
  // Interned (the same few strings for every stream).
  const std::string* action = nullptr;
  const std::string* label = nullptr;
  const std::string* article = nullptr;
  Date due;
};

struct HeldQueueStream {
  StreamKind kind = StreamKind::admin_judgment;
  std::string agency;
  Date latest;
  std::string state, end_date, officer, title;  // summary_of (oversight_store.h); held only with deadlines
  std::vector<HeldDeadline> pending;             // by the order stream_deadlines gives
  std::string freeze_case;                       // a freeze_account request's case ("" otherwise)
};

// A freeze_account request as the warning to lift an excess freeze needs it
// (coordination, excess_freezes.h): what holds on `latest` (its acts' and its
// case's events' latest day) and on every later day, since nothing is dated
// after it.
struct HeldFreeze {
  std::string case_id;
  std::string agency;           // the request's (the purpose ledger's)
  Date latest;
  bool open = false;            // neither withdrawn nor ended: the ledger's state "open"
  Money standing = 0;           // standing_freeze(request, latest)
  Money case_remaining = 0;     // remaining_on(its case's events, latest)
  std::string officer, debtor;  // its case's officer (read model) and debtor
};

class HeldQueue {
 public:
  // Calls f(id, stream) for every held stream of `agencies` (empty: every
  // stream), at the journal's head and with `cal` (`calendar_key` names it:
  // another key reads everything again). Readers share the model's lock
  // while the journal has not moved; bringing it up to date takes it alone.
  void with(Store& store, const Calendar& cal, size_t calendar_key, const std::vector<std::string>& agencies,
            const std::function<void(const std::string& id, const HeldQueueStream& s)>& f);

  // Calls f(case, requests) for every case with held freeze_account
  // requests of `agencies` (empty: of any agency; `requests`: every request
  // of the case of that purpose, whatever its agency), at the journal's
  // head, as with() does. Only those cases are visited: an agency's queue
  // does not walk the country's freezes.
  void with_freezes(Store& store, const Calendar& cal, size_t calendar_key, const std::vector<std::string>& agencies,
                    const std::function<void(const std::string& case_id, const std::vector<const HeldFreeze*>& requests)>& f);

  // The process's model (the work queue's).
  static HeldQueue& instance();

 private:
  static constexpr int64_t kMaxChanged = 200000;  // more new entries than this: read everything

  // Runs read() on the model at the journal's head: under the shared lock
  // while the journal has not moved, else under the unique lock after refresh.
  void at_head(Store& store, const Calendar& cal, size_t calendar_key, const std::function<void()>& read);
  void refresh(Store& store, const Calendar& cal, size_t calendar_key);  // under the unique lock
  void load_all(Store& store, const Calendar& cal);
  void reload(Store& store, const Calendar& cal, StreamKind kind, const std::string& id);
  void put(Store& store, const Calendar& cal, std::vector<Act>& acts);
  void erase(const std::string& id);
  const std::string* intern(const std::string& s);

  std::shared_mutex mu_;
  // agency -> (id -> stream); id -> agency.
  std::unordered_map<std::string, std::unordered_map<std::string, HeldQueueStream>> by_agency_;
  std::unordered_map<std::string, std::string> agency_of_;
  // case -> its freeze requests (their deadlines read the case's events).
  std::unordered_map<std::string, std::unordered_set<std::string>> freezes_of_case_;
  std::unordered_map<std::string, HeldFreeze> freeze_of_;  // freeze request id -> what the excess needs
  // agency -> (case -> how many of its freeze requests are the agency's).
  std::unordered_map<std::string, std::unordered_map<std::string, int>> freeze_cases_of_agency_;
  std::set<std::string> strings_;
  bool loaded_ = false;
  int64_t pos_ = 0;
  std::string hash_;
  size_t calendar_key_ = 0;
};

}  // namespace thads::oversight
