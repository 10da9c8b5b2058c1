// The admin-judgments report over HTTP: the API answers the CLI's JSON for
// the reader's subtree, the page shows each figure with a link to the files it
// counts, the spreadsheets download, and another subtree is refused.
#include <gtest/gtest.h>

#include "../../../../tests/integration/http_test_support.h"

namespace thads::testing {
namespace {

std::string file(const std::string& id, const std::string& agency, const std::string& debtor, const std::string& more) {
  return R"({"kind":"admin_judgment","id":")" + id + R"(","seq":1,"type":"received","date":"2025-04-07","agency":")" + agency +
         R"(","judgment":{"number":"4/2025/HC-ST","court":"TAND Hà Nội","date":"2025-02-10","effective_date":"2025-03-20"},)"
         R"("ruling":"annul_decision","debtor":{"name":")" + debtor + R"(","level":"commune"},"creditor":{"name":"B"},"obligation":"Hủy quyết định"})" "\n" + more;
}

TEST(HttpAdminReport, ApiPageDrillDownAndScope) {
  TestServer server(web_seed() +
                    file("HN-HC-1", "HN-KV1", "UBND phường Một",
                         R"({"kind":"admin_judgment","id":"HN-HC-1","seq":2,"type":"compel_order","date":"2025-06-02","number":"1/QĐ","court":"TAND","order_date":"2025-05-28"})" "\n"
                         R"({"kind":"admin_judgment","id":"HN-HC-1","seq":3,"type":"escalated","date":"2025-06-03"})" "\n") +
                    file("HN-HC-2", "HN-KV1", "UBND phường Hai",
                         R"({"kind":"admin_judgment","id":"HN-HC-2","seq":2,"type":"complied","date":"2025-06-02"})" "\n") +
                    file("HCM-HC-1", "HCM", "UBND phường Ba", ""));
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  auto api = head.get("/api/v1/reports/admin-judgments?from=2024-10-01&to=2025-09-30&agency=HN-KV1");
  ASSERT_EQ(api.status, 200) << api.body;
  auto j = api.json();
  EXPECT_EQ(j["form"], "admin-judgments");
  EXPECT_EQ(j["columns"]["total"], 2);  // HCM's file is another subtree
  EXPECT_EQ(j["columns"]["complied"], 1);
  EXPECT_EQ(j["columns"]["with_compel_order"], 1);
  EXPECT_DOUBLE_EQ(j["columns"]["complied_rate"].get<double>(), 50.0);
  EXPECT_EQ(head.get("/api/v1/reports/admin-judgments?from=2024-10-01&to=2025-09-30&agency=HCM").status, 403);
  EXPECT_EQ(head.get("/api/v1/reports/no-such-form").status, 404);
  auto page = head.get("/reports/admin-judgments?from=2024-10-01&to=2025-09-30&agency=HN-KV1&show=with_compel_order");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("id=\"ajr-with_compel_order\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/oversight/HN-HC-1\""), std::string::npos);  // the file the figure counts
  EXPECT_EQ(page.body.find("href=\"/oversight/HN-HC-2\""), std::string::npos);  // complied: not compelled
  EXPECT_NE(page.body.find("50,00"), std::string::npos);
  auto xlsx = head.get("/reports/admin-judgments?from=2024-10-01&to=2025-09-30&agency=HN-KV1&form=admin-register&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(head.get("/reports/admin-judgments?from=2024-10-01&to=2025-09-30&agency=HCM").status, 403);
  // The dashboard's block: the open file, its overdue acts, the escalated list.
  auto dash = head.get("/dashboard?agency=HN-KV1");
  ASSERT_EQ(dash.status, 200) << dash.body;
  EXPECT_NE(dash.body.find("id=\"admin-judgments\""), std::string::npos);
  EXPECT_NE(dash.body.find("show=with_compel_order#files\">1</a>"), std::string::npos);
  EXPECT_NE(dash.body.find("href=\"/oversight/HN-HC-1\""), std::string::npos);  // escalated
  EXPECT_EQ(dash.body.find("href=\"/oversight/HCM-HC-1\""), std::string::npos);
}

}  // namespace
}  // namespace thads::testing
