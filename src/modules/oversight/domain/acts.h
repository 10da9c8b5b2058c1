// Oversight acts: the records of the five oversight streams of
// shared/domain/oversight.md (administrative-judgment monitoring — theo dõi
// thi hành án hành chính; complaints — khiếu nại; denunciations — tố cáo;
// procuracy acts — kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát;
// requests to other bodies) and the `body` reference record.
//
// Contract: pure. parse_oversight() checks everything that needs no stored
// state, in the precedence of interchange.md: bad_field (envelope: id, seq,
// type, date), unknown_type, bad_field (payload, the act dated after the day
// it is recorded). The parsed record keeps its whole JSON (`p`), already
// validated against its type's fields, and its canonical form (`raw`, keys
// sorted) for idempotent re-import and the audit chain.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "domain/date.h"
#include "domain/money.h"
#include "domain/refusal.h"

namespace thads::oversight {

enum class StreamKind : uint8_t { admin_judgment, complaint, denunciation, procuracy, request };
inline constexpr StreamKind kStreamKinds[] = {StreamKind::admin_judgment, StreamKind::complaint,
                                              StreamKind::denunciation, StreamKind::procuracy,
                                              StreamKind::request};
std::string_view to_string(StreamKind k);
std::optional<StreamKind> stream_kind_from(std::string_view s);
// "Theo dõi thi hành án hành chính", "Khiếu nại", … for the UI.
std::string_view label_vi(StreamKind k);

// One act of an oversight stream: the shape of a case event with the
// stream's id in `id` (oversight.md "Streams").
struct Act {
  StreamKind kind = StreamKind::admin_judgment;
  std::string id;
  int64_t seq = 0;
  std::string type;
  Date date;
  int64_t recorded_at = 0;  // unix seconds, UTC
  std::string actor;
  nlohmann::json p;  // the record, validated
  std::string raw;   // canonical JSON

  // Payload readers; absent fields read as "", nullopt, 0, false.
  std::string text(const char* key) const;
  std::string text(const char* object, const char* key) const;
  std::optional<Date> date_of(const char* key) const;
  std::optional<Date> date_of(const char* object, const char* key) const;
  int64_t integer(const char* key) const;
  bool flag(const char* key) const;
};

// A body outside the enforcement system (cơ quan, tổ chức): land registry,
// bank, police … (oversight.md "body").
struct BodyRecord {
  std::string code, name, type, agency;  // agency optional
  std::string raw;
};

using Parsed = std::variant<Act, BodyRecord, Refusal>;

// `kind` is the record's kind ("body" or a stream kind); `now_unix` stands in
// for a missing recorded_at. `check_recorded` is false when the journal is read
// back (a store written before a rule stays readable); an act's `raw` is then
// left empty for the caller to set to the stored text.
// The second form keeps `o` itself as the act's payload (no copy).
Parsed parse_oversight(std::string_view kind, const nlohmann::json& o, int64_t now_unix, bool check_recorded);
Parsed parse_oversight(std::string_view kind, nlohmann::json&& o, int64_t now_unix, bool check_recorded);

// The vocabulary of each kind.
bool is_known_type(StreamKind k, std::string_view type);
bool is_opening(StreamKind k, std::string_view type);
bool is_ending(StreamKind k, std::string_view type);

// The ruling of an administrative judgment that is enforced immediately
// (LTTHC 2015 Art. 311(1)): voter lists and interim measures.
bool enforced_immediately(std::string_view ruling);

}  // namespace thads::oversight
