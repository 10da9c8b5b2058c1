// The oversight module's [B] values as the administrator's settings page
// shows them (docs/settings.md, "Module sections").
#include "app/settings.h"
#include "modules/oversight/domain/deadlines.h"

namespace thads::oversight {
namespace {

SettingsView view() {
  const OversightSettings& v = OversightSettings::active();
  const OversightSettings& d = OversightSettings::defaults();
  return {"Theo dõi thi hành án hành chính, khiếu nại, kiểm sát, yêu cầu cơ quan khác (mục \"oversight\")",
          {{"remote_extra_days", "Khiếu nại ở nơi xa, đi lại khó khăn: thời hạn giải quyết được kéo dài thêm (ngày)",
            "Điều 146(5) Luật THADS [B]", v.remote_extra_days, d.remote_extra_days},
           {"recommendation_reply_days", "Trả lời kiến nghị của Viện kiểm sát (ngày)", "Điều 161 Luật THADS [B]",
            v.recommendation_reply_days, d.recommendation_reply_days},
           {"recommendation_remedy_wd", "Khắc phục sau khi chấp nhận kiến nghị (ngày làm việc)", "Điều 161 Luật THADS [B]",
            v.recommendation_remedy_wd, d.recommendation_remedy_wd},
           {"verify_assets_answer_wd", "Cơ quan, tổ chức trả lời yêu cầu cung cấp thông tin tài sản (ngày làm việc)",
            "Điều 44 Luật THADS [B]", v.verify_assets_answer_wd, d.verify_assets_answer_wd},
           {"freeze_answer_wd", "Thực hiện yêu cầu phong tỏa, tạm dừng chuyển dịch (ngày làm việc; 0 = ngay trong ngày nhận)",
            "Điều 67(3), Điều 69 Luật THADS [B]", v.freeze_answer_wd, d.freeze_answer_wd}}};
}

[[maybe_unused]] const bool described = (describe_settings_section("oversight", &view), true);

}  // namespace
}  // namespace thads::oversight
