#include "modules/oversight/domain/complaint_intake.h"

#include <set>

namespace thads::oversight {
namespace {

// The agency `steps` levels above `agency`; past the root the Minister of
// Justice, and past the Minister nobody.
Resolver up(const AgencyTree& tree, const std::string& agency, int steps, std::string article) {
  Resolver r;
  r.article = std::move(article);
  auto i = tree.find(agency);
  if (!i) return r;
  int at = *i;
  for (int k = 0; k < steps; ++k) {
    const int p = tree.at(at).parent_index;
    if (p < 0) {
      r.kind = steps - k == 1 ? Resolver::minister : Resolver::none;
      return r;
    }
    at = p;
  }
  r.kind = Resolver::agency_head;
  r.agency = tree.at(at).code;
  return r;
}

}  // namespace

Resolver complaint_resolver(const AgencyTree& tree, const std::string& agency, bool against_head, int level) {
  const int steps = (against_head ? 1 : 0) + (level >= 2 ? 1 : 0);
  return up(tree, agency, steps, level >= 2 ? "Luật THADS Điều 142(2)–(3)" : "Luật THADS Điều 142(1)–(3)");
}

Resolver denunciation_resolver(const AgencyTree& tree, const std::string& agency, bool against_head) {
  return up(tree, agency, against_head ? 1 : 0, "Luật THADS Điều 157(1)");
}

std::optional<Resolver> resolver_of(const AgencyTree& tree, const Act& opening) {
  const bool head = opening.text("against") == "head";
  if (opening.kind == StreamKind::complaint && opening.type == "lodged")
    return complaint_resolver(tree, opening.text("agency"), head, static_cast<int>(opening.integer("level")));
  if (opening.kind == StreamKind::denunciation && opening.type == "lodged")
    return denunciation_resolver(tree, opening.text("agency"), head);
  return std::nullopt;
}

std::string resolver_label_vi(const AgencyTree& tree, const Resolver& r) {
  switch (r.kind) {
    case Resolver::minister: return "Bộ trưởng Bộ Tư pháp";
    case Resolver::none: return "Không còn cấp giải quyết tiếp theo (quyết định của Bộ trưởng Bộ Tư pháp là cuối cùng)";
    case Resolver::agency_head: {
      const auto i = tree.find(r.agency);
      return "Thủ trưởng " + (i ? tree.at(*i).name : r.agency) + " (" + r.agency + ")";
    }
  }
  return "";
}

std::optional<Deadline> lodge_deadline(std::span<const Deadline> deadlines) {
  for (const Deadline& d : deadlines)
    if (d.action == "lodge") return d;
  return std::nullopt;
}

std::optional<DecisionSending> decision_sending(const std::vector<const Act*>& history) {
  bool resolved = false;
  std::set<std::string> got;
  DecisionSending out;
  for (const Act* a : history) {
    if (a->type == "resolved") resolved = true;
    if (a->type != "decision_sent") continue;
    const auto it = a->p.find("sent_to");
    if (it == a->p.end() || it->is_null()) {
      got.insert(std::begin(kDecisionRecipients), std::end(kDecisionRecipients));
    } else {
      for (const auto& r : *it)
        if (r.is_string()) got.insert(r.get<std::string>());
    }
    out.last_sent = a->date;
    out.how = a->text("how");
  }
  if (!resolved) return std::nullopt;
  for (const char* r : kDecisionRecipients) (got.count(r) ? out.sent : out.missing).push_back(r);
  return out;
}

std::string recipient_label_vi(const std::string& recipient) {
  if (recipient == "parties") return "Người khiếu nại và đương sự có liên quan";
  if (recipient == "superior") return "Cơ quan quản lý thi hành án cấp trên";
  if (recipient == "procuracy") return "Viện kiểm sát nhân dân cùng cấp";
  return recipient;
}

}  // namespace thads::oversight
