#include "modules/oversight/app/oversight_queries.h"

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "app/report_layout.h"
#include "modules/oversight/domain/admin_report.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {

std::optional<StreamDeadlines> stream_deadlines_of(Store& store, const std::string& id, Date today) {
  auto kind = kind_of(store.db(), id);
  if (!kind) return std::nullopt;
  const std::vector<Act> acts = load_acts(store.db(), *kind, id);
  std::vector<Event> case_history;
  if (*kind == StreamKind::request) {
    const std::vector<Event> stream = store.load_stream(acts.front().text("case"));
    for (const Event* e : effective_history(stream)) case_history.push_back(*e);
  }
  const Calendar cal = official_calendar_with(store.holidays());
  return StreamDeadlines{id, std::string(to_string(*kind)), today, stream_deadlines(acts, today, cal, case_history)};
}

std::variant<ReportOutput, Refusal> admin_judgments_report(Store& store, const ReportArgs& args) {
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  // No agency: the root's whole tree (as for the `cases` form).
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + (args.agency.empty() ? std::string("(root)") : args.agency) + " is not known", ""};
  const std::string agency = scope ? tree.at(*scope).code : args.agency;
  AdminColumns cols;
  for_each_stream(store.db(), StreamKind::admin_judgment, args.as_known_at, [&](std::vector<Act>& acts) {
    if (scope) {
      auto at = tree.find(acts.front().text("agency"));
      if (!at || !tree.within(*at, *scope)) return;
    }
    add_to(cols, standing_of(acts, args.from, args.to));
  });
  ReportOutput out;
  out.json["form"] = "admin-judgments";
  out.json["agency"] = agency;
  out.json["from"] = args.from.iso();
  out.json["to"] = args.to.iso();
  out.json["columns"] = columns_json(cols);
  out.json["target_rate"] = nullptr;  // no target is set for administrative judgments
  out.table = "Theo dõi thi hành án hành chính — " + agency + ", từ " + args.from.vn() + " đến " + args.to.vn() + "\n";
  for (const AdminColumn& c : admin_columns()) {
    const std::string value = c.field ? report_layout::group_thousands(cols.*c.field)
                                      : report_layout::percent_vn(cols.complied_rate_x100());
    out.table += std::string(c.caption_vi) + ": " + value + "\n";
  }
  return out;
}

}  // namespace thads::oversight
