#include "app/agency_positions.h"

#include <algorithm>
#include <map>
#include <vector>

#include "app/modules.h"
#include "store/journal_touches.h"
#include "store/store_extensions.h"

namespace thads {

int64_t AgencyPositions::of(Store& store, int64_t head, const AgencyTree& tree, const std::string& agency) {
  std::lock_guard lock(mu_);
  if (head > seen_) apply(store, head, tree);
  if (agency.empty() || !tree.find(agency)) return std::max(head, seen_);
  auto it = last_.find(agency);
  return std::max(global_, it == last_.end() ? int64_t{0} : it->second);
}

int64_t AgencyPositions::kind_position(Store& store, int64_t head, const AgencyTree& tree,
                                       std::initializer_list<std::string_view> kinds) {
  std::lock_guard lock(mu_);
  if (head > seen_) apply(store, head, tree);
  int64_t at = all_kinds_;
  for (std::string_view k : kinds)
    if (auto it = kinds_.find(std::string(k)); it != kinds_.end()) at = std::max(at, it->second);
  return at;
}

std::string AgencyPositions::kind_key(const std::string& kind, const std::string& stream) {
  if (kind != "reference_change") return kind;
  return kind + ":" + stream.substr(0, stream.find('/'));  // the stream is record/key
}

void AgencyPositions::touch(const AgencyTree& tree, const std::string& agency, int64_t at) {
  auto i = tree.find(agency);
  if (!i) {  // an agency the tree does not know (yet): every agency
    global_ = at;
    return;
  }
  for (int k = *i; k >= 0; k = tree.at(k).parent_index) last_[tree.at(k).code] = at;
}

void AgencyPositions::apply(Store& store, int64_t head, const AgencyTree& tree) {
  if (seen_ < 0) {  // the journal as first seen: every answer is from now on
    seen_ = global_ = all_kinds_ = head;
    return;
  }
  Snapshot tx(store);
  const JournalTouches tail = journal_touches(store.db(), seen_, kMaxTail);
  if (tail.too_many) {
    tx.commit();
    seen_ = global_ = all_kinds_ = head;
    return;
  }
  // Counted at `head`: at or after every entry read up to it. Entries after
  // `head` (written since the caller read it) wait for a later head.
  std::vector<std::string> cases;
  std::map<std::string, std::vector<std::string>> streams;  // module kind -> ids
  bool everything = false;
  for (const JournalTouch& t : tail.entries) {
    if (t.pos > head) break;
    kinds_[kind_key(t.kind, t.stream)] = head;
    if (t.kind == "event") cases.push_back(t.stream);
    else if (is_module_journal_kind(t.kind)) streams[t.kind].push_back(t.stream);
    else if (t.kind != "user" && t.kind != "settings") everything = true;
  }
  if (!everything && !cases.empty()) {
    std::sort(cases.begin(), cases.end());
    cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
    const auto agencies = case_agencies(store.db(), cases);
    if (!agencies) everything = true;
    else for (const std::string& code : *agencies) touch(tree, code, head);
  }
  for (auto& [kind, ids] : streams) {
    if (everything) break;
    const Module* m = module_of_kind(kind);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const auto agencies = m && m->agencies_of ? m->agencies_of(store, kind, ids) : std::nullopt;
    if (!agencies) everything = true;
    else for (const std::string& code : *agencies) touch(tree, code, head);
  }
  tx.commit();
  if (everything) global_ = head;
  seen_ = head;
}

}  // namespace thads
