// The published checkpoints of the audit chain (issue 12 item 4,
// docs/security/audit-chain.md "Published"): `GET /api/v1/audit/checkpoints`
// and the page `/kiem-chung` need no login, carry no case data, list the
// checkpoints newest first with paging, and each item is the JSON that
// `thads verify-audit --checkpoint FILE` reads: one downloaded from the API
// verifies offline with the command, and an altered one does not.
// Runs on SQLite, and on PostgreSQL under HttpSuites.OnPostgres.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "../support/run_command.h"
#include "http_test_support.h"
#include "store/audit_keys.h"

namespace thads::testing {
namespace {

class HttpAuditPublic : public ::testing::Test {
 protected:
  // Three more checkpoints after the seed's (its import signed one): each
  // after an account change, so that the head moved.
  void SetUp() override {
    auto store = Store::open(server_.db());
    for (int i = 1; i <= 3; ++i) {
      auto r = add_user(*store, NewUser{"cp-user-" + std::to_string(i), "supervisor", "HN", ""}, kPassword, "test",
                        server_.now());
      ASSERT_TRUE(std::holds_alternative<User>(r));
      store->checkpoint();
    }
    head_ = store->journal_position();
    store_id_ = store->store_id();
    total_ = static_cast<int64_t>(store->checkpoints().size());
  }

  TestServer server_;
  int64_t head_ = 0;
  std::string store_id_;
  int64_t total_ = 0;
};

TEST_F(HttpAuditPublic, AnyoneReadsTheCheckpointsNewestFirstPageByPage) {
  ASSERT_GE(total_, 4);
  Client anyone = server_.client();  // no session
  const HttpResponse r = anyone.get("/api/v1/audit/checkpoints");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json j = r.json();
  EXPECT_EQ(j.value("public_key", ""), audit_keys().public_hex());
  EXPECT_EQ(j.value("public_key", "").size(), 64u);
  EXPECT_EQ(j.value("store_id", ""), store_id_);
  EXPECT_EQ(j.value("total", 0), total_);
  ASSERT_EQ(static_cast<int64_t>(j["items"].size()), total_);
  EXPECT_EQ(j["items"][0].value("pos", 0), head_) << "the newest checkpoint signs the head";
  for (size_t i = 1; i < j["items"].size(); ++i)
    EXPECT_LT(j["items"][i].value("pos", 0), j["items"][i - 1].value("pos", 0)) << "newest first";
  EXPECT_TRUE(j["next"].is_null());
  // No case data: neither a case id nor a party's name.
  EXPECT_EQ(r.body.find("HN-1"), std::string::npos);
  EXPECT_EQ(r.body.find("Nguyễn"), std::string::npos);

  // Paging: two at a time, following `next`, gives the same list.
  std::vector<int64_t> paged;
  std::string next = "/api/v1/audit/checkpoints?limit=2";
  while (!next.empty()) {
    const HttpResponse p = anyone.get(next);
    ASSERT_EQ(p.status, 200) << p.body;
    const nlohmann::json pj = p.json();
    EXPECT_LE(pj["items"].size(), 2u);
    for (const auto& c : pj["items"]) paged.push_back(c.value("pos", 0));
    next = pj["next"].is_string() ? pj["next"].get<std::string>() : "";
    ASSERT_LE(paged.size(), static_cast<size_t>(total_)) << "paging does not end";
  }
  ASSERT_EQ(static_cast<int64_t>(paged.size()), total_);
  for (size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], j["items"][i].value("pos", 0));

  for (const std::string bad : {"?limit=0", "?limit=201", "?limit=x", "?before=-1", "?before=1e3"}) {
    const HttpResponse b = anyone.get("/api/v1/audit/checkpoints" + bad);
    EXPECT_EQ(b.status, 400) << bad;
    EXPECT_EQ(b.json()["error"].value("code", ""), "bad_field") << bad;
  }
}

TEST_F(HttpAuditPublic, ADownloadedCheckpointVerifiesOfflineWithTheCommand) {
  Client anyone = server_.client();
  const HttpResponse r = anyone.get("/api/v1/audit/checkpoints?limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json item = r.json()["items"][0];
  const std::string key = r.json().value("public_key", "");
  const std::string dir = temp_dir();
  std::ofstream(dir + "/cp.json", std::ios::binary) << item.dump() << "\n";
  const std::string thads = THADS_BINARY;
  int rc = -1;
  std::string out = output_of(thads + " verify-audit --db '" + server_.db() + "' --checkpoint " + dir +
                                  "/cp.json --public-key " + key,
                              &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("audit chain intact"), std::string::npos) << out;
  // The same checkpoint with another hash is no checkpoint of this installation.
  nlohmann::json forged = item;
  std::string h = forged.value("hash", "");
  h[0] = h[0] == '0' ? '1' : '0';
  forged["hash"] = h;
  std::ofstream(dir + "/forged.json", std::ios::binary) << forged.dump() << "\n";
  out = output_of(thads + " verify-audit --db '" + server_.db() + "' --checkpoint " + dir + "/forged.json --public-key " +
                      key,
                  &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("BROKEN"), std::string::npos) << out;
}

TEST_F(HttpAuditPublic, ThePageListsThemInVietnameseWithoutLogin) {
  Client anyone = server_.client();
  const HttpResponse r = anyone.get("/kiem-chung");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Kiểm chứng nhật ký"), std::string::npos);
  EXPECT_NE(r.body.find(audit_keys().public_hex()), std::string::npos);
  EXPECT_NE(r.body.find(store_id_), std::string::npos);
  EXPECT_NE(r.body.find("thads verify-audit --checkpoint"), std::string::npos) << "says how to verify";
  // One row per checkpoint, each with its moment as dd/mm/yyyy hh:mm.
  size_t rows = 0;
  for (size_t at = r.body.find("<tr class=\"checkpoint\">"); at != std::string::npos;
       at = r.body.find("<tr class=\"checkpoint\">", at + 1))
    ++rows;
  EXPECT_EQ(static_cast<int64_t>(rows), total_);
  EXPECT_TRUE(std::regex_search(r.body, std::regex(R"(<td>\d{2}/\d{2}/\d{4} \d{2}:\d{2}</td>)"))) << r.body;
  EXPECT_NE(r.body.find("<td class=\"num\">" + std::to_string(head_) + "</td>"), std::string::npos);
  EXPECT_EQ(r.body.find("HN-1"), std::string::npos) << "no case data";
  EXPECT_EQ(anyone.get("/kiem-chung?before=x").status, 400);
}

}  // namespace
}  // namespace thads::testing
