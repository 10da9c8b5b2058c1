#include "modules/accountability/app/acc_demo.h"

#include <map>
#include <nlohmann/json.hpp>

#include "app/demo_data.h"
#include "domain/calendar.h"

namespace thads::accountability {
namespace {

using json = nlohmann::ordered_json;
using demo::Rng;

struct Writer {
  std::ostream& out;
  Date today;
  std::string kind, id;
  int seq = 0;
  Date last;
  bool act(const std::string& type, Date d, json payload = json::object()) {
    if (seq > 0 && d < last) d = last;
    if (today < d) return false;
    json j{{"kind", kind}, {"id", id}, {"seq", ++seq}, {"type", type}, {"date", d.iso()}};
    for (auto& [k, v] : payload.items()) j[k] = v;
    out << j.dump() << '\n';
    last = d;
    return true;
  }
};

const char* kRules[][2] = {
    {"Luật THADS Điều 44(1)", "Chậm xác minh điều kiện thi hành án"},
    {"Luật THADS Điều 39", "Thông báo thi hành án không đúng thời hạn"},
    {"Luật THADS Điều 44a", "Ra quyết định chưa có điều kiện thi hành án khi chưa xác minh đầy đủ"},
    {"Luật THADS Điều 38", "Chậm gửi quyết định về thi hành án cho Viện kiểm sát"},
    {"Luật THADS Điều 47", "Chi trả tiền thi hành án chậm"},
};

void inspection(Writer& w, Rng& r, const std::string& id, const std::string& agency, const std::string& by,
                const char* mode, Date start, const std::vector<std::string>& officers) {
  w.kind = "inspection", w.id = id, w.seq = 0;
  if (!w.act("opened", start, {{"agency", agency}, {"by", by}, {"mode", mode}, {"subject", "Kiểm tra công tác thi hành án dân sự"}}))
    return;
  const int findings = static_cast<int>(r.range(1, 3));
  std::vector<std::pair<int, Date>> remedies;
  for (int f = 0; f < findings; ++f) {
    const auto& rule = kRules[r.range(0, 4)];
    json p{{"rule", rule[0]}, {"text", rule[1]}};
    if (!officers.empty()) p["officer"] = officers[static_cast<size_t>(r.range(0, static_cast<int64_t>(officers.size()) - 1))];
    if (!w.act("finding", start.plus_days(static_cast<int>(r.range(1, 10))), p)) return;
    const int finding = w.seq;
    const Date d = w.last.plus_days(static_cast<int>(r.range(5, 15)));
    if (!w.act("remedy_ordered", d, {{"finding", finding}, {"due", d.plus_days(30).iso()}, {"text", std::string("Khắc phục: ") + rule[1]}}))
      return;
    remedies.emplace_back(w.seq, d.plus_days(30));
  }
  w.act("concluded", w.last.plus_days(static_cast<int>(r.range(1, 10))), {{"number", "KL-" + id}});
  for (const auto& [seq, due] : remedies) {
    const double u = r.uniform();
    if (u < 0.2) continue;  // still open
    const Date done = u < 0.3 ? due.plus_days(static_cast<int>(r.range(1, 20))) : due.plus_days(-static_cast<int>(r.range(0, 20)));
    w.act("remedy_done", done, {{"remedy", seq}});
  }
}

}  // namespace

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out) {
  Writer w{out, world.today, "", "", 0, {}};
  std::map<std::string, std::vector<std::string>> officers, regions;
  for (const auto& o : world.officers) officers[o.agency].push_back(o.id);
  for (const auto& a : world.agencies)
    if (a.level != "province" && a.level != "national" && !a.parent.empty()) regions[a.parent].push_back(a.code);
  const Date start = world.today.plus_days(-300);
  uint64_t n = 0;
  for (const auto& a : world.agencies) {
    if (a.level != "province") continue;
    Rng r(demo::mix_seed(seed, 0xAC000000ULL + n++));
    const auto& regs = regions[a.code];
    const std::string target = regs.empty() ? a.code : regs[static_cast<size_t>(r.range(0, static_cast<int64_t>(regs.size()) - 1))];
    inspection(w, r, a.code + "-KT-DEMO-1", target, a.code, "planned", start.plus_days(static_cast<int>(r.range(0, 120))),
               officers[target]);
    inspection(w, r, a.code + "-KT-DEMO-2", a.code, a.code, r.uniform() < 0.7 ? "planned" : "ad_hoc",
               start.plus_days(static_cast<int>(r.range(60, 200))), officers[a.code]);
    // Officers' violations: one or two per province, most with a measure.
    const auto& pool = officers[target].empty() ? officers[a.code] : officers[target];
    for (int v = 0; v < 1 + static_cast<int>(r.range(0, 1)) && !pool.empty(); ++v) {
      w.kind = "violation", w.id = a.code + "-VP-DEMO-" + std::to_string(v + 1), w.seq = 0;
      const auto& rule = kRules[r.range(0, 4)];
      const std::string officer = pool[static_cast<size_t>(r.range(0, static_cast<int64_t>(pool.size()) - 1))];
      std::string agency = target;
      for (const auto& o : world.officers)
        if (o.id == officer) agency = o.agency;
      if (!w.act("recorded", start.plus_days(static_cast<int>(r.range(100, 250))),
                 {{"agency", agency}, {"officer", officer}, {"rule", rule[0]}, {"text", rule[1]}}))
        continue;
      const double u = r.uniform();
      if (u < 0.85)
        w.act("measure", w.last.plus_days(static_cast<int>(r.range(3, 20))),
              {{"measure", u < 0.5 ? "reminder" : u < 0.75 ? "criticism" : "reprimand"}});
    }
  }
  // Decisions to enforce (event #1) sent to the procuracy: 90 % within 3 working days.
  const Calendar cal = Calendar::official();
  int64_t i = 0;
  for (const auto& c : world.cases) {
    Rng r(demo::mix_seed(seed, 0xAD100000ULL + static_cast<uint64_t>(i++)));
    if (r.uniform() < 0.1) continue;
    const Date sent = r.uniform() < 0.9 ? cal.add_working_days(c.opened, static_cast<int>(r.range(0, 3)))
                                        : cal.add_working_days(c.opened, static_cast<int>(r.range(4, 10)));
    if (world.today < sent) continue;
    out << json{{"kind", "delivery"}, {"case", c.id}, {"decision", 1}, {"date", sent.iso()}}.dump() << '\n';
  }
}

}  // namespace thads::accountability
