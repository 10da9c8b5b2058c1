// The coercion plan (kế hoạch cưỡng chế) of a coercion that mobilises forces
// (Luật THADS 2008 Art. 72; NĐ 62/2015/NĐ-CP Art. 13; from 01/07/2026
// NĐ 152/2026/NĐ-CP Art. 42): this module's record kind `coercion_plan`
// (docs/formats/coordination.md), numbered per case from 1:
//
//   {"kind":"coercion_plan","case":"HN-2026-000001","seq":1,"type":"planned",
//    "date":"2026-12-04","person":{"name":"…","id_number":"…"},
//    "measure":"seize_assets","scheduled_date":"2026-12-15","start_time":"08:00",
//    "place":"…","method":"…","forces":{"police":10,"commune":3,"militia":4,"other":0},
//    "costs":[{"item":"…","amount":1500000}],"large":true,
//    "chairman_report_date":"2026-12-07","event_seq":9,
//    "requests":{"police":"HN-YC-2026-0004","people_committee":"…","procuracy":"…"},
//    "overrides":[{"ban":"coercion_on_day_off","reason":"…","by":"head1"}],
//    "recorded_at":"…","actor":"officer1"}
//   {"kind":"coercion_plan","case":"…","seq":2,"type":"voided","date":"…",
//    "voids":1,"reason":"…","recorded_at":"…","actor":"…"}
//
// Art. 72 lists its contents: (a) the person coerced, (b) the measure (one
// of the six of Art. 71), (c) time and place, (d) method, (đ) forces,
// (e) budgeted costs. The bans (plan_bans) are refusals a head overrides
// with a recorded reason. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/refusal.h"

namespace thads::coordination {

// The six coercive measures of Art. 71 (biện pháp cưỡng chế).
inline constexpr const char* kCoercionMeasures[] = {"deduct_account", "deduct_income",  "seize_assets",
                                                    "exploit_assets", "force_delivery", "force_act"};
std::string measure_label(std::string_view measure);  // Vietnamese, "" when unknown

// The bans of a coercion's time (Art. 46(2); NĐ 62 Art. 13(2),(3);
// NĐ 152/2026 Art. 42(2),(3)), each a stable refusal code.
inline constexpr const char* kBanCodes[] = {"coercion_at_night", "coercion_on_day_off", "coercion_near_tet",
                                            "chairman_report_late"};

struct Forces {
  int64_t police = 0, commune = 0, militia = 0, other = 0;
  std::string other_note;
};
struct CostItem {
  std::string item;
  Money amount = 0;
};
struct Override {
  std::string ban, reason, by;
};

struct CoercionPlan {
  std::string case_id;
  int64_t seq = 0;
  std::string type;  // planned | voided
  Date date;         // the plan's date (ngày lập kế hoạch)
  // planned
  std::string person_name, person_id;
  std::string measure;
  Date scheduled;
  int start_minutes = 0;  // minutes after midnight (HH:MM)
  std::string place, method;
  Forces forces;
  std::vector<CostItem> costs;
  Money cost_total = 0;  // sum of costs, overflow checked by the parser
  bool large = false;    // large, complex case: reported to the People's Committee chairman
  std::optional<Date> chairman_report_date;
  int64_t event_seq = 0;  // the case's coercion_planned event (0 while drafting)
  std::string police_request, commune_request, procuracy_request;  // request ids ("" while drafting)
  std::vector<Override> overrides;
  // voided
  int64_t voids = 0;
  std::string reason;
  // envelope
  int64_t recorded_at = 0;
  std::string actor;
  std::string raw;  // canonical JSON (keys sorted)
};

// Parses a record. `drafting`: event_seq and requests may be absent (the use
// case fills them in once written). Refusals: bad_field.
std::variant<CoercionPlan, Refusal> parse_coercion_plan(const nlohmann::json& o, int64_t now_unix, bool drafting);

// The seqs of the case's `coercion_planned` events whose plan a later
// `voided` plan record voids. Interchange v1 voids no `coercion_planned`
// event (its `voided` may not target one: void_target), so the event stays
// in the case's history; what reads the case's plans (the case page, the
// steering committee's key-case proposals) skips these events.
std::set<int64_t> voided_plan_events(const std::vector<CoercionPlan>& plans);

std::string start_time_text(int minutes);  // "08:00"

struct Ban {
  std::string code;
  std::string message_vi;  // what is wrong, in Vietnamese
  std::string article;     // the article in force on the coercion's date
};
// The bans a planned coercion breaks (overridden or not): its start time
// between 22:00 and 06:00, its day a rest day or public holiday, its day
// within `tet_window_days` of Tết Nguyên đán (the plan mobilises forces), and
// for a large case the chairman's report not at least 5 working days before
// (up to 30/06/2026) or not before the coercion (from 01/07/2026), chosen by
// the coercion's date.
std::vector<Ban> plan_bans(const CoercionPlan& p, const Calendar& cal, int tet_window_days);

// The bans not overridden, and overrides that name no ban that applies.
struct BanCheck {
  std::vector<Ban> unmet;
  std::vector<std::string> stray_overrides;  // ban codes overridden but not broken
};
BanCheck check_bans(const CoercionPlan& p, const Calendar& cal, int tet_window_days);

// The Vietnamese sentence of a ban's refusal code ("" for other codes).
std::string ban_text_vi(std::string_view code);

// The article of the ban an override of plan `p` sets aside, in force on
// the coercion's day (the table of docs/formats/coordination.md): an
// override is recorded with the rule it departs from.
std::string override_article(const CoercionPlan& p, std::string_view ban);

}  // namespace thads::coordination
