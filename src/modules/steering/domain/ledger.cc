#include "modules/steering/domain/ledger.h"

#include <algorithm>

#include "domain/interchange.h"

namespace thads::steering {
namespace {

Decision refuse(std::string code, std::string message, std::string article = "") {
  return {Decision::refuse, Refusal{std::move(code), std::move(message), std::move(article)}};
}
Decision ok() { return {}; }

// From 01/07/2026 steering committees exist at the province only (NĐ
// 152/2026/NĐ-CP Art. 103(1)); district committees (TTLT 05/2016 Art. 2) are
// history recorded from before.
const Date kProvinceOnlyFrom = Date::from_ymd(2026, 7, 1);

bool within(Date d, const Record& committee) {
  auto to = committee.date_of("valid_to");
  return d >= committee.date && (!to || d <= *to);
}

// Same key: the same record is a duplicate, another one seq_conflict
// (same-key idempotence, as for agencies).
std::optional<Decision> same_key(const std::map<std::string, Record>& m, const Record& r) {
  auto it = m.find(r.key);
  if (it == m.end()) return std::nullopt;
  if (same_record(it->second.raw, r.raw)) return Decision{Decision::duplicate, {}};
  return refuse("seq_conflict", "a different " + std::string(to_string(r.kind)) + " " + r.key + " is already recorded");
}

// Stream discipline (interchange.md): a seq already taken is a duplicate or
// seq_conflict; a seq beyond the next is seq_gap.
std::optional<Decision> stream_seq(const std::vector<Record>* s, const Record& r) {
  const int64_t have = s ? static_cast<int64_t>(s->size()) : 0;
  if (r.seq <= have) {
    if (same_record((*s)[static_cast<size_t>(r.seq - 1)].raw, r.raw)) return Decision{Decision::duplicate, {}};
    return refuse("seq_conflict", "record " + std::to_string(r.seq) + " of " + r.key + " is already recorded otherwise");
  }
  return std::nullopt;
}

}  // namespace

Decision Ledger::decide(const Record& r, const Refs& refs) const {
  if (r.kind == Kind::task_report) return report(r, refs);
  if (r.kind == Kind::key_case) return key_case(r, refs);
  if (r.kind == Kind::periodic_report) return periodic(r, refs);
  return reference(r, refs);
}

// A periodic report is issued once per version; a re-issue (the next seq)
// names the version it replaces, for the same agency and period; an issued
// version is never changed (docs/formats/steering.md "periodic_report").
Decision Ledger::periodic(const Record& r, const Refs& refs) const {
  auto s = periodic_reports_.find(r.key);
  const std::vector<Record>* stream = s == periodic_reports_.end() ? nullptr : &s->second;
  if (auto d = stream_seq(stream, r)) return *d;
  const int64_t have = stream ? static_cast<int64_t>(stream->size()) : 0;
  if (r.seq > have + 1) return refuse("seq_gap", "version " + std::to_string(have + 1) + " of " + r.key + " is missing");
  if (!refs.agency_known(r.text("agency"))) return refuse("unknown_agency", "agency " + r.text("agency") + " is not known");
  if (stream) {
    const Record& last = stream->back();
    if (last.text("agency") != r.text("agency") || last.text("period") != r.text("period"))
      return refuse("bad_transition", "a new version of " + r.key + " must keep its agency and period");
    if (r.date < last.date) return refuse("date_before_previous", "the new version is dated before the one it replaces");
  }
  return ok();
}

Decision Ledger::reference(const Record& r, const Refs& refs) const {
  switch (r.kind) {
    case Kind::directive: {
      if (auto d = same_key(directives_, r)) return *d;
      if (!refs.agency_known(r.text("agency"))) return refuse("unknown_agency", "agency " + r.text("agency") + " is not known");
      const std::string old = r.text("replaces");
      if (old.empty()) return ok();
      auto it = directives_.find(old);
      if (it == directives_.end()) return refuse("unknown_case", "directive " + old + " is not recorded");
      if (replaced_by_.count(old)) return refuse("bad_transition", "directive " + old + " is already replaced");
      if (it->second.date > r.date)
        return refuse("bad_transition", "directive " + old + " is dated after the directive replacing it");
      return ok();
    }
    case Kind::directive_task: {
      if (auto d = same_key(task_records_, r)) return *d;
      const bool meeting = r.p.contains("meeting") && !r.p["meeting"].is_null();
      const std::string source = meeting ? r.text("meeting") : r.text("directive");
      const auto& sources = meeting ? meetings_ : directives_;
      auto src = sources.find(source);
      if (src == sources.end())
        return refuse("unknown_case", (meeting ? "meeting " : "directive ") + source + " is not recorded");
      for (const std::string& b : r.list("bodies"))
        if (!refs.body_known(b)) return refuse("unknown_body", "body " + b + " is not known");
      if (!refs.body_known(r.text("owner"))) return refuse("unknown_body", "body " + r.text("owner") + " is not known");
      const std::string parent = parent_number(r.text("number"));
      if (!parent.empty() && !tasks_.count(task_key(source, parent)))
        return refuse("bad_transition", "task " + r.text("number") + " comes before its parent task " + parent);
      if (auto dl = r.date_of("deadline"); dl && *dl < src->second.date)
        return refuse("bad_transition", "the deadline is before the date of " + source);
      return ok();
    }
    case Kind::committee: {
      if (auto d = same_key(committees_, r)) return *d;
      if (!refs.agency_known(r.text("agency"))) return refuse("unknown_agency", "agency " + r.text("agency") + " is not known");
      if (r.text("level") == "district" && r.date >= kProvinceOnlyFrom)
        return refuse("not_in_force", "district steering committees are not set up from 01/07/2026",
                      "NĐ 152/2026/NĐ-CP Điều 103");
      return ok();
    }
    case Kind::committee_member: {
      if (auto d = same_key(members_, r)) return *d;
      auto c = committees_.find(r.text("committee"));
      if (c == committees_.end()) return refuse("unknown_case", "committee " + r.text("committee") + " is not recorded");
      if (!refs.body_known(r.text("body"))) return refuse("unknown_body", "body " + r.text("body") + " is not known");
      if (!within(r.date, c->second)) return refuse("bad_transition", "the member joins outside the committee's term");
      if (r.text("role") == "head") {
        // One head at a time (the chairman or a vice-chairman of the People's
        // Committee: TTLT 05/2016 Art. 3; NĐ 152/2026 Art. 103(2)).
        const auto to = r.date_of("to");
        for (const auto& [k, m] : members_) {
          if (m.text("committee") != r.text("committee") || m.text("role") != "head") continue;
          const auto mto = m.date_of("to");
          if ((!mto || *mto >= r.date) && (!to || *to >= m.date))
            return refuse("bad_transition", "the committee already has a head in that time", "TTLT 05/2016 Điều 3");
        }
      }
      return ok();
    }
    case Kind::meeting: {
      if (auto d = same_key(meetings_, r)) return *d;
      auto c = committees_.find(r.text("committee"));
      if (c == committees_.end()) return refuse("unknown_case", "committee " + r.text("committee") + " is not recorded");
      if (!within(r.date, c->second)) return refuse("bad_transition", "the meeting is outside the committee's term");
      return ok();
    }
    default: return ok();
  }
}

Decision Ledger::report(const Record& r, const Refs& refs) const {
  auto s = reports_.find(r.key);
  const std::vector<Record>* stream = s == reports_.end() ? nullptr : &s->second;
  if (auto d = stream_seq(stream, r)) return *d;
  auto t = tasks_.find(r.text("task"));
  if (t == tasks_.end()) return refuse("unknown_case", "task " + r.text("task") + " is not recorded");
  const int64_t have = stream ? static_cast<int64_t>(stream->size()) : 0;
  if (r.seq > have + 1) return refuse("seq_gap", "record " + std::to_string(have + 1) + " of " + r.key + " is missing");
  if (stream && r.date < stream->back().date)
    return refuse("date_before_previous", "the report is dated before the previous report");
  if (stream && stream->back().text("status") == "done")
    return refuse("case_ended", "the body has already reported this task done for the period");
  if (!refs.body_known(r.text("body"))) return refuse("unknown_body", "body " + r.text("body") + " is not known");
  const Task& task = t->second;
  if (std::find(task.bodies.begin(), task.bodies.end(), r.text("body")) == task.bodies.end())
    return refuse("bad_transition", "the task is not assigned to " + r.text("body"));
  auto period = parse_task_period(r.text("period"));
  if (!period_fits(task.periodicity, *period))
    return refuse("bad_transition", "period " + period->key + " does not fit a " +
                                        std::string(to_string(task.periodicity)) + " task");
  if (period->key != "once" && period->to < task.start)
    return refuse("bad_transition", "period " + period->key + " ends before the task was given");
  if (r.date < task.start) return refuse("bad_transition", "the report is dated before the task was given");
  return ok();
}

Decision Ledger::key_case(const Record& r, const Refs& refs) const {
  auto s = key_cases_.find(r.key);
  const KeyCase* kc = s == key_cases_.end() ? nullptr : &s->second;
  if (auto d = stream_seq(kc ? &kc->history : nullptr, r)) return *d;
  if (!kc && r.type != "proposed") return refuse("unknown_case", "key case " + r.key + " is not recorded");
  if (r.type == "proposed" && r.seq != 1) return refuse("bad_transition", "a key case is proposed only once, first");
  const int64_t have = kc ? static_cast<int64_t>(kc->history.size()) : 0;
  if (r.seq > have + 1) return refuse("seq_gap", "record " + std::to_string(have + 1) + " of " + r.key + " is missing");
  if (kc && r.date < kc->history.back().date)
    return refuse("date_before_previous", "the record is dated before the previous record of the key case");
  if (kc && (kc->state == "rejected" || kc->state == "closed"))
    return refuse("case_ended", "key case " + r.key + " is " + kc->state);
  if (r.type == "proposed") {
    if (!refs.case_known(r.text("case"))) return refuse("unknown_case", "case " + r.text("case") + " is not recorded");
    if (!refs.agency_known(r.text("agency"))) return refuse("unknown_agency", "agency " + r.text("agency") + " is not known");
    if (key_case_of(r.text("case"))) return refuse("bad_transition", "case " + r.text("case") + " is already in the register");
    return ok();
  }
  if (r.type == "accepted" || r.type == "rejected") {
    if (!committees_.count(r.text("committee")))
      return refuse("unknown_case", "committee " + r.text("committee") + " is not recorded");
    if (!r.text("meeting").empty() && !meetings_.count(r.text("meeting")))
      return refuse("unknown_case", "meeting " + r.text("meeting") + " is not recorded");
    if (kc->state != "proposed") return refuse("bad_transition", "the committee has already decided on " + r.key);
    return ok();
  }
  if (kc->state != "accepted") return refuse("bad_transition", "key case " + r.key + " is not accepted by the committee");
  if (r.type == "step") {
    if (!refs.body_known(r.text("owner"))) return refuse("unknown_body", "body " + r.text("owner") + " is not known");
    for (const Step& st : kc->steps)
      if (st.number == r.integer("step")) return refuse("bad_transition", "step " + std::to_string(st.number) + " is already decided");
  } else if (r.type == "step_done") {
    auto it = std::find_if(kc->steps.begin(), kc->steps.end(), [&](const Step& st) { return st.number == r.integer("step"); });
    if (it == kc->steps.end() || it->done_on)
      return refuse("bad_transition", "step " + std::to_string(r.integer("step")) + " is not an open step");
  }
  return ok();
}

void Ledger::apply(Record r) {
  switch (r.kind) {
    case Kind::directive:
      if (!r.text("replaces").empty()) replaced_by_[r.text("replaces")] = r.key;
      directives_[r.key] = std::move(r);
      break;
    case Kind::directive_task: {
      Task t;
      t.key = r.key;
      t.from_meeting = r.p.contains("meeting") && !r.p["meeting"].is_null();
      t.source = t.from_meeting ? r.text("meeting") : r.text("directive");
      t.number = r.text("number");
      t.text = r.text("text");
      t.owner = r.text("owner");
      t.bodies = r.list("bodies");
      t.deadline = r.date_of("deadline");
      if (auto p = periodicity_from(r.text("periodicity"))) t.periodicity = *p;
      const auto& sources = t.from_meeting ? meetings_ : directives_;
      if (auto s = sources.find(t.source); s != sources.end()) t.start = s->second.date;
      tasks_[t.key] = std::move(t);
      task_records_[r.key] = std::move(r);
      break;
    }
    case Kind::committee: committees_[r.key] = std::move(r); break;
    case Kind::committee_member: members_[r.key] = std::move(r); break;
    case Kind::meeting: meetings_[r.key] = std::move(r); break;
    case Kind::task_report: reports_[r.key].push_back(std::move(r)); break;
    case Kind::periodic_report: periodic_reports_[r.key].push_back(std::move(r)); break;
    case Kind::key_case: {
      KeyCase& kc = key_cases_[r.key];
      if (r.type == "proposed") {
        kc.id = r.key;
        kc.case_id = r.text("case");
        kc.agency = r.text("agency");
        kc.reasons = r.list("reasons");
        kc.state = "proposed";
        kc.proposed_on = r.date;
        open_key_case_[kc.case_id] = kc.id;
      } else if (r.type == "accepted" || r.type == "rejected") {
        kc.state = r.type;
        kc.committee = r.text("committee");
        kc.decided_on = r.date;
        if (r.type == "rejected") open_key_case_.erase(kc.case_id);
      } else if (r.type == "stuck") {
        kc.stuck_reason = r.text("reason");
      } else if (r.type == "step") {
        kc.steps.push_back(Step{r.integer("step"), r.text("text"), r.text("owner"), *r.date_of("deadline"), std::nullopt});
      } else if (r.type == "step_done") {
        for (Step& st : kc.steps)
          if (st.number == r.integer("step")) st.done_on = r.date;
      } else if (r.type == "closed") {
        kc.state = "closed";
        kc.result = r.text("result");
        kc.closed_on = r.date;
        open_key_case_.erase(kc.case_id);
      }
      kc.history.push_back(std::move(r));
      break;
    }
  }
}

const std::vector<Record>* Ledger::reports(const std::string& task, const std::string& body,
                                           const std::string& period) const {
  auto it = reports_.find(task + "|" + body + "|" + period);
  return it == reports_.end() ? nullptr : &it->second;
}

std::optional<std::string> Ledger::replaced_by(const std::string& id) const {
  auto it = replaced_by_.find(id);
  if (it == replaced_by_.end()) return std::nullopt;
  return it->second;
}

std::optional<Date> Ledger::stop_of(const Task& t) const {
  if (t.from_meeting) return std::nullopt;
  auto by = replaced_by(t.source);
  if (!by) return std::nullopt;
  return directives_.at(*by).date;
}

std::optional<std::string> Ledger::key_case_of(const std::string& case_id) const {
  auto it = open_key_case_.find(case_id);
  if (it == open_key_case_.end()) return std::nullopt;
  return it->second;
}

std::vector<const Record*> Ledger::reports_citing(const std::string& sha256) const {
  std::vector<const Record*> out;
  for (const auto& [key, rs] : reports_)
    for (const Record& r : rs) {
      auto it = r.p.find("documents");
      if (it == r.p.end() || !it->is_array()) continue;
      for (const auto& d : *it)
        if (d.is_object() && d.contains("sha256") && d["sha256"] == sha256) {
          out.push_back(&r);
          break;
        }
    }
  return out;
}

std::vector<Cell> Ledger::cells(const Task& t, const std::string& body, Date today) const {
  std::vector<TaskPeriod> periods;
  if (t.periodicity == Periodicity::once) {
    periods.push_back(TaskPeriod{"once", t.start, *t.deadline});
  } else {
    // The periods ended by today, and the one running today.
    periods = periods_between(t.periodicity, t.start, stop_of(t), today.plus_days(1));
    TaskPeriod now = period_containing(t.periodicity, today);
    const auto stop = stop_of(t);
    if (now.from <= today && today < now.to && now.to >= t.start && (!stop || now.from < *stop))
      periods.push_back(now);
  }
  std::vector<Cell> out;
  for (TaskPeriod& p : periods) {
    Cell c;
    c.due = t.periodicity == Periodicity::once ? *t.deadline : p.to;
    if (const auto* rs = reports(t.key, body, p.key)) {
      for (const Record& r : *rs) {
        if (r.text("status") == "done" && !c.done_on) c.done_on = r.date;
        auto docs = parse_attachment_refs(r.p);
        if (auto* list = std::get_if<std::vector<AttachmentRef>>(&docs))
          for (AttachmentRef& a : *list)
            if (std::none_of(c.documents.begin(), c.documents.end(),
                             [&](const AttachmentRef& b) { return b.sha256 == a.sha256; }))
              c.documents.push_back(std::move(a));
      }
      c.status = rs->back().text("status");
      c.reported = rs->back().date;
      c.text = rs->back().text("text");
    }
    c.overdue = !c.done_on && c.due < today;
    c.done_late = c.done_on && *c.done_on > c.due;
    c.period = std::move(p);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace thads::steering
