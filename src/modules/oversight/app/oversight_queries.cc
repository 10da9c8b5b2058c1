#include "modules/oversight/app/oversight_queries.h"

#include <algorithm>
#include <unordered_map>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "domain/case_state.h"
#include "app/report_layout.h"
#include "modules/oversight/app/held_streams.h"
#include "modules/oversight/app/oversight_xlsx.h"
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

namespace {

const char* level_vi(const std::string& l) {
  return l == "central" ? "Trung ương" : l == "province" ? "Tỉnh" : l == "district" ? "Huyện" : l == "commune" ? "Xã" : "Khác";
}

// The files of the period's agency subtree, each handed to `f` with its acts
// (recorded by --as-known-at); the agency the report names (the root when
// none is given), or a refusal.
std::variant<std::string, Refusal> each_file(Store& store, const ReportArgs& args,
                                             const std::function<void(std::vector<Act>&)>& f) {
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  // No agency: the root's whole tree (as for the `cases` form).
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + (args.agency.empty() ? std::string("(root)") : args.agency) + " is not known", ""};
  for_each_stream(store.db(), StreamKind::admin_judgment, args.as_known_at, [&](std::vector<Act>& acts) {
    if (scope) {
      auto at = tree.find(acts.front().text("agency"));
      if (!at || !tree.within(*at, *scope)) return;
    }
    f(acts);
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

std::string column_value(const AdminColumns& c, const AdminColumn& col) {
  return col.field ? report_layout::group_thousands(c.*col.field) : report_layout::percent_vn(c.complied_rate_x100());
}


// Every monitoring file's FileFacts, held by this process (app/held_streams.h).
HeldStreams<FileFacts>& held_facts() {
  static HeldStreams<FileFacts> held(
      StreamKind::admin_judgment,
      HeldStreams<FileFacts>::from_acts(StreamKind::admin_judgment,
                                        [](std::vector<Act>& acts) -> std::optional<FileFacts> { return facts_of(acts); }));
  return held;
}

// The report's columns for the period's agency subtree. As known now: from
// the facts held in memory; --as-known-at: from the journal.
std::variant<std::string, Refusal> admin_columns_of(Store& store, const ReportArgs& args, AdminColumns& cols) {
  if (args.as_known_at)
    return each_file(store, args, [&](std::vector<Act>& acts) { add_to(cols, standing_of(acts, args.from, args.to)); });
  if (args.to < args.from) return Refusal{"bad_field", "--from must not be after --to", ""};
  const AgencyTree tree = load_agency_tree(store);
  const std::optional<int> scope = args.agency.empty() ? tree.root() : tree.find(args.agency);
  if (!scope && !(args.agency.empty() && tree.size() == 0))
    return Refusal{"unknown_agency", "agency " + (args.agency.empty() ? std::string("(root)") : args.agency) + " is not known", ""};
  // Which agencies lie in the scope, decided once per agency, not per file.
  std::unordered_map<std::string, bool> within;
  held_facts().with_shared(store, [&](const HeldStreams<FileFacts>::Items& files) {
    for (const auto& [id, facts] : files) {
      if (scope) {
        auto [it, fresh] = within.try_emplace(facts.agency, false);
        if (fresh) {
          const auto at = tree.find(facts.agency);
          it->second = at && tree.within(*at, *scope);
        }
        if (!it->second) continue;
      }
      add_to(cols, standing_of(facts, args.from, args.to));
    }
  });
  return scope ? tree.at(*scope).code : args.agency;
}

}  // namespace

std::variant<AdminColumns, Refusal> admin_figures(Store& store, const ReportArgs& args) {
  AdminColumns cols;
  auto agency = admin_columns_of(store, args, cols);
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  return cols;
}

std::variant<ReportOutput, Refusal> admin_judgments_report(Store& store, const ReportArgs& args) {
  AdminColumns cols;
  auto agency = admin_columns_of(store, args, cols);
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  const std::string& code = std::get<std::string>(agency);
  ReportOutput out;
  out.json = envelope("admin-judgments", code, args);
  out.json["columns"] = columns_json(cols);
  out.json["target_rate"] = nullptr;  // no target is set for administrative judgments
  out.table = heading("Theo dõi thi hành án hành chính", code, args) + "\n";
  Sheet sheet{"THAHC", {"KẾT QUẢ THEO DÕI THI HÀNH ÁN HÀNH CHÍNH", heading("Đơn vị", code, args)},
              {"Chỉ tiêu", "Số liệu"}, {60, 16}, {}};
  for (const AdminColumn& c : admin_columns()) {
    out.table += std::string(c.caption_vi) + ": " + column_value(cols, c) + "\n";
    sheet.rows.push_back({c.caption_vi, c.field ? nlohmann::json(cols.*c.field) : nlohmann::json(column_value(cols, c))});
  }
  out.xlsx = [sheet](const std::string& path, std::string* error) { return write_xlsx(sheet, path, error); };
  return out;
}

std::variant<AdminOverview, Refusal> admin_overview(Store& store, const std::string& agency, Date today) {
  AdminOverview o;
  o.from = fiscal_year_start(fiscal_year_of(today));
  const ReportArgs args{"admin-judgments", agency, o.from, today, std::nullopt, nullptr};
  AdminColumns cols;
  const Calendar cal = official_calendar_with(store.holidays());
  auto scope = each_file(store, args, [&](std::vector<Act>& acts) {
    const FileStanding f = standing_of(acts, args.from, args.to);
    add_to(cols, f);
    if (!f.counted || !f.ended_by.empty()) return;
    for (const Deadline& d : stream_deadlines(acts, today, cal))
      if (d.state == Deadline::State::missed && !d.met_on) ++o.overdue_acts;
    const bool escalated = std::any_of(acts.begin(), acts.end(), [](const Act& a) { return a.type == "escalated"; });
    if (escalated || f.debtor_level == "province" || f.debtor_level == "central")
      o.escalated.push_back({acts.front().id, acts.front().text("debtor", "name"), f.debtor_level});
  });
  if (auto* r = std::get_if<Refusal>(&scope)) return *r;
  o.columns = columns_json(cols);
  return o;
}

// The register of monitoring files (Sổ theo dõi, quản lý thi hành án hành
// chính — Mẫu 19, TT 04/2023/TT-BTP): one line per file counted in the period.
std::variant<ReportOutput, Refusal> admin_register_report(Store& store, const ReportArgs& args) {
  std::vector<RegisterRow> rows;
  auto agency = each_file(store, args, [&](std::vector<Act>& acts) {
    if (auto row = register_row(acts, args.from, args.to)) rows.push_back(std::move(*row));
  });
  if (auto* r = std::get_if<Refusal>(&agency)) return *r;
  const std::string& code = std::get<std::string>(agency);
  std::sort(rows.begin(), rows.end(), [](const RegisterRow& a, const RegisterRow& b) {
    return a.received != b.received ? a.received < b.received : a.id < b.id;
  });
  ReportOutput out;
  out.json = envelope("admin-register", code, args);
  out.json["rows"] = nlohmann::ordered_json::array();
  Sheet sheet{"Mau 19",
              {"SỔ THEO DÕI, QUẢN LÝ THI HÀNH ÁN HÀNH CHÍNH (Mẫu số 19, Thông tư 04/2023/TT-BTP)",
               heading("Đơn vị", code, args)},
              {"STT", "Số hồ sơ", "Ngày nhận", "Bản án, quyết định", "Tòa án", "Người phải thi hành", "Cấp",
               "Người được thi hành", "Nội dung phải thi hành", "Chấp hành viên", "Ngày thông báo",
               "Báo cáo của người phải thi hành", "Quyết định buộc thi hành", "Đăng tải công khai", "Kết quả",
               "Lý do chậm"},
              {6, 18, 12, 22, 26, 30, 10, 24, 36, 14, 12, 18, 22, 22, 18, 18},
              {}};
  int n = 0;
  for (const RegisterRow& r : rows) {
    out.json["rows"].push_back({{"id", r.id}, {"agency", r.agency}, {"received", r.received},
                                {"carried_over", r.carried_over}, {"judgment", r.judgment_number}, {"court", r.court},
                                {"debtor", r.debtor}, {"debtor_level", r.debtor_level}, {"creditor", r.creditor},
                                {"obligation", r.obligation}, {"officer", r.officer}, {"notice_sent", r.notice_sent},
                                {"compel_order", r.compel_number}, {"published", r.published}, {"portals", r.portals},
                                {"ended_by", r.ended_by}, {"ended_on", r.ended_on}, {"delay_reason", r.delay_reason}});
    const std::string result = r.ended_by == "complied" ? "Đã chấp hành xong " + Date::parse(r.ended_on)->vn()
                               : r.ended_by == "closed" ? "Kết thúc theo dõi " + Date::parse(r.ended_on)->vn()
                                                        : "Đang theo dõi";
    auto vn = [](const std::string& iso) { return iso.empty() ? std::string() : Date::parse(iso)->vn(); };
    sheet.rows.push_back({++n, r.id, vn(r.received), r.judgment_number + " ngày " + vn(r.judgment_date), r.court,
                          r.debtor, level_vi(r.debtor_level), r.creditor, r.obligation, r.officer, vn(r.notice_sent),
                          r.debtor_reported.empty() ? "" : vn(r.debtor_reported.substr(0, 10)),
                          r.compel_number.empty() ? "" : r.compel_number + " ngày " + vn(r.compel_date),
                          r.published.empty() ? "" : vn(r.published) + " (" + r.portals + ")", result, r.delay_reason});
    out.table += r.id + "  " + vn(r.received) + "  " + r.debtor + "  " + result + "\n";
  }
  out.table = heading("Sổ theo dõi thi hành án hành chính", code, args) + "\n" + out.table;
  out.xlsx = [sheet](const std::string& path, std::string* error) { return write_xlsx(sheet, path, error); };
  return out;
}

// The inter-agency reconciliation (biểu 03/TKLN-THADS, TTLT 12/2021): our
// figures of the admin-judgments columns beside another body's (the court's,
// entered with --compare) and the differences, for the agency to sign with
// the court.
std::variant<ReportOutput, Refusal> admin_reconcile_report(Store& store, const ReportArgs& args) {
  auto base = admin_judgments_report(store, args);
  if (auto* r = std::get_if<Refusal>(&base)) return *r;
  const auto& ours = std::get<ReportOutput>(base).json;
  const nlohmann::json theirs = args.compare.is_object() ? args.compare : nlohmann::json::object();
  for (const auto& [k, v] : theirs.items())
    if (!v.is_number_integer() || !ours["columns"].contains(k) || k == "complied_rate")
      return Refusal{"bad_field", "--compare: '" + k + "' is not a whole-number column of the admin-judgments form", ""};
  ReportOutput out;
  out.json = envelope("admin-reconcile", ours["agency"].get<std::string>(), args);
  out.json["rows"] = nlohmann::ordered_json::array();
  Sheet sheet{"03-TKLN",
              {"BIỂU 03/TKLN-THADS — ĐỐI CHIẾU SỐ LIỆU THI HÀNH ÁN HÀNH CHÍNH (TTLT 12/2021)",
               heading("Đơn vị", ours["agency"].get<std::string>(), args)},
              {"Chỉ tiêu", "Cơ quan thi hành án dân sự", "Tòa án", "Chênh lệch"},
              {56, 18, 14, 14},
              {}};
  out.table = heading("Đối chiếu số liệu thi hành án hành chính", ours["agency"].get<std::string>(), args) + "\n";
  for (const AdminColumn& c : admin_columns()) {
    if (!c.field) continue;
    const int64_t mine = ours["columns"][c.key].get<int64_t>();
    nlohmann::ordered_json row{{"column", c.key}, {"ours", mine}};
    nlohmann::json other = nullptr, diff = nullptr;
    if (theirs.contains(c.key)) {
      other = theirs[c.key].get<int64_t>();
      diff = mine - theirs[c.key].get<int64_t>();
    }
    row["theirs"] = other;
    row["difference"] = diff;
    out.json["rows"].push_back(row);
    sheet.rows.push_back({c.caption_vi, mine, other, diff});
    out.table += std::string(c.caption_vi) + ": " + std::to_string(mine) +
                 (other.is_null() ? "" : " / " + std::to_string(other.get<int64_t>()) + " (chênh lệch " +
                                             std::to_string(diff.get<int64_t>()) + ")") + "\n";
  }
  sheet.rows.push_back({});
  sheet.rows.push_back({"ĐẠI DIỆN CƠ QUAN THI HÀNH ÁN DÂN SỰ", nullptr, "ĐẠI DIỆN TÒA ÁN"});
  out.xlsx = [sheet](const std::string& path, std::string* error) { return write_xlsx(sheet, path, error); };
  return out;
}

}  // namespace thads::oversight
