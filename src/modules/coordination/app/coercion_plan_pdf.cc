#include "modules/coordination/app/coercion_plan_pdf.h"

#include <algorithm>

#include "app/agency_directory.h"
#include "app/pdf_document.h"
#include "domain/legal_settings.h"
#include "domain/money.h"
#include "modules/coordination/app/coercion_plans.h"
#include "modules/coordination/app/request_letter_pdf.h"
#include "modules/coordination/store/coordination_store.h"
#include "store/case_queries.h"

namespace thads::coordination {
namespace {

std::string count_text(int64_t n) { return std::to_string(n) + " người"; }

std::vector<std::string> basis(const CoercionPlan& p) {
  if (regime_on(p.scheduled) == Regime::law_2008)
    return {"Căn cứ Điều 46, Điều 70, Điều 71, Điều 72 Luật Thi hành án dân sự;",
            "Căn cứ Điều 13 Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ;"};
  return {"Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;",
          "Căn cứ Điều 42 Nghị định số 152/2026/NĐ-CP của Chính phủ;"};
}

}  // namespace

std::variant<PlanPdf, Refusal> coercion_plan_pdf(Store& store, const User& user, const std::string& case_id, int64_t seq) {
  auto res = coercion_plans(store, user, case_id);
  if (auto* r = std::get_if<Refusal>(&res)) return *r;
  const auto& list = std::get<std::vector<PlanView>>(res);
  auto it = std::find_if(list.begin(), list.end(), [&](const PlanView& v) { return v.plan.seq == seq; });
  if (it == list.end()) return Refusal{"not_found", "case " + case_id + " has no plan " + std::to_string(seq), ""};
  const CoercionPlan& p = it->plan;
  const auto holder = case_holder(store.db(), case_id);
  const AgencyTree tree = load_agency_tree(store);
  int agency = -1;
  if (holder)
    if (auto i = tree.find(holder->agency)) agency = *i;
  const std::string agency_name = agency >= 0 ? tree.at(agency).name : (holder ? holder->agency : "");

  PdfDocument pdf;
  pdf.set_info("Kế hoạch cưỡng chế thi hành án", agency_name);
  OfficialHeader h;
  if (agency >= 0 && tree.at(agency).parent_index >= 0) h.governing_body = tree.at(tree.at(agency).parent_index).name;
  h.issuing_body = agency_name;
  h.number = "Số: " + std::to_string(p.seq) + "/KH-THADS";
  h.place = agency >= 0 ? place_of(tree, agency) : "";
  h.date = p.date;
  pdf.official_header(h);
  pdf.title("KẾ HOẠCH");
  pdf.subtitle("Cưỡng chế thi hành án có huy động lực lượng (việc " + case_id + ")");
  if (it->voided) pdf.subtitle("ĐÃ HỦY BỎ: " + it->void_reason);
  pdf.space(6);
  for (const std::string& b : basis(p)) pdf.line(b);
  pdf.space(6);
  pdf.heading("a) Người bị cưỡng chế");
  pdf.paragraph(p.person_name + (p.person_id.empty() ? "" : " (số định danh " + p.person_id + ")"));
  pdf.heading("b) Biện pháp cưỡng chế");
  pdf.paragraph(measure_label(p.measure));
  pdf.heading("c) Thời gian, địa điểm cưỡng chế");
  pdf.paragraph(start_time_text(p.start_minutes) + " ngày " + p.scheduled.vn() + ", tại " + p.place);
  pdf.heading("d) Phương án tiến hành cưỡng chế");
  pdf.paragraph(p.method);
  pdf.heading("đ) Lực lượng tham gia, bảo vệ cưỡng chế");
  PdfTable forces{{"Lực lượng", "Số người"},
                  {{"Công an", count_text(p.forces.police)},
                   {"Ủy ban nhân dân cấp xã", count_text(p.forces.commune)},
                   {"Dân quân, tự vệ", count_text(p.forces.militia)},
                   {"Khác" + (p.forces.other_note.empty() ? std::string() : " (" + p.forces.other_note + ")"),
                    count_text(p.forces.other)}},
                  {3, 1},
                  {false, true}};
  pdf.table(forces);
  pdf.heading("e) Dự trù chi phí cưỡng chế");
  PdfTable costs{{"Khoản chi", "Số tiền"}, {}, {3, 1}, {false, true}};
  for (const CostItem& c : p.costs) costs.rows.push_back({c.item, format_vnd(c.amount)});
  costs.rows.push_back({"Tổng cộng", format_vnd(p.cost_total)});
  pdf.table(costs);
  if (p.large && p.chairman_report_date)
    pdf.paragraph("Vụ việc lớn, phức tạp: đã báo cáo Chủ tịch Ủy ban nhân dân ngày " + p.chairman_report_date->vn() + ".");
  for (const Override& o : p.overrides)
    pdf.paragraph("Thủ trưởng cơ quan thi hành án (" + o.by + ") cho phép: " + ban_text_vi(o.ban) + " (" +
                  override_article(p, o.ban) + ") Lý do: " + o.reason);
  pdf.signature(SignatureBlock{{"Viện kiểm sát nhân dân cùng cấp;", "Công an cùng cấp;", "Ủy ban nhân dân cấp xã;",
                                "Lưu: VT, hồ sơ thi hành án."},
                               "",
                               "CHẤP HÀNH VIÊN",
                               holder ? officer_name(store, holder->officer) : p.actor});
  return PlanPdf{pdf.bytes(), case_id + "-KHCC-" + std::to_string(seq) + ".pdf"};
}

}  // namespace thads::coordination
