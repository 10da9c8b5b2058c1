#include "modules/coordination/domain/body_performance.h"

#include <algorithm>
#include <map>

namespace thads::coordination {
namespace {

struct Acc {
  BodyPerformance p;
  std::vector<int64_t> days;
};

void add(Acc& a, const LedgerRow& r, Date as_of) {
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

BodyPerformance finish(Acc& a) {
  if (!a.days.empty()) {
    auto mid = a.days.begin() + static_cast<std::ptrdiff_t>((a.days.size() - 1) / 2);
    std::nth_element(a.days.begin(), mid, a.days.end());
    a.p.median_days = *mid;
  }
  return a.p;
}

}  // namespace

std::vector<BodyPerformance> body_performance(const std::vector<LedgerRow>& rows, Date as_of) {
  std::map<std::string, Acc> per_body;
  Acc total;
  for (const LedgerRow& r : rows) {
    if (r.state == "withdrawn" || as_of < r.sent) continue;
    Acc& a = per_body[r.body];
    a.p.body = r.body;
    add(a, r, as_of);
    add(total, r, as_of);
  }
  std::vector<BodyPerformance> out;
  for (auto& [code, a] : per_body) out.push_back(finish(a));
  out.push_back(finish(total));
  return out;
}

}  // namespace thads::coordination
