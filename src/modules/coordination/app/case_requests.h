// The requests of one case, for its page (issue 16 item 2): every request to
// a body with its deadlines and answer, the acts the user may record on each
// now (answer, reminder, lifting, closing), what is frozen and stopped, where,
// and how much of the debt the freezes cover, with the excess to lift when a
// collection, reduction or termination left the standing freezes above what
// is still owed. Also sending a request from the case (the subject is the
// case's debtor by default; a deactivated body is refused as inactive_body).
//
// Rights: those of oversight_access.h (a request is read by the roles that
// read requests in its subtree; sent and acted on by the case's officer and
// the head); checked per request, and for sending by oversight's
// open_stream inside its write transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/agency_tree.h"
#include "domain/deadlines.h"
#include "domain/event.h"
#include "domain/refusal.h"
#include "modules/oversight/app/record_act.h"
#include "modules/coordination/app/held_bodies.h"
#include "modules/coordination/domain/coercion_notice.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::coordination {

struct RequestLine {
  oversight::StreamRow row;
  std::string body_code, body_name, purpose, subject_name, subject_id;
  Money amount = 0;                  // the freeze's amount (0 when none)
  std::string answer, answer_date;   // the latest answer that counts ("" when none)
  int64_t reminders = 0;
  Money frozen = 0;                  // what this freeze holds today (freeze_budget.h standing_freeze)
  bool stop_standing = false;        // a stop_transfer not lifted, closed, refused or not found
  std::vector<Deadline> deadlines;   // as of today
  std::vector<std::string> offered;  // act types the user may record on it now
  struct Letter {
    int64_t seq;
    std::string type, date;  // the act's type and date (YYYY-MM-DD)
  };
  std::vector<Letter> letters;  // acts with a letter (domain/request_letter.h), in order
};

struct FreezeSummary {
  Money frozen = 0;     // the standing freezes today
  Money remaining = 0;  // what the case still owes today
  Money excess = 0;     // frozen - remaining when positive: to lift
  int64_t coverage_percent = 0;  // frozen * 100 / remaining, capped at 100 (100 when nothing is owed and something is frozen)
  int64_t stops = 0;    // standing stop_transfer requests
};

// A mobilised coercion plan of the case (its `coercion_planned` event with
// mobilised_forces) and who received it (domain/coercion_notice.h, Art. 72).
struct CoercionPlanNotice {
  int64_t event_seq = 0;
  Date planned;
  std::optional<Date> scheduled;
  std::vector<PlanRecipient> recipients;
};

struct CaseRequests {
  std::vector<RequestLine> lines;
  FreezeSummary freeze;
  std::vector<CoercionPlanNotice> coercion_plans;
  bool may_send = false;  // the user may send requests for this case
};

// `case_events`: the case's whole stream; `agency`, `officer`: its read model.
CaseRequests case_requests(Store& store, const User& user, const std::string& case_id, const std::string& agency,
                           const std::string& officer, std::span<const Event> case_events, Date today);
// The same with the agency tree and the register of bodies the caller holds
// (a server: ReadCache::tree and held_bodies.h), instead of reading them.
CaseRequests case_requests(Store& store, const AgencyTree& tree, const BodyRegister& bodies, const User& user,
                           const std::string& case_id, const std::string& agency, const std::string& officer,
                           std::span<const Event> case_events, Date today);

// The freeze summary of a case from its requests (pure over what was loaded).
FreezeSummary freeze_summary(const std::vector<RequestLine>& lines, std::span<const Event> case_events, Date today);

// Sends a request for the case: `fields` holds date, body, purpose,
// subject {name, id_number?}, amount?; agency and case are the case's.
std::variant<oversight::ActRecorded, Refusal> send_request(Store& store, const User& user, const std::string& case_id,
                                                           nlohmann::json fields, int64_t now_unix);

}  // namespace thads::coordination
