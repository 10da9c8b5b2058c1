#include "modules/accountability/domain/inspection_report.h"
#include <algorithm>

namespace thads::accountability {
namespace {

using C = InspectionColumns;
constexpr InspectionColumn kColumns[] = {
    {"inspections", "Số cuộc kiểm tra", &C::inspections},
    {"planned", "Theo kế hoạch", &C::planned},
    {"ad_hoc", "Đột xuất", &C::ad_hoc},
    {"self_inspections", "Tự kiểm tra", &C::self_inspections},
    {"by_superior", "Do cấp trên kiểm tra", &C::by_superior},
    {"concluded", "Đã có kết luận", &C::concluded},
    {"findings", "Số sai phạm phát hiện", &C::findings},
    {"remedies", "Số yêu cầu khắc phục", &C::remedies},
    {"remedies_done_on_time", "Đã khắc phục đúng hạn", &C::remedies_done_on_time},
    {"remedies_done_late", "Đã khắc phục quá hạn", &C::remedies_done_late},
    {"remedies_open", "Chưa khắc phục", &C::remedies_open},
    {"remedies_overdue", "Trong đó: quá hạn", &C::remedies_overdue},
    {"violations", "Số công chức vi phạm", &C::violations},
    {"reminders", "Nhắc nhở", &C::reminders},
    {"criticisms", "Phê bình", &C::criticisms},
    {"disciplined", "Xử lý kỷ luật", &C::disciplined},
    {"no_measure", "Chưa xử lý", &C::no_measure},
};

}  // namespace

std::span<const InspectionColumn> inspection_columns() { return kColumns; }

void add_inspection(InspectionColumns& c, const AccStream& s, Date from, Date to) {
  if (!s.exists() || to < s.recs().front().date) return;
  const Rec& o = s.recs().front();
  const std::vector<Deadline> ds = remedy_deadlines(s, to);
  const Rec* end = s.ending();
  const bool all_done_before = std::all_of(ds.begin(), ds.end(), [&](const Deadline& d) { return d.met_on && *d.met_on < from; });
  if (end && end->date < from && all_done_before) return;
  ++c.inspections;
  ++(o.text("mode") == "planned" ? c.planned : c.ad_hoc);
  ++(o.text("by") == o.text("agency") ? c.self_inspections : c.by_superior);
  if (end && !(to < end->date)) ++c.concluded;
  for (const Rec& r : s.recs())
    if (r.type == "finding" && !(to < r.date)) ++c.findings;
  for (const Deadline& d : ds) {
    ++c.remedies;
    if (d.met_on) ++(d.due < *d.met_on ? c.remedies_done_late : c.remedies_done_on_time);
    else {
      ++c.remedies_open;
      if (d.due < to) ++c.remedies_overdue;
    }
  }
}

void add_violation(InspectionColumns& c, const AccStream& s, Date from, Date to) {
  if (!s.exists()) return;
  const Date d = s.recs().front().date;
  if (d < from || to < d) return;
  ++c.violations;
  std::string measure;
  for (const Rec& r : s.recs())
    if (r.type == "measure" && !(to < r.date)) measure = r.text("measure");
  if (measure.empty()) ++c.no_measure;
  else if (measure == "reminder") ++c.reminders;
  else if (measure == "criticism") ++c.criticisms;
  else ++c.disciplined;
}

nlohmann::ordered_json columns_json(const InspectionColumns& c) {
  nlohmann::ordered_json j;
  for (const InspectionColumn& col : kColumns) j[col.key] = c.*col.field;
  return j;
}

}  // namespace thads::accountability
