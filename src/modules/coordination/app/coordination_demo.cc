#include "modules/coordination/app/coordination_demo.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/demo_data.h"
#include "domain/calendar.h"
#include "modules/coordination/domain/coercion_plan.h"
#include "modules/oversight/app/oversight_demo.h"

namespace thads::coordination {
namespace {

using json = nlohmann::ordered_json;

const demo::Province* province_of(const std::string& agency) {
  const std::string prefix = agency.substr(0, agency.find('-'));
  for (const demo::Province& p : demo::provinces())
    if (prefix == p.code) return &p;
  return nullptr;
}

std::string serial(const std::string& prefix, int year, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", n);
  return prefix + "-" + std::to_string(year) + "-" + buf;
}

void line(std::ostream& out, const json& j) { out << j.dump() << '\n'; }

// One request about a case's debtor to `body`: sent 10-60 days after the case
// opened; answered on time (about 60%), late (25%) or not yet (15%).
void request(std::ostream& out, demo::Rng& r, const DemoWorld::Case& c, const std::string& id, const std::string& body,
             Date today) {
  const Date sent = c.opened.plus_days(static_cast<int32_t>(r.range(10, 60)));
  if (sent > today) return;
  json subject{{"name", c.debtor_name}};
  if (!c.debtor_id.empty()) subject["id_number"] = c.debtor_id;
  line(out, {{"kind", "request"}, {"id", id}, {"seq", 1}, {"type", "sent"}, {"date", sent.iso()},
             {"agency", c.agency}, {"case", c.id}, {"body", body}, {"purpose", "verify_assets"}, {"subject", subject}});
  const double x = r.uniform();
  if (x < 0.15) return;
  const bool late = x < 0.4;
  int seq = 1;
  Date d = sent;
  if (late) {
    d = sent.plus_days(static_cast<int32_t>(r.range(8, 12)));
    if (d > today) return;
    line(out, {{"kind", "request"}, {"id", id}, {"seq", ++seq}, {"type", "reminded"}, {"date", d.iso()}});
  }
  d = late ? d.plus_days(static_cast<int32_t>(r.range(2, 20))) : sent.plus_days(static_cast<int32_t>(r.range(1, 6)));
  if (d > today) return;
  line(out, {{"kind", "request"}, {"id", id}, {"seq", ++seq}, {"type", "answered"}, {"date", d.iso()},
             {"result", r.chance(0.4) ? "found" : "not_found"}});
}

// A later working day for a coercion that breaks no ban: not a day off, not
// within the Tết window (Art. 46(2); NĐ 62 Art. 13(2)).
Date coercion_day(const Calendar& cal, Date from) {
  Date d = from;
  while (cal.is_day_off(d) || cal.in_tet_window(d, 15)) d = d.plus_days(1);
  return d;
}

// One mobilised coercion plan (Art. 72) on a case of its own in the first
// province's first region: the case, its coercion_planned event, the three
// requests of Art. 72(2) (the police answered with its protection plan) and
// the plan naming them.
void coercion_plan(std::ostream& out, const DemoWorld& world, const std::string& province) {
  const DemoWorld::Officer* officer = nullptr;
  for (const DemoWorld::Officer& o : world.officers)
    if (!officer && o.agency.rfind(province + "-", 0) == 0) officer = &o;
  if (!officer) return;
  const Calendar cal = Calendar::official();
  const Date today = world.today, opened = today.plus_days(-120), planned = today.plus_days(-3);
  const Date scheduled = coercion_day(cal, today.plus_days(7));
  const std::string agency = officer->agency, year = std::to_string(today.year());
  const std::string id = agency + "-KHCC-" + year + "-000001";
  const json debtor{{"name", "Trần Văn Hùng"}, {"kind", "person"}, {"id_number", "001078004321"},
                    {"address", "Tổ 5, phường Trung tâm"}};
  line(out, {{"kind", "event"}, {"case", id}, {"seq", 1}, {"type", "case_opened"}, {"date", opened.iso()},
             {"agency", agency}, {"mode", "on_request"}, {"judgment_kind", "civil"},
             {"judgment", {{"number", "45/" + std::to_string(opened.year()) + "/DS-ST"}, {"court", "Tòa án nhân dân khu vực 1"},
                           {"date", opened.plus_days(-90).iso()}, {"effective_date", opened.plus_days(-60).iso()}}},
             {"debtor", debtor}, {"creditor", {{"name", "Công ty TNHH Minh Phát"}, {"kind", "organization"}}},
             {"obligations", json::array({{{"category", "other_money"}, {"amount", 2400000000}}})},
             {"request_date", opened.iso()}});
  line(out, {{"kind", "event"}, {"case", id}, {"seq", 2}, {"type", "officer_assigned"}, {"date", opened.iso()},
             {"officer", officer->id}});
  line(out, {{"kind", "event"}, {"case", id}, {"seq", 3}, {"type", "notified"}, {"date", opened.plus_days(2).iso()}});
  line(out, {{"kind", "event"}, {"case", id}, {"seq", 4}, {"type", "coercion_planned"}, {"date", planned.iso()},
             {"scheduled_date", scheduled.iso()}, {"measure", measure_label("seize_assets")}, {"mobilised_forces", true}});
  // The police and the People's Committee are the oversight demo's bodies,
  // which `thads demo` writes after this module's records: write them first.
  oversight::write_demo_bodies(province, out);
  const json subject{{"name", "Trần Văn Hùng"}, {"id_number", "001078004321"}};
  json requests = json::object();
  int n = 0;
  for (const auto& [role, purpose] : {std::pair<const char*, const char*>{"police", "protection"},
                                      {"people_committee", "other"}, {"procuracy", "other"}}) {
    const std::string rid = serial(agency + "-KHCC-YC", today.year(), ++n);
    requests[role] = rid;
    line(out, {{"kind", "request"}, {"id", rid}, {"seq", 1}, {"type", "sent"}, {"date", planned.iso()},
               {"agency", agency}, {"case", id}, {"body", province + "-" + role}, {"purpose", purpose},
               {"subject", subject}});
  }
  line(out, {{"kind", "request"}, {"id", requests["police"]}, {"seq", 2}, {"type", "answered"},
             {"date", planned.plus_days(2) > today ? today.iso() : planned.plus_days(2).iso()}, {"result", "done"}});
  line(out, {{"kind", "coercion_plan"}, {"case", id}, {"seq", 1}, {"type", "planned"}, {"date", planned.iso()},
             {"person", {{"name", "Trần Văn Hùng"}, {"id_number", "001078004321"}}}, {"measure", "seize_assets"},
             {"scheduled_date", scheduled.iso()}, {"start_time", "08:00"}, {"place", "Tổ 5, phường Trung tâm"},
             {"method", "Kê biên quyền sử dụng đất và nhà ở; lập biên bản kê biên, giao bảo quản"},
             {"forces", {{"police", 12}, {"commune", 4}, {"militia", 6}, {"other", 2}, {"other_note", "Thẩm định giá, điện lực"}}},
             {"costs", json::array({{{"item", "Bồi dưỡng người tham gia cưỡng chế"}, {"amount", 9600000}},
                                    {{"item", "Thuê phương tiện, bốc xếp"}, {"amount", 3500000}}})},
             {"large", true}, {"chairman_report_date", cal.add_working_days(scheduled, -6).iso()},
             {"event_seq", 4}, {"requests", requests}});
}

}  // namespace

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out) {
  std::map<std::string, int> serials;
  std::map<std::string, bool> provinces;
  for (const DemoWorld::Agency& a : world.agencies)
    if (a.level == "province" && province_of(a.code)) provinces[a.code] = true;
  for (const auto& [p, _] : provinces) {
    const demo::Province* pr = province_of(p);
    line(out, {{"kind", "body"}, {"code", p + "-social_insurance"}, {"name", "Bảo hiểm xã hội " + std::string(pr->title)},
               {"type", "social_insurance"}, {"agency", p}});
    line(out, {{"kind", "body"}, {"code", p + "-bank-2"},
               {"name", "Ngân hàng Nông nghiệp và Phát triển Nông thôn - Chi nhánh " + std::string(pr->place)},
               {"type", "bank"}, {"agency", p}});
  }
  for (size_t i = 0; i < world.cases.size(); ++i) {
    const DemoWorld::Case& c = world.cases[i];
    const demo::Province* pr = province_of(c.agency);
    if (!pr || !provinces.count(pr->code) || c.opened > world.today) continue;
    demo::Rng r(demo::mix_seed(seed, 0xC0000000ULL + i));
    if (!r.chance(0.02)) continue;
    const std::string p = pr->code;
    const bool old_bank = r.chance(0.2);
    const std::string body = p + (old_bank ? "-bank-2" : "-social_insurance");
    request(out, r, c, serial(p + (old_bank ? "-NH2-YC" : "-BHXH-YC"), c.opened.year(), ++serials[p + body]), body,
            world.today);
  }
  // Procuracies (Art. 72(2): a coercion plan goes to the procuracy) and one plan.
  for (const auto& [p, _] : provinces)
    line(out, {{"kind", "body"}, {"code", p + "-procuracy"}, {"name", "Viện kiểm sát nhân dân " + std::string(province_of(p)->title)},
               {"type", "procuracy"}, {"agency", p}});
  if (!provinces.empty()) coercion_plan(out, world, provinces.begin()->first);
  // The second bank's branch has closed: no new requests to it (its old ones stay).
  for (const auto& [p, _] : provinces)
    line(out, {{"kind", "body_change"}, {"code", p + "-bank-2"}, {"seq", 1}, {"active", false}});
}

}  // namespace thads::coordination
