// The answers the server holds at the journal's position (issues 14 and 15
// "Speed"; app/queue_answers.h, app/public_list.h): one agency's work queue
// per (scope, officer, day) and the public non-compliance search per
// (words, limit, offset). A held answer is replaced as soon as a write
// through the server changes what it answers (an act recorded, a voided act)
// and a new day is another answer; a queue held for one scope is never
// served to a user of another. The server here re-reads the journal's
// position only after its own writes (recheck_seconds: an hour), so every
// answer that follows a write proves that the write replaced the held one.
// Each answer is compared with the queue computed straight from the store.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"
#include "app/case_deadlines.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

http::ServerConfig holding() {
  http::ServerConfig cfg;
  cfg.recheck_seconds = 3600;
  return cfg;
}

// deadline_queue on a store of its own: what the server must answer.
std::string straight(const std::string& db, const std::string& agency, const std::string& officer, const std::string& day) {
  auto store = Store::open(db);
  QueueQuery q;
  q.agency = agency;
  q.officer = officer;
  q.today = *Date::parse(day);
  auto res = deadline_queue(*store, q);
  if (auto* r = std::get_if<Refusal>(&res)) return "refused: " + r->code;
  return to_json(std::get<std::vector<QueueItem>>(res), q.today);
}

bool lists(const std::string& body, const std::string& id) {
  const json j = json::parse(body);
  for (const auto& i : j["items"])
    if (i["case"] == id) return true;
  return false;
}

TEST(HttpHeldAnswers, TheQueueFollowsActsVoidsAndDaysAndNeverCrossesScopes) {
  TestServer server(web_seed(), holding());
  Client head = server.client(), officer = server.client(), sup = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(sup.login("supervisor1"), 200);
  const std::string day = "2025-05-10", q = "/api/v1/deadlines?today=" + day;

  auto r = head.get(q);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string first = r.body;
  EXPECT_EQ(first, straight(server.db(), "HN-KV1", "", day));
  EXPECT_EQ(head.get(q).body, first);  // held: the same answer
  EXPECT_FALSE(lists(first, "HN-KN-1"));

  // An act recorded: the held queue is replaced at once.
  r = head.post_json("/api/v1/oversight", {{"kind", "complaint"}, {"id", "HN-KN-1"}, {"type", "lodged"},
                                           {"date", "2025-05-02"}, {"agency", "HN-KV1"}, {"case", "HN-1"},
                                           {"complainant", {{"name", "Nguyễn Văn Bình"}}}, {"against", "officer"},
                                           {"act", "coercion"}, {"act_known_date", "2025-04-20"}, {"level", 1}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string lodged = head.get(q).body;
  EXPECT_TRUE(lists(lodged, "HN-KN-1")) << lodged;
  EXPECT_EQ(lodged, straight(server.db(), "HN-KV1", "", day));

  // Admitted: the admission's deadline is met, the resolution's runs.
  r = head.post_json("/api/v1/oversight/HN-KN-1/acts", {{"type", "admitted"}, {"date", "2025-05-03"}, {"expected_seq", 1}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string admitted = head.get(q).body;
  EXPECT_NE(admitted, lodged);
  EXPECT_EQ(admitted, straight(server.db(), "HN-KV1", "", day));

  // The admission voided: the queue is the lodged one's again.
  r = head.post_json("/api/v1/oversight/HN-KN-1/acts",
                     {{"type", "voided"}, {"date", "2025-05-03"}, {"voids", 2}, {"reason", "Ghi nhầm"}, {"expected_seq", 2}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string voided = head.get(q).body;
  EXPECT_NE(voided, admitted);
  EXPECT_EQ(voided, straight(server.db(), "HN-KV1", "", day));

  // A new day is another answer (days late, due today, the horizon).
  const std::string later = head.get("/api/v1/deadlines?today=2025-05-20").body;
  EXPECT_NE(later, voided);
  EXPECT_EQ(later, straight(server.db(), "HN-KV1", "", "2025-05-20"));
  EXPECT_EQ(head.get(q).body, voided);

  // Scopes: the officer gets their own queue, not the agency's held one;
  // the supervisor's queue of HN-KV2 is HN-KV2's and is never served to the
  // head of HN-KV1, who may not ask for it.
  const std::string own = officer.get(q).body;
  EXPECT_EQ(own, straight(server.db(), "HN-KV1", "HN-CHV-1", day));
  EXPECT_EQ(officer.get(q + "&agency=HN-KV1").body, own);
  r = sup.get(q + "&agency=HN-KV2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, straight(server.db(), "HN-KV2", "", day));
  const json kv2 = json::parse(r.body);
  EXPECT_FALSE(kv2["items"].empty()) << r.body;
  for (const auto& i : kv2["items"]) EXPECT_EQ(i["agency"], "HN-KV2") << r.body;
  EXPECT_EQ(head.get(q + "&agency=HN-KV2").status, 404);
  EXPECT_EQ(head.get(q + "&agency=HN").status, 404);
  EXPECT_EQ(sup.get(q + "&agency=HN-KV1").body, voided);
  r = sup.get(q);  // the supervisor's own scope: the province
  EXPECT_EQ(r.body, straight(server.db(), "HN", "", day));
  EXPECT_NE(r.body, voided);

  // The page reads the same held items.
  auto page = head.get("/queue?today=10/05/2025");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/oversight/HN-KN-1\""), std::string::npos);
}

std::string published_file_seed() {
  return web_seed() +
         R"({"kind":"admin_judgment","id":"HN-HC-1","seq":1,"type":"received","date":"2025-04-07","agency":"HN-KV1",)"
         R"("judgment":{"number":"4/2025/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội","date":"2025-02-10","effective_date":"2025-03-20"},)"
         R"("ruling":"annul_decision","debtor":{"name":"Ủy ban nhân dân phường Đống Đa","address":"Số 1 Lê Lai, Hà Nội","level":"commune"},)"
         R"("creditor":{"name":"Trần Thị Lan"},"obligation":"Hủy Quyết định số 215/QĐ-UBND"})" "\n"
         R"({"kind":"admin_judgment","id":"HN-HC-1","seq":2,"type":"officer_assigned","date":"2025-04-08","officer":"HN-CHV-1"})" "\n"
         R"({"kind":"admin_judgment","id":"HN-HC-1","seq":3,"type":"compel_order","date":"2025-06-02","number":"03/2025/QĐ-BTHA","court":"Tòa án nhân dân thành phố Hà Nội","order_date":"2025-05-28"})" "\n";
}

TEST(HttpHeldAnswers, ThePublicSearchFollowsPublicationVoidsAndWithdrawal) {
  TestServer server(published_file_seed(), holding());
  Client anon = server.client(), officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const std::string q = "/api/v1/public/non-compliance?q=dong+da";
  auto items = [&](const std::string& target) {
    auto r = anon.get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["items"];
  };
  EXPECT_EQ(items(q).size(), 0u);
  EXPECT_EQ(items("/api/v1/public/non-compliance").size(), 0u);

  auto act = [&](const json& body) {
    auto r = officer.post_json("/api/v1/oversight/HN-HC-1/acts", body);
    ASSERT_EQ(r.status, 201) << r.body;
  };
  act({{"type", "published"}, {"date", "2025-06-05"}, {"portals", {"province"}}, {"expected_seq", 3}});
  auto found = items(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], "HN-HC-1");
  EXPECT_EQ(found[0]["portals"], json::array({"province"}));
  EXPECT_EQ(items(q), found);  // held
  EXPECT_EQ(items("/api/v1/public/non-compliance").size(), 1u);
  EXPECT_EQ(items(q + "&offset=1").size(), 0u);
  EXPECT_EQ(items("/api/v1/public/non-compliance?q=hoan+kiem").size(), 0u);

  // The publication voided: off the list at once.
  act({{"type", "voided"}, {"date", "2025-06-05"}, {"voids", 4}, {"reason", "Ghi nhầm"}, {"expected_seq", 4}});
  EXPECT_EQ(items(q).size(), 0u);
  EXPECT_EQ(items("/api/v1/public/non-compliance").size(), 0u);

  // Published again with more portals, then taken down.
  act({{"type", "published"}, {"date", "2025-06-06"}, {"portals", {"province", "national"}}, {"expected_seq", 5}});
  found = items(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["portals"], json::array({"province", "national"}));
  act({{"type", "unpublished"}, {"date", "2025-07-02"}, {"expected_seq", 6}});
  EXPECT_EQ(items(q).size(), 0u);
  EXPECT_EQ(items("/api/v1/public/non-compliance").size(), 0u);
}

}  // namespace
}  // namespace thads::testing
