// The periodic report to the party committee and the People's Committee
// (báo cáo định kỳ kết quả thi hành án gửi cấp ủy, UBND; issue 17 item 4):
// the figures of one agency subtree and one report period (domain/periods.h:
// a quarter, 3/6/9/12 months of the statistical year, or ad hoc), compared
// with the same period last year; the directive tasks due in the period and
// who is late; the key cases; the steering committees' meetings of the
// period. Generated live (a draft) or issued: an issued version is a
// `periodic_report` record in the journal, frozen with the figures known
// when it was issued; a re-issue is the next version, naming the one it
// replaces and why.
//
// Contract: gather() reads (the statistics snapshot, the steering ledger);
// issue() is one write transaction through record(). A null user is the
// CLI (the operator of the database: no role check). The figures' "cases"
// and "money" are exactly `thads report cases|money` for the same agency
// and period (statistics.md "JSON output").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "app/reports.h"
#include "domain/refusal.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/domain/periods.h"
#include "store/store.h"

namespace thads::steering {

using ojson = nlohmann::ordered_json;

// The figures of the period (the `figures` of a periodic_report record).
// `stats`: the statistics a running server already holds (http ReadCache,
// brought up to the journal's position); null reads them from the store
// (StatsSnapshot::load: seconds on a national store).
std::variant<ojson, Refusal> gather_figures(Store& store, const User* user, const std::string& agency,
                                            const std::string& period, Date today,
                                            const StatsSnapshot* stats = nullptr);

// A document to render: the fields of a periodic_report record (issued) or
// of a draft (seq 0): id, seq, date, agency, period, number, figures,
// difficulties, proposals, signer, place, replaces, reason.
std::variant<ojson, Refusal> draft_report(Store& store, const User* user, const std::string& agency,
                                          const std::string& period, Date today, const StatsSnapshot* stats = nullptr);

// The id of the periodic report of an agency and period: "BC-<agency>-<period>".
std::string periodic_report_id(const std::string& agency, const std::string& period);

struct IssueRequest {
  std::string agency, period, number, difficulties, proposals, signer, place, reason;
};
// Issues the next version (gathers the figures now and records them).
std::variant<Recorded, Refusal> issue_report(Store& store, const User& user, const IssueRequest& rq, int64_t now_unix);
// The same by the operator of the database (`thads steering issue-report`,
// the demo): no role check, `actor` journalled as the author ("cli", "demo").
std::variant<Recorded, Refusal> issue_report_as(Store& store, const std::string& actor, const IssueRequest& rq,
                                                int64_t now_unix);

// The issued versions the user may read, newest report first, versions in order.
struct IssuedReport {
  std::string id, agency, period;
  std::vector<ojson> versions;  // the records' fields (with their seq)
};
std::variant<std::vector<IssuedReport>, Refusal> issued_reports(Store& store, const User& user);
// One issued version (0 = the latest).
std::variant<ojson, Refusal> issued_version(Store& store, const User* user, const std::string& id, int64_t seq);

// What changed from one version's figures to another's: "path: old → new";
// for the modules' parts "title — row — column: old → new".
std::vector<std::string> figure_changes(const ojson& before, const ojson& after);

// Why (issue 17 item 4: "which events, recorded when"): the case events of
// the report's subtree recorded after version seq − 1 was issued and before
// version seq was, dated on or before the period's last day, so that they
// may have moved its figures (an event recorded late, a correction). At most
// kListedEvents are listed and `counted` counts them all; at most
// kReadEntries journal entries are read, and `complete` is false when more
// were recorded between the two versions. seq 1 has nothing before it.
struct RecordedEvent {
  std::string case_id;
  int64_t seq = 0;
  std::string type;  // the event's type, in Vietnamese
  Date date;         // its legal date
  int64_t recorded_at = 0;
  std::string actor;
};
struct RecordedBetween {
  std::vector<RecordedEvent> events;
  int64_t counted = 0;
  bool complete = true;
};
inline constexpr int64_t kListedEvents = 200;
inline constexpr int64_t kReadEntries = 20000;
std::variant<RecordedBetween, Refusal> recorded_between(Store& store, const User* user, const std::string& id,
                                                        int64_t seq);

}  // namespace thads::steering
