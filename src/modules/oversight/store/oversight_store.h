// The oversight module's store: its read-model tables and named queries, the
// only place its SQL is written. Both dialects run the same statements.
//
// Read models (rebuilt from the journal by `thads rebuild`):
// - bodies: the `body` reference records;
// - oversight_streams: one summary row per stream (kind, agency, case,
//   opening date, state, officer), for lists, the freeze budget's "other
//   requests of this case" and the work queues;
// - public_non_compliance: the published monitoring files (the public list).
// Acts themselves are read from the journal (kind = the stream kind,
// stream = its id), the one copy of the truth.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/oversight/domain/acts.h"
#include "modules/oversight/domain/stream.h"
#include "store/db.h"

namespace thads::oversight {

std::vector<std::string> schema(Dialect d);
inline const std::vector<std::string> kReadModelTables{"bodies", "oversight_streams", "public_non_compliance"};

struct StreamRow {
  std::string id, kind, agency, case_id, opened, state, end_date, officer, title;
  int64_t version = 0;
};

// The summary row of a stream, from its acts.
StreamRow summary_of(const Stream& s);

void put_body(Db& db, const BodyRecord& b);
std::vector<BodyRecord> bodies(Db& db);
// Writes every read model of one stream (its summary row and, for a
// published monitoring file, its row of the public list): the one projection
// that import, rebuild and the use cases call after appending acts.
void project(Db& db, const Stream& s);

// The public list of bodies named for not complying (NĐ 71/2016 Art. 30):
// `words` are folded query words (all must occur in the debtor's folded
// name); newest publication first.
struct PublicRow {
  std::string id, debtor_name, debtor_address, obligation, compel_number, compel_court, compel_order_date, since;
  std::vector<std::string> portals;
};
std::vector<PublicRow> public_non_compliance(Db& db, const std::vector<std::string>& words, int64_t limit,
                                             int64_t offset);
int64_t public_non_compliance_count(Db& db, const std::vector<std::string>& words);
// Every row of the public list with its folded name (" word word "), or one
// row (nullopt: the file is not on the list), for app/public_list.h.
void for_each_public_row(Db& db, const std::function<void(PublicRow&&, std::string&& search)>& f);
std::optional<std::pair<PublicRow, std::string>> public_row(Db& db, const std::string& id);
// Streams of a kind ("" = any) in a state ("" = any), from oversight_streams.
int64_t count_streams(Db& db, const std::string& kind, const std::string& state);

// The stream's acts in seq order, read back from the journal (empty when unknown).
std::vector<Act> load_acts(Db& db, StreamKind kind, const std::string& id);
// Which kind of stream `id` is, from the journal's opening acts.
std::optional<StreamKind> kind_of(Db& db, const std::string& id);
// Calls `f` with the id of every stream in the journal (its opening act),
// kind by kind, in no promised order.
void for_each_stream_id(Db& db, const std::function<void(const std::string&)>& f);
// The request streams of a case (from oversight_streams).
std::vector<std::string> requests_of_case(Db& db, const std::string& case_id);
// Every act of one kind in (stream, seq) order, recorded at or before
// `known_at` when given; `f` gets each stream's acts at once.
void for_each_stream(Db& db, StreamKind kind, std::optional<int64_t> known_at,
                     const std::function<void(std::vector<Act>&)>& f);

// --- the journal as the held read models watch it (app/held_streams.h) -----

// The journal's last entry: its position and chain hash (0 and "" when empty).
struct JournalHead {
  int64_t pos = 0;
  std::string hash;
};
JournalHead journal_head(Db& db);
// The chain hash of the entry at `pos` ("" when there is none).
std::string journal_hash_at(Db& db, int64_t pos);
// The distinct streams of `kind` with entries in (since, upto], read up to
// `max` entries (more: the answer holds max + 1 ids or fewer, and `*more` is set).
std::vector<std::string> streams_changed(Db& db, StreamKind kind, int64_t since, int64_t upto, int64_t max, bool* more);

// --- named queries of the pages, the API and the work queue ---------------

// A list of streams from oversight_streams. Empty strings filter nothing;
// `agencies` (when not empty) is the set of agencies the rows lie in.
struct StreamFilter {
  std::string kind, state, officer;
  std::vector<std::string> agencies;
  std::vector<std::string> kinds;  // when not empty: only these kinds
  int64_t limit = 200, offset = 0;
};
std::vector<StreamRow> list_streams(Db& db, const StreamFilter& f);
int64_t count_streams(Db& db, const StreamFilter& f);
// Number of rows of each kind (kind -> count) under the filter (its kind ignored).
std::vector<std::pair<std::string, int64_t>> count_by_kind(Db& db, const StreamFilter& f);
std::optional<StreamRow> stream_row(Db& db, const std::string& id);
// The streams of `kinds` linked to a case (their `case` field), oldest first.
std::vector<StreamRow> streams_of_case(Db& db, const std::string& case_id, const std::vector<std::string>& kinds);
// The agencies (distinct) of the streams `ids` and of the cases they are
// linked to (their `case` field); nullopt when one of the ids is no stream.
std::optional<std::vector<std::string>> stream_and_case_agencies(Db& db, const std::vector<std::string>& ids);
// (id, agency) of every stream of a kind, from oversight_streams.
void for_each_stream_agency(Db& db, const std::string& kind,
                            const std::function<void(const std::string& id, const std::string& agency)>& f);
// Open monitoring files (admin_judgment) per assigned officer of an agency.
std::vector<std::pair<std::string, int64_t>> monitoring_loads(Db& db, const std::string& agency);
// How many streams have an id starting with `prefix` (for new ids).
int64_t streams_with_prefix(Db& db, const std::string& prefix);
// The officer currently assigned to a case (cases read model); "" when none.
std::string case_officer(Db& db, const std::string& case_id);
// Request streams of the cases assigned to `officer`, not withdrawn.
std::vector<StreamRow> requests_of_officer(Db& db, const std::string& officer);

// --- accountability (issue 15) ----------------------------------------------

// The second-level complaints that name `first` as their first-level
// complaint (the `first` field of their `lodged`), in id order.
std::vector<std::string> second_level_complaints(Db& db, const std::string& first);

}  // namespace thads::oversight
