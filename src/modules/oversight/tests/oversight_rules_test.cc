// The oversight streams' rules, one test per rule of oversight.md: the
// transitions and corrections (domain/stream.h), the freeze budget, the [B]
// settings of the deadlines, and the identities of the admin-judgments report.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "domain/calendar.h"
#include "modules/oversight/domain/admin_report.h"
#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/domain/stream.h"

namespace thads::oversight {
namespace {

constexpr int64_t kNow = 2'000'000'000;  // 2033: every test date is in the past

Act act(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  Parsed p = parse_oversight(j["kind"].get<std::string>(), j, kNow, true);
  if (auto* r = std::get_if<Refusal>(&p)) ADD_FAILURE() << r->code << ": " << r->message << " in " << text;
  return std::get<Act>(p);
}

std::string refusal_of(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  Parsed p = parse_oversight(j["kind"].get<std::string>(), j, kNow, true);
  auto* r = std::get_if<Refusal>(&p);
  return r ? r->code : "";
}

Refs everything_known() {
  return {[](const std::string&) { return true; }, [](const std::string&) { return true; },
          [](const std::string&) { return true; }};
}

// Appends each act in turn; returns the code of the last one ("" = accepted).
std::string run(const std::vector<std::string>& lines) {
  Stream s;
  std::string code;
  for (const std::string& l : lines) {
    Act a = act(l);
    Decision d = s.decide(a, everything_known());
    code = d.kind == Decision::refuse ? d.refusal.code : "";
    if (d.kind == Decision::accept) s.append(std::move(a));
  }
  return code;
}

const std::string kReceived =
    R"({"kind":"admin_judgment","id":"X-HC-1","seq":1,"type":"received","date":"2025-04-21","agency":"HN",)"
    R"("judgment":{"number":"1/2025/HC-ST","court":"TAND","date":"2025-03-10","effective_date":"2025-04-10"},)"
    R"("ruling":"annul_decision","debtor":{"name":"UBND xã A","level":"province"},"creditor":{"name":"B"},)"
    R"("obligation":"Hủy quyết định"})";
std::string aj(int seq, const std::string& type, const std::string& date, const std::string& extra = "") {
  return R"({"kind":"admin_judgment","id":"X-HC-1","seq":)" + std::to_string(seq) + R"(,"type":")" + type +
         R"(","date":")" + date + "\"" + extra + "}";
}
const std::string kCompel = R"(,"number":"1/QĐ","court":"TAND","order_date":"2025-05-01")";

TEST(OversightRules, AdminJudgmentTransitions) {
  EXPECT_EQ(run({kReceived}), "");
  // NĐ 71/2016 Art. 30(1): no publication before a compel order.
  EXPECT_EQ(run({kReceived, aj(2, "published", "2025-05-05", R"(,"portals":["province"])")}), "bad_transition");
  EXPECT_EQ(run({kReceived, aj(2, "compel_order", "2025-05-05", kCompel), aj(3, "compel_order", "2025-05-06", kCompel)}),
            "bad_transition");
  EXPECT_EQ(run({kReceived, aj(2, "unpublished", "2025-05-05")}), "bad_transition");
  EXPECT_EQ(run({kReceived, aj(2, "interpretation_received", "2025-05-05")}), "bad_transition");
  EXPECT_EQ(run({kReceived, aj(2, "interpretation_requested", "2025-05-05"),
                 aj(3, "interpretation_received", "2025-05-09"), aj(4, "interpretation_received", "2025-05-10")}),
            "bad_transition");
  // Allowed after the end: unpublished only.
  EXPECT_EQ(run({kReceived, aj(2, "compel_order", "2025-05-05", kCompel),
                 aj(3, "published", "2025-05-06", R"(,"portals":["province"])"), aj(4, "complied", "2025-06-01"),
                 aj(5, "unpublished", "2025-06-02")}),
            "");
  EXPECT_EQ(run({kReceived, aj(2, "complied", "2025-06-01"), aj(3, "notice_sent", "2025-06-02")}), "case_ended");
  // An opening type at a later seq.
  EXPECT_EQ(run({kReceived, R"({"kind":"admin_judgment","id":"X-HC-1","seq":2,"type":"received","date":"2025-04-22",)" +
                                kReceived.substr(kReceived.find("\"agency\""))}),
            "bad_transition");
}

TEST(OversightRules, CorrectionsKeepTheHistoryLawful) {
  const std::string compel = aj(2, "compel_order", "2025-05-05", kCompel);
  const std::string pub = aj(3, "published", "2025-05-06", R"(,"portals":["province"])");
  // Voiding the compel order would leave a publication without one.
  EXPECT_EQ(run({kReceived, compel, pub, aj(4, "voided", "2025-05-07", R"(,"voids":2,"reason":"x")")}), "bad_transition");
  EXPECT_EQ(run({kReceived, compel, aj(3, "voided", "2025-05-07", R"(,"voids":2,"reason":"x")")}), "");
  EXPECT_EQ(run({kReceived, compel, aj(3, "voided", "2025-05-07", R"(,"voids":2,"reason":"x")"),
                 aj(4, "voided", "2025-05-07", R"(,"voids":2,"reason":"x")")}),
            "void_target");  // already voided
  EXPECT_EQ(run({kReceived, aj(2, "voided", "2025-05-07", R"(,"voids":5,"reason":"x")")}), "void_target");
  EXPECT_EQ(run({kReceived, compel, aj(3, "voided", "2025-05-07", R"(,"voids":1,"reason":"x")")}), "void_target");
  EXPECT_EQ(run({kReceived, aj(2, "complied", "2025-05-07"), aj(3, "voided", "2025-05-08", R"(,"voids":2,"reason":"x")")}),
            "void_target");  // an ending act
  // The opening voided alone withdraws the file: later records are case_ended.
  EXPECT_EQ(run({kReceived, aj(2, "voided", "2025-05-07", R"(,"voids":1,"reason":"x")"), aj(3, "notice_sent", "2025-05-08")}),
            "case_ended");
  EXPECT_EQ(run({kReceived, aj(2, "notice_sent", "2025-04-20")}), "date_before_previous");
  EXPECT_EQ(run({aj(1, "notice_sent", "2025-04-20")}), "unknown_case");
  EXPECT_EQ(run({kReceived, aj(3, "notice_sent", "2025-04-22")}), "seq_gap");
}

std::string complaint(int level, const std::string& act, const std::vector<std::string>& more) {
  std::vector<std::string> lines{
      R"({"kind":"complaint","id":"K1","seq":1,"type":"lodged","date":"2025-04-10","agency":"HN","complainant":{"name":"A"},)"
      R"("against":"officer","act":")" + act + R"(","act_known_date":"2025-04-01","level":)" + std::to_string(level) + "}"};
  int seq = 2;
  for (const std::string& m : more)
    lines.push_back(R"({"kind":"complaint","id":"K1","seq":)" + std::to_string(seq++) + R"(,"date":"2025-04-20",)" + m + "}");
  return run(lines);
}

TEST(OversightRules, ComplaintTransitions) {
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"extended")"}), "");
  // Art. 146: only a complaint about a coercion is extended, once, after admission.
  EXPECT_EQ(complaint(1, "before_measures", {R"("type":"admitted")", R"("type":"extended")"}), "bad_transition");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"extended")"}), "bad_transition");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"extended")", R"("type":"extended")"}),
            "bad_transition");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"resolved","outcome":"upheld")"}), "bad_transition");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"admitted")"}), "bad_transition");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"decision_sent")"}), "bad_transition");
  // After resolution: the decision is sent; a level-1 decision is not published.
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"resolved","outcome":"upheld")", R"("type":"decision_sent")"}), "");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"resolved","outcome":"upheld")", R"("type":"decision_published")"}),
            "case_ended");
  EXPECT_EQ(complaint(2, "coercion", {R"("type":"admitted")", R"("type":"resolved","outcome":"upheld")", R"("type":"decision_published")"}), "");
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"withdrawn")", R"("type":"decision_sent")"}), "case_ended");
  // The thads extension of decision_sent (TT 13/2021/TT-BTP Art. 14): to whom, how; closed lists.
  EXPECT_EQ(complaint(1, "coercion", {R"("type":"admitted")", R"("type":"resolved","outcome":"upheld")",
                                      R"("type":"decision_sent","sent_to":["parties","procuracy"],"how":"post")"}),
            "");
  auto sent = [](const std::string& payload) {
    return refusal_of(R"({"kind":"complaint","id":"K1","seq":4,"date":"2025-04-20","type":"decision_sent",)" + payload + "}");
  };
  EXPECT_EQ(sent(R"("sent_to":["parties","superior","procuracy"],"how":"electronic")"), "");
  EXPECT_EQ(sent(R"("sent_to":["court"])"), "bad_field");
  EXPECT_EQ(sent(R"("sent_to":[])"), "bad_field");
  EXPECT_EQ(sent(R"("sent_to":"parties")"), "bad_field");
  EXPECT_EQ(sent(R"("how":"pigeon")"), "bad_field");
}

std::string procuracy(const std::string& opening, const std::vector<std::string>& more) {
  std::vector<std::string> lines{R"({"kind":"procuracy","id":"P1","seq":1,"date":"2025-04-10","agency":"HN","procuracy":"VKS",)"
                                 R"("number":"1",)" + opening + "}"};
  int seq = 2;
  for (const std::string& m : more)
    lines.push_back(R"({"kind":"procuracy","id":"P1","seq":)" + std::to_string(seq++) + R"(,"date":"2025-04-20",)" + m + "}");
  return run(lines);
}

TEST(OversightRules, ProcuracyTransitions) {
  const std::string protest = R"("type":"protest","level":"same","act_known_date":"2025-04-01")";
  // Art. 161: a remedy follows an accepted reply, or an accepted superior answer.
  EXPECT_EQ(procuracy(protest, {R"("type":"replied","accepted":true)", R"("type":"remedied")"}), "");
  EXPECT_EQ(procuracy(protest, {R"("type":"replied","accepted":false)", R"("type":"remedied")"}), "bad_transition");
  EXPECT_EQ(procuracy(protest, {R"("type":"replied","accepted":false)", R"("type":"reported_to_superior")",
                                R"("type":"superior_answered","accepted":true)", R"("type":"remedied")"}),
            "");
  EXPECT_EQ(procuracy(protest, {R"("type":"replied","accepted":true)", R"("type":"reported_to_superior")"}),
            "bad_transition");
  EXPECT_EQ(procuracy(R"("type":"recommendation")", {R"("type":"replied","accepted":false)", R"("type":"reported_to_superior")"}),
            "bad_transition");
  EXPECT_EQ(procuracy(protest, {R"("type":"superior_answered","accepted":true)"}), "bad_transition");
  EXPECT_EQ(procuracy(protest, {R"("type":"replied","accepted":true)", R"("type":"replied","accepted":true)"}),
            "bad_transition");
  EXPECT_EQ(procuracy(R"("type":"requirement","demand":"enforce")", {R"("type":"replied","accepted":true)", R"("type":"remedied")"}),
            "bad_transition");
}

const std::string kFreeze =
    R"({"kind":"request","id":"R1","seq":1,"type":"sent","date":"2025-06-02","agency":"HN","case":"C1","body":"B",)"
    R"("purpose":"freeze_account","subject":{"name":"A","id_number":"001"},"amount":50000000})";

TEST(OversightRules, RequestsNameTheirSubjectAndLiftOnlyFreezes) {
  // A freeze needs the subject's ID number and an amount (L.THADS Art. 67).
  std::string no_id = kFreeze;
  no_id.replace(no_id.find(R"(,"id_number":"001")"), 18, "");
  EXPECT_EQ(refusal_of(no_id), "bad_field");
  std::string no_amount = kFreeze;
  no_amount.replace(no_amount.find(R"(,"amount":50000000)"), 18, "");
  EXPECT_EQ(refusal_of(no_amount), "bad_field");
  EXPECT_EQ(run({kFreeze, R"({"kind":"request","id":"R1","seq":2,"type":"lifted","date":"2025-06-03"})"}), "");
  std::string verify = kFreeze;
  verify.replace(verify.find("freeze_account"), 14, "verify_assets");
  EXPECT_EQ(run({verify, R"({"kind":"request","id":"R1","seq":2,"type":"lifted","date":"2025-06-03"})"}), "bad_transition");
  EXPECT_EQ(refusal_of(R"({"kind":"request","id":"R1","seq":2,"type":"forwarded","date":"2025-06-03"})"), "unknown_type");
  EXPECT_EQ(refusal_of(R"({"kind":"request","id":"R1","seq":2,"type":"answered","date":"2099-06-03","result":"found"})"),
            "bad_field");  // dated after the day it is recorded
}

Event collected(int64_t amount, const char* date) {
  Event e;
  e.set(Collected{amount, "voluntary"});
  e.date = *Date::parse(date);
  return e;
}

TEST(OversightRules, FreezeBudgetIsJudgedOnTheRequestDate) {
  Event opened;
  opened.seq = 1;
  opened.date = *Date::parse("2025-03-03");
  auto info = std::make_shared<CaseOpened>();
  info->obligations.push_back({"other_money", 100'000'000});
  opened.set(std::shared_ptr<const CaseOpened>(info));
  std::vector<Event> case_events{opened, collected(20'000'000, "2025-04-01"), collected(60'000'000, "2025-07-01")};
  case_events[1].seq = 2, case_events[2].seq = 3;
  Stream standing(std::vector<Act>{act(kFreeze)});
  std::vector<const Stream*> others{&standing};
  std::string next = kFreeze;
  next.replace(next.find("\"R1\""), 4, "\"R2\"");
  next.replace(next.find("50000000"), 8, "30000000");
  // 80,000,000 owed on 02/06 (the July collection is later): 50 + 30 fits.
  EXPECT_FALSE(check_freeze_budget(act(next), case_events, others));
  next.replace(next.find("30000000"), 8, "30000001");
  auto r = check_freeze_budget(act(next), case_events, others);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "over_freeze");
  // A freeze answered not_found no longer stands.
  Stream answered(std::vector<Act>{act(kFreeze), act(R"({"kind":"request","id":"R1","seq":2,"type":"answered","date":"2025-06-02","result":"not_found"})")});
  std::vector<const Stream*> gone{&answered};
  EXPECT_FALSE(check_freeze_budget(act(next), case_events, gone));
}

TEST(OversightRules, RemoteComplaintPeriodIsASetting) {
  std::vector<Act> acts{
      act(R"({"kind":"complaint","id":"K1","seq":1,"type":"lodged","date":"2025-09-03","agency":"HN","complainant":{"name":"A"},"against":"officer","act":"before_measures","act_known_date":"2025-08-17","level":1,"remote":true})"),
      act(R"({"kind":"complaint","id":"K1","seq":2,"type":"admitted","date":"2025-09-08"})")};
  const Calendar cal = Calendar::official();
  auto resolve_due = [&](const OversightSettings& s) {
    for (const Deadline& d : stream_deadlines(acts, *Date::parse("2025-09-10"), cal, {}, s))
      if (d.action == "resolve") return d.due.iso();
    return std::string("absent");
  };
  // Art. 146(5) [B]: 15 + 30 days by default; a deployment may set 15 + 0.
  EXPECT_EQ(resolve_due(OversightSettings::defaults()), "2025-10-23");
  OversightSettings s = OversightSettings::from_json(nlohmann::json{{"remote_extra_days", 0}});
  EXPECT_EQ(resolve_due(s), "2025-09-23");
  EXPECT_THROW(OversightSettings::from_json(nlohmann::json{{"no_such", 1}}), std::invalid_argument);
}

// Random files over two adjacent periods: the report's identities hold and
// what is in progress at the end of one period is carried into the next.
RC_GTEST_PROP(OversightReport, IdentitiesAndCarryOver, ()) {
  const Date from1 = *Date::parse("2025-10-01"), to1 = *Date::parse("2026-03-31");
  const Date from2 = to1.plus_days(1), to2 = *Date::parse("2026-09-30");
  const int files = *rc::gen::inRange(0, 40);
  AdminColumns p1, p2, whole;
  for (int i = 0; i < files; ++i) {
    const Date received = from1.plus_days(*rc::gen::inRange(-400, 360));
    std::vector<Act> acts{act(R"({"kind":"admin_judgment","id":"F","seq":1,"type":"received","date":")" + received.iso() +
                              kReceived.substr(kReceived.find("\",\"agency\"")))};
    Date d = received;
    const int steps = *rc::gen::inRange(0, 5);
    bool ended = false, compel = false;
    for (int k = 0; k < steps && !ended; ++k) {
      d = d.plus_days(*rc::gen::inRange(0, 120));
      const int pick = *rc::gen::inRange(0, 5);
      std::string type = pick == 0 ? "complied" : pick == 1 ? "closed" : pick == 2 ? "delay_reason" : "compel_order";
      if (type == "compel_order" && compel) type = "notice_sent";
      std::string extra = type == "closed" ? R"(,"ground":"other")" : type == "delay_reason" ? R"(,"reason":"disagrees")"
                          : type == "compel_order" ? kCompel : "";
      acts.push_back(act(R"({"kind":"admin_judgment","id":"F","seq":)" + std::to_string(k + 2) + R"(,"type":")" + type +
                         R"(","date":")" + d.iso() + "\"" + extra + "}"));
      ended = type == "complied" || type == "closed";
      compel = compel || type == "compel_order";
    }
    add_to(p1, standing_of(acts, from1, to1));
    add_to(p2, standing_of(acts, from2, to2));
    add_to(whole, standing_of(acts, from1, to2));
  }
  for (const AdminColumns* c : {&p1, &p2, &whole}) {
    RC_ASSERT(c->total == c->carried_over + c->received_new);
    RC_ASSERT(c->total == c->complied + c->closed_other + c->in_progress);
    RC_ASSERT(c->in_progress == c->debtor_central + c->debtor_province + c->debtor_district + c->debtor_commune +
                                    c->debtor_other);
    RC_ASSERT(c->in_progress == c->reason_objective_obstacle + c->reason_awaiting_funds + c->reason_awaiting_superior +
                                    c->reason_disagrees + c->reason_unclear_judgment + c->reason_other + c->reason_none);
  }
  RC_ASSERT(p2.carried_over == p1.in_progress);
  RC_ASSERT(whole.complied == p1.complied + p2.complied);
}

}  // namespace
}  // namespace thads::oversight
