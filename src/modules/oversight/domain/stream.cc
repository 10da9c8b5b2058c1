#include "modules/oversight/domain/stream.h"

#include <algorithm>

#include "domain/interchange.h"

namespace thads::oversight {
namespace {

Decision refuse(const char* code, std::string message, std::string article = {}) {
  return {Decision::refuse, Refusal{code, std::move(message), std::move(article)}};
}

int count(const std::vector<const Act*>& h, std::string_view type) {
  return static_cast<int>(std::count_if(h.begin(), h.end(), [&](const Act* a) { return a->type == type; }));
}
const Act* last_of(const std::vector<const Act*>& h, std::string_view type) {
  for (auto it = h.rbegin(); it != h.rend(); ++it)
    if ((*it)->type == type) return *it;
  return nullptr;
}

// True while a publication stands: a `published` not followed by `unpublished`.
bool published_now(const std::vector<const Act*>& h) {
  bool on = false;
  for (const Act* a : h) {
    if (a->type == "published") on = true;
    if (a->type == "unpublished") on = false;
  }
  return on;
}

std::string admin_judgment(const std::vector<const Act*>& h, const Act& a) {
  if (a.type == "compel_order" && count(h, "compel_order") > 0) return "a file has at most one compel order";
  if (a.type == "published" && count(h, "compel_order") == 0)
    return "a publication needs a compel order first (NĐ 71/2016 Art. 30(1))";
  if (a.type == "unpublished" && !published_now(h)) return "the file is not published";
  if (a.type == "interpretation_received" &&
      count(h, "interpretation_received") >= count(h, "interpretation_requested"))
    return "no interpretation request awaits an answer";
  return {};
}

std::string complaint(const std::vector<const Act*>& h, const Act& a) {
  const Act& opened = *h.front();
  if (a.type == "admitted" && count(h, "admitted") > 0) return "a complaint is admitted once";
  if (a.type == "extended") {
    if (count(h, "admitted") == 0) return "only an admitted complaint is extended";
    if (opened.text("act") != "coercion") return "only a complaint about a coercion is extended (Art. 146)";
    if (count(h, "extended") > 0) return "a complaint is extended once";
  }
  if (a.type == "resolved" && count(h, "admitted") == 0) return "a complaint is resolved once admitted";
  if ((a.type == "decision_sent" || a.type == "decision_published") && count(h, "resolved") == 0)
    return "the decision must be made first";
  if (a.type == "decision_published" && opened.integer("level") != 2)
    return "only a second-level decision is published (Art. 146)";
  return {};
}

std::string denunciation(const std::vector<const Act*>& h, const Act& a) {
  if (a.type == "admitted" && count(h, "admitted") > 0) return "a denunciation is admitted once";
  if (a.type == "extended" && (count(h, "admitted") == 0 || count(h, "extended") > 0))
    return "an admitted denunciation is extended once";
  if (a.type == "concluded" && count(h, "admitted") == 0) return "a denunciation is concluded once admitted";
  if ((a.type == "conclusion_sent" || a.type == "conclusion_published") && count(h, "concluded") == 0)
    return "the conclusion must be made first";
  return {};
}

std::string procuracy(const std::vector<const Act*>& h, const Act& a) {
  const Act& opened = *h.front();
  if (a.type == "replied" && count(h, "replied") > 0) return "an act of the procuracy is replied to once";
  if (a.type == "remedied") {
    if (opened.type == "requirement") return "a requirement is not remedied, it is replied to";
    const Act* r = last_of(h, "replied");
    const Act* s = last_of(h, "superior_answered");
    if (!(r && r->flag("accepted")) && !(s && s->flag("accepted")))
      return "a remedy follows an accepted reply or superior answer (Art. 161)";
  }
  if (a.type == "reported_to_superior") {
    const Act* r = last_of(h, "replied");
    if (opened.type != "protest" || !r || r->flag("accepted") || count(h, "reported_to_superior") > 0)
      return "only a protest the head did not accept is reported to the superior, once (Art. 161(2))";
  }
  if (a.type == "superior_answered" &&
      (count(h, "reported_to_superior") == 0 || count(h, "superior_answered") > 0))
    return "the superior answers once, after the report";
  return {};
}

std::string request(const std::vector<const Act*>& h, const Act& a) {
  if (a.type == "lifted") {
    const std::string purpose = h.front()->text("purpose");
    if (purpose != "freeze_account" && purpose != "stop_transfer") return "only a freeze or a stop is lifted";
  }
  return {};
}

// Acts a kind accepts after its ending act `end` (oversight.md).
bool allowed_after_end(const Act& opened, const Act& end, const Act& a) {
  switch (opened.kind) {
    case StreamKind::admin_judgment: return a.type == "unpublished";
    case StreamKind::complaint:
      return end.type == "resolved" &&
             (a.type == "decision_sent" || (a.type == "decision_published" && opened.integer("level") == 2));
    case StreamKind::denunciation:
      return end.type == "concluded" && (a.type == "conclusion_sent" || a.type == "conclusion_published");
    default: return false;
  }
}

}  // namespace

Stream::Stream(std::vector<Act> acts) : acts_(std::move(acts)) {}

void Stream::append(Act a) { acts_.push_back(std::move(a)); }

std::vector<const Act*> Stream::effective(const std::function<bool(const Act&)>& keep) const {
  return effective_acts(acts_, keep);
}

bool Stream::withdrawn() const { return withdrawn_acts(acts_); }

std::vector<const Act*> effective_acts(std::span<const Act> acts, const std::function<bool(const Act&)>& keep) {
  std::vector<int64_t> voided;
  for (const Act& a : acts)
    if (a.type == "voided" && (!keep || keep(a))) voided.push_back(a.integer("voids"));
  std::vector<const Act*> out;
  for (const Act& a : acts) {
    if (a.type == "voided" || std::find(voided.begin(), voided.end(), a.seq) != voided.end()) continue;
    if (!keep || keep(a)) out.push_back(&a);
  }
  return out;
}

bool withdrawn_acts(std::span<const Act> acts) {
  for (const Act& a : acts)
    if (a.type == "voided" && a.integer("voids") == 1) return true;
  return false;
}

const Act* ending_of(const std::vector<const Act*>& history) {
  for (const Act* a : history)
    if (is_ending(a->kind, a->type)) return a;
  return nullptr;
}

std::string transition_error(const std::vector<const Act*>& h, const Act& a) {
  if (is_opening(a.kind, a.type)) return "the stream is already opened";
  if (h.empty()) return "the stream has no opening act";
  switch (a.kind) {
    case StreamKind::admin_judgment: return admin_judgment(h, a);
    case StreamKind::complaint: return complaint(h, a);
    case StreamKind::denunciation: return denunciation(h, a);
    case StreamKind::procuracy: return procuracy(h, a);
    case StreamKind::request: return request(h, a);
  }
  return {};
}

Decision Stream::decide(const Act& a, const Refs& refs) const {
  const std::string kind(to_string(a.kind));
  if (a.seq <= version()) {
    if (same_record(acts_[static_cast<size_t>(a.seq - 1)].raw, a.raw)) return {Decision::duplicate, {}};
    return refuse("seq_conflict", kind + " " + a.id + " already has a different act " + std::to_string(a.seq));
  }
  if (!exists() && !(a.seq == 1 && is_opening(a.kind, a.type)))
    return refuse("unknown_case", kind + " " + a.id + " has no opening act");
  if (const std::string c = a.text("case"); !c.empty() && !refs.case_known(c))
    return refuse("unknown_case", "case " + c + " is not known");
  if (a.seq > version() + 1)
    return refuse("seq_gap", kind + " " + a.id + " holds " + std::to_string(version()) + " acts; the next is " +
                                 std::to_string(version() + 1));
  if (exists() && a.date < acts_.back().date)
    return refuse("date_before_previous", "dated " + a.date.iso() + ", before the previous act (" +
                                              acts_.back().date.iso() + ")");
  if (withdrawn()) return refuse("case_ended", kind + " " + a.id + " was withdrawn");
  const std::vector<const Act*> history = effective();
  const Act* end = ending_of(history);
  if (end && a.type != "voided" && !allowed_after_end(*history.front(), *end, a))
    return refuse("case_ended", kind + " " + a.id + " ended on " + end->date.iso() + " (" + end->type + ")");
  if (const std::string ag = a.text("agency"); !ag.empty() && !refs.agency_known(ag))
    return refuse("unknown_agency", "agency " + ag + " is not known");
  if (const std::string b = a.text("body"); !b.empty() && !refs.body_known(b))
    return refuse("unknown_body", "body " + b + " is not known");
  if (a.type == "voided") {
    const int64_t target = a.integer("voids");
    if (target >= a.seq || target > version()) return refuse("void_target", "act " + std::to_string(target) + " does not exist");
    const Act& t = acts_[static_cast<size_t>(target - 1)];
    if (t.type == "voided") return refuse("void_target", "a correction is not voided");
    if (std::find(history.begin(), history.end(), &t) == history.end())
      return refuse("void_target", "act " + std::to_string(target) + " is already voided");
    if (is_ending(t.kind, t.type)) return refuse("void_target", "an ending act is not voided");
    if (target == 1 && history.size() > 1)
      return refuse("void_target", "the opening act is voided only when no other act counts");
    // The history without the target must still obey the rules.
    std::vector<const Act*> rest;
    for (const Act* x : history) {
      if (x == &t) continue;
      if (!rest.empty()) {
        if (std::string why = transition_error(rest, *x); !why.empty())
          return refuse("bad_transition", "without act " + std::to_string(target) + ": " + why);
      }
      rest.push_back(x);
    }
    return {};
  }
  if (!exists()) return {};
  if (std::string why = transition_error(history, a); !why.empty()) return refuse("bad_transition", why);
  return {};
}

}  // namespace thads::oversight
