#include "app/import.h"

#include <unordered_map>
#include <unordered_set>

#include "app/calendar_source.h"
#include "domain/case_view.h"
#include "domain/interchange.h"

namespace thads {
namespace {

struct Pending {
  enum Kind { event, agency, officer, target, holiday } kind;
  size_t index;  // into the matching vector
};

class Importer {
 public:
  Importer(Store& s, const ImportOptions& o) : store_(s), opt_(o) {
    for (auto& a : s.agencies()) ref_["agency\x1f" + a.code] = a.raw, agencies_.insert(a.code);
    for (auto& x : s.officers()) ref_["officer\x1f" + x.id] = x.raw;
    for (auto& t : s.targets()) ref_["target\x1f" + t.agency + "\x1f" + std::to_string(t.fiscal_year)] = t.raw;
    for (auto& h : s.holidays()) ref_["holiday\x1f" + h.day.date.iso()] = h.raw;
  }

  void line(int64_t n, std::string_view text) {
    Record r = parse_line(text, opt_.now_unix);
    std::visit([&](auto& rec) { on(n, rec); }, r);
  }

  ImportResult finish() {
    if (!res_.ok()) return res_;
    write();
    return res_;
  }

  ImportResult& result() { return res_; }

 private:
  void refuse(int64_t n, Refusal r) { res_.refusals.push_back({n, std::move(r)}); }

  void on(int64_t, Skip&) {}
  void on(int64_t, FormatRecord&) {}
  void on(int64_t n, Refusal& r) {
    refuse(n, r);
  }

  // Reference records: identical = no-op, different = seq_conflict.
  bool fresh(int64_t n, const std::string& key, const std::string& raw) {
    auto it = ref_.find(key);
    if (it == ref_.end()) {
      ref_.emplace(key, raw);
      return true;
    }
    if (same_record(it->second, raw)) ++res_.duplicates;
    else refuse(n, {"seq_conflict", "a different record with the same key is already recorded", ""});
    return false;
  }

  void on(int64_t n, AgencyRecord& a) {
    if (!a.parent.empty() && !agencies_.count(a.parent) && a.parent != a.code) {
      refuse(n, {"unknown_agency", "parent agency " + a.parent + " is not known", ""});
      return;
    }
    if (!fresh(n, "agency\x1f" + a.code, a.raw)) return;
    agencies_.insert(a.code);
    pending_.push_back({Pending::agency, agencies_new_.size()});
    agencies_new_.push_back(std::move(a));
  }
  void on(int64_t n, OfficerRecord& o) {
    if (!agencies_.count(o.agency)) {
      refuse(n, {"unknown_agency", "agency " + o.agency + " is not known", ""});
      return;
    }
    if (!fresh(n, "officer\x1f" + o.id, o.raw)) return;
    pending_.push_back({Pending::officer, officers_new_.size()});
    officers_new_.push_back(std::move(o));
  }
  void on(int64_t n, TargetRecord& t) {
    if (!agencies_.count(t.agency)) {
      refuse(n, {"unknown_agency", "agency " + t.agency + " is not known", ""});
      return;
    }
    if (!fresh(n, "target\x1f" + t.agency + "\x1f" + std::to_string(t.fiscal_year), t.raw)) return;
    pending_.push_back({Pending::target, targets_new_.size()});
    targets_new_.push_back(std::move(t));
  }
  void on(int64_t n, HolidayRec& h) {
    if (!fresh(n, "holiday\x1f" + h.day.date.iso(), h.raw)) return;
    pending_.push_back({Pending::holiday, holidays_new_.size()});
    holidays_new_.push_back(std::move(h));
  }

  void on(int64_t n, Event& e) {
    // After a refused event, later lines of the same case are not checked.
    if (blocked_.count(e.case_id)) return;
    auto it = streams_.find(e.case_id);
    if (it == streams_.end()) it = streams_.emplace(e.case_id, CaseStream(store_.load_stream(e.case_id))).first;
    const Decision d = it->second.decide(e, [&](const std::string& code) { return agencies_.count(code) > 0; });
    if (d.kind == Decision::duplicate) {
      ++res_.duplicates;
      return;
    }
    if (d.kind == Decision::refuse) {
      refuse(n, d.refusal);
      blocked_.insert(e.case_id);
      return;
    }
    touched_.insert(e.case_id);
    pending_.push_back({Pending::event, events_new_.size()});
    events_new_.push_back({e.case_id, e.seq, e.recorded_at, e.actor, e.raw});
    it->second.append(std::move(e));
  }

  void write() {
    Calendar cal = official_calendar_with(store_.holidays());
    for (const auto& h : holidays_new_) cal.set(h.day);
    WriteTx tx(store_);
    const int64_t total = static_cast<int64_t>(pending_.size());
    int64_t done = 0;
    for (const Pending& p : pending_) {
      switch (p.kind) {
        case Pending::event: {
          const auto& e = events_new_[p.index];
          tx.append("event", e.case_id, e.seq, e.recorded_at, e.actor, e.raw);
          ++res_.events_added;
          break;
        }
        case Pending::agency: {
          const auto& a = agencies_new_[p.index];
          tx.append("agency", a.code, 1, opt_.now_unix, opt_.actor, a.raw);
          tx.put_agency(a);
          ++res_.references_added;
          break;
        }
        case Pending::officer: {
          const auto& o = officers_new_[p.index];
          tx.append("officer", o.id, 1, opt_.now_unix, opt_.actor, o.raw);
          tx.put_officer(o);
          ++res_.references_added;
          break;
        }
        case Pending::target: {
          const auto& t = targets_new_[p.index];
          tx.append("target", t.agency + "/" + std::to_string(t.fiscal_year), 1, opt_.now_unix, opt_.actor, t.raw);
          tx.put_target(t);
          ++res_.references_added;
          break;
        }
        case Pending::holiday: {
          const auto& h = holidays_new_[p.index];
          tx.append("holiday", h.day.date.iso(), 1, opt_.now_unix, opt_.actor, h.raw);
          tx.put_holiday(h);
          ++res_.references_added;
          break;
        }
      }
      if (opt_.progress && ++done % 50000 == 0) opt_.progress("ghi sự kiện", done, total);
    }
    int64_t k = 0;
    const int64_t ncases = static_cast<int64_t>(touched_.size());
    for (const std::string& id : touched_) {
      tx.put_case(project(streams_.at(id), cal));
      if (opt_.progress && ++k % 20000 == 0) opt_.progress("cập nhật hồ sơ", k, ncases);
    }
    res_.cases_touched = ncases;
    tx.commit();
  }

  struct NewEvent {
    std::string case_id;
    int64_t seq;
    int64_t recorded_at;
    std::string actor;
    std::string raw;
  };

  Store& store_;
  const ImportOptions& opt_;
  ImportResult res_;
  std::unordered_map<std::string, std::string> ref_;
  std::unordered_set<std::string> agencies_;
  std::unordered_map<std::string, CaseStream> streams_;
  std::unordered_set<std::string> blocked_;
  std::unordered_set<std::string> touched_;
  std::vector<Pending> pending_;
  std::vector<NewEvent> events_new_;
  std::vector<AgencyRecord> agencies_new_;
  std::vector<OfficerRecord> officers_new_;
  std::vector<TargetRecord> targets_new_;
  std::vector<HolidayRec> holidays_new_;
};

}  // namespace

ImportResult import_jsonl(Store& store, std::istream& in, const ImportOptions& opt) {
  Importer imp(store, opt);
  std::string text;
  int64_t n = 0;
  while (std::getline(in, text)) {
    imp.line(++n, text);
    if (opt.progress && n % 50000 == 0) opt.progress("kiểm tra", n, 0);
  }
  imp.result().lines = n;
  return imp.finish();
}

}  // namespace thads
