#include "modules/oversight/domain/file_documents.h"

namespace thads::oversight {

std::vector<FileDocument> admin_file_documents(const Stream& s) {
  struct Spec {
    const char* key;
    const char* label;
    const char* article;
    bool always;        // required in every file
    bool after_compel;  // required once a compel order is in the file
  };
  static const Spec kSpecs[] = {
      {"received", "Bản án, quyết định của Tòa án", "Điều 14 NĐ 71/2016; Điều 309 LTTHC 2015", true, false},
      {"notice_sent", "Thông báo tự nguyện thi hành án", "Điều 14 NĐ 71/2016", true, false},
      {"debtor_reported", "Báo cáo kết quả thi hành án của người phải thi hành", "Điều 10(2) NĐ 71/2016", true, false},
      {"compel_order", "Quyết định buộc thi hành án hành chính", "Điều 312 LTTHC 2015; Điều 11 NĐ 71/2016", false, false},
      {"debtor_met", "Biên bản làm việc với người phải thi hành án", "Điều 14 NĐ 71/2016", false, true},
      {"superior_instructed", "Văn bản chỉ đạo của cơ quan cấp trên", "Điều 13 NĐ 71/2016", false, true},
      {"published", "Đăng tải công khai việc không chấp hành", "Điều 30 NĐ 71/2016", false, true},
      {"discipline_recommended", "Văn bản kiến nghị xử lý kỷ luật", "Điều 14 NĐ 71/2016", false, false},
      {"interpretation_received", "Văn bản giải thích bản án của Tòa án", "Điều 310(4) LTTHC 2015", false, false},
  };
  const std::vector<const Act*> acts = s.effective();
  bool compelled = false;
  for (const Act* a : acts)
    if (a->type == "compel_order") compelled = true;
  std::vector<FileDocument> out;
  for (const Spec& spec : kSpecs) {
    FileDocument d{spec.key, spec.label, spec.article, FileDocument::State::optional, {}};
    for (const Act* a : acts)
      if (a->type == spec.key) d.dates.push_back(a->date);
    if (!d.dates.empty()) d.state = FileDocument::State::present;
    else if (spec.always || (spec.after_compel && compelled)) d.state = FileDocument::State::missing;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace thads::oversight
