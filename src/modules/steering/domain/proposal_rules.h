// The rules that put a case on the list of candidates for the key-case
// register (vụ việc đề xuất đưa vào diện Ban Chỉ đạo theo dõi): the agency
// proposes, the committee accepts. The thresholds are [B] (no text we hold
// fixes them): they are the settings file's "steering" section
// (docs/settings.md), read once at start.
//
// Contract: pure. A case is a candidate when it is open and
// - open_long: it was opened more than `open_years` years before `today`;
// - large_amount: it still owes at least `large_amount` đồng;
// - complaint_pending: a complaint about it is open (oversight module);
// - coercion_planned: its latest coercion plan mobilises forces and no
//   coercion was carried out since (mobilised_coercion_pending below).
// Corruption and credit-institution cases, security sensitivity and
// auctions not delivered are the head's marks on a proposal.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/date.h"

namespace thads::steering {

struct ProposalSettings {
  int open_years = 3;                          // [B]
  int64_t large_amount = 5'000'000'000;        // [B] đồng still owed
  static const ProposalSettings& defaults();
  static const ProposalSettings& active();
  static void use(const ProposalSettings& s);
  // Reads the "steering" object of a settings file (unknown keys refused,
  // open_years 1..50, large_amount 1..10^15): std::invalid_argument.
  static ProposalSettings from_json(const nlohmann::json& j);
};

struct CaseFacts {
  std::string case_id, agency;
  Date opened;
  int64_t remaining = 0;
  bool complaint_pending = false;
  bool coercion_planned = false;
};

// A case's coercion events as the journal holds them (case events'
// canonical JSON, in seq order; other types are ignored): true when the
// latest `coercion_planned` has `mobilised_forces` true and no
// `coercion_executed` follows it. A coercion that mobilises forces needs a
// plan sent to the procuracy, the police and the commune People's
// Committee (Luật THADS 2008 Art. 72; legal-rules.md §2), which is what
// the steering committee is to direct (TTLT 05/2016 Art. 4; NĐ 152/2026
// Art. 104). Events whose seq is in `voided_plans` are skipped: their plan
// was voided by a `coercion_plan` record (coordination module,
// docs/formats/coordination.md), since interchange v1 cannot void the
// event itself; the plan before it, if any, then decides.
bool mobilised_coercion_pending(const std::vector<nlohmann::json>& events,
                                const std::set<int64_t>& voided_plans = {});

// The reasons (steering.md key_case `reasons` codes) a case meets; empty
// when it is no candidate.
std::vector<std::string> proposal_reasons(const CaseFacts& c, Date today,
                                          const ProposalSettings& s = ProposalSettings::active());
// The day before which a case opened counts as open_long on `today`.
Date open_long_before(Date today, const ProposalSettings& s = ProposalSettings::active());

}  // namespace thads::steering
