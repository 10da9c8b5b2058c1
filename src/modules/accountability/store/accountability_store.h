// The accountability module's store: its read models and named queries, the
// only place its SQL is written (both dialects run the same statements).
//
// Read models (rebuilt from the journal by `thads rebuild`):
// - acc_streams: one summary row per inspection or violation record;
// - acc_deliveries: the decisions sent to the procuracy (case, decision seq,
//   the day sent).
// Acts are read from the journal (kind = inspection | violation, stream =
// its id); a delivery is journalled under kind `delivery`, stream
// "<case>#<decision>", seq 1.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/accountability/domain/machine.h"
#include "store/db.h"

namespace thads::accountability {

std::vector<std::string> schema(Dialect d);
inline const std::vector<std::string> kReadModelTables{"acc_streams", "acc_deliveries"};

std::string delivery_stream(const std::string& case_id, int64_t decision);

void project(Db& db, const AccStream& s);
void put_delivery(Db& db, const Delivery& d);

std::vector<Rec> load_recs(Db& db, Kind kind, const std::string& id);
std::optional<Kind> kind_of(Db& db, const std::string& id);
// Every stream of a kind, recorded at or before `known_at` when given.
void for_each_record(Db& db, Kind kind, std::optional<int64_t> known_at, const std::function<void(AccStream&)>& f);
// The stored delivery of a decision (its canonical record), if any.
std::optional<std::string> delivery_raw(Db& db, const std::string& case_id, int64_t decision);
// The day each decision of a case was sent to the procuracy (seq -> date).
std::vector<std::pair<int64_t, std::string>> deliveries_of_case(Db& db, const std::string& case_id);

struct Filter {
  std::string kind, state;
  std::vector<std::string> agencies;  // empty: all
  int64_t limit = 200, offset = 0;
};
std::vector<Summary> list(Db& db, const Filter& f);
int64_t count(Db& db, const Filter& f);
std::optional<Summary> row(Db& db, const std::string& id);
int64_t with_prefix(Db& db, const std::string& prefix);

// Cases of `agencies` whose current classification as without conditions
// (chưa có điều kiện, cases.unable_date) falls in [from, to].
std::vector<std::string> unable_cases(Db& db, const std::vector<std::string>& agencies, const std::string& from,
                                      const std::string& to);
bool officer_known(Db& db, const std::string& id);
// The case's agency now (cases read model); "" when unknown.
std::string case_agency(Db& db, const std::string& case_id);

}  // namespace thads::accountability
