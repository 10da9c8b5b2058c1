// Oversight use cases that read, for the pages, the API and the work queue:
// one stream with its deadlines, lists of streams, the monitoring loads of
// officers, the files nobody monitors yet, and the oversight deadlines of a
// work queue. Each checks the user's right itself (oversight_access.h).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/access.h"
#include "app/accounts.h"
#include "app/case_deadlines.h"
#include "domain/deadlines.h"
#include "domain/refusal.h"
#include "modules/oversight/domain/complaint_intake.h"
#include "modules/oversight/app/held_queue.h"
#include "modules/oversight/domain/stream.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::oversight {

struct StreamView {
  StreamKind kind = StreamKind::admin_judgment;
  Stream stream;
  StreamRow row;
  std::vector<Deadline> deadlines;  // as of `today` (deadlines.h)
};
// not_found outside the user's subtree (or unknown), forbidden when the role
// may not read the kind (a denunciation for an officer).
std::variant<StreamView, Refusal> read_stream(Store& store, const User& user, const std::string& id, Date today);

// The complaints and procuracy acts linked to a case (their `case` field)
// that the user reads (oversight_access.h), for the case page: each with, for
// a resolved complaint, who has its decision (TT 13/2021/TT-BTP Art. 14).
// Denunciations are never listed there: the case page is read by the officer
// a denunciation may accuse (Luật THADS Art. 157; the resolver reads them on
// their own pages).
struct CaseGrievance {
  StreamKind kind = StreamKind::complaint;
  StreamRow row;
  std::optional<DecisionSending> sending;
};
std::vector<CaseGrievance> grievances_of_case(Store& store, const Access& access, const User& user,
                                              const std::string& case_id);

struct ListQuery {
  std::string kind, state, agency;  // agency: a subtree inside the user's; empty = the user's
  int64_t limit = 200, offset = 0;
};
struct StreamList {
  std::vector<StreamRow> rows;
  int64_t total = 0;
  std::map<std::string, int64_t> counts;  // per kind (the kinds the user reads), same state and agency
};
std::variant<StreamList, Refusal> list_streams_for(Store& store, const User& user, const ListQuery& q);

// The officers of an agency with their open monitoring files, lightest load
// first (the first is the suggestion for a new file).
struct OfficerLoad {
  std::string id, name;
  int64_t open_files = 0;
};
std::vector<OfficerLoad> monitoring_officers(Store& store, const std::string& agency);

// Monitoring files received in the user's subtree and still open with no
// officer assigned or no notice sent (issue 14 item 4).
struct Unmonitored {
  StreamRow row;
  bool no_officer = false, no_notice = false;
};
std::variant<std::vector<Unmonitored>, Refusal> unmonitored_files(Store& store, const User& user);

// The oversight deadlines of a work queue (app/modules.h Module::queue): the
// open deadlines of the streams in `scope` (agency codes; empty: all) that
// fall due by the horizon, or of `q.officer`'s files and requests. An
// agency's queue reads the deadlines held in memory (held_queue.h: only the
// scope's streams are touched); an officer's reads the journal.
std::vector<QueueItem> queue_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope);
// The same computed straightforwardly: every stream of the scope (or the
// officer's) read from the journal and its deadlines computed for q.today.
// The definition the held model is tested against, and the officer's path.
std::vector<QueueItem> queue_items_from_journal(Store& store, const QueueQuery& q,
                                                const std::vector<std::string>& scope);
// Loads the held model queue_items reads (held_queue.h), at the journal's
// head: what a server does in the background once it listens (app/warm_up.h).
void load_held_queue(Store& store);
// Every case with freeze_account requests of `agencies` (empty: of any) as
// the held model has them (HeldQueue::with_freezes), at the journal's head:
// the warning to lift an excess freeze (coordination) reads them instead of
// the journal.
void with_held_freezes(Store& store, const std::vector<std::string>& agencies,
                       const std::function<void(const std::string& case_id, const std::vector<const HeldFreeze*>& requests)>& f);

}  // namespace thads::oversight
