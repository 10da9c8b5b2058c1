// A change to a body of the register (cơ quan, tổ chức phối hợp: oversight.md
// `body`): its name or area corrected, or the body deactivated (no longer
// offered for new requests) and activated again. The `body` record of
// oversight.md is immutable (a second `body` with other content is
// seq_conflict), so an admin's edits are this module's own record kind,
// `body_change` (docs/formats/coordination.md):
//
//   {"kind":"body_change","code":"HN-VPDKDD","seq":1,"name":"…","agency":"HN",
//    "active":false,"recorded_at":"…","actor":"admin1"}
//
// `seq` counts the changes of one body from 1 (same code and seq with the same
// content: a duplicate; with other content: seq_conflict; a gap: bad_seq).
// At least one of `name`, `agency`, `active`.
//
// Contract: pure; parse checks what needs no stored state (bad_field).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "domain/refusal.h"
#include "modules/oversight/domain/acts.h"

namespace thads::coordination {

struct BodyChange {
  std::string code;
  int64_t seq = 0;
  std::optional<std::string> name, agency;
  std::optional<bool> active;
  int64_t recorded_at = 0;
  std::string actor;
  std::string raw;  // canonical JSON (keys sorted), as given
};

std::variant<BodyChange, Refusal> parse_body_change(const nlohmann::json& o, int64_t now_unix);

// What a body's changes have set so far (the read model body_status).
struct BodyOverlay {
  std::string code;
  std::optional<std::string> name, agency;
  bool active = true;
  int64_t changes = 0;
};
BodyOverlay apply(BodyOverlay o, const BodyChange& c);

// A body as the register shows it now: the `body` record with its changes.
struct BodyEntry {
  oversight::BodyRecord body;  // name and agency as changed
  bool active = true;
  int64_t changes = 0;  // the last change's seq (0: never changed)
};
BodyEntry apply(BodyEntry e, const BodyChange& c);

// "Văn phòng đăng ký đất đai", "Ngân hàng", … (oversight.md body types).
std::string body_type_label(const std::string& type);
inline constexpr const char* kBodyTypes[] = {"land_registry", "bank",      "police",           "court", "procuracy",
                                             "tax",           "social_insurance", "people_committee", "other"};

}  // namespace thads::coordination
