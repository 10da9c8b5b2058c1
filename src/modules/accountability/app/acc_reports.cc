#include "modules/accountability/app/acc_reports.h"

#include "app/agency_directory.h"
#include "app/report_layout.h"
#include "modules/accountability/domain/inspection_report.h"
#include "modules/accountability/store/accountability_store.h"
#include "modules/oversight/app/oversight_xlsx.h"

namespace thads::accountability {

std::variant<ReportOutput, Refusal> inspections_report(Store& store, const ReportArgs& args) {
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + args.agency + " is not known", ""};
  auto in_scope = [&](const AccStream& s) {
    if (!scope) return true;
    auto at = tree.find(s.recs().front().text("agency"));
    return at && tree.within(*at, *scope);
  };
  InspectionColumns c;
  for_each_record(store.db(), Kind::inspection, args.as_known_at, [&](AccStream& s) {
    if (in_scope(s)) add_inspection(c, s, args.from, args.to);
  });
  for_each_record(store.db(), Kind::violation, args.as_known_at, [&](AccStream& s) {
    if (in_scope(s)) add_violation(c, s, args.from, args.to);
  });
  const std::string code = scope ? tree.at(*scope).code : args.agency;
  ReportOutput out;
  out.json["form"] = "inspections";
  out.json["agency"] = code;
  out.json["from"] = args.from.iso();
  out.json["to"] = args.to.iso();
  out.json["columns"] = columns_json(c);
  const std::string heading = "Đơn vị " + code + ", từ " + args.from.vn() + " đến " + args.to.vn();
  out.table = "Kiểm tra, xử lý vi phạm — " + heading + "\n";
  oversight::Sheet sheet{"Kiem tra", {"KẾT QUẢ KIỂM TRA VÀ XỬ LÝ VI PHẠM TRONG THI HÀNH ÁN DÂN SỰ", heading},
                         {"Chỉ tiêu", "Số liệu"}, {56, 14}, {}};
  for (const InspectionColumn& col : inspection_columns()) {
    out.table += std::string(col.caption_vi) + ": " + report_layout::group_thousands(c.*col.field) + "\n";
    sheet.rows.push_back({col.caption_vi, c.*col.field});
  }
  out.xlsx = [sheet](const std::string& path, std::string* error) { return oversight::write_xlsx(sheet, path, error); };
  return out;
}

}  // namespace thads::accountability
