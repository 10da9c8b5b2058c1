// The steering use cases on both stores (app/steering_use_cases.h): rights
// checked inside the write — a body's user reports only on its own tasks,
// steering users enter directives but never change a case — and the reads
// (directive tree, follow-up matrix, key cases) of the user's subtree.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/seeded_store.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/access.h"
#include "app/agency_directory.h"
#include "app/import.h"
#include "domain/interchange.h"
#include "modules/steering/app/steering_use_cases.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"THADS TP HCM","level":"province","parent":"CQL"}
{"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy","type":"other","agency":"HN"}
{"kind":"body","code":"VKS-HN","name":"Viện kiểm sát nhân dân thành phố Hà Nội","type":"procuracy","agency":"HN"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND khu vực 1","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}],"request_date":"2025-01-06"}
{"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Bố trí lực lượng cưỡng chế","bodies":["CA-HN","HN"],"owner":"BNC-HN","periodicity":"quarterly"}
{"kind":"directive_task","directive":"CT-05","number":"2","text":"Kiểm sát","bodies":["VKS-HN"],"owner":"BNC-HN","deadline":"2025-03-31"}
{"kind":"committee","id":"BCD-HN","name":"Ban Chỉ đạo THADS thành phố","level":"province","agency":"HN","valid_from":"2016-07-05"}
)";

using testing::user;  // tests/support/test_users.h
const User kHead = user("head1", Role::head, "HN");
const User kHeadHcm = user("headhcm", Role::head, "HCM");
const User kSteering = user("steer1", Role::steering, "HN");
const User kOfficer = user("officer1", Role::officer, "HN");
const User kAdmin = user("admin1", Role::admin, "HN");
const User kPolice = user("ca.hn", Role::body, "HN", "CA-HN");
const User kProcuracyBody = user("vks.hn", Role::body, "HN", "VKS-HN");
const User kFollower = user("bnc.hn", Role::body, "HN", "BNC-HN");

class SteeringUseCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = testing::seeded_store(GetParam(), kSeed, now);
  }
  std::string put(const User& u, const json& rec) {
    auto r = record(*store, u, rec, now);
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    return std::get<Recorded>(r).duplicate ? "duplicate" : "";
  }
  static json report(const char* task, const char* period, const char* status, const char* body = nullptr) {
    json j{{"kind", "task_report"}, {"task", task}, {"period", period}, {"date", "2025-03-20"},
           {"status", status}, {"text", "Đã thực hiện"}};
    if (body) j["body"] = body;
    return j;
  }
  std::unique_ptr<Store> store;
  int64_t now = *parse_rfc3339("2025-06-15T03:00:00Z");
  Date today = *Date::parse("2025-06-15");
};

TEST_P(SteeringUseCases, ABodyReportsOnlyOnItsOwnTasks) {
  // The police's user reports on task 1 (assigned to it), its body by default.
  EXPECT_EQ(put(kPolice, report("CT-05/1", "2025-Q2", "in_progress")), "");
  EXPECT_EQ(put(kPolice, report("CT-05/1", "2025-Q2", "done")), "");  // seq 2, set by the use case
  // Not for another body, not on a task of another body, not for a period twice done.
  EXPECT_EQ(put(kPolice, report("CT-05/1", "2025-Q3", "done", "HN")), "forbidden");
  EXPECT_EQ(put(kPolice, report("CT-05/2", "once", "done")), "bad_transition");  // not assigned to the police
  EXPECT_EQ(put(kPolice, report("CT-05/2", "once", "done", "VKS-HN")), "forbidden");
  EXPECT_EQ(put(kPolice, report("CT-05/1", "2025-Q2", "in_progress")), "case_ended");
  // The follow-up owner, steering, officers and admin do not report for bodies.
  EXPECT_EQ(put(kFollower, report("CT-05/1", "2025-Q3", "done", "CA-HN")), "forbidden");
  EXPECT_EQ(put(kSteering, report("CT-05/1", "2025-Q3", "done", "CA-HN")), "forbidden");
  EXPECT_EQ(put(kOfficer, report("CT-05/1", "2025-Q3", "done", "HN")), "forbidden");
  EXPECT_EQ(put(kAdmin, report("CT-05/1", "2025-Q3", "done", "HN")), "forbidden");
  // The head reports for the enforcement agency, not for the police; another
  // province's head does not see the task at all.
  EXPECT_EQ(put(kHead, report("CT-05/1", "2025-Q2", "done", "HN")), "");
  EXPECT_EQ(put(kHead, report("CT-05/1", "2025-Q3", "done", "CA-HN")), "forbidden");
  EXPECT_EQ(put(kHeadHcm, report("CT-05/1", "2025-Q3", "done", "HCM")), "not_found");
  // A stale version is a conflict, never a silent overwrite.
  json stale = report("CT-05/2", "once", "in_progress");
  stale["seq"] = 3;
  EXPECT_EQ(put(kProcuracyBody, stale), "version_conflict");
  EXPECT_EQ(put(kProcuracyBody, report("CT-05/2", "once", "in_progress")), "");
}

TEST_P(SteeringUseCases, TheFollowUpOwnerSeesWhoIsLate) {
  ASSERT_EQ(put(kPolice, report("CT-05/1", "2025-Q2", "done")), "");
  auto res = follow_up_matrix(*store, kFollower, "", today);
  ASSERT_TRUE(std::holds_alternative<Matrix>(res));
  const Matrix& m = std::get<Matrix>(res);
  ASSERT_EQ(m.rows.size(), 3u);  // task 1 × (CA-HN, HN), task 2 × VKS-HN
  // Q2 (Jan–Mar 2025) is done by the police; the agency is late for Q2 and
  // the procuracy for its deadline of 31/03/2025; Q3 is still running.
  int64_t police_late = -1, agency_late = -1, vks_late = -1;
  for (const MatrixRow& r : m.rows) {
    int64_t n = 0;
    for (const Cell& c : r.body.cells) n += c.overdue;
    if (r.body.body == "CA-HN") police_late = n;
    if (r.body.body == "HN") agency_late = n;
    if (r.body.body == "VKS-HN") vks_late = n;
  }
  EXPECT_EQ(police_late, 1);  // Q1 (the task began 15/11/2024) never reported
  EXPECT_EQ(agency_late, 2);
  EXPECT_EQ(vks_late, 1);
  EXPECT_EQ(m.overdue_cells, 4);
  // The police's own user sees its rows only; other provinces see nothing.
  auto mine = std::get<Matrix>(follow_up_matrix(*store, kPolice, "", today));
  ASSERT_EQ(mine.rows.size(), 1u);
  EXPECT_EQ(mine.rows[0].body.body, "CA-HN");
  EXPECT_TRUE(std::get<Matrix>(follow_up_matrix(*store, kHeadHcm, "", today)).rows.empty());
  EXPECT_EQ(std::get<Refusal>(follow_up_matrix(*store, kAdmin, "", today)).code, "forbidden");
  // The directive's tree shows the same cells.
  auto v = directive_view(*store, kSteering, "CT-05", today);
  ASSERT_TRUE(std::holds_alternative<DirectiveView>(v));
  EXPECT_EQ(std::get<DirectiveView>(v).tasks.size(), 2u);
  EXPECT_EQ(std::get<Refusal>(directive_view(*store, kHeadHcm, "CT-05", today)).code, "not_found");
}

TEST_P(SteeringUseCases, DirectivesAndCommitteesByHeadAndSteeringOnly) {
  const json d{{"kind", "directive"}, {"id", "CT-09"}, {"number", "09-CT/TU"}, {"issuer", "Ban Thường vụ"},
               {"date", "2025-05-01"}, {"title", "Chỉ thị mới"}, {"agency", "HN"}};
  EXPECT_EQ(put(kOfficer, d), "forbidden");
  EXPECT_EQ(put(kPolice, d), "forbidden");
  EXPECT_EQ(put(kAdmin, d), "forbidden");
  EXPECT_EQ(put(kHeadHcm, d), "not_found");
  ASSERT_EQ(put(kSteering, d), "");
  EXPECT_EQ(put(kHead, d), "duplicate");
  const json t{{"kind", "directive_task"}, {"directive", "CT-09"}, {"number", "1"}, {"text", "Nhiệm vụ"},
               {"bodies", {"CA-HN"}}, {"owner", "BNC-HN"}, {"periodicity", "yearly"}};
  EXPECT_EQ(put(kPolice, t), "forbidden");
  EXPECT_EQ(put(kHead, t), "");
  const json m{{"kind", "meeting"}, {"id", "BCD-HN/1"}, {"committee", "BCD-HN"}, {"date", "2025-05-02"},
               {"agenda", {"Kết quả 6 tháng"}}};
  EXPECT_EQ(put(kOfficer, m), "forbidden");
  EXPECT_EQ(put(kSteering, m), "");
  auto list = std::get<std::vector<DirectiveRow>>(directive_list(*store, kPolice));
  EXPECT_EQ(list.size(), 2u);
  EXPECT_TRUE(std::get<std::vector<DirectiveRow>>(directive_list(*store, kHeadHcm)).empty());
}

TEST_P(SteeringUseCases, KeyCasesAndStepsAndSteeringNeverChangesACase) {
  auto kc = [](const char* type, json extra) {
    json j{{"kind", "key_case"}, {"id", "TD-1"}, {"type", type}, {"date", "2025-02-01"}};
    j.update(extra);
    return j;
  };
  const json proposed = kc("proposed", {{"case", "HN-1"}, {"agency", "HN-KV1"}, {"reasons", {"open_long"}}});
  EXPECT_EQ(put(kSteering, proposed), "forbidden");  // the agency proposes
  EXPECT_EQ(put(kPolice, proposed), "forbidden");
  ASSERT_EQ(put(kHead, proposed), "");
  ASSERT_EQ(put(kSteering, kc("accepted", {{"committee", "BCD-HN"}})), "");
  ASSERT_EQ(put(kSteering, kc("step", {{"step", 1}, {"text", "Bảo vệ cưỡng chế"}, {"owner", "CA-HN"},
                                       {"deadline", "2025-03-01"}})),
            "");
  EXPECT_EQ(put(kProcuracyBody, kc("step_done", {{"step", 1}})), "forbidden");  // not its step
  EXPECT_EQ(put(kPolice, kc("step_done", {{"step", 1}})), "");
  // Bodies and officers do not read the register; steering does.
  EXPECT_EQ(std::get<Refusal>(key_case_list(*store, kPolice)).code, "forbidden");
  EXPECT_EQ(std::get<Refusal>(key_case_list(*store, kOfficer)).code, "forbidden");
  auto l = key_case_list(*store, kSteering);
  ASSERT_TRUE(std::holds_alternative<KeyCaseList>(l));
  ASSERT_EQ(std::get<KeyCaseList>(l).cases.size(), 1u);
  EXPECT_TRUE(std::get<KeyCaseList>(l).cases[0]->steps[0].done_on.has_value());
  // Steering users never change a case (app/access.h); nor do body users.
  const AgencyTree tree = load_agency_tree(*store);
  const Access access(tree);
  const CaseScope c{"HN-KV1", ""};
  EXPECT_EQ(access.record_on_case(Actor::of(kSteering), c, EventType::collected), Verdict::forbidden);
  EXPECT_EQ(access.record_on_case(Actor::of(kPolice), c, EventType::collected), Verdict::forbidden);
  EXPECT_EQ(access.read_case(Actor::of(kPolice), c), Verdict::forbidden);
  EXPECT_EQ(access.view_reports(Actor::of(kPolice), "HN"), Verdict::forbidden);
  EXPECT_EQ(store->version_of("HN-1"), 1);
}

TEST_P(SteeringUseCases, CandidatesMeetTheProposalRulesUntilProposed) {
  // HN-1 owes 50.000.000 đ, opened 06/01/2025: no candidate with the defaults.
  auto none = proposal_candidates(*store, kHead, today);
  ASSERT_TRUE(std::holds_alternative<std::vector<Candidate>>(none));
  EXPECT_TRUE(std::get<std::vector<Candidate>>(none).empty());
  ProposalSettings s;
  s.large_amount = 50'000'000;
  ProposalSettings::use(s);
  auto some = std::get<std::vector<Candidate>>(proposal_candidates(*store, kHead, today));
  ASSERT_EQ(some.size(), 1u);
  EXPECT_EQ(some[0].facts.case_id, "HN-1");
  EXPECT_EQ(some[0].reasons, std::vector<std::string>{"large_amount"});
  EXPECT_TRUE(std::get<std::vector<Candidate>>(proposal_candidates(*store, kHeadHcm, today)).empty());
  EXPECT_EQ(std::get<Refusal>(proposal_candidates(*store, kPolice, today)).code, "forbidden");
  ASSERT_EQ(put(kHead, {{"kind", "key_case"}, {"id", "TD-HN-1"}, {"type", "proposed"}, {"date", "2025-06-01"},
                        {"case", "HN-1"}, {"agency", "HN-KV1"}, {"reasons", {"large_amount"}}}),
            "");
  EXPECT_TRUE(std::get<std::vector<Candidate>>(proposal_candidates(*store, kHead, today)).empty());
  ProposalSettings::use(ProposalSettings::defaults());
}

// "Mobilised coercion planned" is derived from the case's events: its latest
// coercion plan mobilises forces and no coercion was carried out since.
TEST_P(SteeringUseCases, MobilisedCoercionPlannedMakesACandidate) {
  auto reasons_of = [&](const char* id) {
    auto all = proposal_candidates(*store, kHead, today);
    for (const Candidate& c : std::get<std::vector<Candidate>>(all))
      if (c.facts.case_id == id) return c.reasons;
    return std::vector<std::string>{};
  };
  EXPECT_TRUE(reasons_of("HN-1").empty());
  std::istringstream plan(
      R"({"kind":"event","case":"HN-1","seq":2,"type":"coercion_planned","date":"2025-05-05","scheduled_date":"2025-06-20","measure":"kê biên","mobilised_forces":true})"
      "\n");
  ImportOptions o;
  o.now_unix = now;
  ASSERT_TRUE(import_jsonl(*store, plan, o).ok());
  EXPECT_EQ(reasons_of("HN-1"), std::vector<std::string>{"coercion_planned"});
  std::istringstream done(
      R"({"kind":"event","case":"HN-1","seq":3,"type":"coercion_executed","date":"2025-06-10","measure":"kê biên"})"
      "\n");
  ASSERT_TRUE(import_jsonl(*store, done, o).ok());
  EXPECT_TRUE(reasons_of("HN-1").empty());
}

// A case rejected by the committee may be proposed again: the proposal
// without an id gets the next free one.
TEST_P(SteeringUseCases, ARejectedCaseIsProposedAgainUnderANewId) {
  const json proposal{{"kind", "key_case"}, {"type", "proposed"}, {"date", "2025-06-01"}, {"case", "HN-1"},
                      {"agency", "HN-KV1"}, {"reasons", {"large_amount"}}};
  auto first = record(*store, kHead, proposal, now);
  ASSERT_TRUE(std::holds_alternative<Recorded>(first)) << std::get<Refusal>(first).message;
  EXPECT_EQ(std::get<Recorded>(first).key, "TD-HN-1");
  EXPECT_EQ(put(kSteering, {{"kind", "key_case"}, {"id", "TD-HN-1"}, {"type", "rejected"}, {"date", "2025-06-02"},
                            {"committee", "BCD-HN"}, {"reason", "Chưa đủ tiêu chí"}}),
            "");
  auto second = record(*store, kHead, proposal, now);
  ASSERT_TRUE(std::holds_alternative<Recorded>(second)) << std::get<Refusal>(second).message;
  EXPECT_EQ(std::get<Recorded>(second).key, "TD-HN-1-2");
  // While that one is open, the case is not proposed a third time.
  EXPECT_EQ(std::get<Refusal>(record(*store, kHead, proposal, now)).code, "bad_transition");
}

INSTANTIATE_TEST_SUITE_P(Backends, SteeringUseCases, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::steering
