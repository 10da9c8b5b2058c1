#include "domain/case_state.h"

#include <gtest/gtest.h>

#include "../support/builders.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::must_event;
using testing::opened_line;

// HN and HCM are provinces under the national agency CQL; HN-KV1 is a region of HN.
const AgencyRefs known{
    [](const std::string& code) { return code == "CQL" || code == "HN" || code == "HCM" || code == "HN-KV1"; },
    [](const std::string& code) {
      if (code == "HN-KV1") return std::string("HN");
      if (code == "HN" || code == "HCM") return std::string("CQL");
      return std::string();
    }};

// Appends lines in order; returns the code of the first refusal, "ok" when all were accepted.
std::string run(std::vector<std::string> lines, CaseStream* out = nullptr) {
  CaseStream s;
  for (const auto& l : lines) {
    Event e = must_event(l);
    Decision d = s.decide(e, known);
    if (d.kind == Decision::refuse) return d.refusal.code;
    if (d.kind == Decision::accept) s.append(e);
  }
  if (out) *out = s;
  return "ok";
}

const std::string kOpen = opened_line("A", "2025-03-03", "HN", 10'000'000);
const std::string kOpenReq = opened_line("A", "2025-03-03", "HN", 10'000'000, "on_request");

TEST(CaseState, RefusalsOfTheScenarios) {
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-04-01", R"("amount":11000000,"method":"voluntary")")}), "over_collection");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-04-01", R"("amount":4000000,"method":"voluntary")"),
                 ev_line("A", 3, "completed", "2025-04-02")}), "not_settled");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "terminated", "2025-04-01", R"("ground":"50.1.c")"),
                 ev_line("A", 3, "collected", "2025-04-02", R"("amount":1,"method":"voluntary")")}), "case_ended");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-02-01", R"("amount":1,"method":"voluntary")")}), "date_before_previous");
  EXPECT_EQ(run({kOpen, ev_line("A", 3, "notified", "2025-03-05")}), "seq_gap");
  EXPECT_EQ(run({opened_line("A", "2025-03-03", "XX", 5)}), "unknown_agency");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "resumed", "2025-03-10")}), "bad_transition");
  EXPECT_EQ(run({ev_line("A", 2, "notified", "2025-03-10")}), "unknown_case");
}

TEST(CaseState, RequestSentBackOnlyFromJuly2026AndOnRequest) {
  const auto unable = ev_line("A", 2, "unable_decided", "2025-03-10", R"("reason":"address_unknown")");
  EXPECT_EQ(run({kOpenReq, unable, ev_line("A", 3, "request_sent_back", "2026-06-30")}), "not_in_force");
  EXPECT_EQ(run({kOpenReq, unable, ev_line("A", 3, "request_sent_back", "2026-07-01")}), "ok");
  EXPECT_EQ(run({kOpen, unable, ev_line("A", 3, "request_sent_back", "2026-07-01")}), "bad_transition");
  EXPECT_EQ(run({kOpenReq, ev_line("A", 2, "request_sent_back", "2026-07-01")}), "bad_transition");
}

TEST(CaseState, StatusTransitions) {
  CaseStream s;
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "postponed", "2025-03-04", R"("ground":"48.1.c")")}, &s), "ok");
  EXPECT_EQ(s.state().status, Status::postponed_agreed);
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "suspended", "2025-03-04", R"("ground":"protest")"),
                 ev_line("A", 3, "resumed", "2025-03-05")}, &s), "ok");
  EXPECT_EQ(s.state().status, Status::active);
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "postponed", "2025-03-04", R"("ground":"48.1.a")"),
                 ev_line("A", 3, "suspended", "2025-03-05", R"("ground":"protest")")}), "bad_transition");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "moved_to_separate_register", "2025-03-04")}), "bad_transition");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "entrusted_out", "2025-03-04", R"("to_agency":"HN")")}), "bad_transition");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "entrusted_out", "2025-03-04", R"("to_agency":"ZZ")")}), "unknown_agency");
}

// interchange.md "Transitions"; Luật THADS 2008 Art. 23(2): a file is pulled
// up only to an agency above the case's own (an ancestor in the tree).
TEST(CaseState, PullUpOnlyToAnAgencyAbove) {
  const std::string region = opened_line("A", "2025-03-03", "HN-KV1", 10'000'000);
  auto pull = [&](const std::string& to) {
    return run({region, ev_line("A", 2, "pulled_up", "2025-03-04", R"("to_agency":")" + to + "\"")});
  };
  EXPECT_EQ(pull("HN"), "ok");              // the province above the region
  EXPECT_EQ(pull("CQL"), "ok");             // the national agency, two levels up
  EXPECT_EQ(pull("HCM"), "bad_transition");  // another province: not above
  EXPECT_EQ(pull("HN-KV1"), "bad_transition");  // its own agency
  EXPECT_EQ(pull("ZZ"), "unknown_agency");
  // A province's case cannot be pulled "up" to one of its regions.
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "pulled_up", "2025-03-04", R"("to_agency":"HN-KV1")")}), "bad_transition");
  // A cycle in malformed parents does not hang the check.
  const AgencyRefs cyclic{[](const std::string&) { return true; },
                          [](const std::string& c) { return c == "X" ? std::string("Y") : std::string("X"); }};
  EXPECT_FALSE(cyclic.above("Z", "X"));
}

// check_status is the part of check_transition the case page uses to offer
// forms: it agrees with the full check on every act whose fields do not matter.
TEST(CaseState, StatusAloneDecidesWhichActsAreOffered) {
  CaseStream active, unable_req, postponed;
  ASSERT_EQ(run({kOpen}, &active), "ok");
  ASSERT_EQ(run({kOpenReq, ev_line("A", 2, "unable_decided", "2025-03-10", R"("reason":"address_unknown")")}, &unable_req), "ok");
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "postponed", "2025-03-04", R"("ground":"48.1.c")")}, &postponed), "ok");
  EXPECT_TRUE(check_status(active.state(), EventType::resumed));
  EXPECT_FALSE(check_status(active.state(), EventType::postponed));
  EXPECT_FALSE(check_status(active.state(), EventType::unable_decided));
  EXPECT_TRUE(check_status(active.state(), EventType::moved_to_separate_register));
  EXPECT_FALSE(check_status(unable_req.state(), EventType::resumed));
  EXPECT_FALSE(check_status(unable_req.state(), EventType::request_sent_back));
  EXPECT_TRUE(check_status(unable_req.state(), EventType::unable_decided));
  EXPECT_TRUE(check_status(postponed.state(), EventType::suspended));
  EXPECT_FALSE(check_status(postponed.state(), EventType::resumed));
  EXPECT_FALSE(check_status(active.state(), EventType::collected));  // decided by its amount
  // The same refusal as the full check.
  const Event resume = must_event(ev_line("A", 2, "resumed", "2025-03-10"));
  EXPECT_EQ(check_status(active.state(), EventType::resumed)->message, check_transition(active.state(), resume)->message);
}

TEST(CaseState, DuplicatesAndConflicts) {
  CaseStream s;
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "notified", "2025-03-04")}, &s), "ok");
  EXPECT_EQ(s.decide(must_event(ev_line("A", 2, "notified", "2025-03-04")), known).kind, Decision::duplicate);
  Decision d = s.decide(must_event(ev_line("A", 2, "notified", "2025-03-05")), known);
  EXPECT_EQ(d.kind, Decision::refuse);
  EXPECT_EQ(d.refusal.code, "seq_conflict");
}

TEST(CaseState, Voids) {
  const auto unable = ev_line("A", 2, "unable_decided", "2025-03-10", R"("reason":"no_income_or_assets")");
  CaseStream s;
  ASSERT_EQ(run({kOpen, unable, ev_line("A", 3, "voided", "2025-03-11", R"("voids":2,"reason":"nhầm")")}, &s), "ok");
  EXPECT_EQ(s.state().status, Status::active);
  // Money cannot be voided in v1.
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-03-10", R"("amount":1,"method":"voluntary")"),
                 ev_line("A", 3, "voided", "2025-03-11", R"("voids":2,"reason":"x")")}), "void_target");
  // Voiding twice, or a missing seq.
  EXPECT_EQ(run({kOpen, unable, ev_line("A", 3, "voided", "2025-03-11", R"("voids":2,"reason":"x")"),
                 ev_line("A", 4, "voided", "2025-03-12", R"("voids":2,"reason":"x")")}), "void_target");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "voided", "2025-03-11", R"("voids":7,"reason":"x")")}), "void_target");
  // The history without the target must stay lawful: voiding unable_decided
  // leaves "resumed" on an active case.
  EXPECT_EQ(run({kOpen, unable, ev_line("A", 3, "resumed", "2025-03-12"),
                 ev_line("A", 4, "voided", "2025-03-13", R"("voids":2,"reason":"x")")}), "bad_transition");
  // Withdrawing the decision: then the case counts nowhere and is closed.
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "voided", "2025-03-11", R"("voids":1,"reason":"thu hồi")")}, &s), "ok");
  EXPECT_TRUE(s.state().withdrawn);
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "voided", "2025-03-11", R"("voids":1,"reason":"x")"),
                 ev_line("A", 3, "notified", "2025-03-12")}), "case_ended");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "notified", "2025-03-11"),
                 ev_line("A", 3, "voided", "2025-03-12", R"("voids":1,"reason":"x")")}), "void_target");
}

TEST(CaseState, TerminationWritesOffTheRemainder) {
  CaseStream s;
  ASSERT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-03-10", R"("amount":4000000,"method":"voluntary")"),
                 ev_line("A", 3, "terminated", "2025-03-11", R"("ground":"50.1.c")")}, &s), "ok");
  EXPECT_EQ(s.state().written_off, 6'000'000);
  EXPECT_EQ(s.state().remaining(), 0);
}

TEST(CaseState, PayoutCannotExceedCollected) {
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-03-10", R"("amount":4000000,"method":"voluntary")"),
                 ev_line("A", 3, "paid_out", "2025-03-11", R"("amount":5000000,"to":"X")")}), "over_payout");
  EXPECT_EQ(run({kOpen, ev_line("A", 2, "collected", "2025-03-10", R"("amount":4000000,"method":"voluntary")"),
                 ev_line("A", 3, "paid_out", "2025-03-11", R"("amount":4000000,"to":"X")")}), "ok");
}

}  // namespace
}  // namespace thads
