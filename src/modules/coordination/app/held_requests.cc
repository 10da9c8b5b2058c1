#include "modules/coordination/app/held_requests.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/held_streams.h"

namespace thads::coordination {
namespace {

// Agency and body codes, each kept once (3,000,000 rows name a few thousand).
// Used only under the held model's lock.
struct Names {
  std::vector<std::string> names;
  std::unordered_map<std::string, uint32_t> index;
  uint32_t of(const std::string& s) {
    auto [it, fresh] = index.try_emplace(s, static_cast<uint32_t>(names.size()));
    if (fresh) names.push_back(s);
    return it->second;
  }
};

struct HeldRequest {  // the id is the held row's
  uint32_t agency = 0, body = 0;
  Date sent;
  std::optional<Date> answer_due, first_answer;
  bool withdrawn = false;
};

Names& names() {
  static Names n;
  return n;
}

std::optional<Date> date_or_none(const std::string& s) { return s.empty() ? std::nullopt : Date::parse(s); }

HeldRequest held_of(const LedgerFacts& f) {
  return {names().of(f.agency), names().of(f.body), Date::parse(f.sent).value_or(Date{}),
          date_or_none(f.answer_due), date_or_none(f.first_answer), f.state == "withdrawn"};
}

using Held = oversight::HeldStreams<HeldRequest>;

Held& held() {
  static Held h(oversight::StreamKind::request,
                Held::Source{[](Db& db, const std::function<void(const std::string&, HeldRequest&&)>& put) {
                               for_each_ledger_facts(db, [&](const LedgerFacts& f) { put(f.id, held_of(f)); });
                             },
                             [](Db& db, const std::string& id) -> std::optional<HeldRequest> {
                               auto f = ledger_facts(db, id);
                               if (!f) return std::nullopt;
                               return held_of(*f);
                             }});
  return h;
}

}  // namespace

std::vector<BodyPerformance> held_body_performance(Store& store, const std::vector<std::string>& agencies, Date from,
                                                   Date to) {
  std::vector<BodyPerformance> out;
  held().with(store, [&](const Held::Items& items) {
    const Names& n = names();
    std::vector<char> in_scope(n.names.size(), 0);
    for (const std::string& a : agencies)
      if (auto it = n.index.find(a); it != n.index.end()) in_scope[it->second] = 1;
    std::vector<BodyAcc> per_body(n.names.size());
    std::vector<char> used(n.names.size(), 0);
    BodyAcc total;
    struct View {  // what add_request reads
      const std::string& id;
      Date sent;
      const std::optional<Date>&answer_due, &first_answer;
    };
    for (const auto& [id, r] : items) {
      if (r.withdrawn || r.sent < from || to < r.sent || !in_scope[r.agency]) continue;
      const View v{id, r.sent, r.answer_due, r.first_answer};
      add_request(per_body[r.body], v, to);
      add_request(total, v, to);
      used[r.body] = 1;
    }
    // In body code order, as body_performance() answers.
    std::vector<uint32_t> bodies;
    for (uint32_t b = 0; b < used.size(); ++b)
      if (used[b]) bodies.push_back(b);
    std::sort(bodies.begin(), bodies.end(), [&](uint32_t x, uint32_t y) { return n.names[x] < n.names[y]; });
    for (uint32_t b : bodies) {
      per_body[b].p.body = n.names[b];
      out.push_back(finish(per_body[b]));
    }
    out.push_back(finish(total));
  });
  return out;
}

}  // namespace thads::coordination
