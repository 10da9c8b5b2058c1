// The procuracy's review (issue 15 item 4; legal-rules.md §7.3): for an
// agency subtree and a period,
// - the cases classified without conditions (chưa có điều kiện thi hành án,
//   Luật THADS Art. 44a) whose classification falls in the period, with
//   their verification records (xác minh, Art. 44);
// - the decisions on enforcement of those cases in the period and when each
//   was sent to the procuracy: within 3 working days of the decision (Luật
//   THADS 2008 Art. 38; legal-rules.md §2.2 row 13);
// - the agency's overdue answers to the procuracy: replies (Art. 161(1)),
//   remedies and the superior's answers (Art. 161(2)) past due and not given.
//
// Contract: reads only; the user's right is checked here (acc_access.h
// view_review: the procuracy, heads, supervisors of the subtree).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/date.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads::accountability {

struct ReviewDecision {
  int64_t seq = 0;
  std::string type;  // the case event type
  Date date, due;    // due: date + 3 working days (Art. 38)
  std::optional<Date> sent;
  std::string status;  // on_time | late | overdue (not sent, past due) | pending (not sent, not yet due)
};
struct ReviewCase {
  std::string case_id, agency, debtor, reason;
  Date unable_date;
  std::vector<std::pair<Date, std::string>> verifications;  // date, result (able | unable)
  std::vector<ReviewDecision> decisions;
};
struct OverdueAnswer {
  std::string id, agency, title, action, label, article;
  Date due;
  int days_late = 0;
};
struct Review {
  std::string agency;
  Date from, to, today;
  std::vector<ReviewCase> cases;
  std::vector<OverdueAnswer> overdue;
  int64_t sent_on_time = 0, sent_late = 0, not_sent = 0;
};

std::variant<Review, Refusal> procuracy_review(Store& store, const User& user, const std::string& agency, Date from,
                                               Date to, Date today);

}  // namespace thads::accountability
