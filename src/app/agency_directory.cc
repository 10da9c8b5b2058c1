#include "app/agency_directory.h"

namespace thads {

AgencyTree load_agency_tree(Store& store) {
  std::vector<AgencyNode> nodes;
  for (const auto& a : store.agencies()) {
    AgencyNode n;
    n.code = a.code;
    n.name = a.name;
    n.level = a.level;
    n.parent = a.parent;
    nodes.push_back(std::move(n));
  }
  return AgencyTree(std::move(nodes));
}

}  // namespace thads
