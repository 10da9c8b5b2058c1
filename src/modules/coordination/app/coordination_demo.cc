#include "modules/coordination/app/coordination_demo.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "app/demo_data.h"

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
  // The second bank's branch has closed: no new requests to it (its old ones stay).
  for (const auto& [p, _] : provinces)
    line(out, {{"kind", "body_change"}, {"code", p + "-bank-2"}, {"seq", 1}, {"active", false}});
}

}  // namespace thads::coordination
