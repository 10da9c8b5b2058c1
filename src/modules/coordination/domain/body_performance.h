// Where coordination fails (issue 16 item 6): per body, the requests sent in
// a period answered on time, late and not at all, the median answer time and
// the oldest unanswered request. The answer's due day is the request's
// `answer` deadline (ledger_row.h: Luật THADS Art. 44, 67, 69, 72).
//
// Contract: pure fold over ledger rows, judged as of `as_of` (the period's
// last day): an answer dated after it does not count yet. Withdrawn requests
// are left out; a request with no answer deadline (purpose `other`) counts
// as sent only. The median is the lower median of the whole days from
// sending to the first answer, over the requests answered by `as_of`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/coordination/domain/ledger_row.h"

namespace thads::coordination {

struct BodyPerformance {
  std::string body;
  int64_t sent = 0, on_time = 0, late = 0, unanswered = 0, overdue = 0, no_deadline = 0;
  std::optional<int64_t> median_days;
  std::string oldest_id;  // the oldest unanswered request ("" when none)
  std::optional<Date> oldest_sent;
};

// One entry per body with requests (in body code order), then the total
// (body "") last.
std::vector<BodyPerformance> body_performance(const std::vector<LedgerRow>& rows, Date as_of);

// The fold itself, for rows held another way (app/held_requests.h: every
// request held in memory): add_request() each request that is not withdrawn
// and sent by `as_of` to its body's accumulator and to the total's, then
// finish() each. `R` has `id`, `sent`, `answer_due` and `first_answer` as
// LedgerRow has them.
struct BodyAcc {
  BodyPerformance p;
  std::vector<int64_t> days;
};
template <class R>
void add_request(BodyAcc& a, const R& r, Date as_of) {
  ++a.p.sent;
  if (!r.answer_due) {
    ++a.p.no_deadline;
    return;
  }
  const bool answered = r.first_answer && *r.first_answer <= as_of;
  if (answered) {
    (*r.first_answer <= *r.answer_due ? a.p.on_time : a.p.late) += 1;
    a.days.push_back(r.first_answer->days() - r.sent.days());
    return;
  }
  ++a.p.unanswered;
  if (*r.answer_due < as_of) ++a.p.overdue;
  if (!a.p.oldest_sent || r.sent < *a.p.oldest_sent || (r.sent == *a.p.oldest_sent && r.id < a.p.oldest_id)) {
    a.p.oldest_sent = r.sent;
    a.p.oldest_id = r.id;
  }
}
BodyPerformance finish(BodyAcc& a);

}  // namespace thads::coordination
