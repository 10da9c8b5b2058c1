// The steering module's use cases, for the API, the pages and the CLI: one
// write (any steering record, entered in the UI or posted to the API) and
// the reads (directives with their task trees, a body's own tasks, the
// follow-up owner's matrix, the key-case register, the committees). Each
// checks the user's right itself (steering_access.h), a write inside its
// transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/refusal.h"
#include "modules/steering/app/attachments.h"
#include "modules/steering/domain/ledger.h"
#include "modules/steering/store/steering_store.h"
#include "store/store.h"

namespace thads::steering {

struct Recorded {
  std::string kind, key;
  int64_t seq = 1;
  bool duplicate = false;  // the same reference record was already stored
};
// `fields` is one record of docs/formats/steering.md with its `kind`; for a
// stream the use case sets `seq` (the next; a `seq` sent that is not the
// next is version_conflict), `recorded_at` (now) and `actor` (the login). A
// body user's task report names its body by default. `uploads` are files a
// task report carries (attachments.h): checked whole first, cited in its
// `documents` and journalled with it in one transaction.
std::variant<Recorded, Refusal> record(Store& store, const User& user, nlohmann::json fields, int64_t now_unix,
                                       const std::vector<Upload>& uploads = {});
// The same for the operator of the database (the CLI, the demo): no user, so
// no role or scope check (as `thads import`); `actor` is journalled as the
// author ("cli", "demo").
std::variant<Recorded, Refusal> record_as(Store& store, const User* user, const std::string& actor, nlohmann::json fields,
                                          int64_t now_unix, const std::vector<Upload>& uploads = {});

// The tasks of a source (directive or meeting) in tree order (1, 1.1, 2 …).
std::vector<const Task*> task_tree(const Ledger& l, const std::string& source);
// The agency of a record's subject: a directive's, a committee's, a task's
// source's, a key case's; "" when unknown.
std::string agency_of_task(const Ledger& l, const Task& t);

struct BodyCells {
  std::string body, name;
  std::vector<Cell> cells;
  bool overdue = false;
};
struct TaskLine {
  const Task* task = nullptr;
  int depth = 0;
  std::vector<BodyCells> bodies;
};
struct DirectiveView {
  Ledger ledger;  // owns what the pointers below point into
  const Record* directive = nullptr;
  std::optional<std::string> replaced_by;
  std::vector<TaskLine> tasks;
};
std::variant<DirectiveView, Refusal> directive_view(Store& store, const User& user, const std::string& id, Date today);
std::variant<std::vector<DirectiveRow>, Refusal> directive_list(Store& store, const User& user);

// The follow-up matrix (tasks × bodies × periods): the tasks of the user's
// subtree whose owner is `owner` ("" = every owner; a body user sees the
// tasks it follows and those assigned to it), one row per (task, body).
struct MatrixRow {
  const Task* task = nullptr;
  std::string source_title;
  BodyCells body;
};
struct Matrix {
  Ledger ledger;
  std::vector<MatrixRow> rows;
  int64_t overdue_cells = 0;
  std::vector<std::pair<std::string, int64_t>> late_bodies;  // body name -> overdue cells, most first
};
std::variant<Matrix, Refusal> follow_up_matrix(Store& store, const User& user, const std::string& owner, Date today);

struct KeyCaseList {
  Ledger ledger;
  std::vector<const KeyCase*> cases;  // newest proposal first
};
std::variant<KeyCaseList, Refusal> key_case_list(Store& store, const User& user);

struct CommitteeView {
  const Record* committee = nullptr;
  std::vector<const Record*> members, meetings;  // meetings newest first
};
struct CommitteeList {
  Ledger ledger;
  std::vector<CommitteeView> committees;
};
std::variant<CommitteeList, Refusal> committee_list(Store& store, const User& user);

// The cases of the user's subtree that meet the proposal rules
// (domain/proposal_rules.h) and are not in the register already; for the
// head (who proposes) and steering, supervisor, procuracy (who read it).
struct Candidate {
  CaseFacts facts;
  std::vector<std::string> reasons;
};
std::variant<std::vector<Candidate>, Refusal> proposal_candidates(Store& store, const User& user, Date today);

}  // namespace thads::steering
