// Demo cases: the courses a case takes after it is opened and notified.
//
// The shares and durations below are the calibration knobs: together they
// set how many cases are still open at the start of a statistical year
// (carried over), how many wait without conditions (unable) or postponed at
// its end, and how much of the money is collected within it. They were tuned
// until generated datasets matched the national figures of legal-rules.md §6.
#include <algorithm>
#include <cmath>

#include "app/demo_flows.h"

namespace thads::demo {
namespace {

enum Fate : uint8_t { kQuick, kSlow, kUnable, kPostpone, kSuspend, kTerminate, kReduce, kEntrust, kPullUp, kFates };

// Shares of the courses by size class (nonmoney, small, medium, large,
// xlarge, flagged).
constexpr double kFateShares[6][kFates] = {
    // quick  slow  unable postpone suspend terminate reduce entrust pull_up
    {0.38, 0.33, 0.10, 0.06, 0.010, 0.09, 0.00, 0.010, 0.005},
    {0.56, 0.14, 0.12, 0.05, 0.008, 0.07, 0.04, 0.012, 0.003},
    {0.32, 0.32, 0.18, 0.06, 0.015, 0.06, 0.01, 0.015, 0.004},
    {0.08, 0.34, 0.38, 0.07, 0.020, 0.06, 0.00, 0.020, 0.008},
    {0.02, 0.36, 0.42, 0.07, 0.030, 0.05, 0.00, 0.010, 0.008},
    {0.01, 0.36, 0.44, 0.06, 0.040, 0.04, 0.00, 0.010, 0.008},
};

// How long a case stays without conditions: the share that never leaves
// within the dataset, and the mean stay of the others, in years.
struct Stay {
  double never;
  double mean_years;
};
constexpr Stay kStay[6] = {{0.12, 1.4}, {0.14, 1.5}, {0.16, 1.6}, {0.30, 2.5}, {0.35, 3.0}, {0.40, 3.0}};

// Instalments: how many, days between them, and the share of cases coerced.
struct Pace {
  int n_lo, n_hi, gap_lo, gap_hi;
  double coerce;
};
constexpr Pace kPace[7] = {
    {1, 1, 20, 120, 0.40}, {1, 2, 5, 30, 0.08},    {1, 3, 7, 35, 0.18},  {2, 5, 30, 120, 0.30},
    {4, 10, 60, 240, 0.35}, {4, 10, 60, 240, 0.35}, {8, 30, 60, 200, 0.40},
};

struct Measure {
  const char* text;
  bool forces;   // a coercion plan mobilising forces (Art. 72)
  bool auction;  // the money comes after valuation and auction
};
constexpr Measure kMoneyMeasures[] = {
    {"Kê biên, xử lý tài sản", true, true},
    {"Khấu trừ tiền trong tài khoản", false, false},
    {"Trừ vào thu nhập của người phải thi hành án", false, false},
    {"Thu hồi, xử lý tiền, giấy tờ có giá", false, false},
    {"Kê biên quyền sử dụng đất", true, true},
};
constexpr Measure kActMeasures[] = {
    {"Buộc chuyển giao vật, quyền tài sản, giấy tờ", true, false},
    {"Buộc thực hiện hoặc không thực hiện công việc nhất định", true, false},
};

constexpr const char* kPostponeGrounds[] = {"48.1.a", "48.1.b", "48.1.c", "48.1.d", "48.1.đ",
                                            "48.1.e", "48.1.g", "48.1.h", "48.2"};
constexpr double kPostponeWeights[] = {20, 12, 30, 15, 8, 2, 1, 5, 7};

const Date kSendBackInForce = Date::from_ymd(2026, 7, 1);  // L.106/2025 Art. 38(4)

int days(Rng& r, int lo, int hi) { return static_cast<int>(r.range(lo, hi)); }

}  // namespace

int64_t History::part(int64_t of, double lo, double hi) {
  const double f = lo + (hi - lo) * r_.uniform();
  const int64_t v = static_cast<int64_t>(static_cast<double>(of) * f / 1000.0) * 1000;
  return std::clamp<int64_t>(v, std::min<int64_t>(1000, of), of);
}

// Art. 44(1): verification within 10 days after the 10-day voluntary period.
Date History::verify_date() {
  const Date end = notified_on_.plus_days(10);
  return cal_.add_days(end, r_.chance(0.9) ? days(r_, 1, 10) : days(r_, 11, 60));
}

Date History::coercion_day(Date planned, bool forces) {
  const Date at = cal_.add_working(planned, days(r_, 5, 15));
  return forces ? cal_.outside_tet(at) : at;
}

bool History::reassign(Date d) {
  const auto& officers = w_.units[static_cast<size_t>(c_.unit)].officers;
  if (officers.size() < 2 || !r_.chance(0.04)) return true;
  std::string other = officer_;
  while (other == officer_) other = officers[static_cast<size_t>(r_.next() % officers.size())];
  officer_ = other;
  return assign(cal_.add_days(d, days(r_, 5, 60)), officer_) != 0;
}

void History::run() {
  if (!opened()) return;
  const auto& officers = w_.units[static_cast<size_t>(c_.unit)].officers;
  officer_ = officers[static_cast<size_t>(r_.next() % officers.size())];
  Date d = cal_.add_working(c_.opened, r_.chance(0.65) ? 0 : 1);
  if (officers.size() > 1 && r_.chance(0.003)) {  // wrong officer entered, corrected
    std::string wrong = officer_;
    while (wrong == officer_) wrong = officers[static_cast<size_t>(r_.next() % officers.size())];
    const int s = assign(d, wrong);
    if (!s || !assign(d, officer_) || !voided(d, s, "Phân công nhầm Chấp hành viên")) return;
  } else if (!assign(d, officer_)) {
    return;
  }
  // Art. 39(2): notification within 3 working days, some late.
  static constexpr double kNotify[] = {45, 30, 15, 10};
  const size_t k = r_.weighted(kNotify);
  Date n = cal_.add_working(c_.opened, k < 3 ? static_cast<int>(k) + 1 : days(r_, 4, 8));
  if (r_.chance(0.004)) {  // a notification found invalid, done again
    const int s = notified(n);
    n = cal_.add_working(n, days(r_, 1, 3));
    if (!s || !notified(n) || !voided(n, s, "Thông báo không hợp lệ, đã thông báo lại")) return;
  } else if (!notified(n)) {
    return;
  }
  notified_on_ = n;
  if (c_.huge_slot >= 0) {
    huge();
  } else {
    const size_t size = static_cast<size_t>(c_.size);
    Fate f = static_cast<Fate>(r_.weighted(kFateShares[size]));
    if (f == kReduce && !c_.proactive) f = kSlow;
    if (f == kPullUp && w_.units[static_cast<size_t>(c_.unit)].provincial) f = kSlow;
    switch (f) {
      case kQuick: quick(); break;
      case kSlow: slow(); break;
      case kUnable: unable(verify_date(), true, kStay[size].never, kStay[size].mean_years); break;
      case kPostpone: postpone(); break;
      case kSuspend: suspend(); break;
      case kTerminate: terminate_early(); break;
      case kReduce: reduce_then_settle(); break;
      case kEntrust: entrust(); break;
      case kPullUp: pull_up(); break;
      case kFates: break;
    }
  }
  flush_payouts();
}

// Paid within the voluntary period (Art. 45).
void History::quick() {
  Date d = cal_.add_days(notified_on_, days(r_, 1, 10));
  if (remaining_ == 0) {
    complete(cal_.add_days(d, days(r_, 0, 5)));
    return;
  }
  if (remaining_ >= 2000 && r_.chance(0.2)) {
    if (!collect(d, part(remaining_, 0.3, 0.7), "voluntary")) return;
    d = cal_.add_days(d, days(r_, 3, 20));
    // Not all paid within the voluntary period: the officer verifies (Art. 44(1)).
    const Date v = verify_date();
    if (v <= d && !verified(v, true, nullptr)) return;
  }
  if (!collect(d, remaining_, r_.chance(0.1) ? "settled" : "voluntary")) return;
  complete(cal_.add_days(d, days(r_, 1, 7)));
}

void History::slow() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr) || !reassign(v)) return;
  settle(last_);
}

// Instalments until nothing remains, some under coercion (Art. 70–72), then xong.
void History::settle(Date d) {
  const Pace& p = kPace[static_cast<size_t>(c_.size)];
  if (remaining_ == 0) {  // deliver an asset or perform an act
    if (r_.chance(p.coerce)) {
      const Measure& m = kActMeasures[r_.next() % std::size(kActMeasures)];
      const Date plan = cal_.add_days(d, days(r_, 10, 60));
      const Date at = coercion_day(plan, m.forces);
      if (!coercion(plan, at, m.text, m.forces, true)) return;
      d = at;
    }
    complete(cal_.add_days(d, days(r_, 1, 30)));
    return;
  }
  const int n = days(r_, p.n_lo, p.n_hi);
  bool coerced = false;
  for (int i = 0; i < n && remaining_ > 0; ++i) {
    d = cal_.add_days(d, days(r_, p.gap_lo, p.gap_hi));
    const char* method = r_.chance(0.12) ? "settled" : "voluntary";
    if (!coerced && r_.chance(p.coerce)) {
      coerced = true;
      const Measure& m = kMoneyMeasures[r_.next() % std::size(kMoneyMeasures)];
      const Date at = coercion_day(d, m.forces);
      const bool executed = r_.chance(0.9);  // or the debtor pays before the day
      if (!coercion(d, at, m.text, m.forces, executed)) return;
      d = cal_.add_days(at, m.auction ? days(r_, 30, 90) : days(r_, 1, 10));
      if (executed) method = "coerced";
    }
    if (c_.proactive && r_.chance(0.04)) {  // giảm (Art. 61–64)
      if (!reduce(d, part(remaining_, 0.1, 0.5))) return;
      if (remaining_ == 0) break;
      d = cal_.add_days(d, days(r_, 5, 30));
    }
    if (r_.chance(0.03)) {  // the parties agree on a delay (Art. 48(1)(c))
      if (!postponed(d, "48.1.c", d) || !resumed(cal_.add_days(d, days(r_, 30, 120)))) return;
      d = last_;
    }
    if (!collect(d, i == n - 1 ? remaining_ : part(remaining_, 0.2, 0.6), method)) return;
    if (remaining_ > 0 && r_.chance(0.03)) {  // the creditor waives the rest (Art. 50(1)(c))
      terminate(cal_.add_days(d, days(r_, 10, 90)), "50.1.c", d);
      return;
    }
  }
  complete(cal_.add_days(d, days(r_, 2, 10)));
}

// Very large debts: a few percent of the original amount every few months.
void History::settle_long(Date d) {
  const int64_t total = c_.total();
  while (remaining_ > 0) {
    d = cal_.add_days(d, days(r_, 60, 180));
    const int64_t want = part(total, 0.04, 0.10);
    if (!collect(d, std::min(want, remaining_), r_.chance(0.3) ? "coerced" : "voluntary")) return;
  }
  complete(cal_.add_days(d, days(r_, 5, 20)));
}

// Art. 44–44a: verified unable, decided, re-verified every 6 months (12 for
// an unknown address or a long prison term) until it leaves the status.
void History::unable(Date v, bool partial_first, double p_stay, double mean_years) {
  bool item = false;
  for (int i = 0; i < c_.n_obligations; ++i) {
    const std::string_view cat = c_.obligations[static_cast<size_t>(i)].category;
    item = item || cat == "deliver_asset" || cat == "property_return";
  }
  const double x = r_.uniform();
  const char* reason = "no_income_or_assets";
  if (c_.debtor_org ? x > 0.93 : x > 0.78) reason = "address_unknown";
  if (item && x > 0.95) reason = "item_gone";
  const bool prisoner = !c_.debtor_org && std::string_view(c_.kind) == "criminal" &&
                        std::string_view(reason) == "no_income_or_assets" && r_.chance(0.3);
  if (partial_first && remaining_ >= 2000 && r_.chance(0.25)) {
    if (!collect(cal_.add_days(notified_on_, days(r_, 2, 10)), part(remaining_, 0.05, 0.4), "voluntary")) return;
  }
  if (!verified(v, false, reason)) return;
  const Date since = cal_.add_working(last_, r_.chance(0.9) ? days(r_, 1, 5) : days(r_, 6, 20));
  if (!unable_decided(since, reason, prisoner, v)) return;
  const bool yearly = prisoner || std::string_view(reason) == "address_unknown";
  const int interval = yearly ? 365 : 182;
  Date exit = w_.today.plus_days(100000);
  if (!r_.chance(p_stay)) exit = since.plus_days(static_cast<int>(-mean_years * 365.0 * std::log(1.0 - r_.uniform())));
  Date next = since;
  for (;;) {
    next = cal_.add_days(next, interval - days(r_, 0, 25) + (r_.chance(0.15) ? days(r_, 20, 120) : 0));
    if (next >= exit) break;
    // From 01/07/2026 an on-request case unable for two years may be sent back.
    if (!c_.proactive && next >= kSendBackInForce && next - since >= 730 && r_.chance(0.25)) {
      close(next, "request_sent_back");
      return;
    }
    if (!verified(next, false, reason)) return;
  }
  leave_unable(cal_.on_or_after(exit));
}

void History::leave_unable(Date d) {
  const double x = r_.uniform();
  if (x < 0.5) {  // assets or income found
    if (!verified(d, true, nullptr) || !resumed(cal_.add_working(d, days(r_, 1, 5)))) return;
    settle(last_);
  } else if (x < 0.72) {
    terminate(d, c_.debtor_org ? "50.1.đ" : "50.1.a", d);
  } else {
    close(d, "moved_to_separate_register");
  }
}

// Art. 48: postponed, then resumed (within 3 months for 48.2).
void History::postpone() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  const char* g = kPostponeGrounds[r_.weighted(kPostponeWeights)];
  const Date p = cal_.add_days(v, days(r_, 3, 60));
  if (!postponed(p, g, cal_.on_or_before(p.plus_days(-days(r_, 0, 6))))) return;
  const int span = std::string_view(g) == "48.2" ? days(r_, 20, 90)
                                                  : std::clamp(static_cast<int>(r_.lognormal(100, 0.8)), 15, 900);
  const Date e = cal_.add_days(p, span);
  if (r_.chance(0.1)) {
    terminate(e, c_.debtor_org ? "50.1.đ" : "50.1.a", e);
    return;
  }
  if (!resumed(e)) return;
  settle(e);
}

// Art. 49: a cassation protest, or bankruptcy proceedings against the debtor.
void History::suspend() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  const Date s = cal_.add_days(v, days(r_, 10, 200));
  if (c_.debtor_org && r_.chance(0.5)) {
    if (!suspended(s, "bankruptcy", s)) return;
    terminate(cal_.add_days(s, days(r_, 90, 540)), "50.1.g", s);
    return;
  }
  if (!suspended(s, "protest", s)) return;
  const Date e = cal_.add_days(s, days(r_, 60, 450));
  if (r_.chance(0.25)) {
    terminate(e, "50.1.d", e);  // the judgment was set aside
    return;
  }
  if (!resumed(e)) return;
  settle(e);
}

// Art. 50: terminated, sometimes after part was paid.
void History::terminate_early() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  Date d = cal_.add_days(v, days(r_, 5, 200));
  if (remaining_ >= 2000 && r_.chance(0.3)) {
    if (!collect(cal_.add_days(v, days(r_, 1, 20)), part(remaining_, 0.1, 0.6), "voluntary")) return;
    if (d < last_) d = last_;
  }
  const double x = r_.uniform();
  const char* ground;
  if (c_.proactive) ground = x < 0.45 ? "50.1.e" : x < 0.75 ? (c_.debtor_org ? "50.1.đ" : "50.1.a") : "50.1.d";
  else if (x < 0.55) ground = "50.1.c";
  else if (x < 0.75) ground = c_.debtor_org ? "50.1.đ" : "50.1.a";
  else if (x < 0.85) ground = "50.1.d";
  else if (x < 0.93) ground = "50.1.b";
  else ground = c_.debtor_org ? "50.1.g" : "50.1.c";
  terminate(d, ground, cal_.on_or_before(d.plus_days(-days(r_, 0, 6))));
}

void History::reduce_then_settle() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  const Date d = cal_.add_days(v, days(r_, 20, 150));
  if (remaining_ > 0 && !reduce(d, part(remaining_, 0.2, 0.7))) return;
  settle(last_);
}

// Art. 55: the debtor's assets are in another province.
void History::entrust() {
  Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  if (remaining_ >= 2000 && r_.chance(0.25)) {
    v = cal_.add_days(v, days(r_, 5, 40));
    if (!collect(v, part(remaining_, 0.1, 0.5), "voluntary")) return;
  }
  const int own = w_.units[static_cast<size_t>(c_.unit)].province;
  int p = own;
  while (p == own) p = static_cast<int>(r_.next() % w_.region_units.size());
  const auto& regions = w_.region_units[static_cast<size_t>(p)];
  hand_over(cal_.add_working(v, days(r_, 3, 15)), "entrusted_out", regions[r_.next() % regions.size()]);
}

void History::pull_up() {
  const Date v = verify_date();
  if (!verified(v, true, nullptr)) return;
  const int province = w_.units[static_cast<size_t>(c_.unit)].province;
  hand_over(cal_.add_days(v, days(r_, 10, 90)), "pulled_up", w_.province_unit[static_cast<size_t>(province)]);
}

// The very large cases follow fixed patterns by slot, so that even a small
// dataset has the national mix: most of that money waits without conditions
// or is collected slowly over years.
void History::huge() {
  const Date v = verify_date();
  switch (c_.huge_slot % 8) {
    case 0: unable(v, false, 1.0, 0); return;
    case 2: unable(v, true, 1.0, 0); return;
    case 4: unable(v, false, 0.0, 3.0); return;
    case 6: unable(v, true, 1.0, 0); return;
    default: break;
  }
  if (!verified(v, true, nullptr)) return;
  Date d = v;
  switch (c_.huge_slot % 8) {
    case 3: {  // seizure and auction of the main asset
      const Measure& m = kMoneyMeasures[0];
      const Date plan = cal_.add_days(v, days(r_, 20, 90));
      const Date at = coercion_day(plan, m.forces);
      if (!coercion(plan, at, m.text, m.forces, true)) return;
      if (!collect(cal_.add_days(at, days(r_, 120, 300)), part(remaining_, 0.3, 0.5), "coerced")) return;
      d = last_;
      break;
    }
    case 5: {  // the asset is under dispute in court (Art. 48(1)(d))
      const Date p = cal_.add_days(v, days(r_, 200, 500));
      if (!postponed(p, "48.1.d", p) || !resumed(cal_.add_days(p, days(r_, 120, 300)))) return;
      d = last_;
      break;
    }
    case 7: {  // cassation protest
      const Date s = cal_.add_days(v, days(r_, 200, 500));
      if (!suspended(s, "protest", s) || !resumed(cal_.add_days(s, days(r_, 90, 270)))) return;
      d = last_;
      break;
    }
    default: break;
  }
  settle_long(d);
}

}  // namespace thads::demo
