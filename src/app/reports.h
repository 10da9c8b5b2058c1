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
#include <memory>
#include <memory_resource>
#include <unordered_map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/saved_snapshot.h"
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
// The four ages of CurrentFigures::backlog_by_age, in its order: a key and
// the label the dashboard and the periodic report show.
struct BacklogAge {
  const char* key;
  const char* label_vi;
};
inline constexpr BacklogAge kBacklogAges[4] = {
    {"lt1", "Dưới 1 năm"}, {"1to2", "Từ 1 đến 2 năm"}, {"2to5", "Từ 2 đến 5 năm"}, {"gt5", "Trên 5 năm"}};

struct CurrentFigures {
  std::array<int64_t, 4> backlog_by_age{};  // opened < 1 year, 1–2, 2–5, > 5 years before `today` (kBacklogAges)
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
  // The journal position the snapshot reflects (its chain head when loaded).
  int64_t position() const { return position_; }

  // The snapshot brought up to the journal's current position: the cases
  // whose events were recorded since are re-read from the read models and
  // replaced or added; changes to agencies, officers, targets or holidays,
  // or more than `max_changes` entries, reload everything. Returns `s`
  // itself when the journal has not moved. Never changes `s`.
  static std::shared_ptr<const StatsSnapshot> refresh(std::shared_ptr<const StatsSnapshot> s, Store& store,
                                                      int64_t max_changes = 50000);
  const AgencyTree& tree() const { return tree_; }

  // Persisted snapshots (docs/storage.md, "Read-model snapshots"), saved
  // in the store under kSavedName in format kFormat.
  static constexpr int64_t kFormat = 1;
  static constexpr const char* kSavedName = "statistics";
  // The snapshot as bytes (format kFormat: fixed-width little-endian, no
  // floating point), and back. decode() answers nullopt unless the bytes
  // are a whole snapshot of this format made with the same agencies as
  // `tree`, in the same order, every length and index within its bounds;
  // never a crash, whatever the bytes. Targets and officer names are not in
  // the bytes (load_saved() reads them from the store).
  std::string encode() const;
  static std::optional<StatsSnapshot> decode(std::string_view bytes, const AgencyTree& tree);
  // The statistics at the journal's current position: the snapshot saved in
  // the store when it still matches the journal (read_model_snapshots.h),
  // brought up to date with refresh(); else load(). Never writes.
  static std::shared_ptr<const StatsSnapshot> load_saved(Store& store, SnapshotOrigin* origin = nullptr);
  // Saves this snapshot in the store, replacing the one saved (a write
  // transaction of its own). False, nothing written, for an --as-known-at
  // snapshot or when the journal no longer holds its position.
  bool save(Store& store) const;
  // Moves the snapshot saved in the store to the journal's head without
  // loading or rewriting it, when nothing written since it changes the
  // statistics: no case event, no agency, officer, target or holiday (the
  // modules' records, accounts and settings only; Store::changes_since). An
  // import of oversight records into a national store so spares loading and
  // saving a snapshot of every case (about 2 s and 2 GiB at 1,000,000
  // cases). True when the saved snapshot reflects the journal's head on
  // return (moved, or saved there already). False, nothing written, when no
  // snapshot of this format is saved or something since changes the
  // statistics: the caller then loads and saves.
  static bool advance_saved(Store& store);

 private:
  struct Plan {
    int scope = -1;
    FoldPlan fold;
    std::vector<std::string> keys;
  };
  std::variant<Plan, Refusal> plan(const ReportQuery& q) const;
  void load_current(Store& store);  // inside the caller's read transaction
  void put_case(const Row& r, std::optional<size_t> slot);  // a `cases` row (kCaseColumns)
  std::optional<size_t> slot_of(const std::string& case_id) const;
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
    uint32_t officer;  // index into officer_ids_
    uint32_t slot;     // the case's slot
  };
  // Case ids of the slots, for refresh(): those loaded at once in one arena
  // (shared between generations, indexed on the first refresh), those added
  // later in a small map.
  struct Ids {
    std::pmr::string arena;
    std::pmr::vector<uint32_t> end;  // slot i = arena[end[i-1], end[i])
    std::unordered_map<std::string_view, uint32_t> index;
    std::string_view at(size_t i) const {
      const uint32_t b = i ? end[i - 1] : 0;
      return std::string_view(arena).substr(b, end[i] - b);
    }
  };
  AgencyTree tree_;
  StatsTable table_;
  std::pmr::vector<Now> now_;
  std::vector<std::string> reasons_;
  std::vector<Pending> pending_;
  std::vector<std::string> officer_ids_;
  std::unordered_map<std::string, std::string> officer_names_;
  std::unordered_map<std::string, uint16_t> reason_index_;
  std::unordered_map<std::string, uint32_t> officer_index_;
  std::vector<TargetRecord> targets_;
  int64_t position_ = 0;
  bool as_known_at_ = false;
  std::shared_ptr<const Ids> ids_;
  std::unordered_map<std::string, uint32_t> added_;  // case id -> slot, for cases added by refresh()
};

std::variant<Report, Refusal> run_report(Store& store, const ReportQuery& q);

// Vietnamese labels for breakdown keys (judgment kinds, modes, flags).
std::string breakdown_label(const std::string& by, const std::string& key);

}  // namespace thads
