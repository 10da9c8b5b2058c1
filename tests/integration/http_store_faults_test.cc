// A store fault in the middle of an API write (issue 12 item 3,
// docs/security/faults.md): every connection the server opens is a
// FaultyDb (store/faulty_db.h); the write transaction's commit fails with a
// full disk, then with a lost connection (on PostgreSQL the server process
// of the connection is really ended). The client gets the stable JSON error
// (503, code `store_unavailable`, with Retry-After: docs/security/faults.md), the
// store holds nothing of the write, and the same request then succeeds on
// the same server (the pooled PostgreSQL connection is opened again).
// Runs on SQLite, and on PostgreSQL under HttpSuites.OnPostgres.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "http_test_support.h"
#include "store/faulty_db.h"

namespace thads::testing {
namespace {

class HttpStoreFaults : public ::testing::Test {
 protected:
  HttpStoreFaults()
      : scope_([this](std::unique_ptr<Db> db, const std::string& location) {
          // The server's connections only; the test's own (the seed, the
          // checks) are plain.
          if (std::this_thread::get_id() == test_thread_) return db;
          auto f = std::make_unique<FaultyDb>(std::move(db), location);
          std::lock_guard lock(mu_);
          wrapped_.push_back(f.get());
          return std::unique_ptr<Db>(std::move(f));
        }) {}

  // Arms the next write commit of every connection the server opened.
  void fail_next_write_commit(Fault f) {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_) db->fail_commit(f);
  }
  void disarm() {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_) db->disarm();
  }
  int64_t version_of_hn1() {
    auto store = Store::open(server_.db());
    return store->version_of("HN-1");
  }

  const std::thread::id test_thread_ = std::this_thread::get_id();
  std::mutex mu_;
  std::vector<FaultyDb*> wrapped_;  // owned by the stores, alive until the server stops
  DbWrapperScope scope_;            // before the server: its stores are wrapped
  TestServer server_;
};

TEST_F(HttpStoreFaults, AFailedCommitAnswersAStableErrorAndWritesNothing) {
  Client officer = server_.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const nlohmann::json write{{"expected_version", 3}, {"event", {{"type", "notified"}, {"date", "2024-11-20"}}}};
  for (const Fault f : {Fault::disk_full, Fault::connection_lost}) {
    SCOPED_TRACE(std::string(to_string(f)));
    fail_next_write_commit(f);
    const HttpResponse r = officer.post_json("/api/v1/cases/HN-1/events", write);
    disarm();
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.json()["error"].value("code", ""), "store_unavailable") << r.body;
    EXPECT_EQ(r.header("retry-after"), "5");
    EXPECT_EQ(r.body.find("StoreError"), std::string::npos) << "no internals in the answer: " << r.body;
    EXPECT_EQ(version_of_hn1(), 3) << "half a write";
  }
  const HttpResponse ok = officer.post_json("/api/v1/cases/HN-1/events", write);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(version_of_hn1(), 4);
  auto store = Store::open(server_.db());
  EXPECT_TRUE(store->verify_audit().ok);
}

}  // namespace
}  // namespace thads::testing
