// Demo cases: who owes what to whom under which judgment.
//
// Shares follow the national picture: most cases come from criminal and civil
// judgments, about 57% are started by the agency itself (court fees, fines,
// confiscation, other state revenue: L.THADS Art. 36(2)), the rest on a
// party's request; about 1.2% carry the credit-institution or
// corruption/economic flag and hold a large part of the money.
#include <algorithm>
#include <cmath>

#include "app/demo_case.h"

namespace thads::demo {
namespace {

int64_t round_k(double v, int64_t lo, int64_t hi) {
  const double c = std::clamp(v, static_cast<double>(lo), static_cast<double>(hi));
  return std::max<int64_t>(1000, static_cast<int64_t>(c / 1000.0) * 1000);
}

int64_t money(Rng& r, double median, double sigma, int64_t lo, int64_t hi) {
  return round_k(r.lognormal(median, sigma), lo, hi);
}

void add(CaseSpec& c, const char* category, int64_t amount) {
  c.obligations[static_cast<size_t>(c.n_obligations++)] = {category, amount};
}

struct KindShare {
  const char* kind;
  double weight;
  double proactive;  // share started by the agency
};
constexpr KindShare kKinds[] = {
    {"criminal", 42, 0.75}, {"civil", 36, 0.45},         {"marriage_family", 9, 0.40},
    {"business", 5, 0.35},  {"administrative", 1, 0.60}, {"labour", 1.5, 0.20},
    {"bankruptcy", 0.2, 1}, {"arbitration", 0.3, 0},     {"other", 5, 0.5},
};

const char* number_suffix(const char* kind, bool appeal) {
  const std::string_view k = kind;
  if (k == "criminal") return appeal ? "HS-PT" : "HS-ST";
  if (k == "marriage_family") return appeal ? "HNGĐ-PT" : "HNGĐ-ST";
  if (k == "business") return appeal ? "KDTM-PT" : "KDTM-ST";
  if (k == "administrative") return appeal ? "HC-PT" : "HC-ST";
  if (k == "labour") return appeal ? "LĐ-PT" : "LĐ-ST";
  if (k == "bankruptcy") return "QĐ-TBPS";
  if (k == "arbitration") return "PQTT";
  if (k == "other") return "QĐST-DS";
  return appeal ? "DS-PT" : "DS-ST";
}

const char* high_court(int province) {
  const std::string_view code = provinces()[static_cast<size_t>(province)].code;
  for (std::string_view c : {"HUE", "QTR", "DN", "QNG", "GLA", "KHO", "DLK"})
    if (code == c) return "Tòa án nhân dân cấp cao tại Đà Nẵng";
  return provinces()[static_cast<size_t>(province)].south ? "Tòa án nhân dân cấp cao tại Thành phố Hồ Chí Minh"
                                                          : "Tòa án nhân dân cấp cao tại Hà Nội";
}

// Regional courts (Tòa án nhân dân khu vực) replaced district courts on 01/07/2025.
void judgment(Rng& r, const World& w, CaseSpec& c) {
  const Calendar& cal = *w.cal;
  const Province& p = provinces()[static_cast<size_t>(w.units[static_cast<size_t>(c.unit)].province)];
  if (c.proactive) {
    c.received_date = cal.on_or_before(c.opened.plus_days(-static_cast<int>(r.range(1, 7))));
    c.effective_date = c.received_date.plus_days(-static_cast<int>(r.range(2, 30)));
  } else {
    const double k = r.uniform();
    int back = static_cast<int>(r.range(0, 5));
    if (k < 0.1) back = static_cast<int>(r.range(6, 20));
    c.request_date = cal.on_or_before(c.opened.plus_days(-back * 7 / 5));
    int gap;
    const double g = r.uniform();
    if (g < 0.6) gap = static_cast<int>(r.range(15, 180));
    else if (g < 0.9) gap = static_cast<int>(r.range(181, 900));
    else gap = static_cast<int>(r.range(901, 1790));  // within the 5-year limitation (Art. 30)
    c.effective_date = c.request_date.plus_days(-gap);
  }
  const bool appeal = r.chance(0.2);
  const std::string_view kind = c.kind;
  c.judgment_date = appeal || kind == "arbitration" || kind == "other"
                        ? c.effective_date
                        : c.effective_date.plus_days(-static_cast<int>(r.range(16, 45)));
  c.judgment_date = cal.on_or_before(c.judgment_date);
  if (c.judgment_date > c.effective_date) c.effective_date = c.judgment_date;
  c.judgment_number = std::to_string(r.range(1, 480)) + "/" + std::to_string(c.judgment_date.year()) + "/" +
                      number_suffix(c.kind, appeal);
  const bool reformed = c.judgment_date >= Date::from_ymd(2025, 7, 1);
  if (kind == "arbitration") {
    c.court = r.chance(0.7) ? "Trung tâm Trọng tài Quốc tế Việt Nam" : "Trung tâm Trọng tài Thương mại Sài Gòn";
  } else if (appeal && !reformed && r.chance(0.5)) {
    c.court = high_court(w.units[static_cast<size_t>(c.unit)].province);
  } else if (appeal || !reformed || c.size >= Size::xlarge) {
    c.court = std::string("Tòa án nhân dân ") + p.title;
  } else {
    const int regions = static_cast<int>(w.region_units[static_cast<size_t>(w.units[static_cast<size_t>(c.unit)].province)].size());
    c.court = "Tòa án nhân dân khu vực " + std::to_string(r.range(1, std::max(2, regions))) + " - " + p.place;
  }
}

void parties(Rng& r, const World& w, CaseSpec& c, double org_share) {
  const Province& p = provinces()[static_cast<size_t>(w.units[static_cast<size_t>(c.unit)].province)];
  c.debtor_org = r.chance(org_share);
  if (c.debtor_org) {
    c.debtor_name = std::string_view(c.kind) == "administrative" ? std::string(commune_committee(r)) : company_name(r);
    if (r.chance(0.85)) c.debtor_id = tax_code(r);
  } else {
    const PersonName n = person_name(r, p.south);
    c.debtor_name = n.text;
    if (r.chance(0.65)) c.debtor_id = cccd(r, p, static_cast<int>(r.range(1955, 2004)), n.female);
  }
  if (r.chance(0.92)) c.debtor_address = address(r, p, c.debtor_org);
}

void creditor(Rng& r, const World& w, CaseSpec& c, double org_share) {
  if (c.proactive) {
    c.creditor_name = "Nhà nước";
    c.creditor_kind = "state";
  } else if (c.credit_institution) {
    c.creditor_name = std::string(bank_name(r));
    c.creditor_kind = "organization";
  } else if (r.chance(org_share)) {
    c.creditor_name = company_name(r);
    c.creditor_kind = "organization";
  } else {
    const Province& p = provinces()[static_cast<size_t>(w.units[static_cast<size_t>(c.unit)].province)];
    c.creditor_name = person_name(r, p.south).text;
    c.creditor_kind = "person";
  }
}

// Obligations of an ordinary case; returns the share of debtors that are organisations.
double ordinary(Rng& r, CaseSpec& c) {
  const std::string_view k = c.kind;
  if (c.proactive) {
    if (k == "criminal") {
      add(c, "court_fee", 200'000 + (r.chance(0.5) ? money(r, 2e6, 1.0, 300'000, 200'000'000) : 0));
      const double x = r.uniform();
      if (x < 0.45) add(c, "fine", money(r, 20e6, 0.8, 2'000'000, 2'000'000'000));
      else if (x < 0.70) add(c, "confiscation", r.chance(0.8) ? money(r, 10e6, 1.2, 500'000, 5'000'000'000) : 0);
      else if (x < 0.90) add(c, "state_revenue", money(r, 50e6, 1.4, 1'000'000, 20'000'000'000));
      return 0.01;
    }
    if (k == "business") add(c, "court_fee", money(r, 15e6, 1.0, 300'000, 500'000'000));
    else if (k == "bankruptcy") add(c, "court_fee", money(r, 5e6, 0.8, 1'500'000, 100'000'000));
    else if (r.chance(0.35)) add(c, "court_fee", 300'000);
    else add(c, "court_fee", money(r, 3e6, 1.0, 300'000, 300'000'000));
    if (k == "business" || k == "bankruptcy") return 0.7;
    return k == "labour" || k == "administrative" ? 0.8 : 0.04;
  }
  if (k == "criminal") {
    const double x = r.uniform();
    if (x < 0.5) add(c, "injury_compensation", money(r, 80e6, 1.0, 5'000'000, 5'000'000'000));
    else if (x < 0.85) add(c, "other_money", money(r, 120e6, 1.3, 3'000'000, 30'000'000'000));
    else add(c, "property_return", r.chance(0.6) ? money(r, 300e6, 1.0, 10'000'000, 20'000'000'000) : 0);
    return 0.02;
  }
  if (k == "marriage_family") {
    const double x = r.uniform();
    if (x < 0.6) add(c, "maintenance", money(r, 36e6, 0.7, 3'000'000, 1'000'000'000));
    else if (x < 0.9) add(c, "other_money", money(r, 250e6, 1.1, 5'000'000, 20'000'000'000));
    else add(c, "perform_act", 0);
    return 0.0;
  }
  if (k == "business" || k == "arbitration") {
    add(c, "other_money", money(r, k == "business" ? 600e6 : 2e9, 1.3, 10'000'000, 60'000'000'000));
    return 0.7;
  }
  if (k == "labour") {
    add(c, "wages", money(r, 60e6, 0.8, 3'000'000, 3'000'000'000));
    return 0.85;
  }
  if (k == "administrative") {
    add(c, "other_money", money(r, 150e6, 1.0, 5'000'000, 10'000'000'000));
    return 0.9;
  }
  const double x = r.uniform();
  if (x < 0.80) add(c, "other_money", money(r, k == "other" ? 50e6 : 150e6, 1.3, 2'000'000, 30'000'000'000));
  else if (x < 0.88) add(c, "property_return", r.chance(0.6) ? money(r, 300e6, 1.0, 10'000'000, 20'000'000'000) : 0);
  else if (x < 0.95) add(c, "deliver_asset", 0);
  else add(c, "perform_act", 0);
  return 0.08;
}

// Credit-institution debts and asset recovery in corruption/economic cases.
double flagged(Rng& r, CaseSpec& c, int64_t amount) {
  if (c.corruption) {
    c.kind = "criminal";
    c.proactive = true;
    add(c, "court_fee", money(r, 60e6, 0.8, 5'000'000, 2'000'000'000));
    add(c, r.chance(0.8) ? "state_revenue" : "confiscation", amount);
    return 0.35;
  }
  c.kind = r.chance(0.7) ? "business" : "civil";
  c.proactive = false;
  add(c, "other_money", amount);
  return 0.65;
}

Size size_of(const CaseSpec& c) {
  if (c.huge_slot >= 0) return Size::huge;
  if (c.credit_institution || c.corruption) return Size::flagged;
  const int64_t t = c.total();
  if (t == 0) return Size::nonmoney;
  if (t < 10'000'000) return Size::small;
  if (t < 500'000'000) return Size::medium;
  if (t < 3'000'000'000) return Size::large;
  return Size::xlarge;
}

}  // namespace

int64_t CaseSpec::total() const {
  int64_t t = 0;
  for (int i = 0; i < n_obligations; ++i) t += obligations[static_cast<size_t>(i)].amount;
  return t;
}

CaseSpec draw_case(Rng& r, const World& w, int unit, Date opened, int huge_slot, int64_t huge_amount) {
  CaseSpec c;
  c.unit = unit;
  c.opened = opened;
  c.huge_slot = huge_slot;
  double org_debtor, org_creditor = 0.2;
  if (huge_slot >= 0) {
    c.corruption = huge_slot % 2 == 0;
    c.credit_institution = !c.corruption;
    org_debtor = flagged(r, c, huge_amount);
  } else if (const double x = r.uniform(); x < 0.012) {
    c.corruption = x < 0.006;
    c.credit_institution = !c.corruption;
    org_debtor = flagged(r, c, money(r, 4e9, 0.7, 300'000'000, 60'000'000'000));
  } else {
    double weights[std::size(kKinds)];
    for (size_t i = 0; i < std::size(kKinds); ++i) weights[i] = kKinds[i].weight;
    const KindShare& k = kKinds[r.weighted(weights)];
    c.kind = k.kind;
    c.proactive = r.chance(k.proactive);
    org_debtor = ordinary(r, c);
    if (std::string_view(c.kind) == "business" || std::string_view(c.kind) == "arbitration") org_creditor = 0.7;
  }
  if ((c.corruption || c.credit_institution) && (huge_slot >= 0 || r.chance(0.5)))
    c.unit = w.province_unit[static_cast<size_t>(w.units[static_cast<size_t>(unit)].province)];
  c.size = size_of(c);
  judgment(r, w, c);
  parties(r, w, c, org_debtor);
  creditor(r, w, c, org_creditor);
  return c;
}

CaseSpec received_case(Rng& r, const World& w, const Handoff& h) {
  CaseSpec c = h.origin;
  c.id.clear();
  c.unit = h.to_unit;
  c.opened = w.cal->add_working(h.date, static_cast<int>(r.range(2, 8)));
  c.from_agency = w.units[static_cast<size_t>(h.origin.unit)].code;
  c.from_case = h.origin.id;
  if (c.proactive) c.received_date = w.cal->add_working(h.date, static_cast<int>(r.range(1, 2)));
  // The receiving agency enforces what was left; the largest obligation carries it.
  int main = 0;
  for (int i = 1; i < c.n_obligations; ++i)
    if (c.obligations[static_cast<size_t>(i)].amount > c.obligations[static_cast<size_t>(main)].amount) main = i;
  c.obligations[0] = {c.obligations[static_cast<size_t>(main)].category, h.remaining};
  c.n_obligations = 1;
  c.huge_slot = -1;
  c.size = size_of(c);
  return c;
}

}  // namespace thads::demo
