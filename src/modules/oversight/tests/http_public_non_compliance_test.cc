// The public list of bodies that do not comply (NĐ 71/2016 Art. 30), over
// HTTP without a login: a file appears when `published` is recorded, shows
// only the fields the law names, is found ignoring diacritics, and drops off
// when `unpublished` is recorded or the publication is voided.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/integration/http_test_support.h"

namespace thads::testing {
namespace {

std::string admin_file(const std::string& id, const std::string& debtor, const std::string& level) {
  return R"({"kind":"admin_judgment","id":")" + id + R"(","seq":1,"type":"received","date":"2025-04-07","agency":"HN-KV1",)"
         R"("judgment":{"number":"4/2025/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội","date":"2025-02-10","effective_date":"2025-03-20"},)"
         R"("ruling":"annul_decision","debtor":{"name":")" + debtor + R"(","address":"Số 1 Lê Lai, Hà Nội","level":")" + level +
         R"("},"creditor":{"name":"Trần Thị Lan BÍ MẬT"},"obligation":"Hủy Quyết định số 215/QĐ-UBND"})" "\n" +
         R"({"kind":"admin_judgment","id":")" + id + R"(","seq":2,"type":"compel_order","date":"2025-06-02","number":"03/2025/QĐ-BTHA","court":"Tòa án nhân dân thành phố Hà Nội","order_date":"2025-05-28"})" "\n";
}
std::string act(const std::string& id, int seq, const std::string& rest) {
  return R"({"kind":"admin_judgment","id":")" + id + R"(","seq":)" + std::to_string(seq) + "," + rest + "}\n";
}

void import_into(const std::string& db, const std::string& text) {
  auto store = Store::open(db);
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = std::time(nullptr);
  auto r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
}

TEST(HttpPublicNonCompliance, ListsPublishedBodiesOnlyWithTheFieldsTheLawNames) {
  TestServer server(web_seed() + admin_file("HN-HC-1", "Ủy ban nhân dân phường Đống Đa", "commune") +
                    act("HN-HC-1", 3, R"("type":"published","date":"2025-06-05","portals":["province"])") +
                    admin_file("HN-HC-2", "Sở Tài nguyên và Môi trường", "other"));
  Client anon = server.client();
  auto r = anon.get("/api/v1/public/non-compliance");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  ASSERT_EQ(j["items"].size(), 1u);  // HN-HC-2 has a compel order but is not published
  const auto& item = j["items"][0];
  EXPECT_EQ(item["id"], "HN-HC-1");
  EXPECT_EQ(item["debtor"]["name"], "Ủy ban nhân dân phường Đống Đa");
  EXPECT_EQ(item["debtor"]["address"], "Số 1 Lê Lai, Hà Nội");
  EXPECT_EQ(item["compel_order"]["number"], "03/2025/QĐ-BTHA");
  EXPECT_EQ(item["compel_order"]["court"], "Tòa án nhân dân thành phố Hà Nội");
  EXPECT_EQ(item["compel_order"]["order_date"], "2025-05-28");
  EXPECT_EQ(item["obligation"], "Hủy Quyết định số 215/QĐ-UBND");
  EXPECT_EQ(item["portals"], nlohmann::json::array({"province"}));
  // Privacy: exactly these fields, nothing of the creditor or the judgment.
  std::vector<std::string> keys;
  for (auto& [k, v] : item.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"compel_order", "debtor", "id", "obligation", "portals"}));
  EXPECT_EQ(item["debtor"].size(), 2u);
  EXPECT_EQ(item["compel_order"].size(), 3u);
  EXPECT_EQ(r.body.find("BÍ MẬT"), std::string::npos);
  // Found ignoring diacritics and case; a name that is not there finds nothing.
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance?q=dong+da").json()["items"].size(), 1u);
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance?q=ĐỐNG").json()["items"].size(), 1u);
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance?q=tai+nguyen").json()["items"].size(), 0u);
  // The page, without a login.
  auto page = anon.get("/public/non-compliance?q=dong+da");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Ủy ban nhân dân phường Đống Đa"), std::string::npos);
  EXPECT_NE(page.body.find("Tổng số: 1"), std::string::npos);
  EXPECT_NE(page.body.find("Cổng thông tin điện tử cấp tỉnh"), std::string::npos);
  EXPECT_EQ(page.body.find("BÍ MẬT"), std::string::npos);

  // Complied while published: still listed until it is taken down.
  import_into(server.db(), act("HN-HC-1", 4, R"("type":"complied","date":"2025-07-01")"));
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance").json()["items"].size(), 1u);
  import_into(server.db(), act("HN-HC-1", 5, R"("type":"unpublished","date":"2025-07-02")"));
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance").json()["items"].size(), 0u);
  EXPECT_NE(anon.get("/public/non-compliance").body.find("id=\"nc-empty\""), std::string::npos);
  // Published again (a later file): shown again.
  import_into(server.db(), act("HN-HC-2", 3, R"("type":"published","date":"2025-07-03","portals":["national","province"])"));
  auto again = anon.get("/api/v1/public/non-compliance").json();
  ASSERT_EQ(again["items"].size(), 1u);
  EXPECT_EQ(again["items"][0]["portals"], nlohmann::json::array({"province", "national"}));
  // The publication entered in error and voided: dropped at once.
  import_into(server.db(), act("HN-HC-2", 4, R"("type":"voided","date":"2025-07-04","voids":3,"reason":"nhập nhầm")"));
  EXPECT_EQ(anon.get("/api/v1/public/non-compliance").json()["items"].size(), 0u);
}

}  // namespace
}  // namespace thads::testing
