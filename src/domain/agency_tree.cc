#include "domain/agency_tree.h"

#include <algorithm>
#include <functional>

namespace thads {

AgencyTree::AgencyTree(std::vector<AgencyNode> nodes) : nodes_(std::move(nodes)) {
  std::sort(nodes_.begin(), nodes_.end(), [](const AgencyNode& a, const AgencyNode& b) { return a.code < b.code; });
  for (size_t i = 0; i < nodes_.size(); ++i) index_[nodes_[i].code] = static_cast<int>(i);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    auto& n = nodes_[i];
    n.children.clear();
    auto it = n.parent.empty() ? index_.end() : index_.find(n.parent);
    n.parent_index = it == index_.end() || it->second == static_cast<int>(i) ? -1 : it->second;
  }
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].parent_index >= 0) nodes_[static_cast<size_t>(nodes_[i].parent_index)].children.push_back(static_cast<int>(i));
  int clock = 0;
  std::vector<bool> seen(nodes_.size(), false);
  // Iterative DFS: a malformed cycle cannot recurse forever.
  std::function<void(int, int)> visit = [&](int i, int depth) {
    std::vector<std::pair<int, size_t>> stack{{i, 0}};
    seen[static_cast<size_t>(i)] = true;
    nodes_[static_cast<size_t>(i)].depth = depth;
    nodes_[static_cast<size_t>(i)].enter = clock++;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      auto& kids = nodes_[static_cast<size_t>(node)].children;
      if (next < kids.size()) {
        int c = kids[next++];
        if (seen[static_cast<size_t>(c)]) continue;
        seen[static_cast<size_t>(c)] = true;
        nodes_[static_cast<size_t>(c)].depth = nodes_[static_cast<size_t>(node)].depth + 1;
        nodes_[static_cast<size_t>(c)].enter = clock++;
        stack.push_back({c, 0});
      } else {
        nodes_[static_cast<size_t>(node)].leave = clock++;
        stack.pop_back();
      }
    }
  };
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].parent_index < 0) visit(static_cast<int>(i), 0);
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (!seen[i]) visit(static_cast<int>(i), 0);  // part of a cycle: treat as a root
}

std::optional<int> AgencyTree::find(const std::string& code) const {
  auto it = index_.find(code);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> AgencyTree::root() const {
  std::optional<int> best;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].parent_index >= 0) continue;
    const int sz = nodes_[i].leave - nodes_[i].enter;
    if (!best || sz > nodes_[static_cast<size_t>(*best)].leave - nodes_[static_cast<size_t>(*best)].enter)
      best = static_cast<int>(i);
  }
  return best;
}

int AgencyTree::child_toward(int agency, int scope) const {
  if (agency == scope || !within(agency, scope)) return -1;
  int cur = agency;
  while (nodes_[static_cast<size_t>(cur)].parent_index != scope) {
    cur = nodes_[static_cast<size_t>(cur)].parent_index;
    if (cur < 0) return -1;
  }
  return cur;
}

}  // namespace thads
