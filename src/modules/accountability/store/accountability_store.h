// The accountability module's store: its read models and named queries, the
// only place its SQL is written (both dialects run the same statements).
//
// Read models (rebuilt from the journal by `thads rebuild`):
// - acc_streams: one summary row per inspection or violation record;
// - acc_deliveries: the decisions sent to the procuracy (case, decision seq,
//   the day sent, the sending's record): the sending that counts, none when
//   it was voided.
// Acts are read from the journal (kind = inspection | violation, stream =
// its id); a delivery is journalled under kind `delivery`, stream
// "<case>#<decision>", with its seq (a sending, its correction, a new sending).
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
// The agencies (distinct) of the streams `ids`: the agency inspected and the
// one inspecting; nullopt when one of the ids is no stream.
std::optional<std::vector<std::string>> stream_agencies(Db& db, const std::vector<std::string>& ids);
// Every stream of a kind, recorded at or before `known_at` when given.
void for_each_record(Db& db, Kind kind, std::optional<int64_t> known_at, const std::function<void(AccStream&)>& f);
// The records of one decision's delivery, by seq (journal; sendings and corrections).
std::vector<Delivery> delivery_records(Db& db, const std::string& case_id, int64_t decision);
// The sendings of a case's decisions that count, by decision.
std::vector<Delivery> deliveries_of_case(Db& db, const std::string& case_id);

struct Filter {
  std::string kind, state;
  std::vector<std::string> agencies;  // empty: all
  int64_t limit = 200, offset = 0;
};
std::vector<Summary> list(Db& db, const Filter& f);
int64_t count(Db& db, const Filter& f);
std::optional<Summary> row(Db& db, const std::string& id);
int64_t with_prefix(Db& db, const std::string& prefix);

// Cases of `agencies` that may have been classified without conditions
// (chưa có điều kiện) in [from, to]: those whose current classification
// (cases.unable_date) falls in it, and every case whose statistics timeline
// holds a change to the status `unable` at any date: a case classified and
// later resumed (tiếp tục, NĐ 62/2015 Art. 9(4)) keeps that point but no
// longer an unable_date. A superset: the caller checks the decision's date in
// the case's effective history.
std::vector<std::string> unable_cases(Db& db, const std::vector<std::string>& agencies, const std::string& from,
                                      const std::string& to);
bool officer_known(Db& db, const std::string& id);
// The case's agency now (cases read model); "" when unknown.
std::string case_agency(Db& db, const std::string& case_id);

}  // namespace thads::accountability
