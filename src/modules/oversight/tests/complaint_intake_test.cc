// Issue 15 items 2-3: who resolves a complaint or a denunciation (Luật THADS
// Art. 142, 157) for every combination of level, person complained of and
// the agency's place in the hierarchy; the intake facts a clerk sees at
// registration (the Art. 140(2) time limit, the resolver, second-level
// links); and a denunciation kept from the head it accuses.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/seeded_store.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/import.h"
#include "modules/oversight/app/complaint_intake_read.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/app/record_act.h"
#include "modules/oversight/domain/complaint_intake.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;

AgencyTree three_levels() {
  std::vector<AgencyNode> n(3);
  n[0].code = "CQL", n[0].name = "Cục Quản lý THADS", n[0].level = "national";
  n[1].code = "HN", n[1].name = "THADS Hà Nội", n[1].level = "province", n[1].parent = "CQL";
  n[2].code = "HN-KV1", n[2].name = "Phòng THADS khu vực 1", n[2].level = "region", n[2].parent = "HN";
  return AgencyTree(std::move(n));
}

std::string who(const Resolver& r) {
  return r.kind == Resolver::agency_head ? r.agency : r.kind == Resolver::minister ? "minister" : "none";
}

TEST(ComplaintResolver, EveryCombinationOfArticle142) {
  const AgencyTree t = three_levels();
  struct Row {
    const char* agency;
    bool head;
    int level;
    const char* expected;
  } rows[] = {
      // A regional officer: its head, then the province (Art. 142(1)(a), (2)(a)).
      {"HN-KV1", false, 1, "HN-KV1"}, {"HN-KV1", false, 2, "HN"},
      // The regional head: the province, then the national body.
      {"HN-KV1", true, 1, "HN"}, {"HN-KV1", true, 2, "CQL"},
      // A provincial officer: the provincial head, then the national body.
      {"HN", false, 1, "HN"}, {"HN", false, 2, "CQL"},
      // The provincial head: the national body, then the Minister (Art. 142(3)).
      {"HN", true, 1, "CQL"}, {"HN", true, 2, "minister"},
      // The national body's officer, and its head: the Minister is above it.
      {"CQL", false, 1, "CQL"}, {"CQL", false, 2, "minister"},
      {"CQL", true, 1, "minister"}, {"CQL", true, 2, "none"},
  };
  for (const Row& r : rows)
    EXPECT_EQ(who(complaint_resolver(t, r.agency, r.head, r.level)), r.expected)
        << r.agency << (r.head ? " head" : " officer") << " level " << r.level;
  EXPECT_EQ(who(complaint_resolver(t, "XX", false, 1)), "none");
  EXPECT_EQ(resolver_label_vi(t, complaint_resolver(t, "HN-KV1", true, 1)), "Thủ trưởng THADS Hà Nội (HN)");
  EXPECT_EQ(resolver_label_vi(t, complaint_resolver(t, "HN", true, 2)), "Bộ trưởng Bộ Tư pháp");
}

TEST(ComplaintResolver, DenunciationsGoToTheAccusedsHeadOrTheAgencyAbove) {
  const AgencyTree t = three_levels();
  EXPECT_EQ(who(denunciation_resolver(t, "HN-KV1", false)), "HN-KV1");
  EXPECT_EQ(who(denunciation_resolver(t, "HN-KV1", true)), "HN");
  EXPECT_EQ(who(denunciation_resolver(t, "HN", true)), "CQL");
  EXPECT_EQ(who(denunciation_resolver(t, "CQL", true)), "minister");
  EXPECT_EQ(denunciation_resolver(t, "HN", true).article, "Luật THADS Điều 157(1)");
}

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
)";

using testing::user;  // tests/support/test_users.h
const User kClerk = user("clerk1", Role::clerk, "HN-KV1");
const User kHead = user("head1", Role::head, "HN-KV1");
const User kHeadHn = user("headhn", Role::head, "HN");
const User kSupervisor = user("sup1", Role::supervisor, "HN");
const User kOfficer = user("officer1", Role::officer, "HN-KV1", "HN-CHV-1");

json complaint(const char* act, const char* known, int level, const char* against = "officer") {
  return {{"type", "lodged"}, {"date", "2025-03-20"}, {"agency", "HN-KV1"},
          {"complainant", {{"name", "Trần Văn Khiếu"}}}, {"against", against}, {"act", act},
          {"act_known_date", known}, {"level", level}, {"channel", "desk"}};
}

class ComplaintIntake : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = testing::seeded_store(GetParam(), kSeed, now);
  }
  std::string open(const User& u, StreamKind k, const json& fields, std::string* id = nullptr) {
    auto r = open_stream(*store, u, k, "", fields, now);
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    if (id) *id = std::get<ActRecorded>(r).id;
    return "";
  }
  Intake intake(const std::string& id) {
    auto v = read_stream(*store, kHead, id, Date::parse("2025-04-01").value());
    EXPECT_TRUE(std::holds_alternative<StreamView>(v));
    auto in = intake_of(*store, std::get<StreamView>(v));
    EXPECT_TRUE(in.has_value());
    return in.value_or(Intake{});
  }
  std::unique_ptr<Store> store;
  int64_t now = std::time(nullptr);
};

TEST_P(ComplaintIntake, TheClerkLearnsTheTimeLimitAndTheResolverAtRegistration) {
  std::string on_time, late, against_head;
  // A coercion known on 01/03/2025: 30 days (Art. 140(2)(c)), lodged 20/03.
  ASSERT_EQ(open(kClerk, StreamKind::complaint, complaint("coercion", "2025-03-01", 1), &on_time), "");
  // A freeze known on 10/03/2025 (Monday): 3 working days, due 13/03; 7 days late.
  ASSERT_EQ(open(kClerk, StreamKind::complaint, complaint("account_freeze", "2025-03-10", 1), &late), "");
  ASSERT_EQ(open(kClerk, StreamKind::complaint, complaint("coercion", "2025-03-01", 1, "head"), &against_head), "");

  Intake a = intake(on_time);
  ASSERT_TRUE(a.lodge.has_value());
  EXPECT_EQ(a.lodge->state, Deadline::State::met);
  EXPECT_EQ(a.lodge->due.iso(), "2025-03-31");
  EXPECT_EQ(a.resolver.agency, "HN-KV1");
  const json j = intake_json(a);
  EXPECT_EQ(j["resolver"]["label"], "Thủ trưởng Phòng THADS khu vực 1 (HN-KV1)");
  EXPECT_EQ(j["lodge"]["within"], true);

  Intake b = intake(late);
  ASSERT_TRUE(b.lodge.has_value());
  EXPECT_EQ(b.lodge->state, Deadline::State::missed);
  EXPECT_EQ(b.lodge->due.iso(), "2025-03-13");
  EXPECT_EQ(b.lodge->days_late, 7);
  EXPECT_EQ(intake(against_head).resolver.agency, "HN");
}

TEST_P(ComplaintIntake, ASecondLevelComplaintIsLinkedToTheFirst) {
  std::string first, second;
  ASSERT_EQ(open(kClerk, StreamKind::complaint, complaint("coercion", "2025-03-01", 1), &first), "");
  json again = complaint("coercion", "2025-03-15", 2);
  again["first"] = first;
  ASSERT_EQ(open(kClerk, StreamKind::complaint, again, &second), "");
  EXPECT_EQ(intake(second).first, first);
  EXPECT_EQ(intake(second).resolver.agency, "HN");  // the next level (Art. 142(2))
  EXPECT_EQ(intake(first).second_level, std::vector<std::string>{second});
  // `first` belongs to a second-level complaint only; `channel` is a closed list.
  json wrong = complaint("coercion", "2025-03-01", 1);
  wrong["first"] = first;
  EXPECT_EQ(open(kClerk, StreamKind::complaint, wrong), "bad_field");
  json post = complaint("coercion", "2025-03-01", 1);
  post["channel"] = "email";
  EXPECT_EQ(open(kClerk, StreamKind::complaint, post), "bad_field");
}

TEST_P(ComplaintIntake, ADenunciationOfAHeadIsHiddenFromThatHead) {
  std::string of_head, of_officer;
  const json lodged{{"type", "lodged"}, {"date", "2025-05-02"}, {"agency", "HN-KV1"},
                    {"denouncer", {{"name", "Người tố cáo"}}}, {"against", "head"}};
  ASSERT_EQ(open(kClerk, StreamKind::denunciation, lodged, &of_head), "");
  json officer = lodged;
  officer["against"] = "officer";
  ASSERT_EQ(open(kClerk, StreamKind::denunciation, officer, &of_officer), "");
  const Date today = Date::parse("2025-05-10").value();
  auto code = [&](const User& u, const std::string& id) {
    auto r = read_stream(*store, u, id, today);
    return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : std::string();
  };
  // The accused head reads nothing; the resolver above and the supervisor do.
  EXPECT_EQ(code(kHead, of_head), "forbidden");
  EXPECT_EQ(code(kHeadHn, of_head), "");
  EXPECT_EQ(code(kSupervisor, of_head), "");
  EXPECT_EQ(code(kOfficer, of_head), "forbidden");
  EXPECT_EQ(code(kOfficer, of_officer), "forbidden");  // the accused officer never reads it
  EXPECT_EQ(code(kHead, of_officer), "");              // the head resolves it
  auto r = record_act(*store, kHead, std::nullopt, of_head, {{"type", "admitted"}, {"date", "2025-05-03"}}, std::nullopt, now);
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_EQ(std::get<Refusal>(r).code, "forbidden");
  r = record_act(*store, kHeadHn, std::nullopt, of_head, {{"type", "admitted"}, {"date", "2025-05-03"}}, std::nullopt, now);
  EXPECT_TRUE(std::holds_alternative<ActRecorded>(r));
  // In the accused head's list the denouncer is not named.
  auto l = list_streams_for(*store, kHead, ListQuery{"denunciation", "", "", 100, 0});
  ASSERT_TRUE(std::holds_alternative<StreamList>(l));
  for (const StreamRow& row : std::get<StreamList>(l).rows)
    EXPECT_EQ(row.title == "Người tố cáo", row.id == of_officer) << row.id;
  auto i = read_stream(*store, kHeadHn, of_head, today);
  ASSERT_TRUE(std::holds_alternative<StreamView>(i));
  EXPECT_EQ(intake_of(*store, std::get<StreamView>(i))->resolver.agency, "HN");
}

// TT 13/2021/TT-BTP Art. 14: the decision goes to the parties, the superior
// agency and the same-level procuracy; a decision_sent without `sent_to` is
// the contract's act (all three); a voided sending no longer counts.
TEST(ComplaintDecisionSending, RecipientsAreTheUnionOfTheStandingSendings) {
  auto act = [](int64_t seq, const std::string& type, json p) {
    Act a;
    a.kind = StreamKind::complaint, a.id = "K", a.seq = seq, a.type = type;
    a.date = *Date::parse("2025-05-0" + std::to_string(seq));
    a.p = std::move(p);
    return a;
  };
  std::vector<Act> acts{act(1, "lodged", json::object()), act(2, "admitted", json::object())};
  auto view = [&] {
    const Stream s(acts);
    return decision_sending(s.effective());
  };
  EXPECT_FALSE(view().has_value()) << "not resolved: nothing to send";
  acts.push_back(act(3, "resolved", {{"outcome", "upheld"}}));
  ASSERT_TRUE(view().has_value());
  EXPECT_EQ(view()->missing, (std::vector<std::string>{"parties", "superior", "procuracy"}));
  acts.push_back(act(4, "decision_sent", {{"sent_to", {"procuracy", "parties"}}, {"how", "post"}}));
  EXPECT_EQ(view()->sent, (std::vector<std::string>{"parties", "procuracy"}));
  EXPECT_EQ(view()->missing, std::vector<std::string>{"superior"});
  EXPECT_EQ(view()->how, "post");
  EXPECT_EQ(view()->last_sent->iso(), "2025-05-04");
  acts.push_back(act(5, "voided", {{"voids", 4}, {"reason", "nhầm"}}));
  EXPECT_EQ(view()->missing.size(), 3u) << "a voided sending counts for nobody";
  acts.push_back(act(6, "decision_sent", json::object()));
  EXPECT_TRUE(view()->missing.empty()) << "the contract's act: all three";
  EXPECT_EQ(view()->sent.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintIntake, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::oversight
