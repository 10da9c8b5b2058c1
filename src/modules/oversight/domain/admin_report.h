// The monitoring report of administrative judgments (`thads report
// admin-judgments`, oversight.md "The monitoring report"): a fold over the
// admin_judgment streams.
//
// Contract: pure. count_file() adds one file's contribution for a period;
// acts dated after `to` never count, voided acts never count, and a file
// whose `received` act is voided (withdrawn) counts nowhere. The caller
// filters by agency subtree and by --as-known-at (acts recorded later are not
// in `acts`). Identities: total = carried_over + received_new =
// complied + closed_other + in_progress.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

struct AdminColumns {
  int64_t carried_over = 0, received_new = 0, total = 0, complied = 0, closed_other = 0, in_progress = 0;
  int64_t with_compel_order = 0, published = 0;
  int64_t debtor_central = 0, debtor_province = 0, debtor_district = 0, debtor_commune = 0, debtor_other = 0;
  int64_t reason_objective_obstacle = 0, reason_awaiting_funds = 0, reason_awaiting_superior = 0,
          reason_disagrees = 0, reason_unclear_judgment = 0, reason_other = 0, reason_none = 0;
  // complied ÷ total × 100, rounded half up to 2 decimals, ×100 ([B]); nullopt when total is 0.
  std::optional<int64_t> complied_rate_x100() const;
};

// What one file is at the end of a period, for the report and its drill-down.
struct FileStanding {
  bool counted = false;       // in `total`
  bool carried_over = false;  // else received_new
  std::string ended_by;       // "complied" | "closed" | "" (in progress)
  bool compel_order = false, published = false;
  std::string debtor_level, delay_reason;  // delay_reason "" = none recorded
};

FileStanding standing_of(std::span<const Act> acts, Date from, Date to);

// What a file's standing in any period is folded from: its effective acts
// (voided ones and their targets left out), each with only what standing_of
// reads. Small enough to hold in memory for every file (app/held_streams.h),
// so the national report folds 100,000 files without reading the journal.
// standing_of(acts, …) is standing_of(facts_of(acts), …).
struct FileFacts {
  bool withdrawn = false;
  std::string agency, debtor_level;  // of the `received` act
  struct Step {
    Date date;
    std::string type, reason;  // reason: a delay_reason's
    bool ending = false;
  };
  std::vector<Step> steps;  // the effective acts, in seq order
};
FileFacts facts_of(std::span<const Act> acts);
FileStanding standing_of(const FileFacts& facts, Date from, Date to);
void add_to(AdminColumns& c, const FileStanding& f);

// One line of the monitoring register (Sổ theo dõi, quản lý thi hành án hành
// chính, Mẫu 19 of TT 04/2023/TT-BTP) for a file counted in a period: the
// facts as they stand at the end of `to`. Dates are ISO, "" when absent.
struct RegisterRow {
  std::string id, agency, received, judgment_number, judgment_date, court, ruling, debtor, debtor_level, creditor,
      obligation, officer, notice_sent, debtor_reported, compel_number, compel_date, published, portals, ended_on,
      ended_by, delay_reason;
  bool carried_over = false;
};
std::optional<RegisterRow> register_row(std::span<const Act> acts, Date from, Date to);

// The column keys in the contract's order, with their Vietnamese captions.
struct AdminColumn {
  const char* key;
  const char* caption_vi;
  int64_t AdminColumns::*field;  // nullptr: complied_rate
};
std::span<const AdminColumn> admin_columns();

nlohmann::ordered_json columns_json(const AdminColumns& c);

}  // namespace thads::oversight
