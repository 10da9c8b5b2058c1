#include "modules/coordination/app/coordination_report.h"

#include "app/agency_directory.h"
#include "app/report_layout.h"
#include "modules/coordination/app/held_requests.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_xlsx.h"

namespace thads::coordination {
namespace {

nlohmann::ordered_json figures_json(const BodyPerformance& p) {
  nlohmann::ordered_json j;
  j["sent"] = p.sent;
  j["answered_on_time"] = p.on_time;
  j["answered_late"] = p.late;
  j["unanswered"] = p.unanswered;
  j["unanswered_overdue"] = p.overdue;
  j["no_deadline"] = p.no_deadline;
  j["median_answer_days"] = p.median_days ? nlohmann::ordered_json(*p.median_days) : nlohmann::ordered_json(nullptr);
  j["oldest_unanswered"] = p.oldest_sent ? nlohmann::ordered_json{{"id", p.oldest_id}, {"sent", p.oldest_sent->iso()}}
                                         : nlohmann::ordered_json(nullptr);
  return j;
}

std::string n(int64_t v) { return report_layout::group_thousands(v); }

}  // namespace

std::variant<CoordinationReport, Refusal> coordination_report(Store& store, const std::string& agency, Date from, Date to) {
  if (to < from) return Refusal{"bad_field", "--to is before --from", ""};
  const AgencyTree tree = load_agency_tree(store);
  const std::optional<int> scope = agency.empty() ? tree.root() : tree.find(agency);
  if (!scope) return Refusal{"unknown_agency", "agency " + (agency.empty() ? std::string("(root)") : agency) + " is not known", ""};
  std::vector<std::string> agencies;
  for (size_t i = 0; i < tree.size(); ++i)
    if (tree.within(static_cast<int>(i), *scope)) agencies.push_back(tree.at(static_cast<int>(i)).code);
  CoordinationReport r;
  r.agency = tree.at(*scope).code;
  // From the requests held in memory (app/held_requests.h), not the store.
  r.bodies = held_body_performance(store, agencies, from, to);
  for (const BodyEntry& b : body_entries(store.db())) r.names[b.body.code] = {b.body.name, b.body.type};
  return r;
}

std::variant<ReportOutput, Refusal> coordination_report_form(Store& store, const ReportArgs& args) {
  auto res = coordination_report(store, args.agency, args.from, args.to);
  if (auto* r = std::get_if<Refusal>(&res)) return *r;
  const CoordinationReport& rep = std::get<CoordinationReport>(res);
  ReportOutput out;
  out.json["form"] = "coordination";
  out.json["agency"] = rep.agency;
  out.json["from"] = args.from.iso();
  out.json["to"] = args.to.iso();
  out.json["bodies"] = nlohmann::ordered_json::array();
  const std::string head = "Phối hợp của cơ quan, tổ chức — " + rep.agency + ", từ " + args.from.vn() + " đến " + args.to.vn();
  out.table = head + "\n";
  oversight::Sheet sheet{"Phoi hop",
                         {"TÌNH HÌNH TRẢ LỜI YÊU CẦU CỦA CƠ QUAN, TỔ CHỨC", head},
                         {"Cơ quan, tổ chức", "Đã gửi", "Trả lời đúng hạn", "Trả lời chậm", "Chưa trả lời",
                          "Chưa trả lời, quá hạn", "Thời gian trả lời (trung vị, ngày)", "Yêu cầu chưa trả lời lâu nhất"},
                         {44, 10, 12, 12, 12, 14, 16, 30},
                         {}};
  for (const BodyPerformance& p : rep.bodies) {
    const bool total = p.body.empty();
    const auto it = rep.names.find(p.body);
    const std::string name = total ? "Tổng cộng" : it != rep.names.end() ? it->second.first : p.body;
    nlohmann::ordered_json j;
    if (!total) {
      j["body"] = p.body;
      j["name"] = name;
      j["type"] = it != rep.names.end() ? it->second.second : "";
    }
    const nlohmann::ordered_json figures = figures_json(p);
    for (auto it = figures.begin(); it != figures.end(); ++it) j[it.key()] = it.value();
    if (total) out.json["total"] = j;
    else out.json["bodies"].push_back(j);
    const std::string median = p.median_days ? std::to_string(*p.median_days) : "—";
    const std::string oldest = p.oldest_sent ? p.oldest_id + " (" + p.oldest_sent->vn() + ")" : "—";
    out.table += name + ": gửi " + n(p.sent) + ", đúng hạn " + n(p.on_time) + ", chậm " + n(p.late) + ", chưa trả lời " +
                 n(p.unanswered) + " (quá hạn " + n(p.overdue) + "), trung vị " + median + " ngày, lâu nhất " + oldest + "\n";
    sheet.rows.push_back({name, p.sent, p.on_time, p.late, p.unanswered, p.overdue,
                          p.median_days ? nlohmann::json(*p.median_days) : nlohmann::json(nullptr), p.oldest_sent ? oldest : ""});
  }
  out.xlsx = [sheet](const std::string& path, std::string* error) { return oversight::write_xlsx(sheet, path, error); };
  return out;
}

}  // namespace thads::coordination
