// The steering domain: periods of the statistical year (TTLT 12/2021 Art. 6),
// the parsing of the records (docs/formats/steering.md), the rules that
// decide them and the overdue rule of directive tasks and key-case steps.
#include <gtest/gtest.h>

#include <set>

#include "domain/interchange.h"
#include "modules/steering/domain/ledger.h"
#include "modules/steering/domain/periods.h"
#include "modules/steering/domain/proposal_rules.h"
#include "modules/steering/domain/records.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;

Date d(const char* s) { return *Date::parse(s); }
const int64_t kNow = *parse_rfc3339("2025-06-15T03:00:00Z");

TEST(SteeringPeriods, QuartersHalvesAndYearsOfTheStatisticalYear) {
  // Quarter 1 = October–December of the year before (TTLT 12/2021 Art. 6).
  auto q1 = parse_task_period("2025-Q1");
  ASSERT_TRUE(q1);
  EXPECT_EQ(q1->from, d("2024-10-01"));
  EXPECT_EQ(q1->to, d("2024-12-31"));
  EXPECT_EQ(parse_task_period("2025-Q2")->to, d("2025-03-31"));
  EXPECT_EQ(parse_task_period("2025-Q4")->from, d("2025-07-01"));
  EXPECT_EQ(parse_task_period("2025-Q4")->to, d("2025-09-30"));
  EXPECT_EQ(parse_task_period("2025-H1")->from, d("2024-10-01"));
  EXPECT_EQ(parse_task_period("2025-H1")->to, d("2025-03-31"));
  EXPECT_EQ(parse_task_period("2025-H2")->from, d("2025-04-01"));
  ASSERT_TRUE(parse_task_period("2025-Y"));
  EXPECT_EQ(parse_task_period("2025-Y")->from, d("2024-10-01"));
  EXPECT_EQ(parse_task_period("2025-Y")->to, d("2025-09-30"));
  EXPECT_TRUE(period_fits(Periodicity::yearly, *parse_task_period("2025-Y")));
  EXPECT_FALSE(period_fits(Periodicity::yearly, *parse_task_period("2025-Q1")));
  for (const char* bad : {"2025-Q5", "2025-Q0", "2025-H3", "25-Q1", "2025Q1", "2025-X1", "", "2025-Q12"})
    EXPECT_FALSE(parse_task_period(bad)) << bad;
  EXPECT_EQ(period_containing(Periodicity::quarterly, d("2024-11-20")).key, "2025-Q1");
  EXPECT_EQ(period_containing(Periodicity::six_monthly, d("2025-04-01")).key, "2025-H2");
  EXPECT_EQ(period_containing(Periodicity::yearly, d("2025-09-30")).key, "2025-Y");
  EXPECT_EQ(period_label_vi(*parse_task_period("2025-Q3")), "Quý III năm 2025");
  EXPECT_EQ(period_label_vi(*parse_task_period("2025-H1")), "6 tháng đầu năm 2025");
}

TEST(SteeringPeriods, PeriodsOfATaskBetweenItsStartAndToday) {
  auto ps = periods_between(Periodicity::quarterly, d("2024-11-15"), std::nullopt, d("2025-07-01"));
  std::vector<std::string> keys;
  for (auto& p : ps) keys.push_back(p.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"2025-Q1", "2025-Q2", "2025-Q3"}));
  // A stop (the directive replaced on 10/02/2025) ends the list.
  EXPECT_EQ(periods_between(Periodicity::quarterly, d("2024-11-15"), d("2025-02-10"), d("2025-07-01")).size(), 2u);
  EXPECT_TRUE(periods_between(Periodicity::once, d("2024-11-15"), std::nullopt, d("2026-01-01")).empty());
  EXPECT_EQ(periods_between(Periodicity::yearly, d("2023-01-01"), std::nullopt, d("2025-10-01")).size(), 3u);
}

TEST(SteeringPeriods, ReportPeriodsAreCumulativeFromTheFirstOfOctober) {
  auto six = parse_report_period("2025-6M");
  ASSERT_TRUE(six);
  EXPECT_EQ(six->from, d("2024-10-01"));
  EXPECT_EQ(six->to, d("2025-03-31"));
  EXPECT_EQ(parse_report_period("2025-3M")->to, d("2024-12-31"));
  EXPECT_EQ(parse_report_period("2025-9M")->to, d("2025-06-30"));
  EXPECT_EQ(parse_report_period("2025-12M")->to, d("2025-09-30"));
  EXPECT_EQ(parse_report_period("2025-Q3")->from, d("2025-04-01"));
  auto last = same_period_last_year(*six);
  EXPECT_EQ(last.from, d("2023-10-01"));
  EXPECT_EQ(last.to, d("2024-03-31"));
  EXPECT_EQ(key_of(last), "2024-6M");
  auto adhoc = parse_report_period("2025-01-15..2025-02-28");
  ASSERT_TRUE(adhoc);
  EXPECT_EQ(adhoc->span, ReportSpan::ad_hoc);
  EXPECT_EQ(same_period_last_year(*adhoc).to, d("2024-02-29"));
  EXPECT_FALSE(parse_report_period("2025-03-01..2025-02-01"));
  EXPECT_FALSE(parse_report_period("2025-7M"));
  EXPECT_EQ(label_vi(*six), "6 tháng đầu năm 2025 (từ 01/10/2024 đến 31/03/2025)");
}

TEST(SteeringRecords, TaskNumbersFormATree) {
  for (const char* ok : {"1", "2.1", "10.2.3"}) EXPECT_TRUE(valid_task_number(ok)) << ok;
  for (const char* bad : {"", "0", "1.", ".1", "1..2", "01", "2.a", "2.0"}) EXPECT_FALSE(valid_task_number(bad)) << bad;
  EXPECT_EQ(parent_number("2.1.3"), "2.1");
  EXPECT_EQ(parent_number("2"), "");
}

// --- the ledger's rules -----------------------------------------------------

Record parse(const json& j) {
  Parsed p = parse_steering(j.at("kind").get<std::string>(), j, kNow, true);
  if (auto* r = std::get_if<Refusal>(&p)) ADD_FAILURE() << r->code << ": " << r->message << " in " << j.dump();
  return std::get<Record>(p);
}
std::string refusal_of(const json& j) {
  Parsed p = parse_steering(j.at("kind").get<std::string>(), j, kNow, true);
  auto* r = std::get_if<Refusal>(&p);
  return r ? r->code : "";
}

json directive(const char* id = "CT-05", const char* date = "2024-11-15") {
  return {{"kind", "directive"}, {"id", id}, {"number", "05-CT/TU"}, {"issuer", "Ban Thường vụ Tỉnh ủy"},
          {"date", date}, {"title", "Tăng cường lãnh đạo công tác thi hành án"}, {"agency", "HN"}};
}
json task(const char* number, json extra) {
  json t = {{"kind", "directive_task"}, {"directive", "CT-05"}, {"number", number}, {"text", "Nhiệm vụ"},
            {"bodies", {"CA-HN", "HN"}}, {"owner", "BNC-HN"}};
  if (extra.is_object()) t.update(extra);
  return t;
}
json report(const char* task, const char* period, int seq, const char* date, const char* status,
            const char* body = "CA-HN") {
  return {{"kind", "task_report"}, {"task", task}, {"body", body}, {"period", period}, {"seq", seq},
          {"date", date}, {"status", status}, {"text", "Đã triển khai"}};
}

class SteeringLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    refs.agency_known = [](const std::string& c) { return c == "HN" || c == "HCM"; };
    refs.case_known = [](const std::string& c) { return c == "HN-1" || c == "HN-2"; };
    refs.body_known = [](const std::string& c) { return c == "CA-HN" || c == "BNC-HN" || c == "VKS-HN" || c == "HN"; };
  }
  // The decision's code ("" accepted, "duplicate"); applies what is accepted.
  std::string put(const json& j) {
    Record r = parse(j);
    Decision dec = ledger.decide(r, refs);
    if (dec.kind == Decision::duplicate) return "duplicate";
    if (dec.kind == Decision::refuse) return dec.refusal.code;
    ledger.apply(std::move(r));
    return "";
  }
  Ledger ledger;
  Refs refs;
};

TEST_F(SteeringLedger, DirectivesAndTheirTaskTree) {
  EXPECT_EQ(refusal_of(task("2.a", {{"periodicity", "quarterly"}})), "bad_field");
  EXPECT_EQ(refusal_of(task("2", {{"periodicity", "quarterly"}, {"deadline", "2025-03-01"}})), "bad_field");
  EXPECT_EQ(refusal_of(task("2", {})), "bad_field");  // neither deadline nor periodicity
  EXPECT_EQ(refusal_of(task("2", {{"periodicity", "monthly"}})), "bad_field");
  EXPECT_EQ(put(task("1", {{"periodicity", "quarterly"}})), "unknown_case");  // directive not recorded
  ASSERT_EQ(put(directive()), "");
  EXPECT_EQ(put(directive()), "duplicate");
  json other = directive();
  other["title"] = "Khác";
  EXPECT_EQ(put(other), "seq_conflict");
  json elsewhere = directive("CT-06", "2024-12-01");
  elsewhere["agency"] = "XX";
  EXPECT_EQ(put(elsewhere), "unknown_agency");
  EXPECT_EQ(put(task("2.1", {{"periodicity", "quarterly"}})), "bad_transition");  // before its parent 2
  ASSERT_EQ(put(task("2", {{"periodicity", "quarterly"}})), "");
  ASSERT_EQ(put(task("2.1", {{"deadline", "2025-03-31"}})), "");
  EXPECT_EQ(put(task("3", {{"deadline", "2024-01-01"}})), "bad_transition");  // deadline before the directive
  EXPECT_EQ(put(task("3", {{"deadline", "2025-03-31"}, {"bodies", {"CA-HN", "XX"}}})), "unknown_body");
  EXPECT_EQ(put(task("3", {{"deadline", "2025-03-31"}, {"owner", "XX"}})), "unknown_body");
  EXPECT_EQ(ledger.tasks().at("CT-05/2.1").start, d("2024-11-15"));
  // Replacing: the replaced directive is recorded and older; once only.
  json repl = directive("CT-09", "2025-02-10");
  repl["replaces"] = "CT-01";
  EXPECT_EQ(put(repl), "unknown_case");
  repl["replaces"] = "CT-05";
  ASSERT_EQ(put(repl), "");
  EXPECT_EQ(*ledger.stop_of(ledger.tasks().at("CT-05/2")), d("2025-02-10"));
  json again = directive("CT-10", "2025-03-01");
  again["replaces"] = "CT-05";
  EXPECT_EQ(put(again), "bad_transition");
}

TEST_F(SteeringLedger, ABodyReportsOnlyOnItsTasksAndPeriodsThatFit) {
  ASSERT_EQ(put(directive()), "");
  ASSERT_EQ(put(task("1", {{"periodicity", "quarterly"}})), "");
  ASSERT_EQ(put(task("2", {{"deadline", "2025-03-31"}})), "");
  EXPECT_EQ(refusal_of(report("CT-05/1", "2025-Q5", 1, "2025-01-05", "done")), "bad_field");
  EXPECT_EQ(refusal_of(report("CT-05/1", "2025-Q2", 1, "2025-01-05", "finished")), "bad_field");
  EXPECT_EQ(refusal_of(report("CT-05/1", "2025-Q3", 1, "2025-06-20", "done")), "bad_field");  // after recorded day
  EXPECT_EQ(put(report("CT-05/9", "2025-Q2", 1, "2025-01-05", "done")), "unknown_case");
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-01-05", "done", "VKS-HN")), "bad_transition");  // not assigned
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-01-05", "done", "XX")), "unknown_body");
  EXPECT_EQ(put(report("CT-05/1", "2025-H1", 1, "2025-01-05", "done")), "bad_transition");  // not a quarter
  EXPECT_EQ(put(report("CT-05/1", "2024-Q4", 1, "2025-01-05", "done")), "bad_transition");  // before the directive
  EXPECT_EQ(put(report("CT-05/2", "2025-Q2", 1, "2025-01-05", "done")), "bad_transition");  // a deadline task: once
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 2, "2025-01-05", "done")), "seq_gap");
  ASSERT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-01-05", "in_progress")), "");
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-01-05", "in_progress")), "duplicate");
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-01-06", "in_progress")), "seq_conflict");
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 2, "2025-01-04", "done")), "date_before_previous");
  ASSERT_EQ(put(report("CT-05/1", "2025-Q2", 2, "2025-03-20", "done")), "");
  EXPECT_EQ(put(report("CT-05/1", "2025-Q2", 3, "2025-03-21", "in_progress")), "case_ended");
  ASSERT_EQ(put(report("CT-05/2", "once", 1, "2025-04-02", "done", "HN")), "");
}

TEST_F(SteeringLedger, OverdueWhenTheDueDayPassesWithoutADoneReport) {
  ASSERT_EQ(put(directive()), "");
  ASSERT_EQ(put(task("1", {{"periodicity", "quarterly"}})), "");
  ASSERT_EQ(put(task("2", {{"deadline", "2025-03-31"}})), "");
  ASSERT_EQ(put(report("CT-05/1", "2025-Q1", 1, "2024-12-20", "done")), "");
  ASSERT_EQ(put(report("CT-05/1", "2025-Q2", 1, "2025-03-10", "in_progress")), "");
  ASSERT_EQ(put(report("CT-05/2", "once", 1, "2025-04-02", "done", "HN")), "");
  const Task& quarterly = ledger.tasks().at("CT-05/1");
  auto cells = ledger.cells(quarterly, "CA-HN", d("2025-05-10"));
  ASSERT_EQ(cells.size(), 3u);  // Q1 and Q2 due, Q3 running
  EXPECT_EQ(cells[0].period.key, "2025-Q1");
  EXPECT_FALSE(cells[0].overdue);
  EXPECT_EQ(cells[1].period.key, "2025-Q2");
  EXPECT_TRUE(cells[1].overdue);  // in progress only: late
  EXPECT_EQ(cells[1].status, "in_progress");
  EXPECT_EQ(cells[2].period.key, "2025-Q3");
  EXPECT_FALSE(cells[2].overdue);  // not due yet
  // On its due day a period is not yet late (the day counts).
  EXPECT_FALSE(ledger.cells(quarterly, "CA-HN", d("2025-03-31"))[1].overdue);
  EXPECT_TRUE(ledger.cells(quarterly, "CA-HN", d("2025-04-01"))[1].overdue);
  // The deadline task: HN done late; CA-HN never reported, late.
  const Task& deadline = ledger.tasks().at("CT-05/2");
  auto hn = ledger.cells(deadline, "HN", d("2025-05-10"));
  ASSERT_EQ(hn.size(), 1u);
  EXPECT_FALSE(hn[0].overdue);
  EXPECT_TRUE(hn[0].done_late);
  EXPECT_TRUE(ledger.cells(deadline, "CA-HN", d("2025-05-10"))[0].overdue);
  EXPECT_FALSE(ledger.cells(deadline, "CA-HN", d("2025-03-31"))[0].overdue);
}

TEST_F(SteeringLedger, CommitteesMembersAndMeetings) {
  json c = {{"kind", "committee"}, {"id", "BCD-HN"}, {"name", "Ban Chỉ đạo THADS thành phố"}, {"level", "province"},
            {"agency", "HN"}, {"valid_from", "2016-07-05"}};
  json district = c;
  district["id"] = "BCD-Q1";
  district["level"] = "district";
  district["valid_from"] = "2026-07-01";
  // From 01/07/2026 committees are provincial only (NĐ 152/2026 Art. 103).
  EXPECT_EQ(put(district), "not_in_force");
  district["valid_from"] = "2017-01-01";
  district["valid_to"] = "2025-06-30";
  EXPECT_EQ(put(district), "");
  json backwards = c;
  backwards["valid_to"] = "2016-01-01";
  EXPECT_EQ(refusal_of(backwards), "bad_field");
  ASSERT_EQ(put(c), "");
  json head = {{"kind", "committee_member"}, {"committee", "BCD-HN"}, {"person", "Nguyễn Văn A"}, {"body", "HN"},
               {"role", "head"}, {"from", "2021-06-01"}};
  ASSERT_EQ(put(head), "");
  json head2 = head;
  head2["person"] = "Trần Văn B";
  EXPECT_EQ(put(head2), "bad_transition");  // one head at a time (TTLT 05/2016 Art. 3)
  head2["role"] = "deputy";
  EXPECT_EQ(put(head2), "");
  head2["role"] = "chair";
  EXPECT_EQ(refusal_of(head2), "bad_field");
  json m = {{"kind", "meeting"}, {"id", "BCD-HN/2025-1"}, {"committee", "BCD-HN"}, {"date", "2025-01-20"},
            {"agenda", {"Kết quả 3 tháng"}}, {"conclusions", {"Giao Công an hỗ trợ cưỡng chế"}}};
  ASSERT_EQ(put(m), "");
  json early = m;
  early["id"] = "BCD-HN/2010";
  early["date"] = "2010-01-01";
  EXPECT_EQ(put(early), "bad_transition");  // before the committee
  json mt = {{"kind", "directive_task"}, {"meeting", "BCD-HN/2025-1"}, {"number", "1"}, {"text", "Cưỡng chế"},
             {"bodies", {"CA-HN"}}, {"owner", "HN"}, {"deadline", "2025-03-31"}};
  ASSERT_EQ(put(mt), "");
  EXPECT_TRUE(ledger.tasks().at("BCD-HN/2025-1/1").from_meeting);
  EXPECT_EQ(ledger.tasks().at("BCD-HN/2025-1/1").start, d("2025-01-20"));
}

TEST_F(SteeringLedger, KeyCasesFromProposalToClosure) {
  ASSERT_EQ(put({{"kind", "committee"}, {"id", "BCD-HN"}, {"name", "BCĐ"}, {"level", "province"}, {"agency", "HN"},
                 {"valid_from", "2016-07-05"}}),
            "");
  auto kc = [](int seq, const char* type, json extra) {
    json j = {{"kind", "key_case"}, {"id", "TD-1"}, {"seq", seq}, {"type", type}, {"date", "2025-02-01"}};
    if (extra.is_object()) j.update(extra);
    return j;
  };
  const json proposed = kc(1, "proposed", {{"case", "HN-1"}, {"agency", "HN"}, {"reasons", {"open_long", "large_amount"}}});
  EXPECT_EQ(refusal_of(kc(1, "proposed", {{"case", "HN-1"}, {"agency", "HN"}, {"reasons", {"rich"}}})), "bad_field");
  EXPECT_EQ(refusal_of(kc(1, "promoted", {})), "unknown_type");
  EXPECT_EQ(put(kc(1, "accepted", {{"committee", "BCD-HN"}})), "unknown_case");  // no proposal
  EXPECT_EQ(put(kc(1, "proposed", {{"case", "HN-9"}, {"agency", "HN"}, {"reasons", {"open_long"}}})), "unknown_case");
  ASSERT_EQ(put(proposed), "");
  EXPECT_EQ(put(proposed), "duplicate");
  json twice = proposed;
  twice["id"] = "TD-2";
  EXPECT_EQ(put(twice), "bad_transition");  // the case is already in the register
  EXPECT_EQ(put(kc(2, "step", {{"step", 1}, {"text", "Xác minh"}, {"owner", "CA-HN"}, {"deadline", "2025-03-01"}})),
            "bad_transition");  // not accepted yet
  EXPECT_EQ(put(kc(2, "accepted", {{"committee", "BCD-XX"}})), "unknown_case");
  ASSERT_EQ(put(kc(2, "accepted", {{"committee", "BCD-HN"}})), "");
  EXPECT_EQ(put(kc(3, "rejected", {{"committee", "BCD-HN"}, {"reason", "x"}})), "bad_transition");
  ASSERT_EQ(put(kc(3, "stuck", {{"reason", "Người phải thi hành án chống đối"}})), "");
  ASSERT_EQ(put(kc(4, "step", {{"step", 1}, {"text", "Xác minh"}, {"owner", "CA-HN"}, {"deadline", "2025-03-01"}})), "");
  EXPECT_EQ(put(kc(5, "step", {{"step", 1}, {"text", "Lại"}, {"owner", "CA-HN"}, {"deadline", "2025-03-01"}})),
            "bad_transition");
  EXPECT_EQ(put(kc(5, "step", {{"step", 2}, {"text", "Cưỡng chế"}, {"owner", "XX"}, {"deadline", "2025-04-01"}})),
            "unknown_body");
  ASSERT_EQ(put(kc(5, "step", {{"step", 2}, {"text", "Cưỡng chế"}, {"owner", "HN"}, {"deadline", "2025-04-01"}})), "");
  EXPECT_EQ(put(kc(6, "step_done", {{"step", 3}})), "bad_transition");
  ASSERT_EQ(put(kc(6, "step_done", {{"step", 1}})), "");
  EXPECT_EQ(put(kc(7, "step_done", {{"step", 1}})), "bad_transition");
  const KeyCase& k = ledger.key_cases().at("TD-1");
  EXPECT_EQ(k.state, "accepted");
  EXPECT_FALSE(k.steps[0].overdue(d("2025-05-01")));
  EXPECT_TRUE(k.steps[1].overdue(d("2025-05-01")));
  ASSERT_EQ(put(kc(7, "closed", {{"result", "enforced"}})), "");
  EXPECT_EQ(put(kc(8, "stuck", {{"reason", "x"}})), "case_ended");
  // Closed: the case may be proposed again under a new id.
  EXPECT_EQ(put(twice), "");
}

TEST(SteeringProposalRules, OpenLongLargeAmountComplaintAndTheSettings) {
  ProposalSettings s;  // 3 years, 5.000.000.000 đ
  const Date today = d("2025-06-15");
  CaseFacts c{"HN-1", "HN", d("2022-06-15"), 4'999'999'999, false};
  EXPECT_TRUE(proposal_reasons(c, today, s).empty());  // exactly three years: not longer
  c.opened = d("2022-06-14");
  EXPECT_EQ(proposal_reasons(c, today, s), std::vector<std::string>{"open_long"});
  c.remaining = 5'000'000'000;
  c.complaint_pending = true;
  EXPECT_EQ(proposal_reasons(c, today, s), (std::vector<std::string>{"open_long", "large_amount", "complaint_pending"}));
  // The [B] thresholds come from the settings file's "steering" section.
  ProposalSettings t = ProposalSettings::from_json({{"open_years", 5}, {"large_amount", 10'000'000'000}});
  EXPECT_EQ(proposal_reasons(c, today, t), std::vector<std::string>{"complaint_pending"});
  EXPECT_THROW(ProposalSettings::from_json({{"open_years", 0}}), std::invalid_argument);
  EXPECT_THROW(ProposalSettings::from_json({{"large_amount", "x"}}), std::invalid_argument);
  EXPECT_THROW(ProposalSettings::from_json({{"years", 3}}), std::invalid_argument);
  EXPECT_THROW(ProposalSettings::from_json(nlohmann::json::array()), std::invalid_argument);
}

}  // namespace

// periodic_report (docs/formats/steering.md): versions in seq order, the
// first replaces nothing, a re-issue names the previous version and why,
// and keeps the agency and period.
TEST(SteeringPeriodicRecords, VersionsInOrderKeepAgencyAndPeriod) {
  auto parse = [](json o) { return parse_steering("periodic_report", o, kNow, true); };
  json v1{{"id", "BC-HN-2025-6M"}, {"seq", 1}, {"date", "2025-04-05"}, {"agency", "HN"}, {"period", "2025-6M"},
          {"number", "12/BC-THADS"}, {"figures", json::object()}};
  Refs refs;
  refs.agency_known = [](const std::string& c) { return c == "HN" || c == "HCM"; };
  refs.case_known = refs.body_known = [](const std::string&) { return true; };
  Ledger l;
  auto r1 = parse(v1);
  ASSERT_TRUE(std::holds_alternative<Record>(r1)) << std::get<Refusal>(r1).message;
  EXPECT_EQ(l.decide(std::get<Record>(r1), refs).kind, Decision::accept);
  l.apply(std::get<Record>(r1));
  EXPECT_EQ(l.decide(std::get<Record>(r1), refs).kind, Decision::duplicate);
  json bad = v1;
  bad["period"] = "2025-7M";
  EXPECT_EQ(std::get<Refusal>(parse(bad)).code, "bad_field");
  bad = v1;
  bad["replaces"] = 0;
  EXPECT_EQ(std::get<Refusal>(parse(bad)).code, "bad_field");
  json v2 = v1;
  v2["seq"] = 2;
  v2["date"] = "2025-04-20";
  v2["replaces"] = 1;
  EXPECT_EQ(std::get<Refusal>(parse(v2)).code, "bad_field");  // no reason
  v2["reason"] = "Bổ sung số liệu";
  EXPECT_EQ(l.decide(std::get<Record>(parse(v2)), refs).kind, Decision::accept);
  json moved = v2;
  moved["agency"] = "HCM";
  EXPECT_EQ(l.decide(std::get<Record>(parse(moved)), refs).refusal.code, "bad_transition");
  json early = v2;
  early["date"] = "2025-04-01";
  EXPECT_EQ(l.decide(std::get<Record>(parse(early)), refs).refusal.code, "date_before_previous");
  json gap = v2;
  gap["seq"] = 3;
  gap["replaces"] = 2;
  EXPECT_EQ(l.decide(std::get<Record>(parse(gap)), refs).refusal.code, "seq_gap");
}

TEST(SteeringProposalRules, MobilisedCoercionPendingFollowsTheLatestPlan) {
  using json = nlohmann::json;
  const json opened{{"type", "case_opened"}};
  const json mobilised{{"type", "coercion_planned"}, {"mobilised_forces", true}};
  const json plain{{"type", "coercion_planned"}, {"mobilised_forces", false}};
  const json executed{{"type", "coercion_executed"}};
  EXPECT_FALSE(mobilised_coercion_pending({opened}));
  EXPECT_TRUE(mobilised_coercion_pending({opened, mobilised}));
  EXPECT_FALSE(mobilised_coercion_pending({opened, mobilised, executed}));
  EXPECT_FALSE(mobilised_coercion_pending({opened, mobilised, plain}));
  EXPECT_TRUE(mobilised_coercion_pending({opened, plain, executed, mobilised}));
  // A plan voided by its coordination record: its event is skipped, and the
  // plan before it decides.
  json first = mobilised, second = mobilised;
  first["seq"] = 2, second["seq"] = 3;
  EXPECT_FALSE(mobilised_coercion_pending({opened, second}, {3}));
  EXPECT_TRUE(mobilised_coercion_pending({opened, first, second}, {3}));
  EXPECT_FALSE(mobilised_coercion_pending({opened, first, second}, {2, 3}));
  CaseFacts f{"A", "HN", *Date::parse("2025-01-01"), 0, false, true};
  EXPECT_EQ(proposal_reasons(f, *Date::parse("2025-06-01")), std::vector<std::string>{"coercion_planned"});
}

}  // namespace thads::steering
