// The rules that put a case on the list of candidates for the key-case
// register (vụ việc đề xuất đưa vào diện Ban Chỉ đạo theo dõi): the agency
// proposes, the committee accepts. The thresholds are [B] (no text we hold
// fixes them): they are the settings file's "steering" section
// (docs/settings.md), read once at start.
//
// Contract: pure. A case is a candidate when it is open and
// - open_long: it was opened more than `open_years` years before `today`;
// - large_amount: it still owes at least `large_amount` đồng;
// - complaint_pending: a complaint about it is open (oversight module).
// Mobilised coercion, corruption and credit-institution cases, security
// sensitivity and auctions not delivered are the head's marks on a proposal.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
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
};

// The reasons (steering.md key_case `reasons` codes) a case meets; empty
// when it is no candidate.
std::vector<std::string> proposal_reasons(const CaseFacts& c, Date today,
                                          const ProposalSettings& s = ProposalSettings::active());
// The day before which a case opened counts as open_long on `today`.
Date open_long_before(Date today, const ProposalSettings& s = ProposalSettings::active());

}  // namespace thads::steering
