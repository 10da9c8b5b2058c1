#include "modules/coordination/domain/body_performance.h"

#include <algorithm>
#include <map>

namespace thads::coordination {

BodyPerformance finish(BodyAcc& a) {
  if (!a.days.empty()) {
    auto mid = a.days.begin() + static_cast<std::ptrdiff_t>((a.days.size() - 1) / 2);
    std::nth_element(a.days.begin(), mid, a.days.end());
    a.p.median_days = *mid;
  }
  return a.p;
}

std::vector<BodyPerformance> body_performance(const std::vector<LedgerRow>& rows, Date as_of) {
  std::map<std::string, BodyAcc> per_body;
  BodyAcc total;
  for (const LedgerRow& r : rows) {
    if (r.state == "withdrawn" || as_of < r.sent) continue;
    BodyAcc& a = per_body[r.body];
    a.p.body = r.body;
    add_request(a, r, as_of);
    add_request(total, r, as_of);
  }
  std::vector<BodyPerformance> out;
  for (auto& [code, a] : per_body) out.push_back(finish(a));
  out.push_back(finish(total));
  return out;
}

}  // namespace thads::coordination
