// Deadlines use cases: one case's legal deadlines as of a day
// (interchange.md `thads deadlines`), and the work queue of deadlines due or
// overdue across an agency subtree or for one officer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "domain/agency_tree.h"
#include "domain/deadlines.h"
#include "domain/refusal.h"
#include "store/store.h"

namespace thads {

struct CaseDeadlines {
  std::string case_id;
  Date today;
  DeadlineReport report;
};

// Events dated after `today` are ignored, except that a `voided` event
// removes its target whatever its date; so are the events a module set aside
// (set_aside_case_events, app/modules.h).
std::variant<CaseDeadlines, Refusal> case_deadlines(Store& store, const std::string& case_id, Date today);
// The same from a stream already loaded (seq order), the official calendar
// with the store's holidays (official_calendar_with(store.holidays())) and
// the events set aside.
std::variant<CaseDeadlines, Refusal> case_deadlines(const std::vector<Event>& stream, const std::string& case_id,
                                                    Date today, const Calendar& cal,
                                                    const std::set<int64_t>& set_aside);
std::string to_json(const CaseDeadlines& d);
// The "deadlines" array of to_json(d).
nlohmann::ordered_json deadlines_json(const CaseDeadlines& d);
// The same array for any list of deadlines (cases and oversight streams alike).
nlohmann::ordered_json deadlines_json(std::span<const Deadline> deadlines);

struct QueueItem {
  std::string kind = "case";  // or the oversight stream's kind (case_id is then the stream's id)
  std::string case_id, action, label_vi, article, agency, officer, debtor_name;
  Date due;
  int days_late = 0;   // > 0 overdue
  std::string bucket;  // overdue | due_today | upcoming
  // The path of the item's page before its (url-encoded) id, e.g. "/accountability/";
  // empty: "/cases/" for a case, "/oversight/" for an oversight stream.
  std::string page;
};

struct QueueQuery {
  std::string agency;   // subtree; empty = everything
  std::string officer;  // empty = any
  Date today;
  int horizon_working_days = 5;
  size_t limit = 500;
};

std::variant<std::vector<QueueItem>, Refusal> deadline_queue(Store& store, const QueueQuery& q);
// The same with the agency tree the caller holds (a server's ReadCache::tree,
// current at the request) instead of reading it.
std::variant<std::vector<QueueItem>, Refusal> deadline_queue(Store& store, const AgencyTree& tree, const QueueQuery& q);
// One pending case deadline of the read model as a queue item, bucketed as
// of `today`.
struct PendingDeadlineRow;
QueueItem case_queue_item(const PendingDeadlineRow& r, Date today);
std::string to_json(const std::vector<QueueItem>& items, Date today);

}  // namespace thads
