#include "modules/accountability/app/procuracy_review.h"

#include <algorithm>
#include <map>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "modules/accountability/app/acc_access.h"
#include "modules/accountability/domain/deliveries.h"
#include "modules/accountability/domain/records.h"
#include "modules/accountability/store/accountability_store.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::accountability {
namespace {

// The case's review, or nothing when no classification as without
// conditions that counts (not voided) is dated in [from, to].
std::optional<ReviewCase> review_case(Store& store, const std::string& id, Date from, Date to, Date today,
                                      const Calendar& cal) {
  ReviewCase c;
  bool classified = false;
  c.case_id = id;
  c.agency = case_agency(store.db(), id);
  std::map<int64_t, Date> sent;
  for (const Delivery& d : deliveries_of_case(store.db(), id)) sent[d.decision] = d.date;
  const std::vector<Event> stream = store.load_stream(id);
  for (const Event* e : effective_history(stream)) {
    if (to < e->date) break;
    if (e->type == EventType::case_opened && e->opened()) c.debtor = e->opened()->debtor.name;
    if (const auto* v = e->if_is<Verified>()) c.verifications.emplace_back(e->date, v->result);
    if (e->type == EventType::unable_decided && !(e->date < from))
      classified = true, c.unable_date = e->date, c.reason = e->as<UnableDecided>().reason, c.resumed.reset();
    if (e->type == EventType::resumed && classified) c.resumed = e->date;
    if (!is_decision(to_string(e->type)) || e->date < from) continue;
    ReviewDecision d;
    d.seq = e->seq;
    d.type = std::string(to_string(e->type));
    d.date = e->date;
    d.due = cal.add_working_days(e->date, kSendToProcuracyWorkingDays);
    if (auto it = sent.find(e->seq); it != sent.end()) d.sent = it->second;
    d.status = delivery_status(d.due, d.sent, today);
    c.decisions.push_back(std::move(d));
  }
  if (!classified) return std::nullopt;
  return c;
}

}  // namespace

std::variant<Review, Refusal> procuracy_review(Store& store, const User& user, const std::string& agency, Date from,
                                               Date to, Date today) {
  if (to < from) return Refusal{"bad_field", "from must not be after to", ""};
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Actor actor = Actor::of(user);
  const std::string code = agency.empty() ? user.agency : agency;
  if (Verdict v = view_review(access, actor, code); v != Verdict::allow)
    return Refusal{v == Verdict::not_found ? "not_found" : "forbidden", "the review of " + code + " is not yours", ""};
  const std::vector<std::string> agencies = access.subtree_codes(actor, code);
  const Calendar cal = official_calendar_with(store.holidays());
  Review r;
  r.agency = code, r.from = from, r.to = to, r.today = today;
  for (const std::string& id : unable_cases(store.db(), agencies, from.iso(), to.iso())) {
    std::optional<ReviewCase> c = review_case(store, id, from, to, today, cal);
    if (!c) continue;
    for (const ReviewDecision& d : c->decisions)
      ++(d.status == "on_time" ? r.sent_on_time : d.status == "late" ? r.sent_late : r.not_sent);
    r.cases.push_back(std::move(*c));
  }
  std::stable_sort(r.cases.begin(), r.cases.end(), [](const ReviewCase& a, const ReviewCase& b) {
    return a.unable_date < b.unable_date;  // then by case id, the order read
  });
  oversight::StreamFilter f;
  f.kind = "procuracy";
  f.state = "open";
  f.agencies = agencies;
  f.limit = 100000;
  for (const oversight::StreamRow& row : oversight::list_streams(store.db(), f)) {
    const auto acts = oversight::load_acts(store.db(), oversight::StreamKind::procuracy, row.id);
    for (const Deadline& d : oversight::stream_deadlines(acts, today, cal)) {
      if (d.action == "lodge" || d.met_on || !(d.due < today)) continue;
      r.overdue.push_back({row.id, row.agency, row.title, d.action, d.label_vi, d.article, d.due, today - d.due});
    }
  }
  return r;
}

}  // namespace thads::accountability
