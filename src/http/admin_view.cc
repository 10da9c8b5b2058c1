#include "http/admin_view.h"

#include "app/held_officers.h"
#include "http/pages.h"

namespace thads::http {

using json = nlohmann::json;

std::string agency_label(Ctx& ctx, const std::string& code) {
  auto i = ctx.tree().find(code);
  return i ? ctx.tree().at(*i).name : code;
}

json agency_options(Ctx& ctx, const std::string& selected, bool with_blank) {
  json a = json::array();
  if (with_blank) a.push_back({{"value", ""}, {"label", "— Không —"}, {"selected", selected.empty()}});
  for (const std::string& code : ctx.access().subtree_codes(ctx.actor))
    a.push_back({{"value", code}, {"label", agency_label(ctx, code) + " (" + code + ")"}, {"selected", code == selected}});
  return a;
}

json officer_options(Ctx& ctx, const std::string& selected) {
  json a = json::array();
  a.push_back({{"value", ""}, {"label", "— Không —"}, {"selected", selected.empty()}});
  for (const OfficerRecord& o : *held_officers(ctx.store(), ctx.app.cache()))
    if (ctx.access().in_subtree(ctx.actor, o.agency))
      a.push_back({{"value", o.id}, {"label", o.name + " (" + o.id + ") — " + agency_label(ctx, o.agency)},
                   {"selected", o.id == selected}});
  return a;
}

std::optional<Response> admin_gate(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().manage_users(ctx.actor, ctx.actor.agency); v != Verdict::allow)
    return deny(ctx, req, Kind::page, v);
  return std::nullopt;
}

}  // namespace thads::http
