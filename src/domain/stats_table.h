// StatsTable: many CaseTimelines in a compact columnar form, folded into the
// `cases` and `money` forms of statistics.md in one pass.
//
// Contract: pure and single-writer. add() appends a case and returns its
// slot; replace() swaps a slot's timeline (an updated case). fold() is const
// and safe from many threads at once. For every timeline t and period p,
// fold() adds exactly what accumulate(t, form, p, ·) of statistics.h adds —
// accumulate() stays the reference definition and a property test holds the
// two equal. The speed comes from the layout: one 32-byte record per case,
// its points in one shared array, breakdown keys interned to small integers,
// and cases outside the period rejected from the record alone.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "domain/statistics.h"

namespace thads {

class ByteWriter;
class ByteReader;

// Breakdown keys of statistics.md, in report order.
const std::vector<std::string>& judgment_kind_keys();  // civil … other
const std::vector<std::string>& flag_keys();           // credit_institution, corruption_economic, none
const std::vector<std::string>& mode_keys();           // proactive, on_request

enum class Breakdown : uint8_t { none, agency, mode, judgment_kind, flag };

// Where each case's contribution goes.
struct FoldPlan {
  Breakdown by = Breakdown::none;
  // Indexed by the case's agency: -1 = outside the scope (not counted);
  // -2 = counted in the total but in no row; >= 0 = counted in the total and,
  // for Breakdown::agency, in that row. Agencies past the end count as -1.
  std::vector<int> agency_row;
  size_t rows = 0;  // number of rows (agency: as planned; others: their key list)
  bool cases = true, money = true;  // which forms to fold
};

struct FoldResult {
  Columns cases, money;                       // totals (primary columns; derive() not called)
  std::vector<Columns> cases_rows, money_rows;  // per row
};

class StatsTable {
 public:
  // Appends a case counted under `agency` (an index of the caller's agency
  // table, or -1 for an unknown agency: never counted). Returns its slot.
  size_t add(const CaseTimeline& t, int agency);
  void replace(size_t slot, const CaseTimeline& t, int agency);
  size_t size() const { return cases_.size(); }
  void reserve(size_t cases, size_t points);

  FoldResult fold(Period p, const FoldPlan& plan) const;

  // The records and points in the persisted snapshot's encoding
  // (domain/byte_codec.h, docs/storage.md). decode() replaces the table and
  // answers false (the table then empty) unless the bytes hold a table whose
  // every field is in its range: agencies in [-1, agencies), points within
  // the points read, end, mode, kind, flags, point kinds and statuses among
  // their values. fold() of a decoded table equals fold() of the encoded one.
  void encode(ByteWriter& w) const;
  bool decode(ByteReader& r, int32_t agencies);

 private:
  struct Rec {
    int32_t opened;        // days; INT32_MAX for a withdrawn case (counts nowhere)
    int32_t ended;         // days; INT32_MAX when the case has not ended
    int64_t opened_amount;
    uint32_t first_point;
    int32_t agency;
    uint32_t npoints;
    uint8_t end;           // EndKind
    uint8_t mode;          // Mode
    uint8_t kind;          // index into judgment_kind_keys(), 255 = none of them
    uint8_t flags;         // bit 0/1: flag_keys()[0/1]; bit 2: any flag at all
  };
  struct Pt {
    int32_t date;
    uint8_t kind;    // TimelinePoint::Kind
    uint8_t status;  // Status
    int64_t amount;
  };
  Rec make(const CaseTimeline& t, int agency);

  // From the default memory resource: the process may make it one that
  // maps large blocks in huge pages (store/large_blocks.h, set by main).
  std::pmr::vector<Rec> cases_;
  std::pmr::vector<Pt> points_;
};

}  // namespace thads
