#include "domain/statistics.h"
#include "domain/voided.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace thads {

std::string_view to_string(Form f) { return f == Form::cases ? "cases" : "money"; }

std::optional<int64_t> rate_x100(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  // round_half_up(num * 100 / den, 2 decimals) = floor((num*10000*2 + den) / (2*den)).
  __extension__ typedef __int128 wide;  // num * 20000 may pass int64 for money
  // Floor division: `completed` money is negative in a period where a
  // reversal counts out more than was collected (docs/formats/reversal.md).
  const wide n = static_cast<wide>(num) * 20000 + den;
  const wide d2 = static_cast<wide>(den) * 2;
  const wide q = n / d2;
  return static_cast<int64_t>(n % d2 != 0 && n < 0 ? q - 1 : q);
}

// Every sum and difference of figures is checked (figure_sum, figure_diff):
// money is whole đồng in int64, checked for overflow, in the totals too.
void Columns::derive(Form form) {
  accepted = figure_sum(carried_over, new_);
  to_enforce = figure_diff(accepted, entrusted_out);
  const int64_t done = figure_sum(figure_sum(completed, terminated), form == Form::money ? reduced : 0);
  with_conditions = figure_sum(done, in_progress);
  carried_to_next = figure_diff(figure_diff(to_enforce, done), closed_unenforced);
  completion_rate_x100 = rate_x100(done, with_conditions);
}

Columns& Columns::operator+=(const Columns& o) {
  carried_over = figure_sum(carried_over, o.carried_over);
  new_ = figure_sum(new_, o.new_);
  entrusted_out = figure_sum(entrusted_out, o.entrusted_out);
  completed = figure_sum(completed, o.completed);
  reduced = figure_sum(reduced, o.reduced);
  terminated = figure_sum(terminated, o.terminated);
  in_progress = figure_sum(in_progress, o.in_progress);
  postponed_suspended = figure_sum(postponed_suspended, o.postponed_suspended);
  without_conditions = figure_sum(without_conditions, o.without_conditions);
  closed_unenforced = figure_sum(closed_unenforced, o.closed_unenforced);
  return *this;
}

static EndKind end_kind_of(EventType t) {
  switch (t) {
    case EventType::completed: return EndKind::completed;
    case EventType::terminated: return EndKind::terminated;
    case EventType::entrusted_out: return EndKind::entrusted_out;
    case EventType::pulled_up: return EndKind::pulled_up;
    case EventType::request_sent_back: return EndKind::request_sent_back;
    case EventType::moved_to_separate_register: return EndKind::moved_to_separate_register;
    default: return EndKind::none;
  }
}

CaseTimeline build_timeline(std::span<const Event> stream, const std::function<bool(const Event&)>& keep) {
  CaseTimeline t;
  const SeqSet voided = voided_seqs(stream, keep);
  // Reversals (docs/formats/reversal.md): a collection counts until the head
  // approves its reversal; from the approval's date its amount is counted
  // out, so periods that ended before that date stay as they were.
  std::unordered_map<int64_t, Money> collections;  // seq -> amount, of the collections counted so far
  std::unordered_map<int64_t, int64_t> requests;   // `reversed` seq -> the entry it names
  // Events are in seq order and, within a case, dates never decrease, so seq
  // order is the "by date, ties by seq" order of statistics.md.
  for (const Event& e : stream) {
    if (e.type == EventType::voided || voided.count(e.seq) || (keep && !keep(e))) continue;
    if (e.type == EventType::case_opened) {
      const CaseOpened* o = e.opened().get();
      if (!o) continue;
      t.case_id = e.case_id;
      t.mode = o->mode;
      t.judgment_kind = o->judgment_kind;
      t.flags = o->flags;
      t.opened = e.date;
      t.opened_amount = o->opened_amount();
      continue;
    }
    if (t.end != EndKind::none) break;  // nothing counts after the case ended
    TimelinePoint p{e.date, TimelinePoint::status_change};
    switch (e.type) {
      case EventType::unable_decided: p.status = Status::unable; break;
      case EventType::postponed:
        p.status = e.as<Postponed>().ground == "48.1.c" ? Status::postponed_agreed : Status::postponed_suspended;
        break;
      case EventType::suspended: p.status = Status::postponed_suspended; break;
      case EventType::resumed: p.status = Status::active; break;
      case EventType::collected:
        p.kind = TimelinePoint::collection;
        p.amount = e.as<Collected>().amount;
        collections[e.seq] = p.amount;
        break;
      case EventType::reversed: requests[e.seq] = e.as<Reversed>().reverses; continue;
      case EventType::reversal_approved: {
        auto r = requests.find(e.as<ReversalApproved>().approves);
        if (r == requests.end()) continue;
        auto c = collections.find(r->second);
        if (c == collections.end()) continue;  // a paid_out entry: no statistic moves
        p.kind = TimelinePoint::collection;
        p.amount = -c->second;
        collections.erase(c);
        break;
      }
      case EventType::reduced: p.kind = TimelinePoint::reduction; p.amount = e.as<Reduced>().amount; break;
      default:
        if (!is_ending(e.type)) continue;
        p.kind = TimelinePoint::ending;
        t.end = end_kind_of(e.type);
        t.ended = e.date;
        break;
    }
    t.points.push_back(p);
  }
  if (t.case_id.empty()) t.withdrawn = true;  // case_opened voided or not yet known
  return t;
}

namespace {

CaseWalk walk(const CaseTimeline& t, Period p) {
  CaseWalk w;
  Money remaining = t.opened_amount;
  w.remaining_at_from = remaining;
  for (const TimelinePoint& pt : t.points) {
    if (pt.date > p.to) break;
    const bool before = pt.date < p.from;
    switch (pt.kind) {
      case TimelinePoint::status_change: w.status = pt.status; break;
      case TimelinePoint::collection:
        remaining = figure_diff(remaining, pt.amount);
        w.collected_ever = figure_sum(w.collected_ever, pt.amount);
        if (!before) w.collected_in = figure_sum(w.collected_in, pt.amount);
        break;
      case TimelinePoint::reduction:
        remaining = figure_diff(remaining, pt.amount);
        if (!before) w.reduced_in = figure_sum(w.reduced_in, pt.amount);
        break;
      case TimelinePoint::ending:
        if (before) w.ended_before_from = true; else w.ended_in = true;
        break;
    }
    if (before) w.remaining_at_from = remaining;
  }
  w.remaining_at_end = remaining;
  return w;
}

}  // namespace

void accumulate(const CaseTimeline& t, Form form, Period p, Columns& c) {
  if (t.withdrawn || t.opened > p.to) return;
  const CaseWalk w = walk(t, p);
  const bool carried = t.opened < p.from;
  if (carried && w.ended_before_from) return;
  add_contribution(c, form, carried, t.opened_amount, t.end, w);
}

void add_contribution(Columns& c, Form form, bool carried, Money opened_amount, EndKind end, const CaseWalk& w) {
  const bool money = form == Form::money;
  if (carried) c.carried_over = figure_sum(c.carried_over, money ? w.remaining_at_from : 1);
  else c.new_ = figure_sum(c.new_, money ? opened_amount : 1);
  if (money) {
    // Money collected or reduced within the period counts whatever happens to
    // the case afterwards (statistics.md, money form).
    c.completed = figure_sum(c.completed, w.collected_in);
    c.reduced = figure_sum(c.reduced, w.reduced_in);
  }
  const Money rest = w.remaining_at_end;
  if (w.ended_in) {
    const bool collected = w.collected_ever > 0;
    switch (end) {
      case EndKind::entrusted_out:
      case EndKind::pulled_up:
        if (money) c.entrusted_out = figure_sum(c.entrusted_out, rest);
        else if (collected) c.completed = figure_sum(c.completed, 1);  // "xong một phần, phần còn lại đã ủy thác"
        else c.entrusted_out = figure_sum(c.entrusted_out, 1);
        break;
      case EndKind::completed:
        if (!money) c.completed = figure_sum(c.completed, 1);
        break;
      case EndKind::terminated:
        if (money) c.terminated = figure_sum(c.terminated, rest);
        else if (collected) c.completed = figure_sum(c.completed, 1);
        else c.terminated = figure_sum(c.terminated, 1);
        break;
      case EndKind::request_sent_back:
      case EndKind::moved_to_separate_register:
        c.closed_unenforced = figure_sum(c.closed_unenforced, money ? rest : 1);
        c.without_conditions = figure_sum(c.without_conditions, money ? rest : 1);
        break;
      case EndKind::none: break;
    }
    return;
  }
  const int64_t v = money ? rest : 1;
  switch (w.status) {
    case Status::active:
    case Status::postponed_agreed: c.in_progress = figure_sum(c.in_progress, v); break;
    case Status::postponed_suspended: c.postponed_suspended = figure_sum(c.postponed_suspended, v); break;
    case Status::unable: c.without_conditions = figure_sum(c.without_conditions, v); break;
  }
}

}  // namespace thads
