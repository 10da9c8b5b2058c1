#include "app/reports.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/agency_directory.h"
#include "domain/case_view.h"
#include "store/read_model_scans.h"

namespace thads {
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

namespace {

uint8_t status_code(const std::string& s) {
  if (s == "active") return 1 + static_cast<uint8_t>(Status::active);
  if (s == "postponed_agreed") return 1 + static_cast<uint8_t>(Status::postponed_agreed);
  if (s == "postponed_suspended") return 1 + static_cast<uint8_t>(Status::postponed_suspended);
  if (s == "unable") return 1 + static_cast<uint8_t>(Status::unable);
  return 0;  // ended, withdrawn
}
constexpr uint8_t kUnable = 1 + static_cast<uint8_t>(Status::unable);


template <typename Index>
Index intern(std::unordered_map<std::string, Index>& index, std::vector<std::string>& names, const std::string& s) {
  auto [it, fresh] = index.try_emplace(s, static_cast<Index>(names.size()));
  if (fresh) names.push_back(s);
  return it->second;
}

}  // namespace

void StatsSnapshot::put_case(const Row& r, std::optional<size_t> slot) {
  thread_local CaseTimeline t;
  if (!parse_timeline(r.s(2), t)) throw StoreError("unreadable statistics timeline; run thads rebuild");
  auto idx = tree_.find(r.s(1));
  const int agency = idx ? *idx : -1;
  const uint8_t st = status_code(r.s(3));
  const Date opened = Date::parse(r.s(5)).value_or(t.opened);
  const Now now{agency, opened.days(), st, st == kUnable ? intern(reason_index_, reasons_, r.s(4)) : uint16_t{0}};
  if (slot) {
    table_.replace(*slot, t, agency);
    now_[*slot] = now;
  } else {
    table_.add(t, agency);
    now_.push_back(now);
  }
}

std::optional<size_t> StatsSnapshot::slot_of(const std::string& case_id) const {
  if (ids_) {
    auto it = ids_->index.find(case_id);
    if (it != ids_->index.end()) return it->second;
  }
  auto it = added_.find(case_id);
  if (it != added_.end()) return it->second;
  return std::nullopt;
}

StatsSnapshot StatsSnapshot::load(Store& store, std::optional<int64_t> as_known_at) {
  StatsSnapshot s;
  Db& db = store.db();
  Snapshot tx(store);
  s.position_ = store.journal_position();
  s.tree_ = load_agency_tree(store);
  s.targets_ = store.targets();
  if (as_known_at) {
    // Only the statistics are known as of a past moment; the current-state
    // figures (current()) stay empty.
    s.as_known_at_ = true;
    const int64_t t = *as_known_at;
    auto keep = [t](const Event& e) { return e.recorded_at <= t; };
    for (const std::string& id : store.case_ids()) {
      std::vector<Event> stream = store.load_stream(id);
      if (stream.empty() || !stream.front().opened()) continue;
      auto idx = s.tree_.find(stream.front().opened()->agency);
      s.table_.add(build_timeline(stream, keep), idx ? *idx : -1);
    }
    tx.commit();
    return s;
  }
  if (const int64_t n = count_cases(db); n > 0) {
    const auto count = static_cast<size_t>(n);
    s.table_.reserve(count, count * 6);
    s.now_.reserve(count);
  }
  // Deadlines not met, by case, attached to the case's slot below.
  struct Due {
    std::string agency, officer;
    Date due;
  };
  std::unordered_map<std::string, std::vector<Due>> pending;
  scan_pending_deadlines(db, [&](const Row& r) {
    if (auto due = Date::parse(r.s(3))) pending[r.s(0)].push_back({r.s(1), r.s(2), *due});
  });
  auto ids = std::make_shared<Ids>();
  scan_case_stats(db, [&](const Row& r) {
    const uint32_t slot = static_cast<uint32_t>(s.now_.size());
    s.put_case(r, std::nullopt);
    const std::string id = r.s(0);
    ids->arena += id;
    ids->end.push_back(static_cast<uint32_t>(ids->arena.size()));
    if (auto it = pending.find(id); it != pending.end())
      for (const Due& d : it->second) {
        auto a = s.tree_.find(d.agency);
        s.pending_.push_back({a ? *a : -1, d.due.days(), intern(s.officer_index_, s.officer_ids_, d.officer), slot});
      }
  });
  s.ids_ = std::move(ids);
  for (const OfficerRecord& o : store.officers()) s.officer_names_[o.id] = o.name;
  tx.commit();
  return s;
}

std::shared_ptr<const StatsSnapshot> StatsSnapshot::refresh(std::shared_ptr<const StatsSnapshot> s, Store& store,
                                                            int64_t max_changes) {
  if (!s) return std::make_shared<const StatsSnapshot>(load(store));
  if (s->as_known_at_) return s;  // a past moment does not move
  Db& db = store.db();
  Snapshot tx(store);
  const int64_t pos = store.journal_position();
  if (pos == s->position_) {
    tx.commit();
    return s;
  }
  const Store::JournalChanges changes = store.changes_since(s->position_, max_changes);
  if (changes.reference || changes.too_many) {  // agencies, officers, targets, holidays: reload
    tx.commit();
    return std::make_shared<const StatsSnapshot>(load(store));
  }
  const std::vector<std::string>& touched = changes.cases;
  auto next = std::make_shared<StatsSnapshot>(*s);
  if (next->ids_ && next->ids_->index.empty() && !next->ids_->end.empty()) {
    // First refresh: index the ids loaded at once (in a copy, so that the
    // views point into the arena they index).
    auto ids = std::make_shared<Ids>();
    ids->arena = next->ids_->arena;
    ids->end = next->ids_->end;
    ids->index.reserve(ids->end.size());
    for (size_t i = 0; i < ids->end.size(); ++i) ids->index.emplace(ids->at(i), static_cast<uint32_t>(i));
    next->ids_ = std::move(ids);
  }
  std::vector<uint32_t> slots;
  for (const std::string& id : touched) {
    case_stats_of(db, id, [&](const Row& r) {
      std::optional<size_t> slot = next->slot_of(id);
      if (!slot) {
        slot = next->now_.size();
        next->added_.emplace(id, static_cast<uint32_t>(*slot));
        next->put_case(r, std::nullopt);
      } else {
        next->put_case(r, slot);
      }
      slots.push_back(static_cast<uint32_t>(*slot));
    });
  }
  std::sort(slots.begin(), slots.end());
  std::erase_if(next->pending_,
                [&](const Pending& p) { return std::binary_search(slots.begin(), slots.end(), p.slot); });
  for (const std::string& id : touched) {
    const auto slot = next->slot_of(id);
    if (!slot) continue;
    pending_deadlines_of(db, id, [&](const Row& r) {
      auto due = Date::parse(r.s(2));
      if (!due) return;
      auto a = next->tree_.find(r.s(0));
      next->pending_.push_back({a ? *a : -1, due->days(), intern(next->officer_index_, next->officer_ids_, r.s(1)),
                                static_cast<uint32_t>(*slot)});
    });
  }
  next->position_ = pos;
  tx.commit();
  return next;
}

std::variant<StatsSnapshot::Plan, Refusal> StatsSnapshot::plan(const ReportQuery& q) const {
  std::optional<int> scope = q.agency.empty() ? tree_.root() : tree_.find(q.agency);
  if (!scope)
    return Refusal{"unknown_agency",
                   "agency " + (q.agency.empty() ? std::string("(root)") : q.agency) + " is not known", ""};
  if (q.period.to < q.period.from) return Refusal{"bad_field", "--to is before --from", ""};
  Plan p;
  p.scope = *scope;
  if (q.by == "agency") p.fold.by = Breakdown::agency, p.keys = {};
  else if (q.by == "mode") p.fold.by = Breakdown::mode, p.keys = mode_keys();
  else if (q.by == "judgment_kind") p.fold.by = Breakdown::judgment_kind, p.keys = judgment_kind_keys();
  else if (q.by == "flag") p.fold.by = Breakdown::flag, p.keys = flag_keys();
  else if (!q.by.empty()) return Refusal{"bad_field", "--by must be agency, mode, judgment_kind or flag", ""};
  // Every agency's row, resolved once per query instead of once per case.
  p.fold.agency_row.assign(tree_.size(), -1);
  for (size_t a = 0; a < tree_.size(); ++a)
    if (tree_.within(static_cast<int>(a), *scope)) p.fold.agency_row[a] = -2;
  if (p.fold.by == Breakdown::agency) {
    for (int c : tree_.children(*scope)) {
      const int row = static_cast<int>(p.keys.size());
      p.keys.push_back(tree_.at(c).code);
      for (size_t a = 0; a < tree_.size(); ++a)
        if (tree_.within(static_cast<int>(a), c)) p.fold.agency_row[a] = row;
    }
  }
  p.fold.rows = p.keys.size();
  return p;
}

Report StatsSnapshot::report(const ReportQuery& q, const Plan& plan, Form form, const Columns& total,
                             const std::vector<Columns>& rows) const {
  Report rep;
  rep.form = form;
  rep.period = q.period;
  rep.agency = tree_.at(plan.scope).code;
  rep.agency_name = tree_.at(plan.scope).name;
  rep.by = q.by;
  rep.columns = total;
  rep.columns.derive(form);
  for (size_t i = 0; i < plan.keys.size(); ++i) {
    ReportRow row;
    row.key = plan.keys[i];
    row.label = plan.fold.by == Breakdown::agency ? tree_.at(*tree_.find(row.key)).name : breakdown_label(q.by, row.key);
    row.columns = rows[i];
    row.columns.derive(form);
    rep.rows.push_back(std::move(row));
  }
  // The agency's own target (never a parent's) for the statistical year of `to`.
  const int fy = fiscal_year_of(q.period.to);
  for (const auto& t : targets_)
    if (t.agency == rep.agency && t.fiscal_year == fy)
      rep.target_rate_x100 = form == Form::cases ? t.cases_rate_x100 : t.money_rate_x100;
  return rep;
}

std::variant<Report, Refusal> StatsSnapshot::compute(const ReportQuery& q) const {
  auto p = plan(q);
  if (auto* r = std::get_if<Refusal>(&p)) return *r;
  Plan& pl = std::get<Plan>(p);
  pl.fold.cases = q.form == Form::cases;
  pl.fold.money = q.form == Form::money;
  const FoldResult f = table_.fold(q.period, pl.fold);
  return q.form == Form::cases ? report(q, pl, Form::cases, f.cases, f.cases_rows)
                               : report(q, pl, Form::money, f.money, f.money_rows);
}

std::variant<std::pair<Report, Report>, Refusal> StatsSnapshot::compute_both(const ReportQuery& q) const {
  auto p = plan(q);
  if (auto* r = std::get_if<Refusal>(&p)) return *r;
  const Plan& pl = std::get<Plan>(p);
  const FoldResult f = table_.fold(q.period, pl.fold);
  return std::pair{report(q, pl, Form::cases, f.cases, f.cases_rows),
                   report(q, pl, Form::money, f.money, f.money_rows)};
}

std::variant<CurrentFigures, Refusal> StatsSnapshot::current(const std::string& agency, Date today) const {
  std::optional<int> scope = agency.empty() ? tree_.root() : tree_.find(agency);
  if (!scope) return Refusal{"unknown_agency", "agency " + agency + " is not known", ""};
  std::vector<char> in(tree_.size());
  for (size_t a = 0; a < tree_.size(); ++a) in[a] = tree_.within(static_cast<int>(a), *scope);
  auto inside = [&](int32_t a) { return a >= 0 && static_cast<size_t>(a) < in.size() && in[static_cast<size_t>(a)]; };
  CurrentFigures f;
  const int32_t y1 = today.plus_months(-12).days(), y2 = today.plus_months(-24).days(),
                y5 = today.plus_months(-60).days();
  std::vector<int64_t> by_reason(reasons_.size());
  for (const Now& c : now_) {
    if (c.status == 0 || !inside(c.agency)) continue;
    f.backlog_by_age[c.opened > y1 ? 0 : c.opened > y2 ? 1 : c.opened > y5 ? 2 : 3] += 1;
    if (c.status == kUnable) by_reason[c.reason] += 1;
  }
  for (size_t i = 0; i < reasons_.size(); ++i)
    if (by_reason[i]) f.unable_by_reason.emplace_back(reasons_[i], by_reason[i]);
  std::sort(f.unable_by_reason.begin(), f.unable_by_reason.end());
  std::vector<int64_t> by_officer(officer_ids_.size());
  const int32_t t = today.days();
  for (const Pending& p : pending_)
    if (p.due < t && inside(p.agency)) by_officer[p.officer] += 1;
  for (size_t i = 0; i < officer_ids_.size(); ++i) {
    if (!by_officer[i]) continue;
    auto name = officer_names_.find(officer_ids_[i]);
    f.overdue_by_officer.push_back(
        {officer_ids_[i], name == officer_names_.end() ? std::string() : name->second, by_officer[i]});
  }
  std::sort(f.overdue_by_officer.begin(), f.overdue_by_officer.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.officer < b.officer;
  });
  return f;
}

std::variant<Report, Refusal> run_report(Store& store, const ReportQuery& q) {
  // A report as known at a past moment is built from the journal; the
  // others start from the saved snapshot when it matches the journal.
  if (q.as_known_at) return StatsSnapshot::load(store, q.as_known_at).compute(q);
  return StatsSnapshot::load_saved(store)->compute(q);
}

}  // namespace thads
