#include "modules/coordination/app/case_requests.h"

#include <map>

#include "app/access.h"
#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "modules/coordination/domain/request_letter.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/domain/freeze_budget.h"

namespace thads::coordination {
namespace {

using oversight::Act;
using oversight::Stream;
using oversight::StreamKind;

// Does the domain accept act `type` at the end of the stream now? (The
// references are not checked: the act names none.)
bool accepted(const Stream& s, const std::string& type, Date today) {
  Act a;
  a.kind = StreamKind::request;
  a.id = s.acts().front().id;
  a.seq = s.version() + 1;
  a.type = type;
  a.date = std::max(today, s.acts().back().date);
  a.p = nlohmann::json::object();
  if (type == "answered") a.p["result"] = "found";
  oversight::Refs refs;
  refs.agency_known = refs.case_known = refs.body_known = [](const std::string&) { return true; };
  return s.decide(a, refs).kind == oversight::Decision::accept;
}

RequestLine line_of(const Stream& s, const oversight::StreamRow& row, Date today) {
  RequestLine l;
  l.row = row;
  const Act& sent = s.acts().front();
  l.body_code = sent.text("body");
  l.purpose = sent.text("purpose");
  l.subject_name = sent.text("subject", "name");
  l.subject_id = sent.text("subject", "id_number");
  l.amount = sent.integer("amount");
  for (const Act* a : s.effective()) {
    if (today < a->date) continue;
    if (a->type == "answered") l.answer = a->text("result"), l.answer_date = a->date.iso();
    if (a->type == "reminded") ++l.reminders;
  }
  for (const Act* a : s.effective())
    if (has_letter(a->type, l.purpose)) l.letters.push_back({a->seq, a->type, a->date.iso()});
  l.frozen = oversight::standing_freeze(s, today);
  l.stop_standing = l.purpose == "stop_transfer" && row.state == "open" && l.answer != "not_found" &&
                    l.answer != "refused" && !(today < sent.date);
  return l;
}

}  // namespace

FreezeSummary freeze_summary(const std::vector<RequestLine>& lines, std::span<const Event> case_events, Date today) {
  FreezeSummary f;
  for (const RequestLine& l : lines) {
    if (__builtin_add_overflow(f.frozen, l.frozen, &f.frozen)) f.frozen = INT64_MAX;
    if (l.stop_standing) ++f.stops;
  }
  f.remaining = std::max<Money>(0, oversight::remaining_on(case_events, today));
  f.excess = f.frozen > f.remaining ? f.frozen - f.remaining : 0;
  if (f.frozen > 0)
    f.coverage_percent = f.remaining == 0 || f.frozen >= f.remaining
                             ? 100
                             : f.frozen <= INT64_MAX / 100 ? f.frozen * 100 / f.remaining
                                                           : f.frozen / (f.remaining / 100);  // remaining > frozen ≥ 100 here
  return f;
}

CaseRequests case_requests(Store& store, const User& user, const std::string& case_id, const std::string& agency,
                           const std::string& officer, std::span<const Event> case_events, Date today) {
  return case_requests(store, load_agency_tree(store), *read_body_register(store), user, case_id, agency, officer,
                       case_events, today);
}

CaseRequests case_requests(Store& store, const AgencyTree& tree, const BodyRegister& bodies, const User& user,
                           const std::string& case_id, const std::string& agency, const std::string& officer,
                           std::span<const Event> case_events, Date today) {
  CaseRequests out;
  const Access access(tree);
  const Actor actor = Actor::of(user);
  const oversight::StreamScope case_scope{StreamKind::request, agency, "", officer};
  out.may_send = oversight::record_on_stream(access, actor, case_scope, "sent") == Verdict::allow;
  const Calendar cal = official_calendar_with(store.holidays());
  std::vector<Event> history;
  for (const Event* e : effective_history(case_events)) history.push_back(*e);
  for (const std::string& id : oversight::requests_of_case(store.db(), case_id)) {
    auto row = oversight::stream_row(store.db(), id);
    if (!row || row->state == "withdrawn") continue;
    const oversight::StreamScope scope{StreamKind::request, row->agency, "", officer};
    if (oversight::read_stream(access, actor, scope) != Verdict::allow) continue;
    const Stream s(oversight::load_acts(store.db(), StreamKind::request, id));
    if (!s.exists()) continue;
    RequestLine l = line_of(s, *row, today);
    l.deadlines = oversight::stream_deadlines(s.acts(), today, cal, history);
    for (const char* type : {"answered", "reminded", "lifted", "closed"})
      if (oversight::record_on_stream(access, actor, scope, type) == Verdict::allow && accepted(s, type, today))
        l.offered.emplace_back(type);
    out.lines.push_back(std::move(l));
  }
  for (RequestLine& l : out.lines) {
    const BodyEntry* b = bodies.find(l.body_code);
    l.body_name = b ? b->body.name : l.body_code;
  }
  std::vector<SentRequest> sent;
  for (const RequestLine& l : out.lines) {
    const BodyEntry* b = bodies.find(l.body_code);
    if (auto d = Date::parse(l.row.opened)) sent.push_back({b ? b->body.type : std::string(), l.purpose, *d});
  }
  const std::set<int64_t> voided_plans = voided_plan_events(stored_coercion_plans(store.db(), case_id));
  for (const Event* e : effective_history(case_events))
    if (const auto* plan = e->if_is<CoercionPlanned>(); plan && plan->mobilised_forces && !voided_plans.count(e->seq))
      out.coercion_plans.push_back({e->seq, e->date, plan->scheduled_date, plan_recipients(e->date, sent)});
  out.freeze = freeze_summary(out.lines, case_events, today);
  return out;
}

std::variant<oversight::ActRecorded, Refusal> send_request(Store& store, const User& user, const std::string& case_id,
                                                           nlohmann::json fields, int64_t now_unix) {
  if (!fields.is_object()) return Refusal{"bad_field", "the request must be a JSON object", ""};
  const std::string agency = case_agency(store.db(), case_id);
  if (agency.empty()) return Refusal{"not_found", "no such case: " + case_id, ""};
  {  // rights first, so that nothing below reveals a case outside the user's subtree
    const AgencyTree tree = load_agency_tree(store);
    const oversight::StreamScope scope{StreamKind::request, agency, "", oversight::case_officer(store.db(), case_id)};
    if (Verdict v = oversight::record_on_stream(Access(tree), Actor::of(user), scope, "sent"); v != Verdict::allow)
      return v == Verdict::not_found ? Refusal{"not_found", "no such case: " + case_id, ""}
                                     : Refusal{"forbidden", "your role may not send requests for this case", ""};
  }
  if (fields.contains("body") && fields["body"].is_string())
    if (auto b = body_entry(store.db(), fields["body"].get<std::string>()); b && !b->active)
      return Refusal{"inactive_body", "body " + b->body.code + " is no longer used for new requests", ""};
  fields["type"] = "sent";
  fields["agency"] = agency;
  fields["case"] = case_id;
  return oversight::open_stream(store, user, StreamKind::request, "", fields, now_unix);
}

}  // namespace thads::coordination
