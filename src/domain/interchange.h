// Interchange format v1 (JSON Lines): parsing one line into a typed record.
//
// Contract: pure. parse_line() classifies a line (blank/comment, record, or
// refusal) and validates everything that can be checked without stored
// state: unknown_kind, bad_field (envelope), unknown_type, bad_field
// (payload), in that order. State-dependent checks (seq, transitions, money)
// belong to case_state.h. The canonical form of a record is its parsed JSON
// dumped with sorted keys; two records are identical when their canonical
// forms are equal, a defaulted recorded_at aside.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/calendar.h"
#include "domain/event.h"
#include "domain/record_kinds.h"
#include "domain/refusal.h"

namespace thads {

struct AgencyRecord {
  std::string code, name, level, parent;  // parent empty for the root
  std::string raw;
};
struct OfficerRecord {
  std::string id, name, agency, role;
  std::string raw;
};
struct TargetRecord {
  std::string agency;
  int fiscal_year = 0;
  int64_t cases_rate_x100 = 0;  // 83.90% -> 8390
  int64_t money_rate_x100 = 0;
  std::string raw;
};
struct HolidayRec {
  HolidayRecord day;
  std::string raw;
};
struct FormatRecord { int v = 1; };
struct Skip {};  // blank line or // comment

// ModuleRecord: a kind a module registered (domain/record_kinds.h).
using Record = std::variant<Skip, FormatRecord, AgencyRecord, OfficerRecord, TargetRecord,
                            HolidayRec, Event, ModuleRecord, Refusal>;

// `now_unix` is used for a missing recorded_at (the import time). A line
// longer than kMaxLineBytes, nested deeper than kMaxJsonDepth, holding a NUL
// byte or anything after its JSON object is bad_field (json_limits.h); a
// trailing \r, blank lines and // comments stay valid.
Record parse_line(std::string_view line, int64_t now_unix);

// Parses one JSON object text (no comment handling) as a stored event.
std::optional<Event> parse_stored_event(const std::string& raw, int64_t recorded_at);

// True when the two canonical records are the same record (interchange.md
// idempotency): equal as parsed JSON, ignoring recorded_at when either lacks it.
bool same_record(const std::string& raw_a, const std::string& raw_b);

// RFC 3339 ("2025-10-05T17:00:00+07:00", "…Z", fractional seconds allowed)
// to unix seconds; nullopt when malformed.
std::optional<int64_t> parse_rfc3339(std::string_view s);
// unix seconds -> "2025-10-05T10:00:00Z".
std::string format_rfc3339_utc(int64_t unix_seconds);
// --as-known-at: RFC 3339, or a date meaning the end of that day in UTC+7.
std::optional<int64_t> parse_as_known_at(std::string_view s);
// The legal day (UTC+7, Vietnam) of an instant.
Date vn_date_of(int64_t unix_seconds);

}  // namespace thads
