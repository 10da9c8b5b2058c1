// Pages of the daily work: the work queue (the case lists are in page_lists.cc).
#include <algorithm>

#include "app/case_deadlines.h"
#include "app/queue_answers.h"
#include "http/event_form.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/report_access.h"

namespace thads::http {
namespace {

nlohmann::json queue_group(const std::vector<QueueItem>& items, const std::string& bucket) {
  nlohmann::json a = nlohmann::json::array();
  for (const QueueItem& i : items) {
    if (i.bucket != bucket) continue;
    a.push_back({{"case", i.case_id},
                 {"href", (!i.page.empty() ? i.page : i.kind == "case" ? "/cases/" : "/oversight/") + url_encode(i.case_id)},
                 {"debtor", i.debtor_name},
                 {"action", i.label_vi},
                 {"action_id", i.action},
                 {"due", i.due.vn()},
                 {"days_late", i.days_late},
                 {"article", i.article},
                 {"officer", i.officer}});
  }
  return a;
}

// The officers of the actor's subtree to filter the queue by (not offered to
// an officer, whose queue is always their own).
nlohmann::json queue_officers(Ctx& ctx, const std::string& selected) {
  nlohmann::json a = nlohmann::json::array();
  a.push_back({{"value", ""}, {"label", "Tất cả chấp hành viên"}, {"selected", selected.empty()}});
  const std::vector<std::string> scope = ctx.access().subtree_codes(ctx.actor);
  for (const OfficerRecord& o : ctx.store().officers())
    if (o.role == "enforcement_officer" && std::find(scope.begin(), scope.end(), o.agency) != scope.end())
      a.push_back({{"value", o.id}, {"label", o.name + " (" + o.id + ")"}, {"selected", o.id == selected}});
  return a;
}

}  // namespace

Response page_queue(Ctx& ctx, const Request& raw) {
  const Request req = with_form_dates(raw);  // dd/mm/yyyy typed in the page's form
  if (auto v = ctx.access().work_queue(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::page, v);
  auto today = today_param(ctx, req);
  if (!today) return error_page(ctx, req, 400, "Ngày không hợp lệ.");
  QueueQuery q;
  q.today = *today;
  q.agency = ctx.actor.agency;
  q.officer = queue_officer(ctx.actor, req.q("officer"));
  auto res = held_deadline_queue(ctx.store(), ctx.app.cache(), q);
  if (auto* r = std::get_if<Refusal>(&res)) return error_page(ctx, req, 422, refusal_vi(*r));
  const std::shared_ptr<const QueueAnswer> answer = std::get<std::shared_ptr<const QueueAnswer>>(res);
  const auto& items = answer->items;
  return render_page(ctx, req, 200, "queue", "Việc cần làm",
                     {{"today", today->vn()},
                      {"mine", ctx.actor.role == Role::officer},
                      {"officer_filter", ctx.actor.role != Role::officer},
                      {"officers", ctx.actor.role == Role::officer ? nlohmann::json::array() : queue_officers(ctx, q.officer)},
                      {"overdue", queue_group(items, "overdue")},
                      {"due_today", queue_group(items, "due_today")},
                      {"upcoming", queue_group(items, "upcoming")},
                      {"has_overdue", !queue_group(items, "overdue").empty()},
                      {"has_due_today", !queue_group(items, "due_today").empty()},
                      {"has_upcoming", !queue_group(items, "upcoming").empty()},
                      {"count", items.size()}});
}

}  // namespace thads::http
