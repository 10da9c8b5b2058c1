// The steering module's [B] values as the administrator's settings page
// shows them (docs/settings.md, "Module sections").
#include "app/settings.h"
#include "modules/steering/domain/proposal_rules.h"

namespace thads::steering {
namespace {

SettingsView view() {
  const ProposalSettings& v = ProposalSettings::active();
  const ProposalSettings& d = ProposalSettings::defaults();
  return {"Chỉ đạo, vụ việc trọng điểm (mục \"steering\")",
          {{"open_years", "Đề xuất đưa vào danh sách trọng điểm: việc đã thụ lý quá (năm)",
            "Quy tắc của thads theo Chỉ thị, TTLT 05/2016 [B]", v.open_years, d.open_years},
           {"large_amount", "Đề xuất đưa vào danh sách trọng điểm: số tiền còn phải thi hành từ (đồng)",
            "Quy tắc của thads theo Chỉ thị, TTLT 05/2016 [B]", v.large_amount, d.large_amount}}};
}

[[maybe_unused]] const bool described = (describe_settings_section("steering", &view), true);

}  // namespace
}  // namespace thads::steering
