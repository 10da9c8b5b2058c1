#include "modules/oversight/app/oversight_demo.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/demo_data.h"

namespace thads::oversight {
namespace {

using json = nlohmann::ordered_json;
using demo::Rng;

struct Writer {
  std::ostream& out;
  Date today;
  std::string kind, id;
  int seq = 0;
  Date last;

  void open(const std::string& k, const std::string& i) { kind = k, id = i, seq = 0; }
  // Appends an act dated `d` (moved up to the previous act's date); false when
  // it would fall after today (the stream then stops there).
  bool act(const std::string& type, Date d, json payload = json::object()) {
    if (seq > 0 && d < last) d = last;
    if (d > today) return false;
    json j{{"kind", kind}, {"id", id}, {"seq", ++seq}, {"type", type}, {"date", d.iso()}};
    for (auto& [k, v] : payload.items()) j[k] = v;
    out << j.dump() << '\n';
    last = d;
    return true;
  }
};

const demo::Province* province_of(const std::string& agency) {
  const std::string prefix = agency.substr(0, agency.find('-'));
  for (const demo::Province& p : demo::provinces())
    if (prefix == p.code) return &p;
  return nullptr;
}

template <class T>
const T& pick(Rng& r, const std::vector<T>& v) {
  return v[static_cast<size_t>(r.range(0, static_cast<int64_t>(v.size()) - 1))];
}
const char* pick(Rng& r, std::initializer_list<const char*> v) {
  return *(v.begin() + r.range(0, static_cast<int64_t>(v.size()) - 1));
}

std::string serial(const std::string& prefix, int year, int n) {
  std::string s = std::to_string(n);
  return prefix + "-" + std::to_string(year) + "-" + std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

struct Units {
  std::map<std::string, std::vector<std::string>> officers;  // agency -> officer ids
  std::vector<std::string> provinces;                        // province agency codes
  std::map<std::string, std::vector<std::string>> regions;   // province -> its region agencies
};

Units units_of(const DemoWorld& w) {
  Units u;
  for (const auto& o : w.officers) u.officers[o.agency].push_back(o.id);
  for (const auto& a : w.agencies)
    if (a.level == "province") u.provinces.push_back(a.code);
  for (const auto& a : w.agencies)
    if (a.level != "province" && a.level != "national" && !a.parent.empty()) u.regions[a.parent].push_back(a.code);
  return u;
}

void province_bodies(std::ostream& out, const std::string& p) {
  const demo::Province* pr = province_of(p);
  if (!pr) return;
  {
    const std::string t = pr->title;
    const std::pair<const char*, std::string> list[] = {
        {"land_registry", "Văn phòng Đăng ký đất đai " + t},
        {"bank", "Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh " + std::string(pr->place)},
        {"police", "Công an " + t},
        {"people_committee", "Ủy ban nhân dân " + t},
        {"tax", "Thuế " + t},
    };
    for (const auto& [type, name] : list)
      out << json{{"kind", "body"}, {"code", p + "-" + type}, {"name", name}, {"type", type}, {"agency", p}}.dump()
          << '\n';
  }
}

void bodies(std::ostream& out, const Units& u) {
  for (const std::string& p : u.provinces) province_bodies(out, p);
}

// One monitoring file (LTTHC 2015 Art. 309–312; NĐ 71/2016).
void admin_file(Writer& w, Rng& r, const Units& u, const std::string& province, int n,
                const std::string& prefix) {
  const demo::Province* pr = province_of(province);
  const auto& regions = u.regions.count(province) ? u.regions.at(province) : std::vector<std::string>{};
  const std::string agency = regions.empty() || r.chance(0.3) ? province : pick(r, regions);
  const Date received = w.today.plus_days(-static_cast<int32_t>(r.range(0, 900)));
  const double x = r.uniform();
  const std::string level = x < 0.45 ? "commune" : x < 0.55 ? "district" : x < 0.70 ? "province" : x < 0.73 ? "central" : "other";
  std::string debtor = level == "commune"    ? std::string(demo::commune_committee(r))
                       : level == "district" ? "Ủy ban nhân dân huyện " + std::string(pr->wards[static_cast<size_t>(r.range(0, 3))])
                       : level == "province" ? "Ủy ban nhân dân " + std::string(pr->title)
                       : level == "central"  ? std::string(pick(r, {"Bộ Tài nguyên và Môi trường", "Bộ Tài chính", "Bộ Công Thương"}))
                                             : std::string(pick(r, {"Sở Tài nguyên và Môi trường ", "Sở Xây dựng ", "Sở Nội vụ "})) + pr->title;
  const std::string ruling = pick(r, {"annul_decision", "annul_decision", "unlawful_act", "failure_to_act",
                                      "dismissal_annulled", "other", "interim_measure"});
  const char* obligation = ruling == "dismissal_annulled" ? "Hủy quyết định kỷ luật buộc thôi việc, bố trí lại công việc"
                           : ruling == "failure_to_act"  ? "Cấp Giấy chứng nhận quyền sử dụng đất theo quy định"
                           : ruling == "interim_measure" ? "Tạm đình chỉ thi hành quyết định hành chính bị khởi kiện"
                                                         : "Hủy quyết định hành chính bị khởi kiện và giải quyết lại theo quy định";
  w.open("admin_judgment", serial(prefix + "-HC", received.year(), n));
  json payload{{"agency", agency},
               {"judgment", {{"number", std::to_string(r.range(1, 99)) + "/" + std::to_string(received.year()) + "/HC-ST"},
                             {"court", "Tòa án nhân dân " + std::string(pr->title)},
                             {"date", received.plus_days(-static_cast<int32_t>(r.range(40, 120))).iso()},
                             {"effective_date", received.plus_days(-static_cast<int32_t>(r.range(5, 35))).iso()}}},
               {"ruling", ruling},
               {"debtor", {{"name", debtor}, {"address", demo::address(r, *pr, true)}, {"level", level}}},
               {"creditor", {{"name", demo::person_name(r, pr->south).text}}},
               {"obligation", obligation}};
  if (level == "commune" || level == "district") payload["superior"] = {{"name", "Ủy ban nhân dân " + std::string(pr->title)}};
  if (!w.act("received", received, payload)) return;
  Date d = received;
  auto next = [&](int lo, int hi) { return d = d.plus_days(static_cast<int32_t>(r.range(lo, hi))); };
  const auto officers = u.officers.count(agency) ? u.officers.at(agency) : std::vector<std::string>{};
  if (!officers.empty() && r.chance(0.93) && !w.act("officer_assigned", next(0, 2), {{"officer", pick(r, officers)}})) return;
  if (r.chance(0.95) && !w.act("notice_sent", next(1, 8))) return;
  const double fate = r.uniform();
  if (fate < 0.45) {  // complies within the voluntary period or soon after
    if (!w.act("debtor_reported", next(20, 60), {{"result", "complied"}})) return;
    w.act("complied", next(1, 30));
    return;
  }
  if (fate < 0.52) {
    w.act("closed", next(30, 200), {{"ground", pick(r, {"judgment_set_aside", "transferred", "other"})}});
    return;
  }
  if (r.chance(0.7) && !w.act("debtor_reported", next(25, 45), {{"result", r.chance(0.3) ? "partly_complied" : "not_complied"}}))
    return;
  if (r.chance(0.65) &&
      !w.act("delay_reason", next(0, 10),
             {{"reason", pick(r, {"objective_obstacle", "awaiting_funds", "awaiting_superior", "disagrees", "unclear_judgment", "other"})}}))
    return;
  if (r.chance(0.1)) {
    if (!w.act("interpretation_requested", next(1, 20))) return;
    if (r.chance(0.7) && !w.act("interpretation_received", next(5, 20))) return;
  }
  if (!r.chance(0.45)) return;
  const Date order = next(10, 60);
  if (!w.act("compel_order", order.plus_days(static_cast<int32_t>(r.range(1, 4))),
             {{"number", std::to_string(r.range(1, 40)) + "/" + std::to_string(order.year()) + "/QĐ-BTHA"},
              {"court", "Tòa án nhân dân " + std::string(pr->title)}, {"order_date", order.iso()}}))
    return;
  if (r.chance(0.9) && !w.act("debtor_met", next(1, 5))) return;
  if (r.chance(0.4) && !w.act("superior_instructed", next(3, 20))) return;
  if (r.chance(0.7)) {
    json portals = json::array({"province"});
    if ((level == "province" || level == "central") && r.chance(0.85)) portals = {"province", "national", "government"};
    if (!w.act("published", next(2, 9), {{"portals", portals}})) return;
    if ((level == "province" || level == "central") && !w.act("escalated", next(1, 10))) return;
    if (r.chance(0.2) && !w.act("discipline_recommended", next(10, 40), {{"to", "Chủ tịch " + debtor}})) return;
    if (r.chance(0.3)) {
      if (!w.act("complied", next(20, 150))) return;
      w.act("unpublished", next(1, 4));
    }
  }
}

void complaint(Writer& w, Rng& r, const DemoWorld::Case& c, const std::string& prefix, int n) {
  const demo::Province* pr = province_of(c.agency);
  const Date lodged = c.opened.plus_days(static_cast<int32_t>(r.range(15, 400)));
  if (lodged > w.today) return;
  const std::string act = pick(r, {"before_measures", "before_measures", "account_freeze", "other_protective", "coercion", "after_coercion"});
  const int level = r.chance(0.1) ? 2 : 1;
  w.open("complaint", serial(prefix + "-KN", lodged.year(), n));
  json p{{"agency", c.agency}, {"case", c.id}, {"complainant", {{"name", c.debtor_name}}},
         {"against", r.chance(0.85) ? "officer" : "head"}, {"act", act},
         {"act_known_date", lodged.plus_days(-static_cast<int32_t>(r.range(1, 20))).iso()}, {"level", level}};
  if (pr && r.chance(0.05)) p["remote"] = true;
  if (!w.act("lodged", lodged, p)) return;
  Date d = lodged;
  auto next = [&](int lo, int hi) { return d = d.plus_days(static_cast<int32_t>(r.range(lo, hi))); };
  if (r.chance(0.05)) return void(w.act("withdrawn", next(1, 10)));
  if (r.chance(0.12)) return void(w.act("rejected", next(1, 8), {{"reason", pick(r, {"time_expired", "no_interest", "already_final", "other"})}}));
  if (!w.act("admitted", next(1, 8))) return;
  if (act == "coercion" && r.chance(0.2) && !w.act("extended", next(20, 30))) return;
  if (r.chance(0.15)) return;  // still being resolved
  if (!w.act("resolved", next(5, 40), {{"outcome", pick(r, {"dismissed", "dismissed", "dismissed", "partly_upheld", "upheld"})}})) return;
  if (r.chance(0.9) && !w.act("decision_sent", next(1, 6))) return;
  if (level == 2 && r.chance(0.8)) w.act("decision_published", next(2, 14));
}

void denunciation(Writer& w, Rng& r, const DemoWorld::Case& c, const std::string& prefix, int n) {
  const Date lodged = c.opened.plus_days(static_cast<int32_t>(r.range(30, 500)));
  if (lodged > w.today) return;
  w.open("denunciation", serial(prefix + "-TC", lodged.year(), n));
  json p{{"agency", c.agency}, {"case", c.id}, {"denouncer", {{"name", c.debtor_name}}},
         {"against", r.chance(0.8) ? "officer" : "head"}};
  if (r.chance(0.3)) p["needs_checks"] = true;
  if (!w.act("lodged", lodged, p)) return;
  Date d = lodged;
  auto next = [&](int lo, int hi) { return d = d.plus_days(static_cast<int32_t>(r.range(lo, hi))); };
  if (r.chance(0.15)) return void(w.act("transferred", next(2, 9), {{"to", "Thanh tra " + c.agency}}));
  if (r.chance(0.1)) return void(w.act("rejected", next(2, 9), {{"reason", "Nội dung đã được giải quyết"}}));
  if (!w.act("admitted", next(2, 12))) return;
  if (r.chance(0.15) && !w.act("extended", next(40, 55))) return;
  if (r.chance(0.2)) return;
  if (!w.act("concluded", next(20, 60), {{"outcome", pick(r, {"unfounded", "unfounded", "partly_founded", "founded"})}})) return;
  if (r.chance(0.9) && !w.act("conclusion_sent", next(1, 7))) return;
  if (r.chance(0.8)) w.act("conclusion_published", next(0, 6));
}

void procuracy(Writer& w, Rng& r, const DemoWorld::Case& c, const std::string& prefix, int n) {
  const demo::Province* pr = province_of(c.agency);
  const Date got = c.opened.plus_days(static_cast<int32_t>(r.range(20, 500)));
  if (got > w.today || !pr) return;
  const double x = r.uniform();
  const std::string type = x < 0.3 ? "protest" : x < 0.8 ? "recommendation" : "requirement";
  w.open("procuracy", serial(prefix + "-VKS", got.year(), n));
  json p{{"agency", c.agency}, {"case", c.id}, {"procuracy", "Viện kiểm sát nhân dân " + std::string(pr->title)},
         {"number", std::to_string(r.range(1, 90)) + "/" + (type == "protest" ? "QĐ-VKS-KN" : type == "recommendation" ? "KN-VKS" : "YC-VKS")}};
  if (type == "protest") p["level"] = r.chance(0.8) ? "same" : "superior", p["act_known_date"] = got.plus_days(-static_cast<int32_t>(r.range(2, 14))).iso();
  if (type == "requirement") p["demand"] = pick(r, {"self_inspect", "issue_decision", "enforce", "provide_documents"});
  if (!w.act(type, got, p)) return;
  Date d = got;
  auto next = [&](int lo, int hi) { return d = d.plus_days(static_cast<int32_t>(r.range(lo, hi))); };
  if (r.chance(0.12)) return;  // no reply yet
  const bool accepted = r.chance(0.8);
  if (!w.act("replied", next(3, 20), {{"accepted", accepted}})) return;
  if (type == "requirement") return void(w.act("closed", next(0, 3)));
  if (accepted) {
    if (r.chance(0.85)) w.act("remedied", next(1, 9));
    return;
  }
  if (type == "protest" && r.chance(0.8)) {
    if (!w.act("reported_to_superior", next(1, 5))) return;
    if (r.chance(0.7)) w.act("superior_answered", next(10, 35), {{"accepted", r.chance(0.5)}});
  } else {
    w.act("closed", next(1, 10));
  }
}

void request(Writer& w, Rng& r, const DemoWorld::Case& c, const std::string& province, const std::string& prefix,
             int n, bool& froze) {
  const double x = r.uniform();
  std::string purpose = x < 0.6 ? "verify_assets" : x < 0.75 ? "freeze_account" : x < 0.85 ? "stop_transfer"
                        : x < 0.9 ? "protection" : "other";
  if ((purpose == "freeze_account" || purpose == "stop_transfer") && c.debtor_id.empty()) purpose = "verify_assets";
  if (purpose == "freeze_account" && (c.amount < 1'000'000 || froze)) purpose = "verify_assets";
  const std::string body = purpose == "freeze_account" ? "bank" : purpose == "stop_transfer" ? "land_registry"
                           : purpose == "protection"     ? "police" : purpose == "other" ? "people_committee"
                           : r.chance(0.5)               ? "land_registry" : "bank";
  // A freeze is sent the day the case opens, for a hundredth of the debt, so
  // it stays inside the freeze budget whatever was collected.
  const Date sent = purpose == "freeze_account" ? c.opened : c.opened.plus_days(static_cast<int32_t>(r.range(3, 90)));
  if (sent > w.today) return;
  w.open("request", serial(prefix + "-YC", sent.year(), n));
  json subject{{"name", c.debtor_name}};
  if (!c.debtor_id.empty()) subject["id_number"] = c.debtor_id;
  json p{{"agency", c.agency}, {"case", c.id}, {"body", province + "-" + body}, {"purpose", purpose}, {"subject", subject}};
  if (purpose == "freeze_account") p["amount"] = c.amount / 100 / 1000 * 1000;
  if (!w.act("sent", sent, p)) return;
  froze = froze || purpose == "freeze_account";
  Date d = sent;
  auto next = [&](int lo, int hi) { return d = d.plus_days(static_cast<int32_t>(r.range(lo, hi))); };
  if (r.chance(0.15)) {  // not answered yet; reminded sometimes
    if (r.chance(0.5)) w.act("reminded", next(7, 15));
    return;
  }
  const int late = r.chance(0.25) ? 10 : 0;
  if (late && !w.act("reminded", next(6, 9))) return;
  const std::string result = purpose == "verify_assets" ? pick(r, {"found", "not_found", "not_found"}) : r.chance(0.9) ? "done" : "refused";
  if (!w.act("answered", next(0, 6 + late), {{"result", result}})) return;
  if ((purpose == "freeze_account" || purpose == "stop_transfer") && result == "done" && r.chance(0.7)) w.act("lifted", next(3, 40));
  else if (r.chance(0.3)) w.act("closed", next(1, 20));
}

}  // namespace

void write_demo_bodies(const std::string& province, std::ostream& out) { province_bodies(out, province); }

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out) {
  const Units u = units_of(world);
  bodies(out, u);
  Writer w{out, world.today, "", "", 0, {}};
  const int64_t m = static_cast<int64_t>(world.cases.size());
  // Monitoring files: a few per province, more where there are more cases.
  int province_index = 0;
  for (const std::string& p : u.provinces) {
    if (!province_of(p)) continue;
    Rng r(demo::mix_seed(seed, 0xAD000000ULL + static_cast<uint64_t>(province_index++)));
    const int files = 2 + static_cast<int>(r.range(0, 2)) + static_cast<int>(m / 4000);
    for (int i = 1; i <= files; ++i) admin_file(w, r, u, p, i, p);
  }
  // Complaints, denunciations, procuracy acts and requests on sampled cases.
  std::map<std::string, int> serials;
  for (int64_t i = 0; i < m; ++i) {
    const DemoWorld::Case& c = world.cases[static_cast<size_t>(i)];
    const demo::Province* pr = province_of(c.agency);
    if (!pr || c.opened > world.today) continue;
    Rng r(demo::mix_seed(seed, 0x0C000000ULL + static_cast<uint64_t>(i)));
    const std::string province = pr->code;
    bool froze = false;
    if (r.chance(0.01)) complaint(w, r, c, province, ++serials[province + "KN"]);
    if (r.chance(0.0015)) denunciation(w, r, c, province, ++serials[province + "TC"]);
    if (r.chance(0.005)) procuracy(w, r, c, province, ++serials[province + "VKS"]);
    if (r.chance(0.03)) request(w, r, c, province, province, ++serials[province + "YC1"], froze);
    if (r.chance(0.01)) request(w, r, c, province, province, ++serials[province + "YC1"], froze);
  }
}

void write_scale(const DemoWorld& world, uint64_t seed, const ScaleCounts& n, std::ostream& out) {
  const Units u = units_of(world);
  Writer w{out, world.today, "", "", 0, {}};
  std::vector<std::string> provinces;
  for (const std::string& p : u.provinces)
    if (province_of(p)) provinces.push_back(p);
  // A stream counts when its opening act was written (one dated after today is
  // not): w.seq > 0 after the stream's function returns.
  std::map<std::string, int> serials;
  // Monitoring files, round robin over the provinces.
  int64_t files = 0;
  for (uint64_t k = 0; files < n.admin_files && !provinces.empty(); ++k) {
    const std::string& p = provinces[k % provinces.size()];
    Rng r(demo::mix_seed(seed, 0x5CA1E000000ULL + k));
    w.open("", "");
    admin_file(w, r, u, p, ++serials[p + "HC"], p + "-S");
    if (w.seq > 0) ++files;
  }
  // Complaints, procuracy acts and requests on the cases, in passes over them
  // until each count is reached (a stream dated after today is not written).
  const int64_t m = static_cast<int64_t>(world.cases.size());
  int64_t complaints = 0, acts = 0, requests = 0;
  for (int64_t pass = 0; m > 0 && (complaints < n.complaints || acts < n.procuracy || requests < n.requests); ++pass) {
    const int64_t before = complaints + acts + requests;
    for (int64_t i = 0; i < m; ++i) {
      const DemoWorld::Case& c = world.cases[static_cast<size_t>(i)];
      const demo::Province* pr = province_of(c.agency);
      if (!pr || c.opened > world.today) continue;
      Rng r(demo::mix_seed(seed, 0x5CA1E0000000ULL + static_cast<uint64_t>(pass) * static_cast<uint64_t>(m) +
                                     static_cast<uint64_t>(i)));
      const std::string province = pr->code, prefix = province + "-S";
      bool froze = pass > 0;  // one freeze per case, in the first pass
      if (complaints < n.complaints && r.chance(static_cast<double>(n.complaints) / static_cast<double>(m))) {
        w.open("", "");
        complaint(w, r, c, prefix, ++serials[province + "KN"]);
        if (w.seq > 0) ++complaints;
      }
      if (acts < n.procuracy && r.chance(static_cast<double>(n.procuracy) / static_cast<double>(m))) {
        w.open("", "");
        procuracy(w, r, c, prefix, ++serials[province + "VKS"]);
        if (w.seq > 0) ++acts;
      }
      for (int64_t q = 0; q < (n.requests + m - 1) / m && requests < n.requests; ++q) {
        w.open("", "");
        request(w, r, c, province, prefix, ++serials[province + "YC"], froze);
        if (w.seq > 0) ++requests;
      }
    }
    if (complaints + acts + requests == before) break;  // nothing more can be dated by today
  }
}

}  // namespace thads::oversight
