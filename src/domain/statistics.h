// Official statistics: the `cases` and `money` forms of statistics.md as a
// fold over case histories.
//
// Contract: pure. A CaseTimeline is the compact, period-independent summary
// of one case's effective history (voided targets removed, events ordered by
// date then seq); compute_report() folds any set of timelines for any period
// [from, to] without touching events again. Building a timeline costs one
// pass over the case's events; a report is one pass over the timelines.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/event.h"
#include "domain/money.h"

namespace thads {

enum class Form : uint8_t { cases, money };
std::string_view to_string(Form f);

// A figure of a report that would leave int64 (money sums of cases whose
// amounts, each valid, add up past 9.2 × 10^18 đồng, or a damaged saved
// snapshot): the report is refused with this rather than wrong figures.
// The web layer answers it 422 `figures_overflow`.
class FiguresOverflow : public std::overflow_error {
 public:
  FiguresOverflow() : std::overflow_error("a figure of the report exceeds the range of a 64-bit integer") {}
};

// a + b and a - b, or FiguresOverflow.
inline int64_t figure_sum(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw FiguresOverflow();
  return r;
}
inline int64_t figure_diff(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) throw FiguresOverflow();
  return r;
}

// The columns of one form (statistics.md). Counts for `cases`, whole VND for
// `money`; `reduced` is 0 in the cases form and omitted from its output.
struct Columns {
  int64_t carried_over = 0;
  int64_t new_ = 0;  // "new"
  int64_t accepted = 0;
  int64_t entrusted_out = 0;
  int64_t to_enforce = 0;
  int64_t with_conditions = 0;
  int64_t completed = 0;
  int64_t reduced = 0;
  int64_t terminated = 0;
  int64_t in_progress = 0;
  int64_t postponed_suspended = 0;
  int64_t without_conditions = 0;
  int64_t closed_unenforced = 0;
  int64_t carried_to_next = 0;
  // Completion rate in hundredths of a percent (8443 = 84.43%), rounded half
  // up; nullopt when with_conditions is 0.
  std::optional<int64_t> completion_rate_x100;

  // Derives accepted, to_enforce, with_conditions, carried_to_next and the
  // rate from the primary columns (statistics.md arithmetic).
  void derive(Form form);
  Columns& operator+=(const Columns& o);  // primary columns only; call derive()
};

// Rate helper: round_half_up(num / den * 100, 2 decimals) in hundredths.
std::optional<int64_t> rate_x100(int64_t num, int64_t den);

// How a case ended (statistics.md, interchange.md).
enum class EndKind : uint8_t { none, completed, terminated, entrusted_out, pulled_up,
                               request_sent_back, moved_to_separate_register };

// One point of a case's life that moves a statistic.
struct TimelinePoint {
  enum Kind : uint8_t { status_change, collection, reduction, ending };
  Date date;
  Kind kind;
  Status status = Status::active;  // kind == status_change: the new status
  Money amount = 0;                // collected / reduced amount; a reversed collection
                                   // adds a collection point of minus its amount on the
                                   // approval's date (docs/formats/reversal.md)
};

struct CaseTimeline {
  std::string case_id;
  int agency = -1;             // index into the caller's agency table
  Mode mode = Mode::proactive;
  std::string judgment_kind;
  std::vector<std::string> flags;
  Date opened;
  Money opened_amount = 0;
  EndKind end = EndKind::none;
  Date ended;                  // valid when end != none
  std::vector<TimelinePoint> points;  // by date, then seq
  bool withdrawn = false;      // case_opened voided: counts nowhere
};

// Builds the timeline from a case's events in seq order (the whole stream,
// `voided` events included; targets are removed here). Events that fail
// `keep` (e.g. recorded after --as-known-at) are ignored entirely.
CaseTimeline build_timeline(std::span<const Event> stream,
                            const std::function<bool(const Event&)>& keep = {});

struct Period { Date from; Date to; };

// Adds one case's contribution to `cols` for the period (no derive()).
void accumulate(const CaseTimeline& t, Form form, Period p, Columns& cols);

// What one case did up to a period's end: the walk over its points that
// accumulate() makes (StatsTable makes the same walk over its own layout).
struct CaseWalk {
  Money remaining_at_from = 0;
  Money remaining_at_end = 0;   // at `to`, or at the ending event
  Money collected_ever = 0;     // up to the end or `to`
  Money collected_in = 0;
  Money reduced_in = 0;
  Status status = Status::active;
  bool ended_before_from = false;
  bool ended_in = false;
};

// The columns a counted case adds for one form: accumulate() after its early
// returns (the case opened by `to` and, if carried over, not ended before `from`).
void add_contribution(Columns& c, Form form, bool carried, Money opened_amount, EndKind end, const CaseWalk& w);

struct ReportRow {
  std::string key;     // agency code, mode, judgment kind or flag
  std::string label;   // Vietnamese label for tables and xlsx
  Columns columns;
};

struct Report {
  Form form = Form::cases;
  std::string agency;       // code of the scope's root
  std::string agency_name;
  Period period;
  Columns columns;
  std::optional<int64_t> target_rate_x100;  // the agency's own target, if set
  std::string by;           // "", agency, mode, judgment_kind, flag
  std::vector<ReportRow> rows;
  std::optional<std::string> as_known_at;
};

}  // namespace thads
