// The warning to lift excess freezes in the work queue (issue 16 item 2):
// a case whose standing account freezes hold more than it still owes (after
// a collection, a reduction or a termination) gets an item "lift the excess"
// due today, for its officer and the heads of its subtree. Freezing beyond
// the obligation is what the freeze budget refuses at the request
// (oversight.md `over_freeze`; Luật THADS 2008 Art. 67; NĐ 62/2015 Art.
// 13(1) proportionality); this item asks to lift what later became excess.
#pragma once

#include <string>
#include <vector>

#include "app/case_deadlines.h"
#include "store/store.h"

namespace thads::coordination {

inline constexpr const char* kLiftExcessAction = "lift_excess_freeze";
inline constexpr const char* kLiftExcessArticle = "Luật THADS 2008 Điều 67; NĐ 62/2015/NĐ-CP Điều 13(1)";

// Module::queue: items of `q.officer`'s cases when set, else of the agencies
// in `scope` (empty: every agency), one per case and agency of its open
// freeze requests, by case then agency. An agency's queue reads the freeze
// requests held in memory with the oversight deadlines (HeldFreeze,
// oversight/app/held_queue.h: what holds on any day after the latest act or
// event), and the journal only for a case with acts or events after q.today;
// an officer's queue reads the journal.
std::vector<QueueItem> excess_freeze_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope);
// The same read straight from the journal and the ledger: the definition the
// held path is tested against, and the officer's path.
std::vector<QueueItem> excess_freeze_items_live(Store& store, const QueueQuery& q, const std::vector<std::string>& scope);

}  // namespace thads::coordination
