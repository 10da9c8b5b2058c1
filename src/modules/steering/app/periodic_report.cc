#include "modules/steering/app/periodic_report.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/agency_directory.h"
#include "app/modules.h"
#include "app/report_render.h"
#include "app/reports.h"
#include "domain/code_labels.h"
#include "domain/interchange.h"
#include "store/case_queries.h"
#include "modules/steering/app/steering_access.h"
#include "modules/steering/app/steering_import.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {
namespace {

// The periodic reports are read by every role that reads steering records
// but the bodies' users (who only report on their own tasks) and admin.
Verdict read_report(const Access& access, const Actor& a, const std::string& agency) {
  const Verdict v = read_steering(access, a, agency);
  return v == Verdict::allow && a.role == Role::body ? Verdict::forbidden : v;
}

Refusal not_found() { return Refusal{"not_found", "no such report in your agency's subtree", ""}; }
Refusal forbidden() { return Refusal{"forbidden", "your role may not do this here", ""}; }

std::string state_vi(const std::string& s) {
  if (s == "proposed") return "Đề nghị";
  if (s == "accepted") return "Ban Chỉ đạo theo dõi";
  if (s == "rejected") return "Không đưa vào danh sách";
  if (s == "closed") return "Đã kết thúc";
  return s;
}

// The statistics of one form and period, exactly as `thads report`.
std::variant<ojson, Refusal> form_json(const StatsSnapshot& snap, Form form, Date from, Date to,
                                       const std::string& agency) {
  ReportQuery q;
  q.form = form;
  q.period = {from, to};
  q.agency = agency;
  auto r = snap.compute(q);
  if (auto* x = std::get_if<Refusal>(&r)) return *x;
  return ojson::parse(report_to_json(std::get<Report>(r)));
}

struct Scope {
  AgencyTree tree;
  int root = -1;
  std::string agency;
  bool within(const std::string& code) const {
    auto i = tree.find(code);
    return i && tree.within(*i, root);
  }
};

// The agency the report is for, checked against the user's subtree.
std::variant<Scope, Refusal> scope_of(Store& store, const User* user, const std::string& agency) {
  Scope s;
  s.tree = load_agency_tree(store);
  s.agency = !agency.empty() ? agency : user ? user->agency : "";
  if (s.agency.empty())
    if (auto r = s.tree.root()) s.agency = s.tree.at(*r).code;
  auto i = s.tree.find(s.agency);
  if (!i) return Refusal{"unknown_agency", "agency " + s.agency + " is not known", ""};
  s.root = *i;
  if (user) {
    const Access access(s.tree);
    if (Verdict v = read_report(access, Actor::of(*user), s.agency); v != Verdict::allow)
      return v == Verdict::not_found ? not_found() : forbidden();
  }
  return s;
}

ojson task_figures(const Ledger& l, const Scope& s, const ReportPeriod& rp, Date today, BodyCodes& names) {
  const Date asof = std::min(today, rp.to.plus_days(1));
  int64_t cells = 0, done = 0, done_late = 0, overdue = 0;
  std::map<std::string, int64_t> late;
  ojson items = ojson::array();
  for (const auto& [key, t] : l.tasks()) {
    if (!s.within(agency_of_task(l, t))) continue;
    const std::string source =
        t.from_meeting ? "Phiên họp " + t.source : "Chỉ thị " + l.directives().at(t.source).text("number");
    for (const std::string& b : t.bodies)
      for (const Cell& c : l.cells(t, b, asof)) {
        if (c.due < rp.from || c.due > rp.to) continue;
        ++cells;
        if (c.done_on) ++done;
        if (c.done_late) ++done_late;
        if (!c.overdue) continue;
        ++overdue;
        const std::string name = names.name(b).empty() ? b : names.name(b);
        ++late[name];
        items.push_back({{"source", source}, {"number", t.number}, {"text", t.text}, {"body", b}, {"body_name", name},
                         {"due", c.due.iso()}});
      }
  }
  std::vector<std::pair<std::string, int64_t>> lb(late.begin(), late.end());
  std::stable_sort(lb.begin(), lb.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  ojson late_bodies = ojson::array();
  for (const auto& [n, c] : lb) late_bodies.push_back({{"name", n}, {"overdue", c}});
  return {{"cells", cells},     {"done", done},           {"done_late", done_late}, {"overdue", overdue},
          {"late_bodies", late_bodies}, {"overdue_items", items}};
}

ojson key_case_figures(const Ledger& l, const Scope& s, const ReportPeriod& rp, Date today) {
  std::map<std::string, int64_t> by_state{{"proposed", 0}, {"accepted", 0}, {"rejected", 0}, {"closed", 0}};
  ojson items = ojson::array();
  for (const auto& [id, k] : l.key_cases()) {
    if (!s.within(k.agency) || k.proposed_on > rp.to) continue;
    ++by_state[k.state];
    int64_t open = 0, late = 0;
    for (const Step& st : k.steps) open += st.done_on ? 0 : 1, late += st.overdue(today) ? 1 : 0;
    std::string reasons;
    for (const std::string& r : k.reasons) reasons += (reasons.empty() ? "" : "; ") + reason_label_vi(r);
    items.push_back({{"id", id}, {"case", k.case_id}, {"state", k.state}, {"state_vi", state_vi(k.state)},
                     {"reasons", reasons}, {"stuck_reason", k.stuck_reason}, {"steps_open", open},
                     {"steps_overdue", late}});
  }
  ojson out{{"total", static_cast<int64_t>(items.size())}};
  for (const auto& [st, n] : by_state) out[st] = n;
  out["items"] = items;
  return out;
}

// The cases not yet ended, by the time since they were opened, and those
// classified without conditions (chưa có điều kiện thi hành, Luật THADS
// Art. 44a) by reason: as the cases stand on the day the report is drawn up.
std::variant<ojson, Refusal> backlog_figures(const StatsSnapshot& snap, const std::string& agency, Date today) {
  auto now = snap.current(agency, today);
  if (auto* r = std::get_if<Refusal>(&now)) return *r;
  const CurrentFigures& c = std::get<CurrentFigures>(now);
  ojson by_age = ojson::array(), unable = ojson::array();
  int64_t total = 0;
  for (size_t i = 0; i < 4; ++i) {
    by_age.push_back({{"label", kBacklogAges[i].label_vi}, {"cases", c.backlog_by_age[i]}});
    total += c.backlog_by_age[i];
  }
  for (const auto& [code, n] : c.unable_by_reason)
    unable.push_back({{"reason", code}, {"label", code_label("reason", code)}, {"cases", n}});
  return ojson{{"as_of", today.iso()}, {"open", total}, {"by_age", by_age}, {"unable_by_reason", unable}};
}

ojson meeting_figures(const Ledger& l, const Scope& s, const ReportPeriod& rp) {
  ojson out = ojson::array();
  for (const auto& [id, m] : l.meetings()) {
    auto c = l.committees().find(m.text("committee"));
    if (c == l.committees().end() || !s.within(c->second.text("agency"))) continue;
    if (m.date < rp.from || m.date > rp.to) continue;
    std::string agenda, conclusions;
    for (const std::string& a : m.list("agenda")) agenda += (agenda.empty() ? "" : "; ") + a;
    for (const std::string& a : m.list("conclusions")) conclusions += (conclusions.empty() ? "" : "; ") + a;
    out.push_back({{"id", id}, {"committee", c->second.text("name")}, {"date", m.date.iso()}, {"agenda", agenda},
                   {"conclusions", conclusions}});
  }
  return out;
}

ojson fields_of(const Record& r) {
  ojson j = ojson::parse(r.raw);
  j["seq"] = r.seq;
  return j;
}

}  // namespace

std::string periodic_report_id(const std::string& agency, const std::string& period) {
  return "BC-" + agency + "-" + period;
}

std::variant<ojson, Refusal> gather_figures(Store& store, const User* user, const std::string& agency,
                                            const std::string& period, Date today, const StatsSnapshot* stats) {
  auto rp = parse_report_period(period);
  if (!rp) return Refusal{"bad_field", "period must be like 2025-Q3, 2025-6M, 2025-12M or 2025-01-01..2025-03-31", ""};
  auto sc = scope_of(store, user, agency);
  if (auto* r = std::get_if<Refusal>(&sc)) return *r;
  const Scope& s = std::get<Scope>(sc);
  const ReportPeriod last = same_period_last_year(*rp);
  std::optional<StatsSnapshot> loaded;
  if (!stats) stats = &loaded.emplace(StatsSnapshot::load(store));
  const StatsSnapshot& snap = *stats;
  ojson f;
  f["agency"] = s.agency;
  f["agency_name"] = s.tree.at(s.root).name;
  f["period"] = key_of(*rp);
  f["period_label"] = label_vi(*rp);
  f["from"] = rp->from.iso();
  f["to"] = rp->to.iso();
  f["last_year"] = {{"period", key_of(last)}, {"period_label", label_vi(last)}, {"from", last.from.iso()},
                    {"to", last.to.iso()}};
  const std::pair<const char*, Form> forms[] = {{"cases", Form::cases}, {"money", Form::money}};
  for (const auto& [name, form] : forms) {
    auto now = form_json(snap, form, rp->from, rp->to, s.agency);
    if (auto* r = std::get_if<Refusal>(&now)) return *r;
    auto before = form_json(snap, form, last.from, last.to, s.agency);
    if (auto* r = std::get_if<Refusal>(&before)) return *r;
    f[name] = std::get<ojson>(now);
    f[std::string(name) + "_last_year"] = std::get<ojson>(before);
  }
  const Ledger ledger = load_ledger(store.db());
  BodyCodes names(store.db(), [&](const std::string& c) { return s.tree.find(c).has_value(); });
  auto backlog = backlog_figures(snap, s.agency, today);
  if (auto* r = std::get_if<Refusal>(&backlog)) return *r;
  f["backlog"] = std::get<ojson>(std::move(backlog));
  // The other modules' parts: administrative judgments, complaints and
  // denunciations, the procuracy's acts, coordination with other bodies.
  auto sections = periodic_sections(store, {s.agency, rp->from, rp->to, last.from, last.to, today});
  if (auto* r = std::get_if<Refusal>(&sections)) return *r;
  f["sections"] = ojson::array();
  for (const PeriodicSection& x : std::get<std::vector<PeriodicSection>>(sections)) {
    ojson rows = ojson::array();
    for (const auto& row : x.rows) rows.push_back(ojson::parse(nlohmann::json(row).dump()));
    f["sections"].push_back(
        {{"key", x.key}, {"title", x.title}, {"columns", x.columns}, {"rows", std::move(rows)}, {"note", x.note}});
  }
  f["tasks"] = task_figures(ledger, s, *rp, today, names);
  f["key_cases"] = key_case_figures(ledger, s, *rp, today);
  f["meetings"] = meeting_figures(ledger, s, *rp);
  return f;
}

std::variant<ojson, Refusal> draft_report(Store& store, const User* user, const std::string& agency,
                                          const std::string& period, Date today, const StatsSnapshot* stats) {
  auto f = gather_figures(store, user, agency, period, today, stats);
  if (auto* r = std::get_if<Refusal>(&f)) return *r;
  ojson& fig = std::get<ojson>(f);
  ojson d;
  d["id"] = periodic_report_id(fig["agency"].get<std::string>(), fig["period"].get<std::string>());
  d["seq"] = 0;
  d["date"] = today.iso();
  d["agency"] = fig["agency"];
  d["period"] = fig["period"];
  d["number"] = "";
  d["figures"] = std::move(fig);
  return d;
}

namespace {
std::variant<Recorded, Refusal> issue(Store& store, const User* user, const std::string& actor, const IssueRequest& rq,
                                      int64_t now_unix) {
  const Date today = vn_date_of(now_unix);
  auto f = gather_figures(store, user, rq.agency, rq.period, today);
  if (auto* r = std::get_if<Refusal>(&f)) return *r;
  ojson& fig = std::get<ojson>(f);
  const std::string agency = fig["agency"].get<std::string>();
  const std::string id = periodic_report_id(agency, fig["period"].get<std::string>());
  const Ledger ledger = load_ledger(store.db());
  auto it = ledger.periodic_reports().find(id);
  const int64_t seq = it == ledger.periodic_reports().end() ? 1 : static_cast<int64_t>(it->second.size()) + 1;
  nlohmann::json rec{{"kind", "periodic_report"}, {"id", id}, {"seq", seq},
                     {"date", today.iso()}, {"agency", agency}, {"period", fig["period"]},
                     {"number", rq.number}, {"figures", nlohmann::json::parse(fig.dump())}};
  if (!rq.difficulties.empty()) rec["difficulties"] = rq.difficulties;
  if (!rq.proposals.empty()) rec["proposals"] = rq.proposals;
  if (!rq.signer.empty()) rec["signer"] = rq.signer;
  if (!rq.place.empty()) rec["place"] = rq.place;
  if (seq > 1) {
    rec["replaces"] = seq - 1;
    rec["reason"] = rq.reason;
  }
  return record_as(store, user, actor, std::move(rec), now_unix);
}
}  // namespace

std::variant<Recorded, Refusal> issue_report(Store& store, const User& user, const IssueRequest& rq, int64_t now_unix) {
  if (user.role != Role::head && user.role != Role::steering) return forbidden();
  return issue(store, &user, user.login, rq, now_unix);
}

std::variant<Recorded, Refusal> issue_report_as(Store& store, const std::string& actor, const IssueRequest& rq,
                                                int64_t now_unix) {
  return issue(store, nullptr, actor, rq, now_unix);
}

std::variant<std::vector<IssuedReport>, Refusal> issued_reports(Store& store, const User& user) {
  if (user.role == Role::admin || user.role == Role::body) return forbidden();
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Ledger ledger = load_ledger(store.db());
  std::vector<IssuedReport> out;
  for (const auto& [id, versions] : ledger.periodic_reports()) {
    const Record& first = versions.front();
    if (read_steering(access, Actor::of(user), first.text("agency")) != Verdict::allow) continue;
    IssuedReport r{id, first.text("agency"), first.text("period"), {}};
    for (const Record& v : versions) r.versions.push_back(fields_of(v));
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const IssuedReport& a, const IssuedReport& b) {
    return a.versions.back()["date"] != b.versions.back()["date"]
               ? a.versions.back()["date"].get<std::string>() > b.versions.back()["date"].get<std::string>()
               : a.id < b.id;
  });
  return out;
}

std::variant<ojson, Refusal> issued_version(Store& store, const User* user, const std::string& id, int64_t seq) {
  const Ledger ledger = load_ledger(store.db());
  auto it = ledger.periodic_reports().find(id);
  if (it == ledger.periodic_reports().end()) return not_found();
  if (user) {
    const AgencyTree tree = load_agency_tree(store);
    const Access access(tree);
    if (Verdict v = read_report(access, Actor::of(*user), it->second.front().text("agency")); v != Verdict::allow)
      return v == Verdict::not_found ? not_found() : forbidden();
  }
  const auto& vs = it->second;
  if (seq < 0 || seq > static_cast<int64_t>(vs.size())) return not_found();
  return fields_of(vs[static_cast<size_t>(seq == 0 ? static_cast<int64_t>(vs.size()) - 1 : seq - 1)]);
}

namespace {

std::string plain(const ojson& v) {
  if (v.is_null()) return "(chưa có)";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string text_of(const ojson& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
}
const ojson& array_of(const ojson& o, const char* k) {
  static const ojson none = ojson::array();
  return o.is_object() && o.contains(k) && o[k].is_array() ? o[k] : none;
}

// The modules' parts: by key, their rows by label (the first cell), their
// cells by column. An imported record's figures are any object: what is not
// of this shape is compared as far as it goes, never read blind.
void section_changes(const ojson& a, const ojson& b, std::vector<std::string>& out) {
  for (const ojson& sb : b) {
    const std::string title = text_of(sb, "title");
    const auto sa = std::find_if(a.begin(), a.end(), [&](const ojson& x) {
      return x.is_object() && sb.is_object() && text_of(x, "key") == text_of(sb, "key");
    });
    if (sa == a.end()) {
      out.push_back(title + ": (phần mới)");
      continue;
    }
    const ojson& cols = array_of(sb, "columns");
    const ojson& rows_a = array_of(*sa, "rows");
    for (const ojson& rb : array_of(sb, "rows")) {
      if (!rb.is_array() || rb.empty()) continue;
      const auto ra = std::find_if(rows_a.begin(), rows_a.end(),
                                   [&](const ojson& r) { return r.is_array() && !r.empty() && r[0] == rb[0]; });
      for (size_t i = 1; i < rb.size(); ++i) {
        const ojson before = ra != rows_a.end() && i < ra->size() ? (*ra)[i] : ojson();
        if (before == rb[i]) continue;
        out.push_back(title + " — " + plain(rb[0]) + " — " + (i < cols.size() ? plain(cols[i]) : std::to_string(i)) +
                      ": " + plain(before) + " → " + plain(rb[i]));
      }
    }
  }
}

void diff(const ojson& a, const ojson& b, const std::string& path, std::vector<std::string>& out) {
  if (path == "sections" && a.is_array() && b.is_array()) return section_changes(a, b, out);
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : b.items())
      diff(a.contains(k) ? a[k] : ojson(), v, path.empty() ? k : path + "." + k, out);
    for (const auto& [k, v] : a.items())
      if (!b.contains(k)) out.push_back(path + "." + k + ": " + v.dump() + " → (không còn)");
    return;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (size_t i = 0; i < a.size(); ++i) diff(a[i], b[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (a != b) out.push_back(path + ": " + (a.is_null() ? std::string("(chưa có)") : a.dump()) + " → " + b.dump());
}
}  // namespace

std::vector<std::string> figure_changes(const ojson& before, const ojson& after) {
  std::vector<std::string> out;
  diff(before, after, "", out);
  return out;
}

std::variant<RecordedBetween, Refusal> recorded_between(Store& store, const User* user, const std::string& id,
                                                        int64_t seq) {
  auto doc = issued_version(store, user, id, seq);  // the reader's right to the report
  if (auto* r = std::get_if<Refusal>(&doc)) return *r;
  RecordedBetween out;
  const int64_t n = std::get<ojson>(doc)["seq"].get<int64_t>();
  if (n <= 1) return out;
  const std::vector<JournalEntry> versions = store.stream_entries("periodic_report", id);
  if (versions.size() < static_cast<size_t>(n)) return not_found();
  const int64_t after = versions[static_cast<size_t>(n - 2)].pos, before = versions[static_cast<size_t>(n - 1)].pos;
  const ojson& fig = std::get<ojson>(doc)["figures"];
  const Date to = Date::parse(text_of(fig, "to")).value_or(Date{});
  auto sc = scope_of(store, nullptr, text_of(std::get<ojson>(doc), "agency"));
  if (auto* r = std::get_if<Refusal>(&sc)) return *r;
  const Scope& s = std::get<Scope>(sc);
  const std::vector<JournalEntry> entries = store.entries_between(after, before, "event", kReadEntries + 1);
  out.complete = entries.size() <= static_cast<size_t>(kReadEntries);
  std::map<std::string, bool> within;  // case id -> of the subtree
  for (size_t i = 0; i < entries.size() && i < static_cast<size_t>(kReadEntries); ++i) {
    const JournalEntry& e = entries[i];
    auto [it, fresh] = within.try_emplace(e.stream, false);
    if (fresh) {
      const auto view = case_summary(store.db(), e.stream);
      it->second = view && s.within(view->agency);
    }
    if (!it->second) continue;
    const auto ev = parse_stored_event(e.body, e.recorded_at);
    if (!ev || to < ev->date) continue;
    if (++out.counted <= kListedEvents)
      out.events.push_back({e.stream, e.seq, std::string(label_vi(ev->type)), ev->date, e.recorded_at, e.actor});
  }
  return out;
}

}  // namespace thads::steering
