#include "modules/oversight/app/held_queue.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "domain/case_state.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/domain/stream.h"
#include "modules/oversight/store/journal_entries.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {

HeldQueue& HeldQueue::instance() {
  static HeldQueue q;
  return q;
}

void HeldQueue::with(Store& store, const Calendar& cal, size_t calendar_key, const std::vector<std::string>& agencies,
                     const std::function<void(const std::string& id, const HeldQueueStream& s)>& f) {
  at_head(store, cal, calendar_key, [&] {
    auto each = [&](const std::unordered_map<std::string, HeldQueueStream>& streams) {
      for (const auto& [id, s] : streams) f(id, s);
    };
    if (agencies.empty()) {
      for (const auto& [agency, streams] : by_agency_) each(streams);
      return;
    }
    for (const std::string& a : agencies)
      if (auto it = by_agency_.find(a); it != by_agency_.end()) each(it->second);
  });
}

void HeldQueue::with_freezes(
    Store& store, const Calendar& cal, size_t calendar_key, const std::vector<std::string>& agencies,
    const std::function<void(const std::string& case_id, const std::vector<const HeldFreeze*>& requests)>& f) {
  at_head(store, cal, calendar_key, [&] {
    std::vector<const HeldFreeze*> requests;
    const auto visit = [&](const std::string& case_id) {
      const auto ids = freezes_of_case_.find(case_id);
      if (ids == freezes_of_case_.end()) return;
      requests.clear();
      for (const std::string& id : ids->second)
        if (auto it = freeze_of_.find(id); it != freeze_of_.end()) requests.push_back(&it->second);
      if (!requests.empty()) f(case_id, requests);
    };
    if (agencies.empty()) {
      for (const auto& [case_id, ids] : freezes_of_case_) visit(case_id);
      return;
    }
    std::unordered_set<std::string_view> seen;  // a case with requests of two agencies of the scope, once
    for (const std::string& a : agencies) {
      const auto cases = freeze_cases_of_agency_.find(a);
      if (cases == freeze_cases_of_agency_.end()) continue;
      for (const auto& [case_id, n] : cases->second)
        if (seen.insert(case_id).second) visit(case_id);
    }
  });
}

void HeldQueue::at_head(Store& store, const Calendar& cal, size_t calendar_key, const std::function<void()>& read) {
  const JournalHead head = journal_head(store.db());
  {
    std::shared_lock shared(mu_);
    if (loaded_ && head.pos == pos_ && head.hash == hash_ && calendar_key == calendar_key_) {
      read();
      return;
    }
  }
  // The journal moved: one thread reads the changes (refresh reads the head
  // again under the lock), the others wait, then this answer is given under
  // the same lock.
  std::unique_lock lock(mu_);
  refresh(store, cal, calendar_key);
  read();
}

void HeldQueue::refresh(Store& store, const Calendar& cal, size_t calendar_key) {
  Db& db = store.db();
  const JournalHead head = journal_head(db);
  if (loaded_ && head.pos == pos_ && head.hash == hash_ && calendar_key == calendar_key_) return;
  const bool same = loaded_ && calendar_key == calendar_key_ && head.pos >= pos_ && journal_hash_at(db, pos_) == hash_;
  bool more = false;
  std::vector<std::pair<std::string, std::string>> changed;
  if (same) changed = entries_changed(db, pos_, head.pos, kMaxChanged, &more);
  if (!same || more) {
    load_all(store, cal);
  } else {
    std::set<std::pair<StreamKind, std::string>> again;
    for (const auto& [kind, stream] : changed) {
      if (kind == "event") {
        if (auto it = freezes_of_case_.find(stream); it != freezes_of_case_.end())
          for (const std::string& id : it->second) again.emplace(StreamKind::request, id);
      } else if (auto k = stream_kind_from(kind)) {
        again.emplace(*k, stream);
      }
    }
    // A stream read again whole: entries written after `head` (a write
    // meanwhile) are read too, and read again at the next refresh.
    for (const auto& [kind, id] : again) reload(store, cal, kind, id);
  }
  loaded_ = true;
  pos_ = head.pos;
  hash_ = head.hash;
  calendar_key_ = calendar_key;
}

void HeldQueue::load_all(Store& store, const Calendar& cal) {
  by_agency_.clear();
  agency_of_.clear();
  freezes_of_case_.clear();
  freeze_of_.clear();
  freeze_cases_of_agency_.clear();
  for (StreamKind kind : kStreamKinds)
    for_each_stream(store.db(), kind, std::nullopt, [&](std::vector<Act>& acts) { put(store, cal, acts); });
}

void HeldQueue::reload(Store& store, const Calendar& cal, StreamKind kind, const std::string& id) {
  erase(id);
  std::vector<Act> acts = load_acts(store.db(), kind, id);
  if (!acts.empty()) put(store, cal, acts);
}

void HeldQueue::erase(const std::string& id) {
  if (auto f = freeze_of_.find(id); f != freeze_of_.end()) {
    auto cases = freeze_cases_of_agency_.find(f->second.agency);
    if (cases != freeze_cases_of_agency_.end()) {
      auto c = cases->second.find(f->second.case_id);
      if (c != cases->second.end() && --c->second == 0) cases->second.erase(c);
      if (cases->second.empty()) freeze_cases_of_agency_.erase(cases);
    }
    freeze_of_.erase(f);
  }
  auto at = agency_of_.find(id);
  if (at == agency_of_.end()) return;
  auto streams = by_agency_.find(at->second);
  if (streams != by_agency_.end()) {
    if (auto s = streams->second.find(id); s != streams->second.end()) {
      if (!s->second.freeze_case.empty()) {
        auto c = freezes_of_case_.find(s->second.freeze_case);
        if (c != freezes_of_case_.end() && (c->second.erase(id), c->second.empty())) freezes_of_case_.erase(c);
      }
      streams->second.erase(s);
    }
    if (streams->second.empty()) by_agency_.erase(streams);
  }
  agency_of_.erase(at);
}

const std::string* HeldQueue::intern(const std::string& s) { return &*strings_.insert(s).first; }

void HeldQueue::put(Store& store, const Calendar& cal, std::vector<Act>& acts) {
  const Stream stream(std::vector<Act>(acts.begin(), acts.end()));
  if (!stream.exists()) return;
  const Act& opening = acts.front();
  HeldQueueStream h;
  h.kind = opening.kind;
  Date latest = opening.date;
  for (const Act& a : acts) latest = std::max(latest, a.date);
  // A freeze request's after_freeze deadline is met by a coercion of its case
  // (deadlines.h): its case's events count, and a new one reads it again.
  std::vector<Event> history, events;
  if (h.kind == StreamKind::request && opening.text("purpose") == "freeze_account") {
    h.freeze_case = opening.text("case");
    events = store.load_stream(h.freeze_case);
    for (const Event* e : effective_history(events)) history.push_back(*e);
    // Every event's day counts, a correction's too: a void dated later
    // changes the history from its day on.
    for (const Event& e : events) latest = std::max(latest, e.date);
  }
  h.latest = latest;
  for (const Deadline& d : stream_deadlines(acts, latest, cal, history)) {
    // The parties' own time limits (lodging a complaint, a protest) are not
    // the agency's work; a met deadline is no one's.
    if (d.action == "lodge" || d.state == Deadline::State::met || d.met_on) continue;
    h.pending.push_back(HeldDeadline{intern(d.action), intern(d.label_vi), intern(d.article), d.due});
  }
  const StreamRow row = summary_of(stream);
  h.agency = row.agency;
  if (!h.pending.empty()) {
    h.state = row.state;
    h.end_date = row.end_date;
    h.officer = row.officer;
    h.title = row.title;
  }
  const std::string id = opening.id, agency = h.agency;
  if (!h.freeze_case.empty()) {
    freezes_of_case_[h.freeze_case].insert(id);
    HeldFreeze f;
    f.case_id = h.freeze_case;
    f.agency = h.agency;
    f.latest = latest;
    f.open = !stream.withdrawn() && !ending_of(stream.effective());  // as ledger_row's state
    f.standing = standing_freeze(stream, f.latest);
    f.case_remaining = remaining_on(events, f.latest);
    f.officer = case_officer(store.db(), h.freeze_case);
    if (!events.empty() && events.front().opened()) f.debtor = events.front().opened()->debtor.name;
    if (auto old = freeze_of_.find(id); old == freeze_of_.end()) ++freeze_cases_of_agency_[f.agency][f.case_id];
    freeze_of_[id] = std::move(f);
  }
  agency_of_[id] = agency;
  by_agency_[agency][id] = std::move(h);
}

}  // namespace thads::oversight
