#include "app/reports.h"

#include <map>

#include "app/agency_directory.h"
#include "domain/case_view.h"

namespace thads {
namespace {

const std::vector<std::string> kModes{"proactive", "on_request"};
const std::vector<std::string> kKinds{"civil", "criminal", "administrative", "marriage_family", "business",
                                      "labour", "bankruptcy", "arbitration", "other"};
const std::vector<std::string> kFlagKeys{"credit_institution", "corruption_economic", "none"};

}  // namespace

std::string breakdown_label(const std::string& by, const std::string& key) {
  static const std::map<std::string, std::string> labels{
      {"proactive", "Chủ động"}, {"on_request", "Theo đơn yêu cầu"},
      {"civil", "Dân sự"}, {"criminal", "Hình sự"}, {"administrative", "Hành chính"},
      {"marriage_family", "Hôn nhân và gia đình"}, {"business", "Kinh doanh, thương mại"},
      {"labour", "Lao động"}, {"bankruptcy", "Phá sản"}, {"arbitration", "Trọng tài"}, {"other", "Khác"},
      {"credit_institution", "Tín dụng, ngân hàng"}, {"corruption_economic", "Tham nhũng, kinh tế"},
      {"none", "Không thuộc nhóm nào"}};
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

StatsSnapshot StatsSnapshot::load(Store& store, std::optional<int64_t> as_known_at) {
  StatsSnapshot s;
  s.tree_ = load_agency_tree(store);
  s.targets_ = store.targets();
  if (!as_known_at) {
    store.db().run("SELECT agency, timeline FROM cases", {}, [&](const Row& r) {
      Entry e;
      auto idx = s.tree_.find(r.s(0));
      e.agency = idx ? *idx : -1;
      if (!parse_timeline(r.s(1), e.timeline)) throw StoreError("unreadable statistics timeline; run thads rebuild");
      s.cases_.push_back(std::move(e));
    });
    return s;
  }
  const int64_t t = *as_known_at;
  auto keep = [t](const Event& e) { return e.recorded_at <= t; };
  for (const std::string& id : store.case_ids()) {
    std::vector<Event> stream = store.load_stream(id);
    if (stream.empty() || !stream.front().opened) continue;
    Entry e;
    auto idx = s.tree_.find(stream.front().opened->agency);
    e.agency = idx ? *idx : -1;
    e.timeline = build_timeline(stream, keep);
    s.cases_.push_back(std::move(e));
  }
  return s;
}

std::variant<Report, Refusal> StatsSnapshot::compute(const ReportQuery& q) const {
  std::optional<int> scope = q.agency.empty() ? tree_.root() : tree_.find(q.agency);
  if (!scope) return Refusal{"unknown_agency", "agency " + (q.agency.empty() ? std::string("(root)") : q.agency) + " is not known", ""};
  if (q.period.to < q.period.from) return Refusal{"bad_field", "--to is before --from", ""};
  Report rep;
  rep.form = q.form;
  rep.period = q.period;
  rep.agency = tree_.at(*scope).code;
  rep.agency_name = tree_.at(*scope).name;
  rep.by = q.by;
  std::vector<std::string> keys;
  std::map<std::string, size_t> row_of;
  if (q.by == "agency") {
    for (int c : tree_.children(*scope)) keys.push_back(tree_.at(c).code);
  } else if (q.by == "mode") keys = kModes;
  else if (q.by == "judgment_kind") keys = kKinds;
  else if (q.by == "flag") keys = kFlagKeys;
  else if (!q.by.empty()) return Refusal{"bad_field", "--by must be agency, mode, judgment_kind or flag", ""};
  for (const auto& k : keys) {
    row_of[k] = rep.rows.size();
    ReportRow row;
    row.key = k;
    if (q.by == "agency") row.label = tree_.at(*tree_.find(k)).name;
    else row.label = breakdown_label(q.by, k);
    rep.rows.push_back(std::move(row));
  }
  for (const Entry& e : cases_) {
    if (e.agency < 0 || !tree_.within(e.agency, *scope)) continue;
    Columns one;
    accumulate(e.timeline, q.form, q.period, one);
    rep.columns += one;
    if (q.by.empty()) continue;
    auto add = [&](const std::string& k) {
      auto it = row_of.find(k);
      if (it != row_of.end()) rep.rows[it->second].columns += one;
    };
    if (q.by == "agency") {
      const int c = tree_.child_toward(e.agency, *scope);
      if (c >= 0) add(tree_.at(c).code);
    } else if (q.by == "mode") add(std::string(to_string(e.timeline.mode)));
    else if (q.by == "judgment_kind") add(e.timeline.judgment_kind);
    else {
      // A case with several flags counts in each (statistics.md).
      if (e.timeline.flags.empty()) add("none");
      for (const auto& f : e.timeline.flags) add(f);
    }
  }
  rep.columns.derive(q.form);
  for (auto& r : rep.rows) r.columns.derive(q.form);
  // The agency's own target (never a parent's) for the statistical year of `to`.
  const int fy = fiscal_year_of(q.period.to);
  for (const auto& t : targets_)
    if (t.agency == rep.agency && t.fiscal_year == fy)
      rep.target_rate_x100 = q.form == Form::cases ? t.cases_rate_x100 : t.money_rate_x100;
  return rep;
}

std::variant<Report, Refusal> run_report(Store& store, const ReportQuery& q) {
  return StatsSnapshot::load(store, q.as_known_at).compute(q);
}

}  // namespace thads
