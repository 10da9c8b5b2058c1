// The case page's section «Khiếu nại, kiến nghị liên quan» (issue 15 item 2):
// the complaints and the procuracy's protests, recommendations and
// requirements linked to the case, each linking to its file, with its state
// and, for a resolved complaint, to whom its decision has gone and to whom it
// has not yet (TT 13/2021/TT-BTP Art. 14: the parties, the superior agency and
// the same-level procuracy). Denunciations are never shown here (see
// grievances_of_case). Registered with the case page's section registry
// (http/case_page_blocks.h); nothing is rendered when the case has none.
#include "app/accounts.h"
#include "http/case_page_blocks.h"
#include "http/pages.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/http/oversight_forms.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;

std::string labels(const std::vector<std::string>& recipients) {
  std::string t;
  for (const std::string& r : recipients) t += (t.empty() ? "" : "; ") + recipient_label_vi(r);
  return t;
}

std::string section(http::Ctx& ctx, const CaseDetail& d, const CaseScope&, Date) {
  if (!ctx.session || d.view.case_id.empty()) return {};
  const std::vector<CaseGrievance> list = grievances_of_case(ctx.store(), ctx.access(), ctx.session->user, d.view.case_id);
  if (list.empty()) return {};
  json rows = json::array();
  for (const CaseGrievance& g : list) {
    const auto opened = Date::parse(g.row.opened);
    json r{{"id", g.row.id},
           {"href", "/oversight/" + http::url_encode(g.row.id)},
           {"kind", std::string(label_vi(g.kind))},
           {"opened", opened ? opened->vn() : g.row.opened},
           {"state", state_label(g.row.state)},
           {"title", g.row.title},
           {"sending", false}};
    if (g.sending)
      r["sending"] = {{"sent", labels(g.sending->sent)},
                      {"has_sent", !g.sending->sent.empty()},
                      {"missing", labels(g.sending->missing)},
                      {"has_missing", !g.sending->missing.empty()}};
    rows.push_back(std::move(r));
  }
  return ctx.app.templates().render("oversight_case_section", json{{"rows", rows}});
}

[[maybe_unused]] const bool registered = [] {
  http::register_case_page_section(&section);
  return true;
}();

}  // namespace
}  // namespace thads::oversight
