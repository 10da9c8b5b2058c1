// Internal to the demo generator: one synthetic case, from its profile
// (parties, judgment, obligations) to its whole history of events.
//
// Contract: draw_case() picks a plausible profile for an agency and an
// opening date; write_history() writes the case's events in seq order and in
// date order, none after `today`, each lawful under interchange.md (it throws
// std::logic_error on a bug that would break a rule, never writes it). A case
// entrusted to another province returns the hand-off from which the
// receiving agency's new case is drawn.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/demo_data.h"

namespace thads::demo {

// An agency that opens cases: a Phòng THADS khu vực or a provincial agency.
struct Unit {
  std::string code;
  int province = 0;
  bool provincial = false;
  std::vector<std::string> officers;  // enforcement officers' ids
};

struct World {
  const Calendar* cal = nullptr;
  Date today;
  std::vector<Unit> units;
  std::vector<int> province_unit;             // province index -> its own unit
  std::vector<std::vector<int>> region_units;  // province index -> its regions
};

// Size classes drive the case's course: small debts are mostly paid within
// weeks, large ones (xlarge: 3 billion đồng or more) are often not
// enforceable or paid over years; `huge` cases are placed by slot so that a
// small dataset still has its few very large cases spread over time.
enum class Size : uint8_t { nonmoney, small, medium, large, xlarge, flagged, huge };

struct Obligation {
  const char* category = "";
  int64_t amount = 0;  // 0: no amount
};

struct CaseSpec {
  std::string id;
  int unit = 0;
  Date opened;
  bool proactive = true;
  const char* kind = "civil";
  std::string judgment_number;
  std::string court;
  Date judgment_date, effective_date, received_date, request_date;
  std::string debtor_name, debtor_id, debtor_address;
  bool debtor_org = false;
  std::string creditor_name;
  const char* creditor_kind = "state";
  std::array<Obligation, 3> obligations{};
  int n_obligations = 0;
  bool credit_institution = false;
  bool corruption = false;
  std::string from_agency, from_case;  // entrusted_from
  Size size = Size::small;
  int huge_slot = -1;  // >= 0 for a huge case: its pattern

  int64_t total() const;
};

// What the receiving agency needs to open its own case (Art. 55–57).
struct Handoff {
  CaseSpec origin;
  int to_unit = 0;
  Date date;
  int64_t remaining = 0;
};

// A new case at `unit` opened on `opened`. huge_slot >= 0 draws one of the
// very large flagged cases worth `huge_amount`.
CaseSpec draw_case(Rng& r, const World& w, int unit, Date opened, int huge_slot, int64_t huge_amount);
// The receiving agency's case for a hand-off, opened a few working days later.
CaseSpec received_case(Rng& r, const World& w, const Handoff& h);

std::optional<Handoff> write_history(Out& out, Rng& r, const World& w, const CaseSpec& c);

}  // namespace thads::demo
