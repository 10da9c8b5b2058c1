// Demo data: the agency tree, officers and targets, then the cases.
#include "app/demo.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "app/demo_case.h"

namespace thads {
namespace {

using demo::Out;
using demo::Rng;

constexpr int kRegionsNational = 355;  // Phòng THADS khu vực since 01/07/2025
constexpr int64_t kFullTree = 100'000;  // from this many cases on, all 355 of them
constexpr int kYearsBack = 6;

// Case load grows with population, more so in the big cities.
double case_weight(const demo::Province& p) {
  const std::string_view c = p.code;
  if (c == "HCM" || c == "HN") return p.population * 1.35;
  if (c == "HP" || c == "DN" || c == "CT" || c == "HUE") return p.population * 1.15;
  return p.population;
}

// Regions per province: all 355 by population (at least 3 each) for a large
// dataset, 2–4 per province for a small one.
std::vector<int> regions_per_province(int64_t cases) {
  const auto ps = demo::provinces();
  std::vector<int> n(ps.size());
  if (cases < kFullTree) {
    for (size_t i = 0; i < ps.size(); ++i) n[i] = 2 + (ps[i].population >= 3.0) + (ps[i].population >= 8.0);
    return n;
  }
  double total = 0;
  for (const auto& p : ps) total += p.population;
  const int spare = kRegionsNational - 3 * static_cast<int>(ps.size());
  std::vector<std::pair<double, size_t>> rest;
  int given = 0;
  for (size_t i = 0; i < ps.size(); ++i) {
    const double share = spare * ps[i].population / total;
    n[i] = 3 + static_cast<int>(share);
    given += n[i];
    rest.push_back({share - std::floor(share), i});
  }
  std::sort(rest.begin(), rest.end(), [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (size_t k = 0; given < kRegionsNational; ++k, ++given) ++n[rest[k % rest.size()].second];
  return n;
}

std::string two_digits(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }

struct Picker {
  std::vector<double> province_weight;
  std::vector<std::vector<double>> region_weight;
};

void write_officer(Out& out, const std::string& id, const std::string& name, const std::string& agency, const char* role) {
  out.raw("{\"kind\":\"officer\",\"id\":").str(id).raw(",\"name\":").str(name).raw(",\"agency\":").str(agency);
  out.raw(",\"role\":\"").raw(role).raw("\"}");
  out.end_line();
}

void write_agency(Out& out, const std::string& code, const std::string& name, const char* level, const char* parent) {
  out.raw("{\"kind\":\"agency\",\"code\":").str(code).raw(",\"name\":").str(name).raw(",\"level\":\"").raw(level);
  out.raw("\",\"parent\":");
  if (parent) out.str(parent);
  else out.raw("null");
  out.raw("}");
  out.end_line();
}

// Officers of one unit: a head, clerks and enforcement officers (chấp hành viên).
void staff(Out& out, Rng& r, demo::Unit& u, bool south, int officers) {
  write_officer(out, u.code + "-LD-01", demo::person_name(r, south).text, u.code, "head");
  for (int k = 1; k <= 1 + (officers >= 8); ++k)
    write_officer(out, u.code + "-TK-" + two_digits(k), demo::person_name(r, south).text, u.code, "clerk");
  for (int k = 1; k <= officers; ++k) {
    u.officers.push_back(u.code + "-CHV-" + two_digits(k));
    write_officer(out, u.officers.back(), demo::person_name(r, south).text, u.code, "enforcement_officer");
  }
}

demo::World build_tree(Out& out, Rng& r, int64_t cases, Picker& pick) {
  demo::World w;
  const auto ps = demo::provinces();
  const std::vector<int> regions = regions_per_province(cases);
  write_agency(out, "CQL", "Cục Quản lý thi hành án dân sự", "national", nullptr);
  for (const auto& p : ps)
    write_agency(out, p.code, std::string("Thi hành án dân sự ") + p.title, "province", "CQL");
  double weight_total = 0;
  for (const auto& p : ps) weight_total += case_weight(p);
  w.region_units.resize(ps.size());
  for (size_t i = 0; i < ps.size(); ++i) {
    pick.province_weight.push_back(case_weight(ps[i]));
    std::vector<double> rw;
    double rw_total = 0;
    for (int k = 1; k <= regions[i]; ++k) {
      const std::string code = std::string(ps[i].code) + "-KV" + std::to_string(k);
      write_agency(out, code, "Phòng Thi hành án dân sự khu vực " + std::to_string(k) + " - " + ps[i].place, "region",
                   ps[i].code);
      rw.push_back(0.6 + 0.8 * r.uniform());
      rw_total += rw.back();
    }
    for (int k = 0; k < regions[i]; ++k) {
      demo::Unit u;
      u.code = std::string(ps[i].code) + "-KV" + std::to_string(k + 1);
      u.province = static_cast<int>(i);
      const double expected = static_cast<double>(cases) * case_weight(ps[i]) / weight_total *
                              rw[static_cast<size_t>(k)] / rw_total;
      staff(out, r, u, ps[i].south, std::clamp(static_cast<int>(std::lround(expected / 300.0)), 3, 14));
      w.region_units[i].push_back(static_cast<int>(w.units.size()));
      w.units.push_back(std::move(u));
    }
    pick.region_weight.push_back(std::move(rw));
  }
  // The provincial agencies handle the largest flagged cases themselves.
  for (size_t i = 0; i < ps.size(); ++i) {
    demo::Unit u;
    u.code = ps[i].code;
    u.province = static_cast<int>(i);
    u.provincial = true;
    staff(out, r, u, ps[i].south, 3 + static_cast<int>(r.next() % 3));
    w.province_unit.push_back(static_cast<int>(w.units.size()));
    w.units.push_back(std::move(u));
  }
  write_officer(out, "CQL-LD-01", demo::person_name(r, false).text, "CQL", "head");
  write_officer(out, "CQL-GS-01", demo::person_name(r, false).text, "CQL", "monitor");
  write_officer(out, "CQL-GS-02", demo::person_name(r, false).text, "CQL", "monitor");
  return w;
}

// Chỉ tiêu: the National Assembly's 83.90% / 51.90% for FY2025, then a little
// higher each year; provinces a little above or below.
void write_targets(Out& out, Rng& r, Date today) {
  const int last = std::max(2026, fiscal_year_of(today));
  for (int fy = 2025; fy <= last; ++fy) {
    const int64_t cases = 8390 + 40 * (fy - 2025), money = 5190 + 60 * (fy - 2025);
    auto target = [&](std::string_view agency, int64_t c, int64_t m) {
      out.raw("{\"kind\":\"target\",\"agency\":").str(agency).raw(",\"fiscal_year\":").num(fy);
      out.raw(",\"cases_rate\":").rate(c).raw(",\"money_rate\":").rate(m).raw("}");
      out.end_line();
    };
    target("CQL", cases, money);
    for (const auto& p : demo::provinces())
      target(p.code, cases + 5 * r.range(-30, 24), money + 5 * r.range(-50, 40));
  }
}

// Opening dates over the six years before today, the yearly intake growing by
// about a quarter over the span.
Date opening_date(Rng& r, const demo::Calendar& cal, Date start, Date today, double x) {
  constexpr double g = 0.25;
  const double u = x < 0 ? r.uniform() : x;
  const double t = x < 0 ? (-1.0 + std::sqrt(1.0 + 2.0 * g * u * (1.0 + g / 2.0))) / g : u;
  const Date d = cal.on_or_after(start.plus_days(static_cast<int>(t * (today - start))));
  return d > today ? cal.on_or_before(today) : d;
}

int pick_unit(Rng& r, const demo::World& w, const Picker& pick) {
  const size_t p = r.weighted(pick.province_weight);
  const size_t k = r.weighted(pick.region_weight[p]);
  return w.region_units[p][k];
}

}  // namespace

void generate_demo(std::ostream& os, const DemoOptions& o,
                   const std::function<void(const char*, int64_t, int64_t)>& progress) {
  if (o.cases < 0) throw std::invalid_argument("demo: the number of cases must not be negative");
  const Date today = o.today;
  const Date start = today.plus_months(-12 * kYearsBack);
  const demo::Calendar cal(start.plus_days(-366 * 12), today.plus_days(366 * 3));
  Out out(os, start.plus_days(-366 * 12), today);
  out.raw("{\"kind\":\"format\",\"v\":1}");
  out.end_line();

  Rng ref(demo::mix_seed(o.seed, ~0ULL));
  Picker pick;
  demo::World w = build_tree(out, ref, o.cases, pick);
  w.cal = &cal;
  w.today = today;
  write_targets(out, ref, today);

  // The very large cases: one every ~1,500 cases, at least sixteen (each of
  // the eight patterns twice) in a dataset of 2,000 cases or more; together
  // they hold about as much money as all the other cases.
  const int64_t n = o.cases;
  const int64_t huge = n >= 2000 ? std::max<int64_t>(16, n / 1500) : n / 250;
  const int64_t huge_amount =
      huge ? std::clamp<int64_t>(n * 100'000'000 / huge, 20'000'000'000, 900'000'000'000) / 1000 * 1000 : 0;
  // Which pattern the youngest of them follows changes with the seed.
  const int64_t pattern_shift = static_cast<int64_t>(demo::mix_seed(o.seed, ~1ULL) % 8);
  auto huge_slot = [&](int64_t i) -> int64_t {
    if (huge == 0) return -1;
    const int64_t h = (2 * i * huge + huge) / (2 * n);  // slot whose centre is near i
    return (2 * h + 1) * n / (2 * huge) == i ? h : -1;
  };

  const int first_year = start.year() - 1;
  std::vector<int> serial(demo::provinces().size() * static_cast<size_t>(today.year() - first_year + 1), 0);
  std::optional<demo::Handoff> handoff;
  for (int64_t i = 0; i < n; ++i) {
    if (progress && i % 10000 == 0) progress("tạo dữ liệu mẫu", i, n);
    Rng r(demo::mix_seed(o.seed, static_cast<uint64_t>(i)));
    const int64_t slot = huge_slot(i);
    demo::CaseSpec c;
    if (handoff && slot < 0) {
      c = demo::received_case(r, w, *handoff);
      if (c.opened > today) handoff.reset();
    } else {
      handoff.reset();
    }
    if (!handoff) {
      if (slot >= 0) {
        const double x = (static_cast<double>(slot) + r.uniform()) / static_cast<double>(huge);
        c = demo::draw_case(r, w, pick_unit(r, w, pick), opening_date(r, cal, start, today, x),
                            static_cast<int>(slot + pattern_shift), huge_amount);
      } else {
        c = demo::draw_case(r, w, pick_unit(r, w, pick), opening_date(r, cal, start, today, -1), -1, 0);
      }
    }
    const int province = w.units[static_cast<size_t>(c.unit)].province;
    const size_t key = static_cast<size_t>(province) * static_cast<size_t>(today.year() - first_year + 1) +
                       static_cast<size_t>(c.opened.year() - first_year);
    const std::string serial_no = std::to_string(++serial[key]);
    c.id = std::string(demo::provinces()[static_cast<size_t>(province)].code) + "-" + std::to_string(c.opened.year()) +
           "-" + std::string(serial_no.size() < 6 ? 6 - serial_no.size() : 0, '0') + serial_no;
    handoff = demo::write_history(out, r, w, c);
  }
  if (progress) progress("tạo dữ liệu mẫu", n, n);
  out.flush();
}

}  // namespace thads
