// The procuracy's review (issue 15 item 4) on a page and in the API:
// /accountability/review and /api/v1/accountability/review, ?agency=&from=&to=
// (the period of the case reports; default the current statistical year and
// the user's agency) and ?today=. The cases of the subtree classified without
// conditions in the period (also those resumed since) with their
// verifications and when each decision reached the procuracy (Art. 38); the
// agency's overdue answers. From each case the procuracy opens its protest or
// recommendation (the oversight form, prefilled). The use case
// (app/procuracy_review.h) checks who may see it.
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"
#include "http/route_registry.h"
#include "modules/accountability/app/procuracy_review.h"
#include "modules/accountability/http/acc_review.h"

namespace thads::accountability {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

struct Query {
  std::string agency;
  Date from, to, today;
};

std::variant<Query, Refusal> query_of(Ctx& ctx, const Request& req) {
  auto q = http::report_query(ctx, req, Form::cases);
  if (auto* r = std::get_if<Refusal>(&q)) return *r;
  auto today = http::today_param(ctx, req);
  if (!today) return Refusal{"bad_field", "today must be YYYY-MM-DD", ""};
  const ReportQuery& rq = std::get<ReportQuery>(q);
  return Query{rq.agency, rq.period.from, rq.period.to, *today};
}

std::string status_vi(const std::string& s) {
  return s == "on_time" ? "Gửi đúng hạn" : s == "late" ? "Gửi quá hạn" : s == "overdue" ? "Chưa gửi, quá hạn" : "Chưa gửi, còn hạn";
}

json review_json(const Review& r) {
  json cases = json::array();
  for (const ReviewCase& c : r.cases) {
    json verifications = json::array(), decisions = json::array();
    for (const auto& [date, result] : c.verifications) verifications.push_back({{"date", date.iso()}, {"result", result}});
    for (const ReviewDecision& d : c.decisions)
      decisions.push_back({{"seq", d.seq}, {"type", d.type}, {"date", d.date.iso()}, {"due", d.due.iso()},
                           {"sent", d.sent ? d.sent->iso() : ""}, {"status", d.status}});
    cases.push_back({{"case", c.case_id}, {"agency", c.agency}, {"debtor", c.debtor}, {"reason", c.reason},
                     {"unable_date", c.unable_date.iso()}, {"resumed", c.resumed ? c.resumed->iso() : ""},
                     {"verifications", verifications}, {"decisions", decisions}});
  }
  json overdue = json::array();
  for (const OverdueAnswer& o : r.overdue)
    overdue.push_back({{"id", o.id}, {"agency", o.agency}, {"title", o.title}, {"action", o.action}, {"label", o.label},
                       {"article", o.article}, {"due", o.due.iso()}, {"days_late", o.days_late}});
  return {{"agency", r.agency}, {"from", r.from.iso()}, {"to", r.to.iso()}, {"today", r.today.iso()},
          {"cases", cases}, {"overdue", overdue},
          {"sent", {{"on_time", r.sent_on_time}, {"late", r.sent_late}, {"not_sent", r.not_sent}}}};
}

json case_view(const ReviewCase& c, bool may_act) {
  json verifications = json::array(), decisions = json::array();
  for (const auto& [date, result] : c.verifications)
    verifications.push_back({{"date", date.vn()}, {"result", code_label("result", result)}});
  for (const ReviewDecision& d : c.decisions) {
    const auto t = event_type_from(d.type);
    decisions.push_back({{"label", t ? std::string(label_vi(*t)) : d.type}, {"date", d.date.vn()}, {"due", d.due.vn()},
                         {"sent", d.sent ? d.sent->vn() : "—"}, {"status", status_vi(d.status)},
                         {"late", d.status == "late" || d.status == "overdue"}});
  }
  const std::string prefill = "/oversight/new?kind=procuracy&case=" + http::url_encode(c.case_id) +
                              "&agency=" + http::url_encode(c.agency);
  return {{"case", c.case_id}, {"href", "/cases/" + http::url_encode(c.case_id)}, {"agency", c.agency},
          {"debtor", c.debtor}, {"reason", code_label("reason", c.reason)}, {"unable_date", c.unable_date.vn()},
          {"resumed", c.resumed ? c.resumed->vn() : ""}, {"verifications", verifications},
          {"has_verifications", !verifications.empty()}, {"decisions", decisions}, {"may_act", may_act},
          {"protest_href", prefill + "&type=protest"}, {"recommend_href", prefill + "&type=recommendation"}};
}

}  // namespace

Response page_review(Ctx& ctx, const Request& req) {
  auto q = query_of(ctx, req);
  if (auto* r = std::get_if<Refusal>(&q)) return http::error_page(ctx, req, 400, http::refusal_vi(*r));
  const Query& a = std::get<Query>(q);
  auto res = procuracy_review(ctx.store(), ctx.session->user, a.agency, a.from, a.to, a.today);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
    if (r->code == "forbidden") return http::deny(ctx, req, http::Kind::page, Verdict::forbidden);
    return http::error_page(ctx, req, 422, http::refusal_vi(*r));
  }
  const Review& r = std::get<Review>(res);
  const bool may_act = ctx.actor.role == Role::procuracy;
  json cases = json::array(), overdue = json::array();
  for (const ReviewCase& c : r.cases) cases.push_back(case_view(c, may_act));
  for (const OverdueAnswer& o : r.overdue)
    overdue.push_back({{"id", o.id}, {"href", "/oversight/" + http::url_encode(o.id)}, {"agency", o.agency},
                       {"title", o.title}, {"label", o.label}, {"article", o.article}, {"due", o.due.vn()},
                       {"days_late", o.days_late}});
  return http::render_page(ctx, req, 200, "accountability_review", "Kiểm sát việc xác định chưa có điều kiện thi hành án",
                           {{"agency", r.agency}, {"from", r.from.iso()}, {"to", r.to.iso()},
                            {"period", r.from.vn() + " – " + r.to.vn()}, {"cases", cases},
                            {"has_cases", !cases.empty()}, {"count", cases.size()}, {"overdue", overdue},
                            {"has_overdue", !overdue.empty()}, {"may_act", may_act}, {"on_time", r.sent_on_time}, {"late", r.sent_late},
                            {"not_sent", r.not_sent}});
}

Response api_review(Ctx& ctx, const Request& req) {
  auto q = query_of(ctx, req);
  if (auto* r = std::get_if<Refusal>(&q)) return http::refusal_response(*r);
  const Query& a = std::get<Query>(q);
  auto res = procuracy_review(ctx.store(), ctx.session->user, a.agency, a.from, a.to, a.today);
  if (auto* r = std::get_if<Refusal>(&res)) return http::refusal_response(*r);
  return http::json_response(200, review_json(std::get<Review>(res)));
}

}  // namespace thads::accountability
