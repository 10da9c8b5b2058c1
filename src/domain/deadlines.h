// Deadlines: the legal time limits (thời hạn) of one enforcement case as of a
// day, and the warnings its history raises (interchange.md `thads deadlines`).
//
// Contract: compute_deadlines is pure. `history` is one case's events in seq
// order, ALREADY effective: voided targets and the `voided` events themselves
// removed, and events dated after `today` removed. An empty history, or one
// without `case_opened`, gives an empty report. Each action appears at most
// once; where an action repeats (several postponements, several collections)
// the report shows the one that needs attention: the earliest not yet done,
// else the latest among those done latest. Periods are counted on `cal`
// (BLDS 2015 Art. 147–148) by the law in force on the day each period starts
// (legal_settings.h), and each deadline cites that law's article.
//
// Status: `met` = done by `due`; `missed` = done after `due`, or not done and
// `due` < today; `open` = not done and `due` >= today. `days_late` = calendar
// days from `due` to the act, or to `today` when not done; 0 when met or open.
// A case that has ended lists a deadline it did not meet only when it fell due
// before the case ended (as missed), and no open deadline.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/event.h"
#include "domain/legal_settings.h"

namespace thads {

struct Deadline {
  std::string action;    // stable id: issue_decision, notify, verify, reverify,
                         // decide_postponement, decide_suspension,
                         // decide_termination, decide_unable, publish_unable, payout
  std::string label_vi;  // plain Vietnamese, e.g. "Thông báo quyết định thi hành án"
  Date due;
  std::string article;   // citation, by the regime of the day the period starts
  enum class State : uint8_t { met, missed, open } state = State::open;
  std::optional<Date> met_on;  // the day the act was done; nullopt when not done
  int days_late = 0;
  std::string note;      // optional detail, e.g. which collection a payout covers
};

// Warning codes: coercion_on_day_off, coercion_near_tet,
// separate_register_conditions.
struct Warning {
  std::string code;
  std::string message_vi;
  std::string article;
  Date date;
};

struct DeadlineReport {
  std::vector<Deadline> deadlines;
  std::vector<Warning> warnings;
};

DeadlineReport compute_deadlines(std::span<const Event> history, Date today, const Calendar& cal,
                                 const LegalSettings& s = LegalSettings::defaults());

// The last day of the voluntary period (thời hạn tự nguyện) that starts with
// the valid notification on `notified`: Luật THADS Art. 45(1), 10 days by
// default ([B] setting voluntary_days), the end moved off a day off (BLDS 2015
// Art. 148(5)), counted on `cal` as compute_deadlines counts it. The one
// definition behind the `verify` deadline, the case page and the fee ledger
// (a voluntary payment within it owes no fee: TT 216/2016/TT-BTC Art. 6(8)).
Date voluntary_period_end(Date notified, const Calendar& cal, const LegalSettings& s = LegalSettings::defaults());

// Sets d.met_on, d.state and d.days_late for an act done on `done` (nullopt:
// not done) as of `today`, by the status rule above. The one definition
// behind the deadlines of cases and of every module's streams.
void settle(Deadline& d, std::optional<Date> done, Date today);

std::string_view to_string(Deadline::State st);  // "met" | "missed" | "open"

}  // namespace thads
