#include "app/intake.h"

#include "app/case_commands.h"
#include "domain/interchange.h"
#include "store/case_queries.h"

namespace thads {
namespace {

constexpr const char* kArt30 = "Luật THADS 2008, Điều 30";
constexpr const char* kArt28 = "Luật THADS 2008, Điều 28 khoản 1";

std::string late_reason(const nlohmann::json& raw) {
  if (!raw.is_object() || !raw.contains("late_acceptance")) return "";
  const auto& la = raw["late_acceptance"];
  if (la.is_object() && la.contains("reason") && la["reason"].is_string()) return la["reason"].get<std::string>();
  return "";
}

bool after_limitation(const CaseOpened& c) {
  return c.mode == Mode::on_request && c.request_date &&
         *c.request_date > c.judgment.effective_date.plus_months(60);
}

}  // namespace

std::optional<Refusal> limitation_refusal(const CaseOpened& c) {
  if (!after_limitation(c)) return std::nullopt;
  return Refusal{"limitation_expired",
                 "the request came more than 5 years after the judgment took effect (" +
                     c.judgment.effective_date.iso() + "); record a late acceptance with its reason",
                 kArt30};
}

std::vector<CaseWarning> intake_warnings(const CaseOpened& c, const nlohmann::json& raw) {
  return intake_warnings(c, [&raw] { return raw; });
}

std::vector<CaseWarning> intake_warnings(const CaseOpened& c, const std::function<nlohmann::json()>& raw) {
  std::vector<CaseWarning> out;
  if (after_limitation(c)) {
    const std::string reason = late_reason(raw());
    out.push_back({"limitation_expired",
                   "Yêu cầu thi hành án được nộp sau thời hiệu 5 năm kể từ ngày bản án có hiệu lực (" +
                       c.judgment.effective_date.vn() + ")" +
                       (reason.empty() ? "." : "; đã chấp nhận yêu cầu quá hạn với lý do: " + reason + "."),
                   kArt30, c.request_date->iso()});
  }
  if (c.judgment.received_date && *c.judgment.received_date > c.judgment.effective_date.plus_days(30))
    out.push_back({"late_transfer",
                   "Tòa án chuyển giao bản án sau 30 ngày kể từ ngày bản án có hiệu lực (nhận ngày " +
                       c.judgment.received_date->vn() + ").",
                   kArt28, c.judgment.received_date->iso()});
  return out;
}

std::variant<IntakeResult, Refusal> register_case(Store& store, const Access& access, const Actor& actor,
                                                  const IntakeRequest& req, int64_t now) {
  if (!req.event.is_object()) return Refusal{"bad_field", "the event must be a JSON object", ""};
  nlohmann::json fields = req.event;
  fields["type"] = "case_opened";
  if (!fields.contains("date")) fields["date"] = vn_date_of(now).iso();
  const std::string agency = fields.value("agency", std::string());
  if (const Verdict v = access.open_case(actor, agency); v != Verdict::allow)
    return Refusal{v == Verdict::not_found ? "not_found" : "forbidden", "you may not open cases for " + agency, ""};
  if (!req.officer.empty() &&
      access.record_on_case(actor, CaseScope{agency, ""}, EventType::officer_assigned) != Verdict::allow)
    return Refusal{"forbidden", "only the head assigns officers", ""};
  if (!req.officer.empty() && !officer_agency(store.db(), req.officer))
    return Refusal{"unknown_officer", "officer " + req.officer + " is not known", ""};
  if (!req.officer.empty() && store.inactive_officers().count(req.officer))
    return Refusal{"inactive_officer", "officer " + req.officer + " is no longer active", ""};

  // Parse as the import would, to read the dates the limitation rule needs.
  nlohmann::json probe = fields;
  probe["kind"] = "event";
  probe["case"] = "intake";
  probe["seq"] = 1;
  Record parsed = parse_line(probe.dump(), now);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const Event& ev = std::get<Event>(parsed);
  if (auto r = limitation_refusal(*ev.opened()); r && late_reason(fields).empty()) return *r;

  const int year = ev.date.year();
  for (int attempt = 0;; ++attempt) {
    const std::string id = next_case_id(store, agency, year);
    // The opening and the assignment in one transaction: a refused
    // assignment leaves no case opened without its officer.
    std::vector<nlohmann::json> acts{fields};
    if (!req.officer.empty())
      acts.push_back({{"type", "officer_assigned"}, {"date", fields["date"]}, {"officer", req.officer}});
    auto res = record_events(store, CaseActor{access, actor}, id, 0, acts, now);
    if (auto* ref = std::get_if<Refusal>(&res)) {
      if (ref->code == "version_conflict" && attempt < 3) continue;  // another intake took the id
      return *ref;
    }
    IntakeResult out{id, std::get<Recorded>(res).version, intake_warnings(*ev.opened(), fields)};
    return out;
  }
}

}  // namespace thads
