#include "modules/coordination/app/periodic_section.h"

#include <algorithm>

#include "app/report_layout.h"
#include "modules/coordination/app/coordination_report.h"

namespace thads::coordination {

std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args) {
  auto res = coordination_report(store, args.agency, args.from, args.to);
  if (auto* r = std::get_if<Refusal>(&res)) return *r;
  const CoordinationReport& rep = std::get<CoordinationReport>(res);
  std::vector<const BodyPerformance*> failing;
  const BodyPerformance* total = nullptr;
  for (const BodyPerformance& p : rep.bodies) {
    if (p.body.empty()) total = &p;
    else if (p.late > 0 || p.overdue > 0) failing.push_back(&p);
  }
  std::stable_sort(failing.begin(), failing.end(), [](const BodyPerformance* a, const BodyPerformance* b) {
    return a->late + a->overdue > b->late + b->overdue;
  });
  PeriodicSection s{"coordination",
                    "Phối hợp của cơ quan, tổ chức: trả lời chậm, quá hạn chưa trả lời",
                    {"Cơ quan, tổ chức", "Yêu cầu đã gửi", "Trả lời đúng hạn", "Trả lời chậm", "Quá hạn chưa trả lời",
                     "Chưa trả lời lâu nhất (ngày gửi)"},
                    {},
                    {},
                    40};
  const auto row = [&](const BodyPerformance& p, const std::string& name) {
    s.rows.push_back({name, p.sent, p.on_time, p.late, p.overdue, p.oldest_sent ? p.oldest_sent->vn() : "-"});
  };
  for (size_t i = 0; i < failing.size() && i < kPeriodicBodies; ++i) {
    const auto it = rep.names.find(failing[i]->body);
    row(*failing[i], it != rep.names.end() ? it->second.first : failing[i]->body);
  }
  if (total) row(*total, "Tổng cộng (mọi cơ quan, tổ chức)");
  s.note = failing.empty() ? "Trong kỳ không có cơ quan, tổ chức nào trả lời chậm hoặc quá hạn chưa trả lời."
           : failing.size() > kPeriodicBodies
               ? "Còn " + std::to_string(failing.size() - kPeriodicBodies) +
                     " cơ quan, tổ chức khác trả lời chậm hoặc quá hạn (xem báo cáo phối hợp)."
               : "";
  s.note += std::string(s.note.empty() ? "" : " ") + "Luật THADS Điều 11, 44, 67, 69, 72; NĐ 62/2015/NĐ-CP Điều 13.";
  return std::vector<PeriodicSection>{std::move(s)};
}

}  // namespace thads::coordination
