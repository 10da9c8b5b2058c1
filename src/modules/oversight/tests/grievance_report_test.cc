// The accountability reports as folds (domain/grievance_report.h): each
// complaint, denunciation and procuracy act lands in the columns its history
// says for the period, and the columns keep their identities over many
// generated histories.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

#include "domain/calendar.h"
#include "modules/oversight/domain/grievance_report.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;
using Keys = std::vector<std::string>;
constexpr int64_t kNow = 2'000'000'000;

// A stream from (type, date, payload) steps; the first is the opening.
std::vector<Act> stream(const char* kind, const std::string& id, const std::vector<json>& steps) {
  std::vector<Act> out;
  int64_t seq = 0;
  for (json j : steps) {
    j["kind"] = kind, j["id"] = id, j["seq"] = ++seq;
    Parsed p = parse_oversight(kind, j, kNow, true);
    if (auto* r = std::get_if<Refusal>(&p)) ADD_FAILURE() << r->code << ": " << r->message << " " << j.dump();
    else out.push_back(std::get<Act>(p));
  }
  return out;
}

json complaint(const char* date, const char* act = "coercion", int level = 1) {
  return {{"type", "lodged"}, {"date", date}, {"agency", "HN"}, {"complainant", {{"name", "A"}}},
          {"against", "officer"}, {"act", act}, {"act_known_date", date}, {"level", level}};
}
json step(const char* type, const char* date) { return {{"type", type}, {"date", date}}; }
json with(json j, const char* key, json v) {
  j[key] = std::move(v);
  return j;
}

const Date kFrom = *Date::parse("2025-04-01"), kTo = *Date::parse("2025-06-30");

Keys keys(const std::vector<Act>& acts) {
  Keys k = acts.front().kind == StreamKind::procuracy ? procuracy_keys(acts, kFrom, kTo, Calendar::official())
                                                      : grievance_keys(acts, kFrom, kTo, Calendar::official());
  std::sort(k.begin(), k.end());
  return k;
}
Keys sorted(Keys k) {
  std::sort(k.begin(), k.end());
  return k;
}

TEST(ComplaintsReport, EachComplaintInItsColumns) {
  // Carried over, admitted before the period, resolved within 30 days (Art. 146(3)): on time.
  EXPECT_EQ(keys(stream("complaint", "A", {complaint("2025-03-10"), step("admitted", "2025-03-12"),
                                           with(step("resolved", "2025-04-05"), "outcome", "upheld")})),
            sorted({"received", "carried_over", "within_competence", "resolved", "resolved_on_time", "upheld"}));
  // 15 days for an act before the measures (Art. 146(1)): resolved late.
  EXPECT_EQ(keys(stream("complaint", "B", {complaint("2025-04-02", "before_measures"), step("admitted", "2025-04-03"),
                                           with(step("resolved", "2025-05-10"), "outcome", "dismissed")})),
            sorted({"received", "received_new", "within_competence", "resolved", "resolved_late", "dismissed"}));
  EXPECT_EQ(keys(stream("complaint", "C", {complaint("2025-05-02"), with(step("rejected", "2025-05-05"), "reason", "time_expired")})),
            sorted({"received", "received_new", "not_admitted"}));
  EXPECT_EQ(keys(stream("complaint", "D", {complaint("2025-06-25")})), sorted({"received", "received_new", "awaiting_admission"}));
  EXPECT_EQ(keys(stream("complaint", "E", {complaint("2025-04-10"), step("admitted", "2025-04-11")})),
            sorted({"received", "received_new", "within_competence", "pending"}));
  EXPECT_EQ(keys(stream("complaint", "H", {complaint("2025-04-10"), step("admitted", "2025-04-11"), step("withdrawn", "2025-05-01")})),
            sorted({"received", "received_new", "within_competence", "ended_other"}));
  // Ended before the period, or lodged after it: nowhere.
  EXPECT_TRUE(keys(stream("complaint", "F", {complaint("2025-01-05"), step("admitted", "2025-01-06"),
                                             with(step("resolved", "2025-02-01"), "outcome", "upheld")})).empty());
  EXPECT_TRUE(keys(stream("complaint", "G", {complaint("2025-07-05")})).empty());
  // Resolved after the period: still pending at its end.
  EXPECT_EQ(keys(stream("complaint", "I", {complaint("2025-06-01"), step("admitted", "2025-06-02"),
                                           with(step("resolved", "2025-07-02"), "outcome", "upheld")})),
            sorted({"received", "received_new", "within_competence", "pending"}));
  // A voided admission does not count.
  EXPECT_EQ(keys(stream("complaint", "J", {complaint("2025-06-01"), step("admitted", "2025-06-02"),
                                           with(with(step("voided", "2025-06-03"), "voids", 2), "reason", "nhầm")})),
            sorted({"received", "received_new", "awaiting_admission"}));
  // A denunciation concluded within 60 days (Art. 157(2)), partly founded.
  const json denounced{{"type", "lodged"}, {"date", "2025-04-01"}, {"agency", "HN"}, {"denouncer", {{"name", "B"}}}, {"against", "officer"}};
  EXPECT_EQ(keys(stream("denunciation", "T", {denounced, step("admitted", "2025-04-02"),
                                              with(step("concluded", "2025-05-01"), "outcome", "partly_founded")})),
            sorted({"received", "received_new", "within_competence", "resolved", "resolved_on_time", "partly_upheld"}));
}

TEST(ProcuracySupervisionReport, Form04CountsEachActOfTheProcuracy) {
  const json protest{{"type", "protest"}, {"date", "2025-04-01"}, {"agency", "HN"}, {"procuracy", "VKS HN"},
                     {"number", "1/KN"}, {"level", "same"}, {"act_known_date", "2025-03-25"}};
  // Replied within 15 days (Art. 161(1)), accepted, remedied.
  EXPECT_EQ(keys(stream("procuracy", "P1", {protest, with(step("replied", "2025-04-10"), "accepted", true), step("remedied", "2025-04-15")})),
            sorted({"received", "received_new", "replied", "replied_on_time", "accepted", "remedied"}));
  // Not accepted, reported to the superior, who accepts: accepted (the final answer), remedy pending.
  EXPECT_EQ(keys(stream("procuracy", "P2", {protest, with(step("replied", "2025-04-10"), "accepted", false),
                                            step("reported_to_superior", "2025-04-11"),
                                            with(step("superior_answered", "2025-05-05"), "accepted", true)})),
            sorted({"received", "received_new", "replied", "replied_on_time", "reported_to_superior", "accepted",
                    "pending", "pending_overdue"}));
  const json rec{{"type", "recommendation"}, {"date", "2025-04-01"}, {"agency", "HN"}, {"procuracy", "VKS HN"}, {"number", "2/KNg"}};
  EXPECT_EQ(keys(stream("procuracy", "P3", {rec, with(step("replied", "2025-05-01"), "accepted", false)})),
            sorted({"received", "received_new", "replied", "replied_late", "not_accepted", "pending"}));
  const json req{{"type", "requirement"}, {"date", "2025-05-02"}, {"agency", "HN"}, {"procuracy", "VKS HN"},
                 {"number", "3/YC"}, {"demand", "self_inspect"}};
  EXPECT_EQ(keys(stream("procuracy", "P4", {req})), sorted({"received", "received_new", "pending", "pending_overdue"}));
  EXPECT_EQ(keys(stream("procuracy", "P5", {with(req, "date", "2025-06-20")})), sorted({"received", "received_new", "pending"}));
}

// Generated histories: random openings, admissions and endings around the
// period; the identities of grievance_report.h hold for the sums.
TEST(ComplaintsReport, IdentitiesHoldOverGeneratedHistories) {
  std::mt19937 rng(15);
  GrievanceColumns c;
  ProcuracyColumns p;
  const Date base = *Date::parse("2025-01-02");
  for (int i = 0; i < 400; ++i) {
    const Date opened = base.plus_days(static_cast<int>(rng() % 240));
    std::vector<json> steps;
    const bool procuracy = i % 3 == 2;
    if (procuracy) {
      steps.push_back({{"type", "recommendation"}, {"date", opened.iso()}, {"agency", "HN"}, {"procuracy", "V"}, {"number", "1"}});
      Date d = opened.plus_days(static_cast<int>(rng() % 40));
      if (rng() % 3) {
        const bool ok = rng() % 2;
        steps.push_back(with(step("replied", d.iso().c_str()), "accepted", ok));
        d = d.plus_days(static_cast<int>(rng() % 20));
        if (ok && rng() % 2) steps.push_back(step("remedied", d.iso().c_str()));
        else if (rng() % 3 == 0) steps.push_back(step("closed", d.iso().c_str()));
      }
      add_keys(p, procuracy_columns(), procuracy_keys(stream("procuracy", "P" + std::to_string(i), steps), kFrom, kTo, Calendar::official()));
      continue;
    }
    steps.push_back(complaint(opened.iso().c_str(), i % 2 ? "coercion" : "before_measures"));
    Date d = opened.plus_days(static_cast<int>(rng() % 10));
    switch (rng() % 5) {
      case 0: break;
      case 1: steps.push_back(with(step("rejected", d.iso().c_str()), "reason", "other")); break;
      case 2: steps.push_back(step("withdrawn", d.iso().c_str())); break;
      default: {
        steps.push_back(step("admitted", d.iso().c_str()));
        d = d.plus_days(static_cast<int>(rng() % 60));
        const char* outcomes[] = {"upheld", "partly_upheld", "dismissed"};
        if (rng() % 4) steps.push_back(with(step("resolved", d.iso().c_str()), "outcome", outcomes[rng() % 3]));
        else if (rng() % 2) steps.push_back(step("withdrawn", d.iso().c_str()));
      }
    }
    add_keys(c, grievance_columns(), grievance_keys(stream("complaint", "K" + std::to_string(i), steps), kFrom, kTo, Calendar::official()));
  }
  EXPECT_GT(c.resolved, 0);
  EXPECT_GT(c.pending, 0);
  EXPECT_EQ(c.received, c.carried_over + c.received_new);
  EXPECT_EQ(c.received, c.within_competence + c.not_admitted + c.awaiting_admission);
  EXPECT_EQ(c.within_competence, c.resolved + c.ended_other + c.pending);
  EXPECT_EQ(c.resolved, c.resolved_on_time + c.resolved_late);
  EXPECT_EQ(c.resolved, c.upheld + c.partly_upheld + c.dismissed);
  EXPECT_GT(p.remedied, 0);
  EXPECT_EQ(p.received, p.carried_over + p.received_new);
  EXPECT_EQ(p.received, p.remedied + p.closed + p.pending);
  EXPECT_EQ(p.replied, p.replied_on_time + p.replied_late);
  EXPECT_EQ(p.replied, p.accepted + p.not_accepted);
  EXPECT_LE(p.pending_overdue, p.pending);
}

}  // namespace
}  // namespace thads::oversight
