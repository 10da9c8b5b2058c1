// The oversight use cases (app/record_act.h, app/oversight_read.h) on both
// stores: every act goes through the domain's decision, the freeze budget is
// the import's, and the rights are checked inside the use case — role ×
// action × own or other subtree.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <ctime>
#include <thread>
#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "domain/interchange.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/app/record_act.h"

namespace thads::oversight {
namespace {

using json = nlohmann::json;

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"THADS TP HCM","level":"province","parent":"CQL"}
{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"officer","id":"HN-CHV-2","name":"Lê Thị Hoa","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"officer","id":"HCM-CHV-1","name":"Võ Văn Tâm","agency":"HCM","role":"enforcement_officer"}
{"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND khu vực 1","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person","id_number":"001085012345"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}],"request_date":"2025-01-06"}
{"kind":"event","case":"HN-1","seq":2,"type":"officer_assigned","date":"2025-01-06","officer":"HN-CHV-1"}
{"kind":"event","case":"HCM-1","seq":1,"type":"case_opened","date":"2025-01-10","agency":"HCM","mode":"proactive","judgment_kind":"civil","judgment":{"number":"9/2024/DS-ST","court":"TAND TP HCM","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"name":"Trần Văn Em","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":8000000}]}
)";

using testing::user;  // tests/support/test_users.h
const User kClerk = user("clerk1", Role::clerk, "HN-KV1");
const User kHead = user("head1", Role::head, "HN-KV1");
const User kHeadHcm = user("headhcm", Role::head, "HCM");
const User kOfficer1 = user("officer1", Role::officer, "HN-KV1", "HN-CHV-1");
const User kOfficer2 = user("officer2", Role::officer, "HN-KV1", "HN-CHV-2");
const User kSupervisor = user("sup1", Role::supervisor, "HN");
const User kSteering = user("steer1", Role::steering, "HN");
const User kAdmin = user("admin1", Role::admin, "HN");
const User kProcuracy = user("vks-hn", Role::procuracy, "HN");
const User kProcuracyHcm = user("vks-hcm", Role::procuracy, "HCM");

json received(const char* agency = "HN-KV1") {
  return {{"type", "received"},
          {"date", "2025-04-07"},
          {"agency", agency},
          {"judgment", {{"number", "4/2025/HC-ST"}, {"court", "TAND TP Hà Nội"}, {"date", "2025-02-10"}, {"effective_date", "2025-03-20"}}},
          {"ruling", "annul_decision"},
          {"debtor", {{"name", "UBND phường A"}, {"level", "commune"}}},
          {"creditor", {{"name", "Trần Thị Lan"}}},
          {"obligation", "Hủy Quyết định số 215/QĐ-UBND"}};
}

class OversightUseCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    location = testing::fresh_location(GetParam());
    store = Store::open(location);
    std::istringstream in(kSeed);
    ImportOptions o;
    o.now_unix = now;
    auto r = import_jsonl(*store, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  }
  // The refusal code, or "" when recorded.
  std::string open(const User& u, StreamKind k, const json& fields, std::string* id = nullptr) {
    auto r = open_stream(*store, u, k, "", fields, now);
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    if (id) *id = std::get<ActRecorded>(r).id;
    return "";
  }
  std::string act(const User& u, const std::string& id, const json& fields, std::optional<int64_t> seq = std::nullopt) {
    auto r = record_act(*store, u, std::nullopt, id, fields, seq, now);
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    return "";
  }
  std::string read(const User& u, const std::string& id) {
    auto r = read_stream(*store, u, id, vn_date_of(now));
    if (auto* x = std::get_if<Refusal>(&r)) return x->code;
    return "";
  }
  std::string location;
  std::unique_ptr<Store> store;
  int64_t now = std::time(nullptr);
};

TEST_P(OversightUseCases, AdminJudgmentRightsAlongTheFile) {
  std::string id;
  // Registration: the clerk and the head of the subtree; nobody else.
  EXPECT_EQ(open(kOfficer1, StreamKind::admin_judgment, received()), "forbidden");
  EXPECT_EQ(open(kSupervisor, StreamKind::admin_judgment, received()), "forbidden");
  EXPECT_EQ(open(kSteering, StreamKind::admin_judgment, received()), "forbidden");
  EXPECT_EQ(open(kProcuracy, StreamKind::admin_judgment, received()), "forbidden");
  EXPECT_EQ(open(kClerk, StreamKind::admin_judgment, received("HCM")), "not_found");  // other subtree
  EXPECT_EQ(open(kClerk, StreamKind::admin_judgment, received("XX")), "unknown_agency");
  ASSERT_EQ(open(kClerk, StreamKind::admin_judgment, received(), &id), "");
  EXPECT_EQ(id, "HN-KV1-HC-" + vn_date_of(now).iso().substr(0, 4) + "-0001");
  // Assignment: the head of the subtree only.
  const json assign{{"type", "officer_assigned"}, {"date", "2025-04-08"}, {"officer", "HN-CHV-1"}};
  EXPECT_EQ(act(kClerk, id, assign), "forbidden");
  EXPECT_EQ(act(kOfficer1, id, assign), "forbidden");
  EXPECT_EQ(act(kHeadHcm, id, assign), "not_found");
  EXPECT_EQ(act(kHead, id, assign, 0), "version_conflict");
  ASSERT_EQ(act(kHead, id, assign, 1), "");
  // The assigned officer acts; the other officer, the supervisor, steering do not.
  const json notice{{"type", "notice_sent"}, {"date", "2025-04-09"}};
  EXPECT_EQ(act(kOfficer2, id, notice), "forbidden");
  EXPECT_EQ(act(kSupervisor, id, notice), "forbidden");
  EXPECT_EQ(act(kSteering, id, notice), "forbidden");
  EXPECT_EQ(act(kAdmin, id, notice), "forbidden");
  ASSERT_EQ(act(kOfficer1, id, notice), "");
  // The domain decides as for the import: no publication before a compel order.
  EXPECT_EQ(act(kOfficer1, id, {{"type", "published"}, {"date", "2025-04-10"}, {"portals", {"province"}}}),
            "bad_transition");
  EXPECT_EQ(act(kOfficer1, id, {{"type", "debtor_met"}, {"date", "2025-04-01"}}), "date_before_previous");
  EXPECT_EQ(act(kOfficer1, id, {{"type", "received"}, {"date", "2025-04-10"}}), "bad_field");  // payload missing
  // Reading: the subtree, every reading role; admin and other subtrees not.
  EXPECT_EQ(read(kSupervisor, id), "");
  EXPECT_EQ(read(kSteering, id), "");
  EXPECT_EQ(read(kProcuracy, id), "");
  EXPECT_EQ(read(kOfficer2, id), "");
  EXPECT_EQ(read(kHeadHcm, id), "not_found");
  EXPECT_EQ(read(kAdmin, id), "forbidden");
  auto v = read_stream(*store, kHead, id, *Date::parse("2025-04-20"));
  ASSERT_TRUE(std::holds_alternative<StreamView>(v));
  const StreamView& sv = std::get<StreamView>(v);
  EXPECT_EQ(sv.row.officer, "HN-CHV-1");
  EXPECT_EQ(sv.stream.version(), 3);
  EXPECT_EQ(sv.stream.acts()[2].actor, "officer1");  // the actor is the login
  ASSERT_FALSE(sv.deadlines.empty());
  EXPECT_EQ(sv.deadlines.front().action, "notify");
  EXPECT_EQ(sv.deadlines.front().state, Deadline::State::met);
}

TEST_P(OversightUseCases, ProcuracyRecordsItsOwnActsInItsSubtreeOnly) {
  const json protest{{"type", "protest"},   {"date", "2025-05-02"}, {"agency", "HN-KV1"},
                     {"procuracy", "VKSND TP Hà Nội"}, {"number", "12/QĐ-VKS"}, {"level", "same"},
                     {"act_known_date", "2025-04-28"}};
  std::string id;
  EXPECT_EQ(open(kProcuracyHcm, StreamKind::procuracy, protest), "not_found");
  EXPECT_EQ(open(kOfficer1, StreamKind::procuracy, protest), "forbidden");
  ASSERT_EQ(open(kProcuracy, StreamKind::procuracy, protest, &id), "");
  const json reply{{"type", "replied"}, {"date", "2025-05-05"}, {"accepted", true}};
  EXPECT_EQ(act(kProcuracy, id, reply), "forbidden");  // the head answers
  EXPECT_EQ(act(kProcuracyHcm, id, reply), "not_found");
  EXPECT_EQ(act(kClerk, id, reply), "forbidden");
  ASSERT_EQ(act(kHead, id, reply), "");
  ASSERT_EQ(act(kHead, id, {{"type", "remedied"}, {"date", "2025-05-06"}}), "");
  EXPECT_EQ(read(kProcuracy, id), "");
  EXPECT_EQ(read(kProcuracyHcm, id), "not_found");
  // A clerk registers what the procuracy sends on paper.
  EXPECT_EQ(open(kClerk, StreamKind::procuracy,
                 {{"type", "recommendation"}, {"date", "2025-05-02"}, {"agency", "HN-KV1"},
                  {"procuracy", "VKSND TP Hà Nội"}, {"number", "13/KN-VKS"}}),
            "");
}

TEST_P(OversightUseCases, DenunciationsAreReadByHeadsAndSupervisorsOnly) {
  std::string id;
  ASSERT_EQ(open(kClerk, StreamKind::denunciation,
                 {{"type", "lodged"}, {"date", "2025-05-02"}, {"agency", "HN-KV1"},
                  {"denouncer", {{"name", "Người tố cáo"}}}, {"against", "officer"}},
                 &id),
            "");
  EXPECT_EQ(read(kHead, id), "");
  EXPECT_EQ(read(kSupervisor, id), "");
  EXPECT_EQ(read(kOfficer1, id), "forbidden");
  EXPECT_EQ(read(kClerk, id), "forbidden");
  EXPECT_EQ(read(kProcuracy, id), "forbidden");
  EXPECT_EQ(read(kSteering, id), "forbidden");
  EXPECT_EQ(act(kOfficer1, id, {{"type", "admitted"}, {"date", "2025-05-03"}}), "forbidden");
  ASSERT_EQ(act(kHead, id, {{"type", "admitted"}, {"date", "2025-05-03"}}), "");
  // Lists: the kind is refused, and left out of the counts.
  auto denied = list_streams_for(*store, kOfficer1, ListQuery{"denunciation", "", "", 100, 0});
  ASSERT_TRUE(std::holds_alternative<Refusal>(denied));
  EXPECT_EQ(std::get<Refusal>(denied).code, "forbidden");
  auto all = list_streams_for(*store, kOfficer1, ListQuery{"", "", "", 100, 0});
  ASSERT_TRUE(std::holds_alternative<StreamList>(all));
  EXPECT_EQ(std::get<StreamList>(all).total, 0);
  EXPECT_EQ(std::get<StreamList>(all).counts.count("denunciation"), 0u);
  auto head = list_streams_for(*store, kHead, ListQuery{"denunciation", "open", "", 100, 0});
  ASSERT_TRUE(std::holds_alternative<StreamList>(head));
  EXPECT_EQ(std::get<StreamList>(head).total, 1);
  EXPECT_EQ(std::get<StreamList>(head).counts.at("denunciation"), 1);
}

TEST_P(OversightUseCases, RequestsOfTheOfficersCasesWithTheFreezeBudget) {
  auto sent = [](const char* purpose, int64_t amount, const char* body = "HN-NH-1", const char* case_id = "HN-1") {
    json j{{"type", "sent"},   {"date", "2025-05-05"}, {"agency", "HN-KV1"}, {"case", case_id},
           {"body", body},     {"purpose", purpose},   {"subject", {{"name", "Nguyễn Văn Bình"}, {"id_number", "001085012345"}}}};
    if (amount) j["amount"] = amount;
    return j;
  };
  std::string verify, freeze;
  EXPECT_EQ(open(kOfficer2, StreamKind::request, sent("verify_assets", 0)), "forbidden");  // not their case
  EXPECT_EQ(open(kClerk, StreamKind::request, sent("verify_assets", 0)), "forbidden");
  EXPECT_EQ(open(kOfficer1, StreamKind::request, sent("verify_assets", 0, "NO-SUCH")), "unknown_body");
  EXPECT_EQ(open(kOfficer1, StreamKind::request, sent("verify_assets", 0, "HN-NH-1", "NO-CASE")), "forbidden");
  EXPECT_EQ(open(kHead, StreamKind::request, sent("verify_assets", 0, "HN-NH-1", "NO-CASE")), "unknown_case");
  json other = sent("verify_assets", 0, "HN-NH-1", "HCM-1");
  other["agency"] = "HCM";
  EXPECT_EQ(open(kOfficer1, StreamKind::request, other), "not_found");  // another subtree
  ASSERT_EQ(open(kOfficer1, StreamKind::request, sent("verify_assets", 0), &verify), "");
  ASSERT_EQ(open(kOfficer1, StreamKind::request, sent("freeze_account", 30'000'000), &freeze), "");
  // 30 + 25 million frozen would exceed the 50 million owed (L.THADS Art. 67).
  EXPECT_EQ(open(kOfficer1, StreamKind::request, sent("freeze_account", 25'000'000)), "over_freeze");
  EXPECT_EQ(open(kHead, StreamKind::request, sent("freeze_account", 20'000'001)), "over_freeze");
  EXPECT_EQ(open(kOfficer1, StreamKind::request, sent("freeze_account", 20'000'000)), "");
  // Lifting the first frees its share of the budget.
  ASSERT_EQ(act(kOfficer1, freeze, {{"type", "lifted"}, {"date", "2025-05-06"}}), "");
  json later = sent("freeze_account", 30'000'000);
  later["date"] = "2025-05-06";
  EXPECT_EQ(open(kOfficer1, StreamKind::request, later), "");
  EXPECT_EQ(act(kOfficer2, verify, {{"type", "answered"}, {"date", "2025-05-07"}, {"result", "found"}}), "forbidden");
  EXPECT_EQ(act(kOfficer1, verify, {{"type", "answered"}, {"date", "2025-05-07"}, {"result", "found"}}), "");
  EXPECT_EQ(act(kOfficer1, verify, {{"type", "lifted"}, {"date", "2025-05-07"}}), "bad_transition");
  // The same budget as the import: a file line over it is refused too.
  std::istringstream in(R"({"kind":"request","id":"IMP-1","seq":1,"type":"sent","date":"2025-05-08","agency":"HN-KV1","case":"HN-1","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"},"amount":1})");
  ImportOptions o;
  o.now_unix = now;
  auto r = import_jsonl(*store, in, o);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals.front().refusal.code, "over_freeze");
}

// Two officers freeze for one case at the same moment: the write transaction
// serialises them, so exactly one of two freezes that together exceed the
// debt is recorded (issue 16; L.THADS Art. 67).
TEST_P(OversightUseCases, TwoFreezesAtOnceNeverExceedTheDebt) {
  const json freeze{{"type", "sent"},     {"date", "2025-05-05"},        {"agency", "HN-KV1"},
                    {"case", "HN-1"},     {"body", "HN-NH-1"},           {"purpose", "freeze_account"},
                    {"amount", 30000000}, {"subject", {{"name", "Nguyễn Văn Bình"}, {"id_number", "001085012345"}}}};
  std::atomic<int> accepted{0}, over{0};
  auto run = [&] {
    auto own = Store::open(location);
    auto r = open_stream(*own, kOfficer1, StreamKind::request, "", freeze, now);
    if (std::holds_alternative<ActRecorded>(r)) ++accepted;
    else if (std::get<Refusal>(r).code == "over_freeze") ++over;
  };
  std::thread a(run), b(run);
  a.join();
  b.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(over.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, OversightUseCases, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::oversight
