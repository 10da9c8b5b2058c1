// Steering records (docs/formats/steering.md): directives of the party
// committees (chỉ thị) and their tasks (nhiệm vụ), the bodies' progress
// reports on them, the steering committees (Ban Chỉ đạo THADS, TTLT 05/2016;
// NĐ 152/2026 Art. 103–104), their members and meetings, and the register
// of key and prolonged cases (vụ việc trọng điểm, phức tạp, kéo dài).
//
// Contract: pure. parse_steering() checks everything that needs no stored
// state, in the precedence of interchange.md (bad_field for the envelope,
// unknown_type, bad_field for the payload and for a date after the day the
// record is recorded). The parsed record keeps its JSON (`p`) and its
// canonical form (`raw`) for idempotent re-import and the audit chain.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/date.h"
#include "domain/refusal.h"

namespace thads::steering {

enum class Kind : uint8_t {
  directive, directive_task, task_report, committee, committee_member, meeting, key_case, periodic_report
};
inline constexpr Kind kKinds[] = {Kind::directive,        Kind::directive_task, Kind::task_report,
                                  Kind::committee,        Kind::committee_member, Kind::meeting,
                                  Kind::key_case,         Kind::periodic_report};
std::string_view to_string(Kind k);
std::optional<Kind> kind_from(std::string_view s);
// Streams (seq, recorded_at, actor as for case events): task_report, key_case,
// periodic_report (an issued periodic report: one version per seq).
bool is_stream(Kind k);

// The reasons a case is proposed to the key-case register.
inline constexpr std::string_view kKeyCaseReasons[] = {"open_long",        "large_amount", "coercion_planned",
                                                       "complaint_pending", "corruption",   "credit_institution",
                                                       "security_sensitive", "auction_not_delivered"};
std::string reason_label_vi(std::string_view reason);
// The acts of a key case.
bool is_key_case_type(std::string_view t);

struct Record {
  Kind kind = Kind::directive;
  // The journal's stream: a reference record's key (a directive's id, a
  // task's "<directive or meeting>/<number>", a member's
  // "<committee>/<person>/<from>"), a task report's "<task>|<body>|<period>",
  // a key case's id.
  std::string key;
  int64_t seq = 1;
  std::string type;  // key_case acts only
  Date date;         // the record's date (a committee's valid_from, a member's from)
  int64_t recorded_at = 0;
  std::string actor;
  nlohmann::json p;
  std::string raw;

  std::string text(const char* k) const;
  std::optional<Date> date_of(const char* k) const;
  std::vector<std::string> list(const char* k) const;
  int64_t integer(const char* k) const;
};

// The key of a directive task: its source (directive or meeting id) and number.
std::string task_key(std::string_view source, std::string_view number);
// The parent number of "2.1.3" is "2.1"; of "2", "".
std::string parent_number(std::string_view number);
// "1", "2.1", "10.2.3": positive numbers joined by dots.
bool valid_task_number(std::string_view number);

using Parsed = std::variant<Record, Refusal>;
Parsed parse_steering(std::string_view kind, const nlohmann::json& o, int64_t now_unix, bool check_recorded);

}  // namespace thads::steering
