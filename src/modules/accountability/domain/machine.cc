#include "modules/accountability/domain/machine.h"

#include <algorithm>
#include <optional>

#include "domain/interchange.h"

namespace thads::accountability {
namespace {

Decision refuse(const char* code, std::string message) { return {Decision::refuse, Refusal{code, std::move(message), ""}}; }

const Rec* at_seq(const std::vector<Rec>& recs, int64_t seq) {
  return seq >= 1 && seq <= static_cast<int64_t>(recs.size()) ? &recs[static_cast<size_t>(seq - 1)] : nullptr;
}

// The transition rules of act `r` against the acts that count before it
// (`prior`, in seq order). References (agencies, cases, officers) are not
// checked here.
std::optional<Refusal> transition(const std::vector<const Rec*>& prior, const Rec& r) {
  auto find = [&](int64_t seq) -> const Rec* {
    for (const Rec* x : prior)
      if (x->seq == seq) return x;
    return nullptr;
  };
  auto bad = [](std::string m) { return Refusal{"bad_transition", std::move(m), ""}; };
  if (r.type == "remedy_ordered") {
    const Rec* f = find(r.integer("finding"));
    if (!f || f->type != "finding") return bad("'finding' names no finding of this inspection");
  }
  if (r.type == "remedy_done") {
    const Rec* m = find(r.integer("remedy"));
    if (!m || m->type != "remedy_ordered") return bad("'remedy' names no remedy of this inspection");
    for (const Rec* x : prior)
      if (x->type == "remedy_done" && x->integer("remedy") == r.integer("remedy")) return bad("this remedy is already done");
  }
  if (r.type == "measure" && std::any_of(prior.begin(), prior.end(), [](const Rec* x) { return x->type == "measure"; }))
    return bad("a violation takes one measure");
  return std::nullopt;
}

// May `r` (a `voided`) void its target? void_target or bad_transition.
std::optional<Refusal> void_check(const AccStream& s, const Rec& r) {
  auto target = [](std::string m) { return Refusal{"void_target", std::move(m), ""}; };
  const Rec* t = at_seq(s.recs(), r.integer("voids"));
  if (!t) return target("'voids' names no act of " + r.id);
  if (t->type == "voided" || !s.counts(*t)) return target("act #" + std::to_string(t->seq) + " is a correction or already voided");
  if (is_ending(t->kind, t->type)) return target("an ending act is not voided");
  const std::vector<const Rec*> eff = s.effective();
  if (is_opening(t->kind, t->type))
    return eff.size() == 1 ? std::nullopt : std::optional<Refusal>(target("the opening is voided only when no other act counts"));
  std::vector<const Rec*> prior;
  for (const Rec* x : eff) {
    if (x == t) continue;
    if (auto refusal = transition(prior, *x))
      return Refusal{"bad_transition", "without act #" + std::to_string(t->seq) + ", act #" + std::to_string(x->seq) +
                                           " breaks a rule: " + refusal->message, ""};
    prior.push_back(x);
  }
  return std::nullopt;
}

}  // namespace

bool AccStream::counts(const Rec& r) const {
  if (r.type == "voided") return false;
  for (const Rec& x : recs_)
    if (x.type == "voided" && x.integer("voids") == r.seq) return false;
  return true;
}

std::vector<const Rec*> AccStream::effective() const {
  std::vector<const Rec*> out;
  for (const Rec& r : recs_)
    if (counts(r)) out.push_back(&r);
  return out;
}

bool AccStream::withdrawn() const { return !recs_.empty() && !counts(recs_.front()); }

const Rec* AccStream::ending() const {
  for (const Rec& r : recs_)
    if (is_ending(r.kind, r.type) && counts(r)) return &r;
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
  if (withdrawn()) return refuse("case_ended", r.id + " was withdrawn");
  if (ending() && r.type != "voided" && !(r.kind == Kind::inspection && r.type == "remedy_done"))
    return refuse("case_ended", r.id + " has ended");
  const std::string agency = r.text("agency");
  if (!agency.empty() && !refs.agency_known(agency)) return refuse("unknown_agency", "agency " + agency + " is not known");
  if (const std::string by = r.text("by"); !by.empty() && !refs.agency_known(by))
    return refuse("unknown_agency", "agency " + by + " is not known");
  if (r.type == "voided") {
    if (r.seq == 1) return refuse("bad_transition", "a stream opens with its opening act");
    if (auto refusal = void_check(*this, r)) return {Decision::refuse, *refusal};
    return {};
  }
  if (const std::string c = r.text("case"); !c.empty() && !refs.case_known(c)) return refuse("unknown_case", "case " + c + " is not known");
  if (const std::string o = r.text("officer"); !o.empty() && !refs.officer_known(o))
    return refuse("bad_field", "officer " + o + " is not known");
  // Transitions.
  if (is_opening(r.kind, r.type) != (r.seq == 1)) return refuse("bad_transition", "a stream opens once, at seq 1");
  if (r.type == "opened" && !refs.at_or_above(agency, r.text("by")))
    return refuse("bad_transition", "an inspection is by the agency itself or an agency above it");
  if (auto refusal = transition(effective(), r)) return {Decision::refuse, *refusal};
  return {};
}

std::vector<Deadline> remedy_deadlines(const AccStream& s, Date today) {
  std::vector<Deadline> out;
  for (const Rec* ptr : s.effective()) {
    const Rec& r = *ptr;
    if (r.type != "remedy_ordered" || today < r.date) continue;
    Deadline d;
    d.action = "remedy";
    d.label_vi = "Khắc phục: " + r.text("text");
    d.due = *r.date_of("due");
    d.article = "Kết luận kiểm tra " + s.recs().front().id + " (#" + std::to_string(r.seq) + ")";
    d.note = std::to_string(r.seq);
    std::optional<Date> done;
    for (const Rec* x : s.effective())
      if (x->type == "remedy_done" && x->integer("remedy") == r.seq && !(today < x->date)) done = x->date;
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
  if (s.withdrawn()) m.state = "withdrawn";
  for (const Rec* r : s.effective()) {
    if (r->type == "finding") ++m.findings;
    if (r->type == "remedy_ordered") ++m.remedies;
    if (r->type == "remedy_done") ++m.remedies_done;
    if (r->type == "measure") m.measure = r->text("measure");
  }
  return m;
}

}  // namespace thads::accountability
