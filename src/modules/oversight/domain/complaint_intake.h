// What the clerk must know the moment a complaint or a denunciation is
// registered (issue 15 item 2): who must resolve it at this level, and —
// for a complaint — whether it came within the complainant's time limit.
//
// Who resolves (người có thẩm quyền giải quyết):
// - complaint, Luật THADS 2008 Art. 142 (legal-rules.md §3.3): the first
//   complaint against an officer (chấp hành viên) goes to the head of the
//   officer's agency; against a head, to the head of the agency above; the
//   second complaint to the next level up from whoever resolved the first.
//   Above the national management body stands the Minister of Justice
//   (Art. 142(3)); a second complaint against the national head has no
//   further level (the Minister's decision is final).
// - denunciation, Art. 157 (legal-rules.md §3.4): the head of the accused
//   person's agency; a head accused goes to the agency above (the Minister
//   above the national head).
//
// Contract: pure. `agency` is the opening's agency (the agency of the
// person complained of); the tree supplies the parents.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/agency_tree.h"
#include "domain/deadlines.h"
#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

struct Resolver {
  enum Kind { agency_head, minister, none } kind = none;
  std::string agency;  // agency_head: the agency whose head resolves
  std::string article;
};

// Levels above `agency` the resolver stands: the complaint's level - 1, plus
// one when the head is complained of (or accused).
Resolver complaint_resolver(const AgencyTree& tree, const std::string& agency, bool against_head, int level);
Resolver denunciation_resolver(const AgencyTree& tree, const std::string& agency, bool against_head);
// The resolver of an opening act (complaint `lodged` or denunciation
// `lodged`); nullopt for other kinds.
std::optional<Resolver> resolver_of(const AgencyTree& tree, const Act& opening);
// "Thủ trưởng THADS Hà Nội (HN)", "Bộ trưởng Bộ Tư pháp", …
std::string resolver_label_vi(const AgencyTree& tree, const Resolver& r);

// Who a complaint's decision has been sent to. TT 13/2021/TT-BTP Art. 14
// (legal-rules.md §3.3): the decision goes to the complainant and the
// parties concerned, the superior management agency and the same-level
// procuracy (3 working days at level 1, 7 at level 2: the `send_decision`
// deadline, met by the first `decision_sent`). A `decision_sent` without
// the `sent_to` extension means all three, as oversight.md defines the act.
inline constexpr const char* kDecisionRecipients[] = {"parties", "superior", "procuracy"};
struct DecisionSending {
  std::vector<std::string> sent;     // in the order of kDecisionRecipients
  std::vector<std::string> missing;  // likewise; empty once all have it
  std::optional<Date> last_sent;     // the latest standing `decision_sent`
  std::string how;                   // its `how`, if given
};
// nullopt unless the complaint has a standing `resolved` (`history`: the
// acts that count, Stream::effective()).
std::optional<DecisionSending> decision_sending(const std::vector<const Act*>& history);
// "Đương sự", "Cơ quan quản lý thi hành án cấp trên", "Viện kiểm sát cùng cấp".
std::string recipient_label_vi(const std::string& recipient);

// The complaint's `lodge` deadline (Art. 140(2)) out of its deadlines, or
// nullopt (not a complaint, or withdrawn).
std::optional<Deadline> lodge_deadline(std::span<const Deadline> deadlines);

}  // namespace thads::oversight
