// Oversight use cases that write: open a stream (register a judgment for
// monitoring, a complaint, a denunciation, an act of the procuracy, a request
// to a body) and record one act on it, on behalf of a user, with the same
// checks and refusals as the import (oversight.md).
//
// Contract: inside ONE write transaction: the stream is read, the user's
// right checked (oversight_access.h: a stream outside the user's subtree is
// not_found, a right the role lacks is forbidden), the act parsed
// (recorded_at = now, actor = the user's login), decided by Stream::decide
// against the stored stream and the stored agencies, cases and bodies, a
// freeze weighed against the case's budget (over_freeze), then appended to
// the journal and projected (oversight_store.h project). A caller that states
// the version it read (`expected_seq`: the stream's last seq) is refused
// with version_conflict when the stream moved on. Refusals are values with
// the stable codes of interchange.md and oversight.md.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "app/accounts.h"
#include "domain/refusal.h"
#include "modules/oversight/domain/acts.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::oversight {

struct ActRecorded {
  std::string id;
  StreamKind kind = StreamKind::admin_judgment;
  int64_t version = 0;  // the stream's new version (= the act's seq)
  StreamRow row;        // its summary row after the act
};

// `fields`: the opening act (type, date and payload) without kind, id and
// seq. An empty `id` gets a new one: "<AGENCY>-<HC|KN|TC|VKS|YC>-<YEAR>-<0001>".
std::variant<ActRecorded, Refusal> open_stream(Store& store, const User& user, StreamKind kind, std::string id,
                                               const nlohmann::json& fields, int64_t now_unix);

// The same inside the caller's write transaction, which it does not commit
// (another module's use case that opens streams together with its own
// records, all or nothing).
std::variant<ActRecorded, Refusal> open_stream_in(Store& store, WriteTx& tx, const User& user, StreamKind kind,
                                                  std::string id, const nlohmann::json& fields, int64_t now_unix);

// One act (type, date, payload) on the stream `id`; `kind` (when given) must
// be the stream's. `expected_seq`: the version the caller read, if any.
std::variant<ActRecorded, Refusal> record_act(Store& store, const User& user, std::optional<StreamKind> kind,
                                              const std::string& id, const nlohmann::json& fields,
                                              std::optional<int64_t> expected_seq, int64_t now_unix);

// The prefix of new ids of a kind: HC, KN, TC, VKS, YC.
std::string_view id_prefix(StreamKind k);

}  // namespace thads::oversight
