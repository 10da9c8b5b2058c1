// Reports use case: the official `cases` and `money` forms for any period
// and agency subtree, with breakdowns and targets.
//
// Contract: StatsSnapshot::load() reads the statistics read model (one
// compact timeline per case, kept as a StatsTable), each case's current
// status, the open deadlines and the agency tree once; compute() and
// current() are then pure folds over memory, safe to call from many threads
// at once. With --as-known-at the snapshot is built from the journal
// instead, keeping only what was recorded by then (corrections recorded
// later are not applied).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/agency_tree.h"
#include "domain/refusal.h"
#include "domain/stats_table.h"
#include "store/store.h"

namespace thads {

struct ReportQuery {
  Form form = Form::cases;
  Period period;
  std::string agency;                 // empty: the root
  std::string by;                     // "", agency, mode, judgment_kind, flag
  std::optional<int64_t> as_known_at; // unix seconds
};

// Figures of an agency subtree as of a day, from the cases' current state
// (dashboards): open cases by age, cases without conditions by reason,
// deadlines not met by officer.
struct CurrentFigures {
  std::array<int64_t, 4> backlog_by_age{};  // opened < 1 year, 1–2, 2–5, > 5 years before `today`
  std::vector<std::pair<std::string, int64_t>> unable_by_reason;  // reason code, cases; by code
  struct Overdue {
    std::string officer, name;  // officer id ("" = unassigned) and name ("" when unknown)
    int64_t count = 0;
  };
  std::vector<Overdue> overdue_by_officer;  // most first, then by id
};

class StatsSnapshot {
 public:
  static StatsSnapshot load(Store& store, std::optional<int64_t> as_known_at = std::nullopt);
  std::variant<Report, Refusal> compute(const ReportQuery& q) const;
  // Both forms from one pass over the cases (q.form is not read).
  std::variant<std::pair<Report, Report>, Refusal> compute_both(const ReportQuery& q) const;
  std::variant<CurrentFigures, Refusal> current(const std::string& agency, Date today) const;
  size_t case_count() const { return table_.size(); }
  const AgencyTree& tree() const { return tree_; }

 private:
  struct Plan {
    int scope = -1;
    FoldPlan fold;
    std::vector<std::string> keys;
  };
  std::variant<Plan, Refusal> plan(const ReportQuery& q) const;
  Report report(const ReportQuery& q, const Plan& plan, Form form, const Columns& total,
                const std::vector<Columns>& rows) const;

  // Current state of one case (dashboards).
  struct Now {
    int32_t agency;
    int32_t opened;   // days
    uint8_t status;   // 0 = ended or withdrawn, else 1 + Status
    uint16_t reason;  // index into reasons_ when unable
  };
  struct Pending {
    int32_t agency;
    int32_t due;       // days
    uint32_t officer;  // index into officers_
  };
  AgencyTree tree_;
  StatsTable table_;
  std::vector<Now> now_;
  std::vector<std::string> reasons_;
  std::vector<Pending> pending_;
  std::vector<std::pair<std::string, std::string>> officers_;  // id, name
  std::vector<TargetRecord> targets_;
};

std::variant<Report, Refusal> run_report(Store& store, const ReportQuery& q);

// Vietnamese labels for breakdown keys (judgment kinds, modes, flags).
std::string breakdown_label(const std::string& by, const std::string& key);

}  // namespace thads
