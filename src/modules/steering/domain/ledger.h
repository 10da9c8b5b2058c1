// The steering ledger: every steering record known (stored or earlier in an
// import file), the rules that decide a new one (docs/formats/steering.md
// "Rules"), and the overdue rule of directive tasks and key-case steps.
//
// Contract: pure. decide() never changes the ledger; apply() adds a record
// that decide() accepted (or one read back from the journal, unchecked).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/steering/domain/attachments.h"
#include "modules/steering/domain/periods.h"
#include "modules/steering/domain/records.h"

namespace thads::steering {

// What stands outside the module: agencies, cases, and the bodies a task may
// be assigned to (a `body` of the oversight register or an agency).
struct Refs {
  std::function<bool(const std::string&)> agency_known, case_known, body_known;
};

struct Decision {
  enum Kind { accept, duplicate, refuse } kind = accept;
  Refusal refusal;
};

struct Task {
  std::string key, source, number, text, owner;
  bool from_meeting = false;
  Periodicity periodicity = Periodicity::once;
  std::optional<Date> deadline;
  std::vector<std::string> bodies;
  Date start;  // the directive's or the meeting's date
};

// One cell of the follow-up matrix: a body's obligation on a task for one period.
struct Cell {
  TaskPeriod period;
  Date due;            // the deadline, or the period's last day
  std::string status;  // the latest report's status; "" when none
  std::optional<Date> reported;  // the latest report's date
  std::string text;    // the latest report's text
  // Every document the period's reports cite, the earliest report's first
  // (attachments.h); the same content cited again is listed once.
  std::vector<AttachmentRef> documents;
  std::optional<Date> done_on;   // the first `done` report's date
  bool overdue = false;          // due has passed without a done report
  bool done_late = false;        // done, but after the due day
};

struct Step {
  int64_t number = 0;
  std::string text, owner;
  Date deadline;
  std::optional<Date> done_on;
  bool overdue(Date today) const { return !done_on && deadline < today; }
};

struct KeyCase {
  std::string id, case_id, agency, committee, state;  // proposed | accepted | rejected | closed
  std::vector<std::string> reasons;
  std::string stuck_reason, result;
  Date proposed_on;
  std::optional<Date> decided_on, closed_on;
  std::vector<Step> steps;
  std::vector<Record> history;
};

class Ledger {
 public:
  Decision decide(const Record& r, const Refs& refs) const;
  void apply(Record r);

  const std::map<std::string, Record>& directives() const { return directives_; }
  const std::map<std::string, Task>& tasks() const { return tasks_; }
  const std::map<std::string, Record>& committees() const { return committees_; }
  const std::map<std::string, Record>& members() const { return members_; }
  const std::map<std::string, Record>& meetings() const { return meetings_; }
  const std::map<std::string, KeyCase>& key_cases() const { return key_cases_; }
  // The reports of one (task, body, period), in seq order.
  const std::vector<Record>* reports(const std::string& task, const std::string& body,
                                     const std::string& period) const;
  // The task reports that cite the document `sha256` (attachments.h), by
  // stream, then seq.
  std::vector<const Record*> reports_citing(const std::string& sha256) const;
  // The issued periodic reports: report id -> its versions (seq order).
  const std::map<std::string, std::vector<Record>>& periodic_reports() const { return periodic_reports_; }
  // The directive that replaces `id`, if any.
  std::optional<std::string> replaced_by(const std::string& id) const;
  // The day a task stops being due: the date of the directive replacing its
  // directive; nullopt when it still stands.
  std::optional<Date> stop_of(const Task& t) const;
  // The open key case of a case, if any.
  std::optional<std::string> key_case_of(const std::string& case_id) const;

  // The overdue rule: a body's cells on a task up to `today`. A task with a
  // deadline has one cell; a periodic task one per period that has begun by
  // `today` (and ends before its directive is replaced). A cell is overdue
  // when its due day (the deadline or the period's last day) is before
  // `today` and the body has reported no `done` for it.
  std::vector<Cell> cells(const Task& t, const std::string& body, Date today) const;

 private:
  Decision reference(const Record& r, const Refs& refs) const;
  Decision report(const Record& r, const Refs& refs) const;
  Decision key_case(const Record& r, const Refs& refs) const;
  Decision periodic(const Record& r, const Refs& refs) const;

  std::map<std::string, Record> directives_, committees_, members_, meetings_;
  std::map<std::string, Record> task_records_;
  std::map<std::string, Task> tasks_;
  std::map<std::string, std::string> replaced_by_;
  std::map<std::string, std::vector<Record>> reports_;
  std::map<std::string, KeyCase> key_cases_;
  std::map<std::string, std::vector<Record>> periodic_reports_;
  std::map<std::string, std::string> open_key_case_;  // case id -> key case id
};

}  // namespace thads::steering
