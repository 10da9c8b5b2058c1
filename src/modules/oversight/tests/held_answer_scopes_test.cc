// A work queue held for one agency's subtree outlives the writes of other
// agencies (issue 15 "Speed"; app/agency_positions.h): the answer served is
// the very one held (the same object) until a write reaches the subtree
// asked for (a case event of one of its cases, an act of one of its
// oversight streams) or every subtree (reference data); accounts change no
// queue. Every answer that is computed again equals the queue computed
// straight from the store. The cache re-reads the journal's position on
// every request (recheck 0 s), so the writes here are found as a second
// server would find a write made through the first.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "../../../../tests/support/backends.h"
#include "app/accounts.h"
#include "app/case_deadlines.h"
#include "app/import.h"
#include "app/queue_answers.h"
#include "app/read_cache.h"

namespace thads {
namespace {

const Date kToday = *Date::parse("2025-05-10");

class HeldAnswerScopes : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store_ = Store::open(testing::fresh_location(GetParam()));
    add(testing::web_seed());
  }

  void add(const std::string& jsonl) {
    std::istringstream in(jsonl);
    ImportOptions o;
    o.now_unix = (static_cast<int64_t>(kToday.days()) + 1) * 86400;
    const ImportResult r = import_jsonl(*store_, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << ": " << r.refusals.front().refusal.message;
  }

  std::shared_ptr<const QueueAnswer> queue(const std::string& agency) {
    QueueQuery q;
    q.agency = agency;
    q.today = kToday;
    auto res = held_deadline_queue(*store_, cache_, q);
    EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const QueueAnswer>>(res)) << agency;
    auto a = std::get<std::shared_ptr<const QueueAnswer>>(res);
    // Held or not, the answer is the store's.
    auto straight = deadline_queue(*store_, q);
    EXPECT_EQ(a->json, to_json(std::get<std::vector<QueueItem>>(straight), kToday)) << agency;
    return a;
  }

  // Each agency's answer now; then which of them are the same objects as
  // `before`'s.
  std::map<std::string, std::shared_ptr<const QueueAnswer>> all() {
    std::map<std::string, std::shared_ptr<const QueueAnswer>> m;
    for (const char* a : {"CQL", "HN", "HN-KV1", "HN-KV2", "HCM"}) m[a] = queue(a);
    return m;
  }
  static std::string held(const std::map<std::string, std::shared_ptr<const QueueAnswer>>& before,
                          const std::map<std::string, std::shared_ptr<const QueueAnswer>>& after) {
    std::string out;
    for (const auto& [agency, a] : after)
      if (before.at(agency) == a) out += (out.empty() ? "" : " ") + agency;
    return out;
  }

  std::unique_ptr<Store> store_;
  ReadCache cache_{0.0};
};

TEST_P(HeldAnswerScopes, AWriteRecomputesOnlyTheQueuesOfItsAgencyAndAbove) {
  auto first = all();
  EXPECT_EQ(held(first, all()), "CQL HCM HN HN-KV1 HN-KV2");  // nothing written: every answer held

  // A case opened in HN-KV2: its queue, its province's and the country's
  // are computed again; HN-KV1's and HCM's stay held.
  add(R"({"kind":"event","case":"HN-9","seq":1,"type":"case_opened","date":"2025-05-05","agency":"HN-KV2","mode":"proactive","judgment_kind":"civil","judgment":{"number":"9/2025/DS-ST","court":"Tòa án nhân dân khu vực 2 - Hà Nội","date":"2025-03-02","effective_date":"2025-04-01"},"debtor":{"name":"Đỗ Văn Hải","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":3000000}]})"
      "\n");
  auto second = all();
  EXPECT_EQ(held(first, second), "HCM HN-KV1");
  EXPECT_NE(first["HN-KV2"]->json, second["HN-KV2"]->json);  // the new case's deadlines are in it

  // A complaint lodged against an officer of HN-KV1 (an oversight stream).
  add(R"({"kind":"complaint","id":"HN-KN-1","seq":1,"type":"lodged","date":"2025-05-02","agency":"HN-KV1","case":"HN-1","complainant":{"name":"Nguyễn Văn Bình"},"against":"officer","act":"coercion","act_known_date":"2025-04-20","level":1})"
      "\n");
  auto third = all();
  EXPECT_EQ(held(second, third), "HCM HN-KV2");
  EXPECT_NE(second["HN-KV1"]->json, third["HN-KV1"]->json);

  // An account: no queue changes.
  ensure_account_schema(store_->db());
  ASSERT_TRUE(std::holds_alternative<User>(
      add_user(*store_, NewUser{"truongphong2", "head", "HN-KV2", ""}, "mat-khau-rat-dai-2025", "test", 1)));
  auto fourth = all();
  EXPECT_EQ(held(third, fourth), "CQL HCM HN HN-KV1 HN-KV2");

  // A holiday (reference data): every queue is computed again.
  add(R"({"kind":"holiday","date":"2025-05-12","type":"day_off","name":"Nghỉ bù"})" "\n");
  auto fifth = all();
  EXPECT_EQ(held(fourth, fifth), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, HeldAnswerScopes, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
