// Reports use case: the official `cases` and `money` forms for any period
// and agency subtree, with breakdowns and targets.
//
// Contract: StatsSnapshot::load() reads the statistics read model (one
// compact timeline per case) and the agency tree once; compute() is then a
// pure fold over memory, safe to call from many threads at once. With
// --as-known-at the snapshot is built from the journal instead, keeping only
// what was recorded by then (corrections recorded later are not applied).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/agency_tree.h"
#include "domain/refusal.h"
#include "domain/statistics.h"
#include "store/store.h"

namespace thads {

struct ReportQuery {
  Form form = Form::cases;
  Period period;
  std::string agency;                 // empty: the root
  std::string by;                     // "", agency, mode, judgment_kind, flag
  std::optional<int64_t> as_known_at; // unix seconds
};

class StatsSnapshot {
 public:
  static StatsSnapshot load(Store& store, std::optional<int64_t> as_known_at = std::nullopt);
  std::variant<Report, Refusal> compute(const ReportQuery& q) const;
  size_t case_count() const { return cases_.size(); }
  const AgencyTree& tree() const { return tree_; }

 private:
  struct Entry {
    int agency;
    CaseTimeline timeline;
  };
  AgencyTree tree_;
  std::vector<Entry> cases_;
  std::vector<TargetRecord> targets_;
};

std::variant<Report, Refusal> run_report(Store& store, const ReportQuery& q);

// Vietnamese labels for breakdown keys (judgment kinds, modes, flags).
std::string breakdown_label(const std::string& by, const std::string& key);

}  // namespace thads
