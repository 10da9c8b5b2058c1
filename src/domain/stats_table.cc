#include "domain/stats_table.h"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "domain/byte_codec.h"

namespace thads {

const std::vector<std::string>& judgment_kind_keys() {
  static const std::vector<std::string> k{"civil",  "criminal",   "administrative", "marriage_family", "business",
                                          "labour", "bankruptcy", "arbitration",    "other"};
  return k;
}

const std::vector<std::string>& flag_keys() {
  static const std::vector<std::string> k{"credit_institution", "corruption_economic", "none"};
  return k;
}

const std::vector<std::string>& mode_keys() {
  static const std::vector<std::string> k{"proactive", "on_request"};
  return k;
}

namespace {

constexpr uint8_t kNoKind = 255;
constexpr uint8_t kAnyFlag = 4;
constexpr uint8_t kNoneFlag = 8;  // a flag literally named "none"


uint8_t kind_index(const std::string& k) {
  const auto& keys = judgment_kind_keys();
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == k) return static_cast<uint8_t>(i);
  return kNoKind;
}

}  // namespace

StatsTable::Rec StatsTable::make(const CaseTimeline& t, int agency) {
  Rec r{};
  r.opened = t.withdrawn ? INT32_MAX : t.opened.days();
  r.ended = t.end == EndKind::none ? INT32_MAX : t.ended.days();
  r.opened_amount = t.opened_amount;
  r.first_point = static_cast<uint32_t>(points_.size());
  r.agency = agency;
  r.npoints = static_cast<uint32_t>(t.points.size());
  r.end = static_cast<uint8_t>(t.end);
  r.mode = static_cast<uint8_t>(t.mode);
  r.kind = kind_index(t.judgment_kind);
  for (const std::string& f : t.flags) {
    r.flags |= kAnyFlag;
    if (f == flag_keys()[0]) r.flags |= 1;
    else if (f == flag_keys()[1]) r.flags |= 2;
    else if (f == flag_keys()[2]) r.flags |= kNoneFlag;
  }
  for (const TimelinePoint& p : t.points)
    points_.push_back({p.date.days(), static_cast<uint8_t>(p.kind), static_cast<uint8_t>(p.status), p.amount});
  return r;
}

size_t StatsTable::add(const CaseTimeline& t, int agency) {
  cases_.push_back(make(t, agency));
  return cases_.size() - 1;
}

void StatsTable::replace(size_t slot, const CaseTimeline& t, int agency) { cases_.at(slot) = make(t, agency); }

void StatsTable::reserve(size_t cases, size_t points) {
  cases_.reserve(cases);
  points_.reserve(points);
}

// How many records ahead fold() asks for a case's points (a tuning value:
// about the number of cases walked while one cache miss is served).
constexpr size_t kPrefetchAhead = 16;

FoldResult StatsTable::fold(Period p, const FoldPlan& plan) const {
  FoldResult out;
  out.cases_rows.resize(plan.rows);
  out.money_rows.resize(plan.rows);
  const int32_t from = p.from.days(), to = p.to.days();
  const int* agency_row = plan.agency_row.data();
  const int32_t nagencies = static_cast<int32_t>(plan.agency_row.size());
  const Pt* pts = points_.data();
  const size_t ncases = cases_.size();
  for (size_t i = 0; i < ncases; ++i) {
    // The points of a case a few records ahead are asked for now: the
    // cases skipped below break the sequence the hardware would follow, and
    // waiting for a case's first point was most of the fold's time.
    if (i + kPrefetchAhead < ncases) __builtin_prefetch(pts + cases_[i + kPrefetchAhead].first_point);
    const Rec& c = cases_[i];
    if (c.opened > to) continue;  // opened after the period, or withdrawn
    const bool carried = c.opened < from;
    if (carried && c.ended < from) continue;  // ended before the period
    if (c.agency < 0 || c.agency >= nagencies) continue;
    const int arow = agency_row[c.agency];
    if (arow == -1) continue;  // outside the scope
    CaseWalk w;
    Money remaining = c.opened_amount;
    w.remaining_at_from = remaining;
    for (const Pt* pt = pts + c.first_point, *end = pt + c.npoints; pt != end; ++pt) {
      if (pt->date > to) break;
      const bool before = pt->date < from;
      switch (pt->kind) {
        case TimelinePoint::status_change: w.status = static_cast<Status>(pt->status); break;
        case TimelinePoint::collection:
          remaining = figure_diff(remaining, pt->amount);
          w.collected_ever = figure_sum(w.collected_ever, pt->amount);
          if (!before) w.collected_in = figure_sum(w.collected_in, pt->amount);
          break;
        case TimelinePoint::reduction:
          remaining = figure_diff(remaining, pt->amount);
          if (!before) w.reduced_in = figure_sum(w.reduced_in, pt->amount);
          break;
        case TimelinePoint::ending:
          if (!before) w.ended_in = true;
          break;
      }
      if (before) w.remaining_at_from = remaining;
    }
    w.remaining_at_end = remaining;
    const EndKind end = static_cast<EndKind>(c.end);
    auto add = [&](Columns* cases_cols, Columns* money_cols) {
      if (plan.cases) add_contribution(*cases_cols, Form::cases, carried, c.opened_amount, end, w);
      if (plan.money) add_contribution(*money_cols, Form::money, carried, c.opened_amount, end, w);
    };
    add(&out.cases, &out.money);
    switch (plan.by) {
      case Breakdown::none: break;
      case Breakdown::agency:
        if (arow >= 0) add(&out.cases_rows[static_cast<size_t>(arow)], &out.money_rows[static_cast<size_t>(arow)]);
        break;
      case Breakdown::mode:
        if (c.mode < plan.rows) add(&out.cases_rows[c.mode], &out.money_rows[c.mode]);
        break;
      case Breakdown::judgment_kind:
        if (c.kind < plan.rows) add(&out.cases_rows[c.kind], &out.money_rows[c.kind]);
        break;
      case Breakdown::flag:
        // A case with several flags counts in each (statistics.md); a case
        // with none counts in the last row, "none".
        if (!(c.flags & kAnyFlag)) {
          if (plan.rows >= 3) add(&out.cases_rows[2], &out.money_rows[2]);
        } else {
          if ((c.flags & 1) && plan.rows >= 1) add(&out.cases_rows[0], &out.money_rows[0]);
          if ((c.flags & 2) && plan.rows >= 2) add(&out.cases_rows[1], &out.money_rows[1]);
          if ((c.flags & kNoneFlag) && plan.rows >= 3) add(&out.cases_rows[2], &out.money_rows[2]);
        }
        break;
    }
  }
  return out;
}

// Records: opened, ended (i32), opened_amount (i64), first_point,
// agency (i32), npoints (u32), end, mode, kind, flags (u8): 30 bytes.
// Points: date (i32), kind, status (u8), amount (i64): 14 bytes.
// A record's encoding is its layout in memory (little-endian, no padding),
// so the records are written and read as one block.
constexpr size_t kPointBytes = 14;  // i32 date, u8 kind, u8 status, i64 amount

void StatsTable::encode(ByteWriter& w) const {
  static_assert(sizeof(Rec) == 32 && std::is_trivially_copyable_v<Rec>);
  static_assert(offsetof(Rec, opened) == 0 && offsetof(Rec, ended) == 4 &&
                offsetof(Rec, opened_amount) == 8 && offsetof(Rec, first_point) == 16 &&
                offsetof(Rec, agency) == 20 && offsetof(Rec, npoints) == 24 &&
                offsetof(Rec, end) == 28 && offsetof(Rec, mode) == 29 &&
                offsetof(Rec, kind) == 30 && offsetof(Rec, flags) == 31);
  w.put(static_cast<uint64_t>(cases_.size()));
  w.raw(std::string_view(reinterpret_cast<const char*>(cases_.data()), cases_.size() * sizeof(Rec)));
  w.put(static_cast<uint64_t>(points_.size()));
  for (const Pt& p : points_) {
    w.put(p.date);
    w.put(p.kind);
    w.put(p.status);
    w.put(p.amount);
  }
}

bool StatsTable::decode(ByteReader& r, int32_t agencies) {
  cases_.clear();
  points_.clear();
  const auto fail = [&] {
    cases_.clear();
    points_.clear();
    r.fail();
    return false;
  };
  const uint64_t ncases = r.count(sizeof(Rec));
  const std::string_view recs = r.bytes(ncases * sizeof(Rec));
  if (!r.ok()) return fail();
  cases_.resize(static_cast<size_t>(ncases));
  if (ncases) std::memcpy(cases_.data(), recs.data(), recs.size());
  const uint64_t npoints = r.count(kPointBytes);
  const std::string_view pts = r.bytes(npoints * kPointBytes);
  if (!r.ok()) return fail();
  points_.resize(static_cast<size_t>(npoints));
  const char* at = pts.data();
  for (Pt& p : points_) {
    std::memcpy(&p.date, at, 4);
    p.kind = static_cast<uint8_t>(at[4]);
    p.status = static_cast<uint8_t>(at[5]);
    std::memcpy(&p.amount, at + 6, 8);
    at += kPointBytes;
  }
  if (!r.ok()) return fail();
  constexpr uint8_t kLastEnd = static_cast<uint8_t>(EndKind::moved_to_separate_register);
  constexpr uint8_t kLastStatus = static_cast<uint8_t>(Status::unable);
  const auto nkinds = static_cast<uint8_t>(judgment_kind_keys().size());
  for (const Rec& c : cases_) {
    if (c.agency < -1 || c.agency >= agencies) return fail();
    if (uint64_t{c.first_point} + c.npoints > npoints) return fail();
    if (c.end > kLastEnd || c.mode > static_cast<uint8_t>(Mode::on_request)) return fail();
    if (c.kind >= nkinds && c.kind != kNoKind) return fail();
    if (c.flags >= 16) return fail();
  }
  for (const Pt& p : points_)
    if (p.kind > TimelinePoint::ending || p.status > kLastStatus) return fail();
  return true;
}

}  // namespace thads
