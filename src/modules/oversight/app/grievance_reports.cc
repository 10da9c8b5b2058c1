#include "modules/oversight/app/grievance_reports.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "app/report_layout.h"
#include "modules/oversight/app/held_streams.h"
#include "modules/oversight/app/oversight_xlsx.h"
#include "modules/oversight/domain/grievance_report.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {
namespace {

// The streams of `kind` in the period's agency subtree, each with its keys;
// returns the agency the report names (the root when none is given).
std::variant<std::string, Refusal> each_counted(Store& store, const ReportArgs& args, StreamKind kind,
                                                const std::function<void(const Act&, const std::vector<std::string>&)>& f) {
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + (args.agency.empty() ? std::string("(root)") : args.agency) + " is not known", ""};
  const Calendar cal = official_calendar_with(store.holidays());
  for_each_stream(store.db(), kind, args.as_known_at, [&](std::vector<Act>& acts) {
    if (scope) {
      auto at = tree.find(acts.front().text("agency"));
      if (!at || !tree.within(*at, *scope)) return;
    }
    auto keys = kind == StreamKind::procuracy ? procuracy_keys(acts, args.from, args.to, cal)
                                              : grievance_keys(acts, args.from, args.to, cal);
    if (!keys.empty()) f(acts.front(), keys);
  });
  return scope ? tree.at(*scope).code : args.agency;
}

// The procuracy's act a stream opened with: protest, recommendation, requirement.
int type_index(const Act& opening) {
  return opening.type == "protest" ? 0 : opening.type == "recommendation" ? 1 : 2;
}

// Each complaint's, denunciation's and procuracy act's column keys for the last periods asked
// (at most kPeriods: the statistical year, its half, its quarter …), held by
// this process (app/held_streams.h) and dropped with the stream when it gets
// a new act: the national report folds the keys already found and reads only
// the streams changed since, or all of them for a period not asked yet
// (issue 15 "Speed"). Keys are grievance_keys() (procuracy_keys() for the
// procuracy's acts), the one definition.
struct KeysMemo {
  std::string agency;
  struct Period {
    Date from, to;
    size_t calendar = 0;  // hash of the holidays the deadlines were judged with
    bool operator==(const Period&) const = default;
  };
  mutable std::vector<std::pair<Period, std::vector<std::string>>> periods;  // period -> keys
  mutable int type = 0;  // a procuracy stream's opening act (type_index), found with its keys
};
constexpr size_t kPeriods = 4;
using HeldKeys = HeldStreams<KeysMemo>;

HeldKeys& held_keys(StreamKind kind) {
  auto source = [](StreamKind kind) {
    return HeldKeys::Source{[kind](Db& db, const std::function<void(const std::string&, KeysMemo&&)>& put) {
                              for_each_stream_agency(db, std::string(to_string(kind)),
                                                     [&](const std::string& id, const std::string& agency) {
                                                       put(id, KeysMemo{agency, {}});
                                                     });
                            },
                            [](Db& db, const std::string& id) -> std::optional<KeysMemo> {
                              auto row = stream_row(db, id);
                              if (!row) return std::nullopt;
                              return KeysMemo{row->agency, {}};
                            }};
  };
  static HeldKeys complaints(StreamKind::complaint, source(StreamKind::complaint));
  static HeldKeys denunciations(StreamKind::denunciation, source(StreamKind::denunciation));
  static HeldKeys procuracy(StreamKind::procuracy, source(StreamKind::procuracy));
  return kind == StreamKind::complaint ? complaints : kind == StreamKind::denunciation ? denunciations : procuracy;
}

// The keys of every complaint (or denunciation, or procuracy act) of the
// period's subtree, as known now, handed to `f` with the stream's opening
// type (procuracy: type_index); the agency the report names, or a refusal.
std::variant<std::string, Refusal> each_held(Store& store, const ReportArgs& args, StreamKind kind,
                                             const std::function<void(int type, const std::vector<std::string>&)>& f) {
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + (args.agency.empty() ? std::string("(root)") : args.agency) + " is not known", ""};
  const std::vector<HolidayRec> holidays = store.holidays();
  const Calendar cal = official_calendar_with(holidays);
  // The period and the calendar it was judged with.
  std::string calendar;
  for (const HolidayRec& h : holidays) calendar += h.raw + "\n";
  const KeysMemo::Period period{args.from, args.to, std::hash<std::string>{}(calendar)};
  std::unordered_map<std::string, bool> within;
  held_keys(kind).with(store, [&](const HeldKeys::Items& items) {
    std::unordered_map<std::string, const KeysMemo*> missing;
    for (const auto& [id, m] : items) {
      if (scope) {
        auto [it, fresh] = within.try_emplace(m.agency, false);
        if (fresh) {
          const auto at = tree.find(m.agency);
          it->second = at && tree.within(*at, *scope);
        }
        if (!it->second) continue;
      }
      auto p = std::find_if(m.periods.begin(), m.periods.end(), [&](const auto& x) { return x.first == period; });
      if (p == m.periods.end()) missing.emplace(id, &m);
      else if (!p->second.empty()) f(m.type, p->second);
    }
    auto found = [&](const KeysMemo& m, std::vector<Act>& acts) {
      std::vector<std::string> keys = kind == StreamKind::procuracy ? procuracy_keys(acts, args.from, args.to, cal)
                                                                     : grievance_keys(acts, args.from, args.to, cal);
      m.type = type_index(acts.front());
      if (!keys.empty()) f(m.type, keys);
      if (m.periods.size() >= kPeriods) m.periods.erase(m.periods.begin());
      m.periods.emplace_back(period, std::move(keys));
    };
    if (missing.size() > 1000) {  // one pass over the journal rather than a query per stream
      for_each_stream(store.db(), kind, std::nullopt, [&](std::vector<Act>& acts) {
        if (auto it = missing.find(acts.front().id); it != missing.end()) found(*it->second, acts);
      });
    } else {
      for (const auto& [id, m] : missing) {
        std::vector<Act> acts = load_acts(store.db(), kind, id);
        if (!acts.empty()) found(*m, acts);
      }
    }
  });
  return scope ? tree.at(*scope).code : args.agency;
}

nlohmann::ordered_json envelope(const char* form, const std::string& agency, const ReportArgs& a) {
  nlohmann::ordered_json j;
  j["form"] = form;
  j["agency"] = agency;
  j["from"] = a.from.iso();
  j["to"] = a.to.iso();
  return j;
}

std::string heading(const char* what, const std::string& agency, const ReportArgs& a) {
  return std::string(what) + " — " + agency + ", từ " + a.from.vn() + " đến " + a.to.vn();
}


}  // namespace

std::variant<GrievanceFigures, Refusal> grievance_figures(Store& store, const ReportArgs& args) {
  GrievanceFigures g;
  GrievanceColumns &c = g.complaints, &d = g.denunciations;
  // As known now: the keys held in memory; --as-known-at: from the journal.
  auto agency = args.as_known_at ? each_counted(store, args, StreamKind::complaint,
                                                [&](const Act&, const std::vector<std::string>& k) {
                                                  add_keys(c, grievance_columns(), k);
                                                })
                                 : each_held(store, args, StreamKind::complaint,
                                             [&](int, const std::vector<std::string>& k) { add_keys(c, grievance_columns(), k); });
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  if (args.as_known_at)
    each_counted(store, args, StreamKind::denunciation,
                 [&](const Act&, const std::vector<std::string>& k) { add_keys(d, grievance_columns(), k); });
  else
    each_held(store, args, StreamKind::denunciation,
              [&](int, const std::vector<std::string>& k) { add_keys(d, grievance_columns(), k); });
  g.agency = std::get<std::string>(agency);
  return g;
}

std::variant<ReportOutput, Refusal> complaints_report(Store& store, const ReportArgs& args) {
  auto figures = grievance_figures(store, args);
  if (auto* r = std::get_if<Refusal>(&figures)) return *r;
  const GrievanceFigures& g = std::get<GrievanceFigures>(figures);
  const GrievanceColumns &c = g.complaints, &d = g.denunciations;
  const std::string& code = g.agency;
  ReportOutput out;
  out.json = envelope("complaints", code, args);
  out.json["complaints"] = columns_json(c, grievance_columns());
  out.json["denunciations"] = columns_json(d, grievance_columns());
  out.table = heading("Giải quyết khiếu nại, tố cáo về thi hành án", code, args) + "\n";
  Sheet sheet{"KN-TC",
              {"KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO VỀ THI HÀNH ÁN DÂN SỰ (Luật THADS Điều 140–159)",
               heading("Đơn vị", code, args)},
              {"Chỉ tiêu", "Khiếu nại", "Tố cáo"},
              {60, 14, 14},
              {}};
  for (const auto& col : grievance_columns()) {
    out.table += std::string(col.caption_vi) + ": " + report_layout::group_thousands(c.*col.field) + " / " +
                 report_layout::group_thousands(d.*col.field) + "\n";
    sheet.rows.push_back({col.caption_vi, c.*col.field, d.*col.field});
  }
  out.xlsx = [sheet](const std::string& path, std::string* error) { return write_xlsx(sheet, path, error); };
  return out;
}

std::variant<ProcuracyFigures, Refusal> procuracy_figures(Store& store, const ReportArgs& args) {
  ProcuracyFigures p;
  const auto add = [&](int type, const std::vector<std::string>& k) {
    add_keys(p.by_type[type], procuracy_columns(), k);
    add_keys(p.total, procuracy_columns(), k);
  };
  // As known now: the keys held in memory; --as-known-at: from the journal.
  auto agency = args.as_known_at ? each_counted(store, args, StreamKind::procuracy,
                                                [&](const Act& o, const std::vector<std::string>& k) { add(type_index(o), k); })
                                 : each_held(store, args, StreamKind::procuracy, add);
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  p.agency = std::get<std::string>(agency);
  return p;
}

std::variant<ReportOutput, Refusal> procuracy_supervision_report(Store& store, const ReportArgs& args) {
  auto figures = procuracy_figures(store, args);
  if (auto* r = std::get_if<Refusal>(&figures)) return *r;
  const ProcuracyFigures& p = std::get<ProcuracyFigures>(figures);
  const ProcuracyColumns* by_type = p.by_type;
  const ProcuracyColumns& total = p.total;
  const std::string& code = p.agency;
  const nlohmann::json theirs = args.compare.is_object() ? args.compare : nlohmann::json::object();
  for (const auto& [k, v] : theirs.items()) {
    bool known = false;
    for (const auto& col : procuracy_columns()) known |= k == col.key;
    if (!v.is_number_integer() || !known)
      return Refusal{"bad_field", "--compare: '" + k + "' is not a column of form 04/TKLN-THADS", ""};
  }
  ReportOutput out;
  out.json = envelope("procuracy-supervision", code, args);
  out.json["protests"] = columns_json(by_type[0], procuracy_columns());
  out.json["recommendations"] = columns_json(by_type[1], procuracy_columns());
  out.json["requirements"] = columns_json(by_type[2], procuracy_columns());
  out.json["total"] = columns_json(total, procuracy_columns());
  if (!theirs.empty()) {
    nlohmann::ordered_json diff;
    for (const auto& col : procuracy_columns())
      if (theirs.contains(col.key)) diff[col.key] = total.*col.field - theirs[col.key].get<int64_t>();
    out.json["procuracy_figures"] = theirs;
    out.json["difference"] = diff;
  }
  out.table = heading("Biểu 04/TKLN-THADS — kết quả kiểm sát thi hành án dân sự", code, args) + "\n";
  Sheet sheet{"04-TKLN",
              {"BIỂU 04/TKLN-THADS — KẾT QUẢ KIỂM SÁT THI HÀNH ÁN DÂN SỰ (TTLT 12/2021/TTLT-BTP-VKSNDTC-TANDTC)",
               heading("Đơn vị", code, args)},
              {"Chỉ tiêu", "Kháng nghị", "Kiến nghị", "Yêu cầu", "Tổng số", "Số liệu Viện kiểm sát", "Chênh lệch"},
              {46, 12, 12, 12, 12, 16, 12},
              {}};
  for (const auto& col : procuracy_columns()) {
    nlohmann::json other = nullptr, diff = nullptr;
    if (theirs.contains(col.key)) {
      other = theirs[col.key].get<int64_t>();
      diff = total.*col.field - theirs[col.key].get<int64_t>();
    }
    sheet.rows.push_back({col.caption_vi, by_type[0].*col.field, by_type[1].*col.field, by_type[2].*col.field,
                          total.*col.field, other, diff});
    out.table += std::string(col.caption_vi) + ": " + std::to_string(total.*col.field) +
                 (other.is_null() ? "" : " / " + std::to_string(other.get<int64_t>())) + "\n";
  }
  sheet.rows.push_back({});
  sheet.rows.push_back({"ĐẠI DIỆN CƠ QUAN THI HÀNH ÁN DÂN SỰ", nullptr, nullptr, nullptr, "ĐẠI DIỆN VIỆN KIỂM SÁT"});
  out.xlsx = [sheet](const std::string& path, std::string* error) { return write_xlsx(sheet, path, error); };
  return out;
}

std::variant<std::map<std::string, std::vector<std::string>>, Refusal> report_lists(Store& store,
                                                                                     const ReportArgs& args,
                                                                                     StreamKind kind) {
  std::map<std::string, std::vector<std::string>> out;
  auto agency = each_counted(store, args, kind, [&](const Act& o, const std::vector<std::string>& keys) {
    for (const std::string& k : keys) out[k].push_back(o.id);
  });
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  return out;
}

}  // namespace thads::oversight
