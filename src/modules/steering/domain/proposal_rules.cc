#include "modules/steering/domain/proposal_rules.h"

#include <stdexcept>

namespace thads::steering {
namespace {

ProposalSettings& deployment() {
  static ProposalSettings s;
  return s;
}

}  // namespace

const ProposalSettings& ProposalSettings::defaults() {
  static const ProposalSettings s;
  return s;
}
const ProposalSettings& ProposalSettings::active() { return deployment(); }
void ProposalSettings::use(const ProposalSettings& s) { deployment() = s; }

ProposalSettings ProposalSettings::from_json(const nlohmann::json& j) {
  ProposalSettings s;
  if (!j.is_object()) throw std::invalid_argument("\"steering\" must be an object");
  for (const auto& [k, v] : j.items()) {
    if (!v.is_number_integer()) throw std::invalid_argument("steering: " + k + " must be an integer");
    const int64_t n = v.get<int64_t>();
    if (k == "open_years") {
      if (n < 1 || n > 50) throw std::invalid_argument("steering: open_years must be 1..50");
      s.open_years = static_cast<int>(n);
    } else if (k == "large_amount") {
      if (n < 1 || n > 1'000'000'000'000'000) throw std::invalid_argument("steering: large_amount must be 1..10^15");
      s.large_amount = n;
    } else {
      throw std::invalid_argument("steering: unknown key " + k);
    }
  }
  return s;
}

Date open_long_before(Date today, const ProposalSettings& s) { return today.plus_months(-12 * s.open_years); }

std::vector<std::string> proposal_reasons(const CaseFacts& c, Date today, const ProposalSettings& s) {
  std::vector<std::string> out;
  if (c.opened < open_long_before(today, s)) out.emplace_back("open_long");
  if (c.remaining >= s.large_amount) out.emplace_back("large_amount");
  if (c.complaint_pending) out.emplace_back("complaint_pending");
  if (c.coercion_planned) out.emplace_back("coercion_planned");
  return out;
}

bool mobilised_coercion_pending(const std::vector<nlohmann::json>& events, const std::set<int64_t>& voided_plans) {
  bool pending = false;
  for (const nlohmann::json& e : events) {
    if (!e.is_object()) continue;
    if (const auto seq = e.find("seq"); seq != e.end() && seq->is_number_integer() &&
                                        voided_plans.count(seq->get<int64_t>()))
      continue;
    const std::string type = e.value("type", "");
    if (type == "coercion_planned") pending = e.value("mobilised_forces", false);
    else if (type == "coercion_executed") pending = false;
  }
  return pending;
}

}  // namespace thads::steering
