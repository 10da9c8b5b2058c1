// LegalSettings: the legal regime in force on a date, the periods each regime
// sets, and the article each rule cites.
//
// Contract: the law changed on 01/07/2026 (Luật THADS 106/2025/QH15 and Nghị
// định 152/2026/NĐ-CP replace Luật THADS 2008 as amended and Nghị định
// 62/2015/NĐ-CP). Every rule is chosen by the legal date of an act
// (regime_on). Periods of the old regime were checked against the compiled
// legal text and are constants. Periods of the new regime that nobody has
// checked against the text of Law 106 (marked [B] in shared/domain/legal-
// rules.md) are settings whose defaults are the documented behaviour, so a
// deployment can correct them without a release (docs/legal-rules.md lists
// each one). Pure values; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace thads {

enum class Regime : uint8_t {
  law_2008,  // Luật THADS 2008 as amended + NĐ 62/2015, acts up to 30/06/2026
  law_2025,  // Luật THADS 106/2025/QH15 + NĐ 152/2026, acts from 01/07/2026
};
std::string_view to_string(Regime r);

// The first day of the 2025 law (L.106 Art. 115; NĐ152/26 Art. 115).
Date law_2025_effective_date();
Regime regime_on(Date act_date);

// How long a public posting (niêm yết công khai) lasts; its first day is the
// day of valid notification: 10 days, 7 from 01/07/2026 (L.THADS Art. 42(3);
// NĐ152/26 Art. 17(3)).
int public_posting_days(Date posting_date);

// Rules that carry a citation.
enum class LegalRule : uint8_t {
  issue_decision_on_request,  // ra quyết định thi hành án theo yêu cầu
  issue_decision_proactive,   // ra quyết định thi hành án chủ động
  notify,                     // thông báo
  verify,                     // thời hạn tự nguyện, then xác minh
  reverify,                   // xác minh lại khi chưa có điều kiện
  decide_postponement,        // hoãn
  decide_suspension,          // tạm đình chỉ
  decide_termination,         // đình chỉ
  decide_unable,              // quyết định về việc chưa có điều kiện
  publish_unable,             // công khai thông tin người chưa có điều kiện
  payout,                     // chi trả
  coercion_day_off,           // không cưỡng chế vào ngày nghỉ, ngày lễ
  coercion_near_tet,          // không cưỡng chế có huy động lực lượng quanh Tết
  separate_register,          // sổ theo dõi riêng / gửi lại yêu cầu
  public_posting,             // niêm yết công khai
};

// The citation shown to users, e.g. "Luật THADS 2008, Điều 39 khoản 2".
std::string_view article(LegalRule rule, Regime regime);

// The periods of one regime (units in the names: wd = working days).
struct RegimePeriods {
  int issue_decision_wd;   // QĐ THA: on request and proactive items (a)–(d)
  int notify_wd;           // notify the parties of a decision
  int voluntary_days;      // thời hạn tự nguyện
  int verify_days;         // first verification after the voluntary period
  int reverify_months;     // re-verification while unable
  int reverify_months_long;  // … prisoner with ≥ 2 years left, or address unknown
  int status_decision_wd;  // hoãn / tạm đình chỉ / đình chỉ / chưa có điều kiện
  int publish_wd;          // publication of a chưa có điều kiện decision
  int payout_days;         // chi trả after collection
};

struct LegalSettings {
  // [B] periods under the 2025 law (legal-rules.md §2.2 rows 7, 8, 14, 17, 19,
  // 20, 25, 28; §2.4): believed unchanged from the 2008 law.
  int issue_decision_wd_2025 = 5;
  int notify_wd_2025 = 3;
  int voluntary_days_2025 = 10;
  int verify_days_2025 = 10;
  int reverify_months_2025 = 6;
  int reverify_months_long_2025 = 12;
  int status_decision_wd_2025 = 5;
  int publish_wd_2025 = 5;
  int payout_days_2025 = 10;
  // [V] Art. 46(2); NĐ62 Art. 13(2); NĐ152/26 Art. 42(2).
  int tet_window_days = 15;
  // [B] legal-rules.md §8.1: make-up Saturdays (ngày làm bù) count as working
  // days and as non-days-off for the Art. 148(5) roll-over.
  bool makeup_days_are_working_days = true;

  static LegalSettings defaults() { return LegalSettings{}; }
  // A JSON object with any of the field names above; absent keys keep their
  // defaults. Unknown keys, wrong types and out-of-range values are errors
  // (nullopt, with a message in *error when error is not null).
  static std::optional<LegalSettings> from_json(const std::string& text, std::string* error);
  std::string to_json() const;

  RegimePeriods periods(Regime r) const;

  friend bool operator==(const LegalSettings&, const LegalSettings&) = default;
};

}  // namespace thads
