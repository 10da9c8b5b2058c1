// The accountability use cases: open an inspection or a violation record,
// record one act on it, send a decision to the procuracy, read one record
// with its remedies due, list records, and the remedies in a work queue.
//
// Contract: each write runs in ONE write transaction: the record read, the
// user's right checked (acc_access.h), the act parsed (recorded_at = now,
// actor = the user's login), decided (domain/machine.h) against the stored
// stream, agencies, cases and officers, then appended to the journal and
// projected. `expected_seq` (the version read) guards against a stream that
// moved on (version_conflict). Refusals carry the stable codes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "app/case_deadlines.h"
#include "modules/accountability/domain/machine.h"
#include "store/store.h"

namespace thads::accountability {

struct Recorded {
  std::string id;
  Kind kind = Kind::inspection;
  int64_t version = 0;
};

// An empty `id` gets a new one: "<AGENCY>-<KT|VP>-<YEAR>-<0001>".
std::variant<Recorded, Refusal> open_record(Store& store, const User& user, Kind kind, std::string id,
                                            const nlohmann::json& fields, int64_t now_unix);
std::variant<Recorded, Refusal> record_act(Store& store, const User& user, const std::string& id,
                                           const nlohmann::json& fields, std::optional<int64_t> expected_seq,
                                           int64_t now_unix);
// One delivery act on a case's decision (`fields`: `decision`, `date`, and
// `how`? for a sending to the procuracy, Art. 38; `type` "voided" with
// `reason` for the correction of the sending that counts). Recorded by heads
// and clerks of the case's subtree as the next record of that decision
// (domain/deliveries.h): `seq_conflict` when it was already sent,
// `void_target` when there is nothing to void. Recorded.id is
// "<case>#<decision>", version its seq.
std::variant<Recorded, Refusal> record_delivery_act(Store& store, const User& user, const std::string& case_id,
                                                    const nlohmann::json& fields, int64_t now_unix);

// The decisions of a case sent to the procuracy that count (decision seq,
// date sent, how, the record's seq). Read by heads, clerks, supervisors and
// the procuracy of the case's subtree.
struct DeliveryRow {
  int64_t decision = 0;
  Date date;
  std::string how;
  int64_t seq = 1;
};
std::variant<std::vector<DeliveryRow>, Refusal> read_deliveries(Store& store, const User& user,
                                                                 const std::string& case_id);

struct View {
  Kind kind = Kind::inspection;
  AccStream stream;
  Summary row;
  std::vector<Deadline> deadlines;
};
std::variant<View, Refusal> read_record(Store& store, const User& user, const std::string& id, Date today);

struct ListResult {
  std::vector<Summary> rows;
  int64_t total = 0;
};
std::variant<ListResult, Refusal> list_records(Store& store, const User& user, const std::string& kind,
                                               const std::string& state, const std::string& agency, int64_t limit,
                                               int64_t offset);

// The open remedies of the inspections of `scope` due by the horizon
// (app/modules.h Module::queue); none for an officer's own queue.
std::vector<QueueItem> queue_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope);

}  // namespace thads::accountability
