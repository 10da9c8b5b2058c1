// The agency hierarchy (Cục Quản lý THADS -> THADS tỉnh, thành phố -> Phòng
// THADS khu vực) as an index for scope checks: "an agency and every agency
// below it" is one interval test.
//
// Contract: built once from agency records; immutable afterwards; safe to
// share between threads.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace thads {

struct AgencyNode {
  std::string code, name, level, parent;
  int parent_index = -1;
  int depth = 0;
  int enter = 0, leave = 0;  // Euler-tour interval of the subtree
  std::vector<int> children;
};

class AgencyTree {
 public:
  AgencyTree() = default;
  // `records`: code, name, level, parent (parent empty for a root).
  explicit AgencyTree(std::vector<AgencyNode> nodes);

  std::optional<int> find(const std::string& code) const;
  const AgencyNode& at(int i) const { return nodes_[static_cast<size_t>(i)]; }
  size_t size() const { return nodes_.size(); }
  // The default report scope: the first root (the national agency).
  std::optional<int> root() const;
  // True when `agency` is `scope` or lies below it.
  bool within(int agency, int scope) const {
    return nodes_[static_cast<size_t>(agency)].enter >= nodes_[static_cast<size_t>(scope)].enter &&
           nodes_[static_cast<size_t>(agency)].leave <= nodes_[static_cast<size_t>(scope)].leave;
  }
  // The child of `scope` whose subtree holds `agency`, or -1 (agency == scope or outside).
  int child_toward(int agency, int scope) const;
  const std::vector<int>& children(int i) const { return nodes_[static_cast<size_t>(i)].children; }

 private:
  std::vector<AgencyNode> nodes_;
  std::unordered_map<std::string, int> index_;
};

}  // namespace thads
