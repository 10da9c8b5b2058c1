#include "modules/accountability/domain/machine.h"

#include <algorithm>

#include "domain/interchange.h"

namespace thads::accountability {
namespace {

Decision refuse(const char* code, std::string message) { return {Decision::refuse, Refusal{code, std::move(message), ""}}; }

const Rec* at_seq(const std::vector<Rec>& recs, int64_t seq) {
  return seq >= 1 && seq <= static_cast<int64_t>(recs.size()) ? &recs[static_cast<size_t>(seq - 1)] : nullptr;
}

}  // namespace

const Rec* AccStream::ending() const {
  for (const Rec& r : recs_)
    if (is_ending(r.kind, r.type)) return &r;
  return nullptr;
}

Decision AccStream::decide(const Rec& r, const Refs& refs) const {
  if (const Rec* same = at_seq(recs_, r.seq)) {
    if (same_record(same->raw, r.raw)) return {Decision::duplicate, {}};
    return refuse("seq_conflict", "a different record " + r.id + " #" + std::to_string(r.seq) + " is already recorded");
  }
  if (recs_.empty() && r.seq != 1) return refuse("unknown_case", r.id + " has no opening record");
  if (r.seq > version() + 1) return refuse("seq_gap", "expected seq " + std::to_string(version() + 1));
  if (!recs_.empty() && r.date < recs_.back().date)
    return refuse("date_before_previous", "dated before " + recs_.back().date.iso());
  if (ending() && !(r.kind == Kind::inspection && r.type == "remedy_done"))
    return refuse("case_ended", r.id + " has ended");
  const std::string agency = r.text("agency");
  if (!agency.empty() && !refs.agency_known(agency)) return refuse("unknown_agency", "agency " + agency + " is not known");
  if (const std::string by = r.text("by"); !by.empty() && !refs.agency_known(by))
    return refuse("unknown_agency", "agency " + by + " is not known");
  if (const std::string c = r.text("case"); !c.empty() && !refs.case_known(c)) return refuse("unknown_case", "case " + c + " is not known");
  if (const std::string o = r.text("officer"); !o.empty() && !refs.officer_known(o))
    return refuse("bad_field", "officer " + o + " is not known");
  // Transitions.
  if (is_opening(r.kind, r.type) != (r.seq == 1)) return refuse("bad_transition", "a stream opens once, at seq 1");
  if (r.type == "opened" && !refs.at_or_above(agency, r.text("by")))
    return refuse("bad_transition", "an inspection is by the agency itself or an agency above it");
  if (r.type == "remedy_ordered") {
    const Rec* f = at_seq(recs_, r.integer("finding"));
    if (!f || f->type != "finding") return refuse("bad_transition", "'finding' names no finding of this inspection");
  }
  if (r.type == "remedy_done") {
    const Rec* m = at_seq(recs_, r.integer("remedy"));
    if (!m || m->type != "remedy_ordered") return refuse("bad_transition", "'remedy' names no remedy of this inspection");
    for (const Rec& x : recs_)
      if (x.type == "remedy_done" && x.integer("remedy") == r.integer("remedy"))
        return refuse("bad_transition", "this remedy is already done");
  }
  if (r.type == "measure" && std::any_of(recs_.begin(), recs_.end(), [](const Rec& x) { return x.type == "measure"; }))
    return refuse("bad_transition", "a violation takes one measure");
  return {};
}

std::vector<Deadline> remedy_deadlines(const AccStream& s, Date today) {
  std::vector<Deadline> out;
  for (const Rec& r : s.recs()) {
    if (r.type != "remedy_ordered" || today < r.date) continue;
    Deadline d;
    d.action = "remedy";
    d.label_vi = "Khắc phục: " + r.text("text");
    d.due = *r.date_of("due");
    d.article = "Kết luận kiểm tra " + s.recs().front().id + " (#" + std::to_string(r.seq) + ")";
    d.note = std::to_string(r.seq);
    std::optional<Date> done;
    for (const Rec& x : s.recs())
      if (x.type == "remedy_done" && x.integer("remedy") == r.seq && !(today < x.date)) done = x.date;
    settle(d, done, today);
    out.push_back(std::move(d));
  }
  return out;
}

Summary summary_of(const AccStream& s) {
  Summary m;
  if (!s.exists()) return m;
  const Rec& o = s.recs().front();
  m.id = o.id;
  m.kind = std::string(to_string(o.kind));
  m.agency = o.text("agency");
  m.by = o.text("by");
  m.mode = o.text("mode");
  m.officer = o.text("officer");
  m.title = o.kind == Kind::inspection ? o.text("subject") : o.text("rule");
  m.opened = o.date.iso();
  m.version = s.version();
  m.state = "open";
  if (const Rec* e = s.ending()) m.state = "ended", m.end_date = e->date.iso();
  for (const Rec& r : s.recs()) {
    if (r.type == "finding") ++m.findings;
    if (r.type == "remedy_ordered") ++m.remedies;
    if (r.type == "remedy_done") ++m.remedies_done;
    if (r.type == "measure") m.measure = r.text("measure");
  }
  return m;
}

}  // namespace thads::accountability
