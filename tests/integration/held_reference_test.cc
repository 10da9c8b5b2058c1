// Reference data held by a server (issue 18): the agency tree of ReadCache
// is kept across the journal's moves that change no agency (a case event, an
// account) and read again at once when an agency is added or changed,
// whichever store handle wrote it (another server process); the positions
// of reference kinds behind it (AgencyPositions::kind_position) move only
// with entries of those kinds. The cache re-reads the journal's position on
// every call (recheck 0 s), as a server finds a write made through it.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/backends.h"
#include "../support/record_as.h"
#include "app/import.h"
#include "app/read_cache.h"
#include "http_test_support.h"

namespace thads {
namespace {

class HeldReference : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    location_ = testing::fresh_location(GetParam());
    store_ = Store::open(location_);
    add(*store_, testing::web_seed());
  }

  static void add(Store& store, const std::string& jsonl) {
    std::istringstream in(jsonl);
    ImportOptions o;
    o.now_unix = 1'750'000'000;
    const ImportResult r = import_jsonl(store, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << ": " << r.refusals.front().refusal.message;
  }

  std::string location_;
  std::unique_ptr<Store> store_;
  ReadCache cache_{0.0};
};

TEST_P(HeldReference, TheAgencyTreeOutlivesCaseWritesAndFollowsEveryAgencyChangeAtOnce) {
  const auto first = cache_.tree(*store_);
  ASSERT_TRUE(first->find("HN-KV1"));
  EXPECT_EQ(cache_.tree(*store_), first);

  // Another store handle (another server) records a case event: the journal
  // moved, no agency changed; the same tree is served.
  auto other = Store::open(location_);
  auto v = case_summary(other->db(), "HN-1");
  ASSERT_TRUE(v);
  auto rec = record_as_head(*other, "HN-1", v->version,
                                     {{"type", "collected"}, {"date", "2025-05-30"}, {"amount", 1000}, {"method", "voluntary"}},
                                     "officer1", 1'750'000'000);
  ASSERT_TRUE(std::holds_alternative<Recorded>(rec));
  EXPECT_EQ(cache_.tree(*store_), first);

  // An agency added through the other handle is in the next tree.
  add(*other, R"({"kind":"agency","code":"HN-KV3","name":"Phòng Thi hành án dân sự khu vực 3 - Hà Nội","level":"region","parent":"HN"})" "\n");
  const auto second = cache_.tree(*store_);
  EXPECT_NE(second, first);
  auto kv3 = second->find("HN-KV3");
  ASSERT_TRUE(kv3);
  EXPECT_TRUE(second->within(*kv3, *second->find("HN")));
  EXPECT_EQ(cache_.tree(*store_), second);

  // A change of an agency's name (a reference_change) is in the next tree too.
  add(*other, R"({"kind":"reference_change","record":"agency","key":"HN-KV3","seq":1,"name":"Phòng Thi hành án dân sự khu vực 3 - TP Hà Nội","reason":"đổi tên"})" "\n");
  const auto third = cache_.tree(*store_);
  EXPECT_NE(third, second);
  EXPECT_EQ(third->at(*third->find("HN-KV3")).name, "Phòng Thi hành án dân sự khu vực 3 - TP Hà Nội");
}

TEST_P(HeldReference, AKindsPositionMovesOnlyWithEntriesOfThatKind) {
  const int64_t agencies = cache_.position_of(*store_, {"agency", "reference_change:agency"});
  const int64_t officers = cache_.position_of(*store_, {"officer"});
  auto v = case_summary(store_->db(), "HN-1");
  ASSERT_TRUE(v);
  ASSERT_TRUE(std::holds_alternative<Recorded>(record_as_head(
      *store_, "HN-1", v->version, {{"type", "collected"}, {"date", "2025-05-30"}, {"amount", 1000}, {"method", "voluntary"}},
      "officer1", 1'750'000'000)));
  EXPECT_EQ(cache_.position_of(*store_, {"agency", "reference_change:agency"}), agencies);
  EXPECT_EQ(cache_.position_of(*store_, {"officer"}), officers);
  add(*store_, R"({"kind":"officer","id":"HN-CHV-9","name":"Trần Văn Mới","agency":"HN-KV1","role":"enforcement_officer"})" "\n");
  EXPECT_EQ(cache_.position_of(*store_, {"agency", "reference_change:agency"}), agencies);
  const int64_t moved = cache_.position_of(*store_, {"officer"});
  EXPECT_GT(moved, officers);
  EXPECT_EQ(moved, cache_.position(*store_));
}

INSTANTIATE_TEST_SUITE_P(Backends, HeldReference, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads

namespace thads::testing {
namespace {

// Over HTTP: an agency an admin adds is in the scope checks of the very next
// request (its work queue is the supervisor's to read), while the case
// writes before it served the tree held since the first request.
TEST(HttpHeldReference, AnAgencyAddedByAnAdminIsInTheNextRequestsScope) {
  TestServer server;
  Client supervisor = server.client(), admin = server.client(), officer = server.client();
  ASSERT_EQ(supervisor.login("supervisor1"), 200);
  ASSERT_EQ(admin.login("admin1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  const int unknown = supervisor.get("/api/v1/deadlines?agency=HN-KV3").status;
  EXPECT_NE(unknown, 200);
  const std::string version = officer.get("/api/v1/cases/HN-1").json()["version"].dump();
  auto w = officer.post_form("/cases/HN-1/events", {{"type", "notified"}, {"date", "2025-01-15"}, {"expected_version", version}});
  EXPECT_EQ(w.status, 303) << w.body;
  EXPECT_EQ(supervisor.get("/api/v1/deadlines?agency=HN-KV3").status, unknown);
  ASSERT_EQ(admin.post_form("/admin/agencies", {{"code", "HN-KV3"}, {"name", "Phòng THADS khu vực 3 - Hà Nội"},
                                                {"level", "region"}, {"parent", "HN"}}).status, 303);
  EXPECT_EQ(supervisor.get("/api/v1/deadlines?agency=HN-KV3").status, 200);
}

}  // namespace
}  // namespace thads::testing
