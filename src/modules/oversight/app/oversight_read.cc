#include "modules/oversight/app/oversight_read.h"

#include <algorithm>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "modules/oversight/app/held_queue.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/domain/deadlines.h"

namespace thads::oversight {
namespace {

Refusal refusal_of(Verdict v) {
  return v == Verdict::not_found ? Refusal{"not_found", "no such stream in your agency's subtree", ""}
                                 : Refusal{"forbidden", "your role may not read this", ""};
}

// The case history a request's deadlines weigh (after_freeze: a coercion).
std::vector<Event> case_history_of(Store& store, const Stream& s) {
  std::vector<Event> out;
  if (!s.exists() || s.acts().front().kind != StreamKind::request) return out;
  const std::vector<Event> stream = store.load_stream(s.acts().front().text("case"));
  for (const Event* e : effective_history(stream)) out.push_back(*e);
  return out;
}

// Whether a stream in `state` can have items in a queue of `today`: not
// withdrawn, and an ended stream keeps only the deadlines that run from its
// end (a decision to send, a publication to take down): a few weeks at most.
bool in_queue(const std::string& state, const std::string& end_date, Date today) {
  if (state == "withdrawn") return false;
  if (state == "ended") {
    auto end = Date::parse(end_date);
    if (!end || *end < today.plus_days(-60)) return false;
  }
  return true;
}

// The official calendar with the store's holidays, and a key that names it
// for the held queue (another calendar reads every stream again).
std::pair<Calendar, size_t> queue_calendar(Store& store) {
  const std::vector<HolidayRec> holidays = store.holidays();
  std::string calendar;
  for (const HolidayRec& h : holidays) calendar += h.raw + "\n";
  return {official_calendar_with(holidays), std::hash<std::string>{}(calendar)};
}

QueueItem queue_item(StreamKind kind, const StreamRow& r, const std::string& action, const std::string& label,
                     const std::string& article, Date due, Date today) {
  QueueItem it;
  it.kind = r.kind;
  it.case_id = r.id;
  it.action = action;
  it.label_vi = label;
  it.article = article;
  it.agency = r.agency;
  it.officer = r.officer;
  // A denunciation's parties are not shown outside its page.
  it.debtor_name = kind == StreamKind::denunciation ? std::string(label_vi(kind)) : r.title;
  it.due = due;
  it.days_late = due < today ? today - due : 0;
  it.bucket = due < today ? "overdue" : due == today ? "due_today" : "upcoming";
  return it;
}

}  // namespace

std::variant<StreamView, Refusal> read_stream(Store& store, const User& user, const std::string& id, Date today) {
  const auto kind = kind_of(store.db(), id);
  if (!kind) return Refusal{"not_found", "no such stream: " + id, ""};
  StreamView v;
  v.kind = *kind;
  v.stream = Stream(load_acts(store.db(), *kind, id));
  v.row = summary_of(v.stream);
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  if (Verdict verdict = read_stream(access, Actor::of(user), scope_of_opening(v.stream.acts().front(), v.row.officer, ""));
      verdict != Verdict::allow)
    return refusal_of(verdict);
  const Calendar cal = official_calendar_with(store.holidays());
  const std::vector<Event> history = case_history_of(store, v.stream);
  v.deadlines = stream_deadlines(v.stream.acts(), today, cal, history);
  return v;
}

std::vector<CaseGrievance> grievances_of_case(Store& store, const Access& access, const User& user,
                                              const std::string& case_id) {
  std::vector<std::string> kinds;
  for (StreamKind k : {StreamKind::complaint, StreamKind::procuracy})
    if (reads_kind(user.role, k)) kinds.emplace_back(to_string(k));
  std::vector<CaseGrievance> out;
  const Actor actor = Actor::of(user);
  for (StreamRow& row : streams_of_case(store.db(), case_id, kinds)) {
    const auto kind = stream_kind_from(row.kind);
    if (!kind) continue;
    const Stream s(load_acts(store.db(), *kind, row.id));
    if (!s.exists() || read_stream(access, actor, scope_of_opening(s.acts().front(), row.officer, "")) != Verdict::allow)
      continue;
    CaseGrievance g{*kind, std::move(row), std::nullopt};
    if (*kind == StreamKind::complaint) g.sending = decision_sending(s.effective());
    out.push_back(std::move(g));
  }
  return out;
}

std::variant<StreamList, Refusal> list_streams_for(Store& store, const User& user, const ListQuery& q) {
  if (user.role == Role::admin || user.role == Role::body)
    return Refusal{"forbidden", "administrators and body users read no oversight files", ""};
  std::optional<StreamKind> kind;
  if (!q.kind.empty()) {
    kind = stream_kind_from(q.kind);
    if (!kind) return Refusal{"bad_field", "unknown kind '" + q.kind + "'", ""};
    if (!reads_kind(user.role, *kind)) return Refusal{"forbidden", "your role may not read " + q.kind, ""};
  }
  if (!q.state.empty() && q.state != "open" && q.state != "ended" && q.state != "withdrawn")
    return Refusal{"bad_field", "state is open, ended or withdrawn", ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Actor actor = Actor::of(user);
  StreamFilter f;
  f.agencies = access.subtree_codes(actor, q.agency);
  if (f.agencies.empty()) return Refusal{"not_found", "agency " + q.agency + " is not in your subtree", ""};
  f.state = q.state;
  for (StreamKind k : kStreamKinds)
    if (reads_kind(user.role, k)) f.kinds.emplace_back(to_string(k));
  f.kind = q.kind;
  f.limit = q.limit;
  f.offset = q.offset;
  StreamList out;
  out.rows = list_streams(store.db(), f);
  // A denunciation against the head of the user's own agency: the accused
  // never reads who denounced (Art. 157; oversight_access.h accused_head).
  for (StreamRow& r : out.rows)
    if (r.kind == "denunciation" && user.role == Role::head && r.agency == user.agency) {
      const std::vector<Act> acts = load_acts(store.db(), StreamKind::denunciation, r.id);
      if (!acts.empty() && acts.front().text("against") == "head") r.title = "Tố cáo do cấp trên giải quyết";
    }
  out.total = count_streams(store.db(), f);
  for (const std::string& k : f.kinds) out.counts[k] = 0;
  for (auto& [k, n] : count_by_kind(store.db(), f)) out.counts[k] = n;
  return out;
}

std::vector<OfficerLoad> monitoring_officers(Store& store, const std::string& agency) {
  std::map<std::string, int64_t> loads;
  for (auto& [officer, n] : monitoring_loads(store.db(), agency)) loads[officer] = n;
  std::vector<OfficerLoad> out;
  for (const OfficerRecord& o : store.officers())
    if (o.agency == agency) out.push_back({o.id, o.name, loads.count(o.id) ? loads[o.id] : 0});
  std::stable_sort(out.begin(), out.end(), [](const OfficerLoad& a, const OfficerLoad& b) {
    return a.open_files != b.open_files ? a.open_files < b.open_files : a.id < b.id;
  });
  return out;
}

std::variant<std::vector<Unmonitored>, Refusal> unmonitored_files(Store& store, const User& user) {
  if (!reads_kind(user.role, StreamKind::admin_judgment)) return Refusal{"forbidden", "not for your role", ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  StreamFilter f;
  f.kind = "admin_judgment";
  f.state = "open";
  f.agencies = access.subtree_codes(Actor::of(user));
  if (f.agencies.empty()) return Refusal{"not_found", "your agency is not known", ""};
  f.limit = 1000;
  std::vector<Unmonitored> out;
  for (StreamRow& r : list_streams(store.db(), f)) {
    bool notice = false;
    if (!r.officer.empty()) {
      const Stream s(load_acts(store.db(), StreamKind::admin_judgment, r.id));
      for (const Act* a : s.effective()) notice |= a->type == "notice_sent";
    }
    if (!r.officer.empty() && notice) continue;
    Unmonitored u;
    u.no_officer = r.officer.empty();
    u.no_notice = !notice;
    u.row = std::move(r);
    out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(), [](const Unmonitored& a, const Unmonitored& b) {
    return a.row.opened != b.row.opened ? a.row.opened < b.row.opened : a.row.id < b.row.id;
  });
  return out;
}

std::vector<QueueItem> queue_items_from_journal(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  std::vector<StreamRow> rows;
  if (!q.officer.empty()) {
    StreamFilter f;
    f.kind = "admin_judgment";
    f.officer = q.officer;
    f.limit = 100000;
    rows = list_streams(store.db(), f);
    for (StreamRow& r : requests_of_officer(store.db(), q.officer)) rows.push_back(std::move(r));
  } else {
    StreamFilter f;
    f.agencies = scope;
    f.limit = 100000;
    rows = list_streams(store.db(), f);
  }
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  std::vector<QueueItem> out;
  for (const StreamRow& r : rows) {
    if (!in_queue(r.state, r.end_date, q.today)) continue;
    const auto kind = stream_kind_from(r.kind);
    if (!kind) continue;
    const Stream s(load_acts(store.db(), *kind, r.id));
    const std::vector<Event> history = case_history_of(store, s);
    for (const Deadline& d : stream_deadlines(s.acts(), q.today, cal, history)) {
      // The parties' own time limits (lodging a complaint, a protest) are
      // not the agency's work.
      if (d.action == "lodge" || d.state == Deadline::State::met || d.met_on) continue;
      if (horizon < d.due) continue;
      out.push_back(queue_item(*kind, r, d.action, d.label_vi, d.article, d.due, q.today));
    }
  }
  return out;
}


std::vector<QueueItem> queue_items(Store& store, const QueueQuery& q, const std::vector<std::string>& scope) {
  // An officer's queue (their files, the requests of their cases) is small
  // and its requests follow the cases' assignment: read from the journal.
  if (!q.officer.empty()) return queue_items_from_journal(store, q, scope);
  const std::pair<Calendar, size_t> calendar = queue_calendar(store);
  const Calendar& cal = calendar.first;
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  std::vector<QueueItem> out;
  std::vector<std::pair<StreamKind, std::string>> live;  // streams with acts after q.today
  HeldQueue::instance().with(store, cal, calendar.second, scope,
                             [&](const std::string& id, const HeldQueueStream& s) {
                               if (q.today < s.latest) {
                                 live.emplace_back(s.kind, id);
                                 return;
                               }
                               if (s.pending.empty() || !in_queue(s.state, s.end_date, q.today)) return;
                               StreamRow r;
                               r.id = id;
                               r.kind = std::string(to_string(s.kind));
                               r.agency = s.agency;
                               r.officer = s.officer;
                               r.title = s.title;
                               for (const HeldDeadline& d : s.pending)
                                 if (!(horizon < d.due))
                                   out.push_back(queue_item(s.kind, r, *d.action, *d.label, *d.article, d.due, q.today));
                             });
  // A queue of a day before some of a stream's acts: that stream as the
  // journal has it on that day (held_queue.h).
  for (const auto& [kind, id] : live) {
    const auto r = stream_row(store.db(), id);
    if (!r || !in_queue(r->state, r->end_date, q.today)) continue;
    const Stream s(load_acts(store.db(), kind, id));
    const std::vector<Event> history = case_history_of(store, s);
    for (const Deadline& d : stream_deadlines(s.acts(), q.today, cal, history)) {
      if (d.action == "lodge" || d.state == Deadline::State::met || d.met_on || horizon < d.due) continue;
      out.push_back(queue_item(kind, *r, d.action, d.label_vi, d.article, d.due, q.today));
    }
  }
  return out;
}

void load_held_queue(Store& store) {
  const std::pair<Calendar, size_t> calendar = queue_calendar(store);
  // A scope no agency has: the model is brought to the head, nothing read.
  HeldQueue::instance().with(store, calendar.first, calendar.second, {std::string("\x01")},
                             [](const std::string&, const HeldQueueStream&) {});
}

void with_held_freezes(Store& store, const std::vector<std::string>& agencies,
                       const std::function<void(const std::string& case_id, const std::vector<const HeldFreeze*>& requests)>& f) {
  const std::pair<Calendar, size_t> calendar = queue_calendar(store);  // the queue's key: no reload between them
  HeldQueue::instance().with_freezes(store, calendar.first, calendar.second, agencies, f);
}

}  // namespace thads::oversight
