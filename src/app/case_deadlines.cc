#include "app/case_deadlines.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "app/agency_directory.h"
#include "app/settings.h"
#include "app/calendar_source.h"
#include "app/modules.h"
#include "app/reports.h"
#include "domain/voided.h"
#include "store/case_queries.h"

namespace thads {

std::variant<CaseDeadlines, Refusal> case_deadlines(Store& store, const std::string& case_id, Date today) {
  return case_deadlines(store.load_stream(case_id), case_id, today, official_calendar_with(store.holidays()),
                        set_aside_case_events(store, case_id));
}

std::variant<CaseDeadlines, Refusal> case_deadlines(const std::vector<Event>& stream, const std::string& case_id,
                                                    Date today, const Calendar& cal,
                                                    const std::set<int64_t>& set_aside) {
  if (stream.empty()) return Refusal{"unknown_case", "case " + case_id + " is not known", ""};
  const SeqSet voided = voided_seqs(stream);
  std::vector<Event> hist;
  for (const Event& e : stream) {
    if (e.type == EventType::voided || voided.count(e.seq) || set_aside.count(e.seq) || e.date > today) continue;
    hist.push_back(e);
  }
  if (voided.count(1)) hist.clear();  // withdrawn: no deadlines
  return CaseDeadlines{case_id, today, compute_deadlines(hist, today, cal, legal_settings())};
}

nlohmann::ordered_json deadlines_json(const CaseDeadlines& d) { return deadlines_json(d.report.deadlines); }

nlohmann::ordered_json deadlines_json(std::span<const Deadline> deadlines) {
  auto out = nlohmann::ordered_json::array();
  for (const Deadline& x : deadlines) {
    nlohmann::ordered_json o;
    o["action"] = x.action;
    o["label"] = x.label_vi;
    o["due"] = x.due.iso();
    o["article"] = x.article;
    o["status"] = std::string(to_string(x.state));
    o["met_on"] = x.met_on ? nlohmann::ordered_json(x.met_on->iso()) : nlohmann::ordered_json(nullptr);
    o["days_late"] = x.days_late;
    if (!x.note.empty()) o["note"] = x.note;
    out.push_back(std::move(o));
  }
  return out;
}

std::string to_json(const CaseDeadlines& d) {
  nlohmann::ordered_json j;
  j["case"] = d.case_id;
  j["today"] = d.today.iso();
  j["deadlines"] = deadlines_json(d);
  j["warnings"] = nlohmann::ordered_json::array();
  for (const Warning& w : d.report.warnings)
    j["warnings"].push_back({{"code", w.code}, {"message", w.message_vi}, {"article", w.article}, {"date", w.date.iso()}});
  return j.dump();
}

QueueItem case_queue_item(const PendingDeadlineRow& r, Date today) {
  QueueItem it;
  it.case_id = r.case_id;
  it.action = r.action;
  it.label_vi = r.label;
  it.article = r.article;
  it.agency = r.agency;
  it.officer = r.officer;
  it.debtor_name = r.debtor_name;
  it.due = Date::parse(r.due).value_or(today);
  it.days_late = it.due < today ? today - it.due : 0;
  it.bucket = it.due < today ? "overdue" : it.due == today ? "due_today" : "upcoming";
  return it;
}

std::variant<std::vector<QueueItem>, Refusal> deadline_queue(Store& store, const QueueQuery& q) {
  return deadline_queue(store, load_agency_tree(store), q);
}

std::variant<std::vector<QueueItem>, Refusal> deadline_queue(Store& store, const AgencyTree& tree, const QueueQuery& q) {
  std::vector<QueueItem> out;
  // The agency subtree's codes (empty: everything). The store reads only
  // their rows (index by agency and due day), the modules only their streams.
  std::vector<std::string> codes;
  if (!q.agency.empty()) {
    auto root = tree.find(q.agency);
    if (!root) return Refusal{"unknown_agency", "agency " + q.agency + " is not known", ""};
    for (size_t i = 0; i < tree.size(); ++i)
      if (tree.within(static_cast<int>(i), *root)) codes.push_back(tree.at(static_cast<int>(i)).code);
  }
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  for_each_pending_deadline_until(
      store.db(), horizon.iso(), q.officer, codes,
      [&](const PendingDeadlineRow& r) {
        if (out.size() < q.limit) out.push_back(case_queue_item(r, q.today));
      },
      q.limit);
  // The modules' deadlines (oversight streams …) in the same buckets.
  bool more = false;
  for (const Module& m : modules())
    if (m.queue)
      for (QueueItem& it : m.queue(store, q, codes)) out.push_back(std::move(it)), more = true;
  if (more) {
    std::stable_sort(out.begin(), out.end(), [](const QueueItem& a, const QueueItem& b) {
      return a.due != b.due ? a.due < b.due : a.case_id < b.case_id;
    });
    if (out.size() > q.limit) out.resize(q.limit);
  }
  return out;
}

std::string to_json(const std::vector<QueueItem>& items, Date today) {
  nlohmann::ordered_json j;
  j["today"] = today.iso();
  j["items"] = nlohmann::ordered_json::array();
  for (const auto& i : items)
    j["items"].push_back({{"kind", i.kind}, {"case", i.case_id}, {"action", i.action}, {"label", i.label_vi}, {"due", i.due.iso()},
                          {"status", i.bucket}, {"days_late", i.days_late}, {"article", i.article},
                          {"agency", i.agency}, {"officer", i.officer}, {"debtor", i.debtor_name}});
  return j.dump();
}

}  // namespace thads
