// The demo's issued periodic reports (issue 17 item 6: the README's run
// command shows them): after `thads demo` imported its data set, the
// six-month report of the last six months that have ended is issued for the
// first province that has demo directives, then issued again with a reason,
// so the page shows a version that replaces another and what changed. The
// figures are gathered from the imported store, as an issue from the page.
#include <algorithm>

#include "domain/interchange.h"
#include "modules/steering/app/periodic_report.h"
#include "modules/steering/app/steering_demo.h"
#include "modules/steering/domain/periods.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {

std::string last_ended_six_months(Date today) {
  const int fy = today.month() >= 10 ? today.year() + 1 : today.year();
  for (int y : {fy, fy - 1}) {
    auto p = parse_report_period(std::to_string(y) + "-6M");
    if (p && p->to < today) return key_of(*p);
  }
  return std::to_string(fy - 1) + "-6M";
}

std::vector<std::string> issue_demo_reports(Store& store, int64_t now_unix) {
  std::vector<std::string> provinces;
  const Ledger ledger = load_ledger(store.db());  // a member of a temporary would dangle in the loop
  for (const auto& [id, d] : ledger.directives()) provinces.push_back(d.text("agency"));
  std::sort(provinces.begin(), provinces.end());
  if (provinces.empty()) return {};
  const std::string period = last_ended_six_months(vn_date_of(now_unix));
  IssueRequest rq;
  rq.agency = provinces.front();
  rq.period = period;
  rq.number = "45/BC-THADS";
  rq.difficulties = "Số việc chưa có điều kiện thi hành còn lớn; một số vụ việc phức tạp, kéo dài chưa dứt điểm.";
  rq.proposals = "Đề nghị Ban Chỉ đạo chỉ đạo các cơ quan phối hợp tổ chức cưỡng chế các vụ việc trọng điểm.";
  rq.signer = "Nguyễn Văn An";
  std::vector<std::string> out;
  auto first = issue_report_as(store, "demo", rq, now_unix);
  if (auto* r = std::get_if<Refusal>(&first)) throw StoreError("demo periodic report: " + r->code + ": " + r->message);
  rq.number = "47/BC-THADS";
  rq.reason = "Bổ sung kết quả thi hành án theo số liệu đã rà soát, đối chiếu với Viện kiểm sát";
  auto second = issue_report_as(store, "demo", rq, now_unix);
  if (auto* r = std::get_if<Refusal>(&second)) throw StoreError("demo periodic report: " + r->code + ": " + r->message);
  out.push_back(std::get<Recorded>(second).key);
  return out;
}

}  // namespace thads::steering
