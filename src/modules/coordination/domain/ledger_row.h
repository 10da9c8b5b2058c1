// One request to a body as the purpose ledger and the coordination report
// read it (issue 16 items 3 and 6): why it was made (purpose, case), about
// whom (subject), by whom (the login that sent it), to which body, when it
// was due to be answered and when it was first answered, and its outcome.
//
// Contract: pure; from one request stream (oversight.md "request") and the
// calendar. The answer's due day is the stream's `answer` deadline
// (oversight domain/deadlines.h: verify_assets 5 wd [B], protection 3 wd,
// freeze_account / stop_transfer the day received [B], Luật THADS Art. 44,
// 67, 69, 72); `other` has none.
#pragma once

#include <optional>
#include <string>

#include "domain/calendar.h"
#include "domain/money.h"
#include "modules/oversight/domain/stream.h"

namespace thads::coordination {

struct LedgerRow {
  std::string id, case_id, agency, body, purpose, subject_name, subject_id, sender;
  Money amount = 0;
  Date sent;
  std::optional<Date> answer_due, first_answer;
  std::string result;  // the latest answer that counts: found | not_found | done | refused | ""
  std::string state;   // open | ended | withdrawn
};

// nullopt for a stream that is not a request (or has no acts).
std::optional<LedgerRow> ledger_row(const oversight::Stream& s, const Calendar& cal);

// How a request stands against its answer deadline on `today`.
enum class Timeliness { on_time, late, unanswered_overdue, unanswered_open, no_deadline };
Timeliness timeliness(const LedgerRow& r, Date today);

}  // namespace thads::coordination
