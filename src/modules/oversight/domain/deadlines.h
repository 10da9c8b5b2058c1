// Deadlines of the oversight streams (oversight.md, "Deadlines" of each kind).
//
// Contract: pure. `acts` is one stream in seq order, voided records
// included; acts dated after `today` are ignored, while a `voided` record
// removes its target whatever its date. `case_history` is the request's case
// (for after_freeze: a coercion_executed meets it); empty for other kinds.
// Status, met_on, days_late and the rule for ended streams are those of
// interchange.md (domain/deadlines.h), except the deadlines that run from the
// ending act ("after the end"), listed whenever that act is dated on or before
// `today`. A withdrawn stream, or one opened after `today`, has none.
// Periods of N days end on a day off -> the next working day (BLDS 2015
// Art. 148(5)); a deadline "due on the day" is not moved.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "domain/calendar.h"
#include "domain/deadlines.h"
#include "domain/event.h"
#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

// The values oversight.md marks [B]: the defaults are the contract's; a
// deployment may change them (docs/settings.md, "oversight").
struct OversightSettings {
  int remote_extra_days = 30;            // complaint `remote`: Art. 146(5)
  int recommendation_reply_days = 15;    // procuracy recommendation: reply
  int recommendation_remedy_wd = 5;      // procuracy recommendation: remedy
  int verify_assets_answer_wd = 5;       // request verify_assets: answer
  int freeze_answer_wd = 0;              // freeze_account / stop_transfer: 0 = the day received
  static const OversightSettings& defaults();
  // The deployment's values (the settings file's "oversight" section, set
  // once at start by the shell before other threads run); defaults() else.
  static const OversightSettings& active();
  static void use(const OversightSettings& s);
  // Reads the "oversight" object of a settings file (unknown keys refused).
  static OversightSettings from_json(const nlohmann::json& j);
};

std::vector<Deadline> stream_deadlines(std::span<const Act> acts, Date today, const Calendar& cal,
                                       std::span<const Event> case_history = {},
                                       const OversightSettings& s = OversightSettings::active());

}  // namespace thads::oversight
