// The records of the accountability module (docs/formats/accountability.md):
// inspections of an agency (kiểm tra, tự kiểm tra) with their findings and
// the remedies ordered, the register of officers' violations and the
// measures taken (xử lý vi phạm), and the sending of a decision on
// enforcement to the procuracy (gửi quyết định cho Viện kiểm sát, Luật THADS
// 2008 Art. 38).
//
// Contract: pure. parse_accountability() checks what needs no stored state,
// in the precedence of interchange.md: bad_field (envelope), unknown_type,
// bad_field (payload; an act dated after the day it is recorded). The parsed
// record keeps its JSON (`p`) and canonical form (`raw`, keys sorted).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/date.h"
#include "domain/refusal.h"

namespace thads::accountability {

enum class Kind : uint8_t { inspection, violation };
inline constexpr Kind kKinds[] = {Kind::inspection, Kind::violation};
std::string_view to_string(Kind k);
std::optional<Kind> kind_from(std::string_view s);
std::string_view label_vi(Kind k);  // "Kiểm tra", "Vi phạm của công chức"

// One act of an inspection or of a violation record: the shape of a case
// event with the stream's id in `id`.
struct Rec {
  Kind kind = Kind::inspection;
  std::string id;
  int64_t seq = 0;
  std::string type;
  Date date;
  int64_t recorded_at = 0;
  std::string actor;
  nlohmann::json p;
  std::string raw;

  std::string text(const char* key) const;
  int64_t integer(const char* key) const;
  std::optional<Date> date_of(const char* key) const;
};

// A decision on enforcement (the case event `decision`, by its seq) sent to
// the procuracy on `date` (type `sent`, the default), or the correction of
// such a sending (type `voided`, with its reason). The records of one
// (case, decision) are numbered by `seq` from 1 (1 when absent): a sending,
// its correction, a new sending … (domain/deliveries.h).
struct Delivery {
  std::string case_id;
  int64_t decision = 0;
  int64_t seq = 1;
  bool voided = false;
  Date date;
  std::string how;     // sent: "" | hand (trực tiếp) | post (bưu chính) | electronic (điện tử)
  std::string reason;  // voided: why
  std::string raw;
};

using Parsed = std::variant<Rec, Delivery, Refusal>;
Parsed parse_accountability(std::string_view kind, const nlohmann::json& o, int64_t now_unix, bool check_recorded);

bool is_known_type(Kind k, std::string_view type);
bool is_opening(Kind k, std::string_view type);
bool is_ending(Kind k, std::string_view type);
// The act types of a kind in the order of the format, openings first.
const std::vector<std::string>& types_of(Kind k);

// The case events that are decisions on enforcement, which Art. 38 sends to
// the procuracy: case_opened (the decision to enforce), unable_decided,
// postponed, suspended, resumed, terminated.
bool is_decision(std::string_view event_type);

}  // namespace thads::accountability
