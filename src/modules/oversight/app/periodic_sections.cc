#include "modules/oversight/app/periodic_sections.h"

#include "app/report_layout.h"
#include "modules/oversight/app/grievance_reports.h"
#include "modules/oversight/app/oversight_queries.h"

namespace thads::oversight {
namespace {

using report_layout::signed_thousands;
using Cells = std::vector<nlohmann::json>;

ReportArgs args_of(const char* form, const PeriodicSectionArgs& a, bool last_year) {
  return ReportArgs{form, a.agency, last_year ? a.last_from : a.from, last_year ? a.last_to : a.to, std::nullopt,
                    nullptr};
}

const std::vector<std::string> kCompared = {"Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước", "Tăng, giảm"};

// A report's figures for the period and for the same period last year.
template <class Figures>
std::variant<std::pair<Figures, Figures>, Refusal> now_and_last(std::variant<Figures, Refusal> (*figures)(Store&, const ReportArgs&),
                                                                Store& store, const char* form, const PeriodicSectionArgs& a) {
  auto now = figures(store, args_of(form, a, false));
  if (auto* r = std::get_if<Refusal>(&now)) return *r;
  auto last = figures(store, args_of(form, a, true));
  if (auto* r = std::get_if<Refusal>(&last)) return *r;
  return std::pair{std::get<Figures>(std::move(now)), std::get<Figures>(std::move(last))};
}

std::variant<PeriodicSection, Refusal> admin_section(Store& store, const PeriodicSectionArgs& a) {
  auto both = now_and_last(&admin_figures, store, "admin-judgments", a);
  if (auto* r = std::get_if<Refusal>(&both)) return *r;
  const auto& [n, l] = std::get<std::pair<AdminColumns, AdminColumns>>(both);
  PeriodicSection s{"admin_judgments", "Theo dõi thi hành án hành chính", kCompared, {}, {}, 10};
  for (const AdminColumn& c : admin_columns()) {
    if (c.field) {
      s.rows.push_back(Cells{c.caption_vi, n.*c.field, l.*c.field, signed_thousands(n.*c.field - l.*c.field)});
    } else {
      s.rows.push_back(Cells{c.caption_vi, report_layout::percent_vn(n.complied_rate_x100()),
                             report_layout::percent_vn(l.complied_rate_x100()),
                             report_layout::rate_change_vn(n.complied_rate_x100(), l.complied_rate_x100())});
    }
  }
  s.note = "LTTHC 2015 Điều 309–312; NĐ 71/2016/NĐ-CP; TT 04/2023/TT-BTP (Mẫu 19).";
  return s;
}

std::variant<PeriodicSection, Refusal> grievance_section(Store& store, const PeriodicSectionArgs& a) {
  auto both = now_and_last(&grievance_figures, store, "complaints", a);
  if (auto* r = std::get_if<Refusal>(&both)) return *r;
  const auto& [n, l] = std::get<std::pair<GrievanceFigures, GrievanceFigures>>(both);
  PeriodicSection s{"complaints",
                    "Giải quyết khiếu nại, tố cáo về thi hành án",
                    {"Chỉ tiêu", "Khiếu nại: kỳ này", "Khiếu nại: cùng kỳ năm trước", "Tố cáo: kỳ này",
                     "Tố cáo: cùng kỳ năm trước"},
                    {},
                    "Luật THADS Điều 140–159; TT 13/2021/TT-BTP.",
                    20};
  for (const auto& c : grievance_columns())
    s.rows.push_back(Cells{c.caption_vi, n.complaints.*c.field, l.complaints.*c.field, n.denunciations.*c.field,
                           l.denunciations.*c.field});
  return s;
}

std::variant<PeriodicSection, Refusal> procuracy_section(Store& store, const PeriodicSectionArgs& a) {
  auto both = now_and_last(&procuracy_figures, store, "procuracy-supervision", a);
  if (auto* r = std::get_if<Refusal>(&both)) return *r;
  const auto& [n, l] = std::get<std::pair<ProcuracyFigures, ProcuracyFigures>>(both);
  PeriodicSection s{"procuracy",
                    "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát",
                    {"Chỉ tiêu", "Kháng nghị", "Kiến nghị", "Yêu cầu", "Tổng số", "Tổng số cùng kỳ năm trước"},
                    {},
                    "Luật THADS Điều 160–161; biểu 04/TKLN-THADS (TTLT 12/2021).",
                    30};
  for (const auto& c : procuracy_columns())
    s.rows.push_back(Cells{c.caption_vi, n.by_type[0].*c.field, n.by_type[1].*c.field, n.by_type[2].*c.field,
                           n.total.*c.field, l.total.*c.field});
  return s;
}

}  // namespace

std::variant<std::vector<PeriodicSection>, Refusal> periodic_sections(Store& store, const PeriodicSectionArgs& args) {
  std::vector<PeriodicSection> out;
  for (auto part : {&admin_section, &grievance_section, &procuracy_section}) {
    auto s = part(store, args);
    if (auto* r = std::get_if<Refusal>(&s)) return *r;
    out.push_back(std::get<PeriodicSection>(std::move(s)));
  }
  return out;
}

}  // namespace thads::oversight
